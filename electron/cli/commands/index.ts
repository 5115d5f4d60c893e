import type { Command } from '../command.ts';
import { checkoutCommand } from './checkout.ts';
import { doctorCommand } from './doctor.ts';
import { journalCommand } from './journal.ts';
import { lookupCommand } from './lookup.ts';
import { operatorsCommand } from '../../operators/command.ts';
import { queueCommand } from './queue.ts';
import { replayCommand } from './replay.ts';
import { sandboxCommand } from './sandbox.ts';

// Every `ccpos` subcommand, in the order `ccpos help` lists them.
export const commands: Command[] = [
  doctorCommand,
  lookupCommand,
  queueCommand,
  replayCommand,
  journalCommand,
  checkoutCommand,
  sandboxCommand,
  operatorsCommand,
];
