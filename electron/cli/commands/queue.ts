// `ccpos queue`: the offline queue from a shell, through the same service the
// manager's screen uses.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { UsageError, EXIT_OK, type CliIO, type Command } from '../command.ts';
import { Journal } from '../../journal/journal.ts';
import {
  ENTRY_KINDS,
  ENTRY_STATES,
  type EntryFilter,
  type EntryKind,
  type EntryState,
} from '../../journal/types.ts';
import { QueueActions } from '../../sync/queue-manager.ts';
import { detailLines, entryLine } from '../../sync/cli-format.ts';
import { journalFile } from '../../sync/journal-file.ts';
import { configFlagOptions, configFlagsOf, loadTerminal } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import { writePrivateFile } from '../../config/file-modes.ts';

const usage =
  'queue list [--state S] [--kind K] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--customer ID] [--bill-id ID] ' +
  `[--limit N] [--offset N] [--json]
       ccpos queue show <entry> [--json]
       ccpos queue retry <entry> [--by NAME]
       ccpos queue void <entry> --reason TEXT [--by NAME]
       ccpos queue resend <entry> [--by NAME]   (a rejected purchase, without its refused vouchers and points)
       ccpos queue export --format csv|json [--out FILE] [--by NAME] [filters as for list]
       (each also takes ${CONFIG_FLAG_USAGE})`;

const options = {
  state: { type: 'string' },
  kind: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  customer: { type: 'string' },
  'bill-id': { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  json: { type: 'boolean' },
  reason: { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  ...configFlagOptions,
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function day(text: string, flag: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime() : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--${flag} must be a date like 2026-11-28.`);
  return ms;
}

function count(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number.`);
  return Number(text);
}

function filterOf(values: Values): EntryFilter {
  const filter: EntryFilter = {};
  if (values.state) {
    const states = values.state.split(',');
    for (const s of states)
      if (!(ENTRY_STATES as readonly string[]).includes(s))
        throw new UsageError(`--state must be one of ${ENTRY_STATES.join(', ')}.`);
    filter.state = states as EntryState[];
  }
  if (values.kind) {
    if (!(ENTRY_KINDS as readonly string[]).includes(values.kind))
      throw new UsageError(`--kind must be one of ${ENTRY_KINDS.join(', ')}.`);
    filter.kind = values.kind as EntryKind;
  }
  if (values.from) filter.from = day(values.from, 'from');
  if (values.to) filter.to = day(values.to, 'to') + 86_400_000;
  if (values.customer) filter.customerId = values.customer;
  if (values['bill-id']) filter.billId = values['bill-id'];
  return filter;
}

function entryId(positionals: string[]): number {
  const text = positionals[1];
  if (!text || !/^\d+$/.test(text))
    throw new UsageError('Name the journal entry by its number, as `ccpos queue list` shows it.');
  return Number(text);
}

const actorOf = (values: Values) => values.by?.trim() || `support:${userInfo().username}`;

export const queueCommand: Command = {
  name: 'queue',
  summary: 'list, inspect, retry, void, resend and export the offline queue',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parse(args);
    const action = positionals[0];
    if (!action || !['list', 'show', 'retry', 'void', 'resend', 'export'].includes(action))
      throw new UsageError('Say what to do: list, show, retry, void, resend or export.');
    const terminal = loadTerminal(io.env, configFlagsOf(values));
    const journal = Journal.open(journalFile(terminal.dataDir));
    try {
      const manager = new QueueActions({ journal, terminal: { timeZone: terminal.settings.timeZone } });
      switch (action) {
        case 'list': {
          const page = manager.list(filterOf(values), {
            limit: count(values.limit, 'limit', 50),
            offset: count(values.offset, 'offset', 0),
          });
          if (values.json) {
            io.out(JSON.stringify(page, null, 2));
            break;
          }
          for (const entry of page.entries) io.out(entryLine(entry));
          const counts = Object.entries(page.counts)
            .map(([state, n]) => `${state} ${n}`)
            .join(', ');
          io.out(`${page.entries.length} of ${page.total} shown; ${counts}`);
          break;
        }
        case 'show': {
          const detail = manager.show(entryId(positionals));
          if (values.json) io.out(JSON.stringify(detail, null, 2));
          else for (const line of detailLines(detail)) io.out(line);
          break;
        }
        case 'retry': {
          const entry = manager.retry(entryId(positionals), actorOf(values));
          io.out(`Entry ${entry.id} (${entry.billId ?? '-'}) will be sent on the next replay.`);
          break;
        }
        case 'void': {
          if (!values.reason?.trim()) throw new UsageError('Voiding needs --reason "why".');
          const entry = manager.void(entryId(positionals), values.reason, actorOf(values));
          io.out(`Entry ${entry.id} (${entry.billId ?? '-'}) is voided.`);
          break;
        }
        case 'resend': {
          const created = manager.resendWithoutBenefits(entryId(positionals), actorOf(values));
          io.out(
            `Entry ${created.replaces} is resent as entry ${created.id} with bill_id ${created.billId ?? '-'}.`,
          );
          break;
        }
        case 'export': {
          if (values.format !== 'csv' && values.format !== 'json')
            throw new UsageError('--format must be csv or json.');
          const out = values.out;
          const { count: exported } = manager.export(
            filterOf(values),
            values.format,
            actorOf(values),
            (text) => (out ? writePrivateFile(out, text) : io.out(text.trimEnd())),
          );
          if (out) io.out(`${exported} entries written to ${out}.`);
          break;
        }
      }
      return EXIT_OK;
    } finally {
      journal.close();
    }
  },
};
