// The data folder fills up: a small tmpfs is filled to the last byte a third of the way in
// and freed two thirds in, while sales are closed, sent and replayed on it.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runWorkload, type Scenario } from '../scenario.ts';
import { mountTmpfs, tmpfsUnavailable } from '../tmpfs.ts';

const TMPFS_BYTES = 8 * 1024 * 1024;

/** Writes a file until the file system has no room left. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 1;) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch {
        size = Math.floor(size / 2);
      }
    }
  } finally {
    closeSync(fd);
  }
}

export const fullDisk: Scenario = {
  name: 'full-disk',
  summary: 'the data folder on an 8 MB tmpfs, filled to the last byte for the middle third of the run',
  async unavailable() {
    return tmpfsUnavailable();
  },
  async dataFolder(dir) {
    const unmount = mountTmpfs(dir, TMPFS_BYTES);
    return async () => unmount();
  },
  async run(rig, checkouts) {
    rig.weather.proxy.latencyMs = 300;
    const ballast = join(rig.setup.dataDir, 'ballast');
    const full = Math.floor(checkouts / 3);
    const freed = Math.max(full + 1, Math.floor((2 * checkouts) / 3));
    try {
      await runWorkload(rig, {
        checkouts,
        concurrency: 3,
        appShare: 0.2,
        cashdesks: [2, 3],
        killChance: 0.15,
        killWithinMs: 2_000,
        replayEvery: 4,
        replayKillChance: 0.15,
        skewMs: 0,
        beforeSale(index) {
          if (index === full) {
            rig.setup.log?.('  the disk is full');
            fill(ballast);
          }
          if (index === freed) {
            rig.setup.log?.('  the disk has room again');
            rmSync(ballast, { force: true });
          }
        },
      });
    } finally {
      rmSync(ballast, { force: true });
    }
  },
};
