// A manager at the queue while answers go missing: waiting sales are voided with
// `ccpos queue void` while their earlier sends may or may not have reached CareCloud.
import { join } from 'node:path';
import { runWorkload, type Scenario } from '../scenario.ts';
import { readJournal } from '../tally.ts';

export const manager: Scenario = {
  name: 'manager',
  summary: 'a manager voids waiting sales while answers are dropped and CareCloud comes and goes',
  async run(rig, checkouts) {
    Object.assign(rig.weather.proxy, { latencyMs: 400, drop: 0.4 });
    const journal = join(rig.setup.dataDir, 'journal.db');
    await runWorkload(rig, {
      checkouts,
      concurrency: 3,
      appShare: 0.2,
      cashdesks: [2, 3],
      killChance: 0.1,
      killWithinMs: 2_500,
      replayEvery: 4,
      replayKillChance: 0.1,
      skewMs: 0,
      async beforeSale() {
        const r = rig.random;
        if (r.chance(0.25)) {
          if (r.chance(0.3)) await rig.weather.sandbox.cutNetwork('refuse');
          else await rig.weather.sandbox.restoreNetwork();
        }
        if (!r.chance(0.35)) return;
        const waiting = readJournal(journal).filter((e) => e.state === 'pending');
        if (waiting.length > 0) void rig.voidEntry(r.pick(waiting).id);
      },
    });
  },
};
