// Tills whose clocks disagree by up to two hours, each way: leases and due times must not
// depend on two processes' wall clocks agreeing. Killed processes leave claims behind.
import { runWorkload, type Scenario } from '../scenario.ts';

export const clockSkew: Scenario = {
  name: 'clock-skew',
  summary: 'each process its own clock, up to 2 h fast or slow; kills leave claims behind',
  async run(rig, checkouts) {
    rig.weather.proxy.latencyMs = 500;
    await runWorkload(rig, {
      checkouts,
      concurrency: 4,
      appShare: 0.15,
      cashdesks: [2, 3],
      killChance: 0.3,
      killWithinMs: 2_500,
      replayEvery: 3,
      replayKillChance: 0.3,
      skewMs: 2 * 3_600_000,
    });
  },
};
