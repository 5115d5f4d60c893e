import type { Command } from '../command.ts';
import { doctorCommand } from './doctor.ts';
import { lookupCommand } from './lookup.ts';

// Every `ccpos` subcommand, in the order `ccpos help` lists them.
export const commands: Command[] = [
  doctorCommand,
  lookupCommand,
];
