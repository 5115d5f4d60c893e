// Tills that die: `ccpos checkout` and `ccpos replay` SIGKILLed at random instants, before,
// during and after the journal write and the send.
import { runWorkload, type Scenario } from '../scenario.ts';

export const sigkill: Scenario = {
  name: 'sigkill',
  summary: 'checkouts and replays SIGKILLed at random instants; CareCloud up to 400 ms away',
  async run(rig, checkouts) {
    rig.weather.proxy.latencyMs = 400;
    await runWorkload(rig, {
      checkouts,
      concurrency: 3,
      appShare: 0.15,
      cashdesks: [2, 3],
      killChance: 0.45,
      killWithinMs: 2_500,
      replayEvery: 4,
      replayKillChance: 0.5,
      skewMs: 0,
    });
  },
};
