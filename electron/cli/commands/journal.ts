// `ccpos journal`: the journal's identity, and a manager's way out when the terminal refuses
// a journal that is not the one it kept (docs/ARCHITECTURE.md, "damage").
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { UsageError, EXIT_FAILED, EXIT_OK, type CliIO, type Command } from '../command.ts';
import { Journal } from '../../journal/journal.ts';
import { JournalUnavailableError } from '../../journal/errors.ts';
import { journalFile } from '../../sync/journal-file.ts';
import { configFlagOptions, configFlagsOf, loadTerminal } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import type { JournalIdentity } from '../../journal/identity.ts';

const usage = `journal status
       ccpos journal adopt --by NAME   (accept the journal on disk as this terminal's after it was refused)
       (each also takes ${CONFIG_FLAG_USAGE})`;

const options = {
  by: { type: 'string' },
  ...configFlagOptions,
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const when = (at: number | null) => (at === null ? 'never' : new Date(at).toISOString());

function identityLines(identity: JournalIdentity): string[] {
  return [
    `journal id ${identity.fileId}`,
    `entries up to no. ${identity.highestEntryId}`,
    `last checkpoint ${when(identity.checkpointedAt)}`,
  ];
}

export const journalCommand: Command = {
  name: 'journal',
  summary: "check the offline journal is this terminal's own, or adopt the one on disk",
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parse(args);
    const action = positionals[0];
    if (action !== 'status' && action !== 'adopt') throw new UsageError('Say what to do: status or adopt.');
    const terminal = loadTerminal(io.env, configFlagsOf(values));
    const file = journalFile(terminal.dataDir);
    if (action === 'status') {
      let journal: Journal;
      try {
        journal = Journal.open(file);
      } catch (error) {
        if (!(error instanceof JournalUnavailableError)) throw error;
        io.err(error.message);
        return EXIT_FAILED;
      }
      try {
        io.out(`The offline journal at ${file} is this terminal's own.`);
        for (const line of identityLines(journal.identity())) io.out(`  ${line}`);
      } finally {
        journal.close();
      }
      return EXIT_OK;
    }
    // Adopting gives up on whatever the old journal held: who did it goes into the audit.
    if (!values.by?.trim())
      throw new UsageError(
        `Adopting a journal needs --by "manager's name" (the audit keeps it; you are ${userInfo().username}).`,
      );
    const { journal, previous, setAside, identity } = Journal.adopt(file, values.by.trim());
    try {
      io.out(`The offline journal at ${file} is now this terminal's own; sales can be taken again.`);
      for (const line of identityLines(identity)) io.out(`  ${line}`);
      if (previous)
        io.out(
          `The record it replaces expected entries up to no. ` +
            `${previous.highestEntryId} (last checkpoint ${when(previous.checkpointedAt)}); ` +
            `sales after no. ${identity.highestEntryId} in the old journal will not reach ` +
            `CareCloud from this terminal.`,
        );
      if (setAside) io.out(`The old record is kept as ${setAside}.`);
    } finally {
      journal.close();
    }
    return EXIT_OK;
  },
};
