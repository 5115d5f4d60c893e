// Answers that are not CareCloud's: broken JSON and gateway HTML after the sale was booked,
// a captive portal's page instead of CareCloud, 500s and 503s, tokens that expire.
import { runWorkload, type Scenario } from '../scenario.ts';

export const garbage: Scenario = {
  name: 'garbage',
  summary: 'broken JSON, HTML pages, 500/503 bursts and expired tokens instead of answers',
  async run(rig, checkouts) {
    Object.assign(rig.weather.proxy, { latencyMs: 200, garbage: 0.1, html: 0.1, intercept: 0.05 });
    await runWorkload(rig, {
      checkouts,
      concurrency: 3,
      appShare: 0.2,
      cashdesks: [2, 3],
      killChance: 0.1,
      killWithinMs: 2_000,
      replayEvery: 4,
      replayKillChance: 0.1,
      skewMs: 0,
      beforeSale: () => {
        const r = rig.random;
        if (r.chance(0.25)) rig.weather.sandbox.failNext(r.pick([500, 503] as const), r.int(1, 3));
        if (r.chance(0.1)) rig.weather.sandbox.expireTokens();
      },
    });
  },
};
