// `ccpos replay`: sends the offline queue now, prints each outcome, and exits
// non-zero while anything is still waiting to reach CareCloud.
import { parseArgs } from 'node:util';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIO, type Command } from '../command.ts';
import { configFlagOptions, configFlagsOf, openSync } from '../../sync/cli-terminal.ts';
import { CONFIG_FLAG_USAGE } from '../../config/flags.ts';
import { entryLine } from '../../sync/cli-format.ts';
import type { DrainReport, SyncEngine } from '../../sync/engine.ts';
import type { Journal } from '../../journal/journal.ts';

/** Entries due again within this long (after a 429 or a 5xx) are waited for rather than left behind. */
const WAIT_FOR_RETRIES_MS = 30_000;

async function drainWhileDueSoon(engine: SyncEngine, journal: Journal): Promise<DrainReport> {
  const total: DrainReport = { synced: [], rejected: [], retried: [], wentOffline: false };
  const finalState = new Map<number, 'synced' | 'rejected' | 'retried'>();
  const byId = new Map<number, DrainReport['synced'][number]>();
  for (;;) {
    const report = await engine.drain();
    for (const [state, list] of [['synced', report.synced], ['rejected', report.rejected], ['retried', report.retried]] as const)
      for (const entry of list) {
        finalState.set(entry.id, state);
        byId.set(entry.id, entry);
      }
    total.wentOffline = report.wentOffline;
    const due = journal.nextDueAt();
    if (report.wentOffline || due === null || due - Date.now() > WAIT_FOR_RETRIES_MS) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  for (const [id, state] of finalState) total[state].push(byId.get(id)!);
  return total;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'send the offline queue to CareCloud now and report what happened',
  usage: `replay ${CONFIG_FLAG_USAGE}`,
  async run(args: string[], io: CliIO): Promise<number> {
    let values: Record<string, unknown>;
    try {
      values = parseArgs({ args, options: { ...configFlagOptions }, strict: true }).values;
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const sync = openSync(io.env, configFlagsOf(values));
    try {
      const { engine, journal } = sync;
      // Anything held back by an earlier backoff is due now: a person asked for it.
      journal.makeAllDue();
      if (journal.stats().queued > 0 && !(await engine.probe())) {
        io.out('CareCloud cannot be reached; nothing was sent.');
      } else {
        const report = await drainWhileDueSoon(engine, journal);
        for (const entry of [...report.synced, ...report.rejected, ...report.retried].sort((a, b) => a.id - b.id)) io.out(entryLine(entry));
        io.out(`${report.synced.length} synced, ${report.rejected.length} rejected, ${report.retried.length} to retry${report.wentOffline ? '; CareCloud became unreachable' : ''}.`);
      }
      const stats = journal.stats();
      io.out(`${stats.queued} waiting, ${stats.counts.rejected} rejected awaiting a manager.`);
      return stats.queued > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      await sync.close();
    }
  },
};
