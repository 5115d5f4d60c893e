import type { Command } from '../command.ts';

// Every `ccpos` subcommand, in the order `ccpos help` lists them.
export const commands: Command[] = [];
