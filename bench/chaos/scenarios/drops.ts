// Answers that never arrive: CareCloud books the sale and the answer is lost on the way back,
// by the proxy (connection reset) or by CareCloud itself (cut off mid-body), under latency.
import { runWorkload, type Scenario } from '../scenario.ts';

export const drops: Scenario = {
  name: 'drops',
  summary: 'answers dropped after CareCloud booked the sale; up to 800 ms latency; some kills',
  async run(rig, checkouts) {
    Object.assign(rig.weather.proxy, { latencyMs: 800, drop: 0.2 });
    await runWorkload(rig, {
      checkouts,
      concurrency: 3,
      appShare: 0.2,
      cashdesks: [2, 3],
      killChance: 0.15,
      killWithinMs: 2_000,
      replayEvery: 4,
      replayKillChance: 0.2,
      skewMs: 0,
      beforeSale: () => {
        if (rig.random.chance(0.3)) rig.weather.sandbox.dropNext(1);
      },
    });
  },
};
