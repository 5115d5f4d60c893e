// `ccpos replay`: sends the offline queue now, prints each entry's final state, and
// exits non-zero while anything is still waiting to reach CareCloud. It always ends
// within its time budget: it never waits on an entry it cannot take.
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from '../command.ts';
import { configFlagOptions, configFlagsOf, openSync } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import { entryLine } from '../../sync/cli-format.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { Journal } from '../../journal/journal.ts';
import type { JournalEntry } from '../../journal/types.ts';

/** Entries due again within this long (after a 429 or a 5xx) are waited for rather than left behind. */
const WAIT_FOR_RETRIES_MS = 30_000;
const DEFAULT_BUDGET_SECONDS = 600;

interface ReplaySummary {
  /** Every entry this run sent, as the journal has it now. */
  entries: JournalEntry[];
  wentOffline: boolean;
  outOfTime: boolean;
}

async function drainWithin(engine: SyncEngine, journal: Journal, deadline: number): Promise<ReplaySummary> {
  // Everything waiting when the run starts is reported, also what was settled without a send.
  const touched = new Set<number>(journal.queuedIds());
  journal.settleOrphanedCancellations();
  let wentOffline: boolean;
  for (;;) {
    const report = await engine.drain({ until: deadline });
    for (const id of [...report.synced, ...report.rejected, ...report.retried]) touched.add(id);
    wentOffline = report.wentOffline;
    const due = journal.nextDueAt();
    if (wentOffline || due === null || due - Date.now() > WAIT_FOR_RETRIES_MS || Date.now() >= deadline)
      break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(due, deadline) - Date.now())));
  }
  // What each entry is now, not what one attempt said: a 429 followed by a success is synced.
  const entries = [...touched]
    .sort((a, b) => a - b)
    .map((id) => journal.get(id))
    .filter((e): e is JournalEntry => e !== null);
  return { entries, wentOffline, outOfTime: Date.now() >= deadline };
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'send the offline queue to CareCloud now and report what happened',
  usage: `replay [--max-seconds N] ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let values: { 'max-seconds'?: string } & Record<string, unknown>;
    try {
      values = parseArgs({
        args,
        options: { 'max-seconds': { type: 'string' }, ...configFlagOptions },
        strict: true,
      }).values;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const budgetSeconds =
      values['max-seconds'] === undefined ? DEFAULT_BUDGET_SECONDS : Number(values['max-seconds']);
    if (!Number.isFinite(budgetSeconds) || budgetSeconds <= 0)
      throw new UsageError('--max-seconds takes a positive number of seconds.');
    const deadline = Date.now() + budgetSeconds * 1000;
    const sync = openSync(io.env, configFlagsOf(values));
    try {
      const { engine, journal } = sync;
      // Anything held back by an earlier backoff is due now: a person asked for it.
      journal.makeAllDue();
      if (journal.stats().queued > 0 && !(await engine.probe())) {
        io.out('CareCloud cannot be reached; nothing was sent.');
      } else {
        const summary = await drainWithin(engine, journal, deadline);
        for (const entry of summary.entries) io.out(entryLine(entry));
        const count = (...states: JournalEntry['state'][]) =>
          summary.entries.filter((e) => states.includes(e.state)).length;
        const notes = [
          summary.wentOffline ? 'CareCloud became unreachable' : '',
          summary.outOfTime ? `stopped after ${budgetSeconds} s` : '',
        ].filter(Boolean);
        const voided = count('voided') ? `, ${count('voided')} voided` : '';
        const noted = notes.length ? `; ${notes.join('; ')}` : '';
        io.out(
          `${count('synced')} synced, ${count('rejected')} rejected, ` +
            `${count('pending', 'sending')} to retry${voided}${noted}.`,
        );
      }
      const stats = journal.stats();
      io.out(`${stats.queued} waiting, ${stats.counts.rejected} rejected awaiting a manager.`);
      return stats.queued > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      await sync.close();
    }
  },
};
