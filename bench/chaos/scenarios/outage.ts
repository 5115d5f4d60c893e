// CareCloud comes and goes: connections refused, requests that hang, a tight rate limit,
// while sales keep being closed offline and replays run.
import { runWorkload, type Scenario } from '../scenario.ts';

export const outage: Scenario = {
  name: 'outage',
  summary: 'the network refused or hanging by turns, a tight rate limit, replays in between',
  async run(rig, checkouts) {
    rig.weather.proxy.latencyMs = 100;
    const sandbox = rig.weather.sandbox;
    await runWorkload(rig, {
      checkouts,
      concurrency: 3,
      appShare: 0.2,
      cashdesks: [2, 3],
      killChance: 0.1,
      killWithinMs: 3_000,
      replayEvery: 3,
      replayKillChance: 0.1,
      skewMs: 0,
      async beforeSale() {
        const r = rig.random;
        if (r.chance(0.3)) {
          const mode = r.pick(['up', 'up', 'refuse', 'hang'] as const);
          if (mode === 'up') await sandbox.restoreNetwork();
          else await sandbox.cutNetwork(mode);
        }
        if (r.chance(0.15)) sandbox.setRateLimit(r.chance(0.5) ? { perSecond: 3, burst: 3 } : null);
      },
    });
    await sandbox.restoreNetwork();
  },
};
