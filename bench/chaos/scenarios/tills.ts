// Several processes on one data folder: the app's engine, `ccpos checkout` as two more tills
// and replays, all at once on the same journal, with answers dropped now and then.
import { runWorkload, type Scenario } from '../scenario.ts';

export const tills: Scenario = {
  name: 'tills',
  summary: 'three tills and two replays on one data folder at once; some drops and kills',
  async run(rig, checkouts) {
    Object.assign(rig.weather.proxy, { latencyMs: 300, drop: 0.05 });
    await runWorkload(rig, {
      checkouts,
      concurrency: 6,
      appShare: 0.3,
      cashdesks: [2, 3],
      killChance: 0.2,
      killWithinMs: 2_500,
      replayEvery: 3,
      replayKillChance: 0.3,
      skewMs: 0,
    });
  },
};
