// Offline sales are copied out of the WAL file shortly after each batch: once that has
// happened, deleting the WAL file (then a crash) loses none of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { SyncEngine } from '../../electron/sync/engine.ts';
import { FakePort } from '../sync/fake-port.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

describe('the WAL after an offline batch', () => {
  it('is checkpointed, so a deleted WAL file loses no offline sale', async () => {
    const file = join(temp.dir, 'journal.db');
    const journal = Journal.open(file);
    const port = new FakePort();
    port.fallback = 'down';
    port.probeAnswer = 'down';
    const engine = new SyncEngine({ journal, port, policy: { breakerThreshold: 1, ratePerSecond: 1000 } });
    await engine.close(purchaseEntry());
    expect(engine.online).toBe(false);
    const billIds: string[] = [];
    for (let i = 0; i < 5; i++) billIds.push((await engine.close(purchaseEntry())).entry.billId!);
    const deadline = Date.now() + 10_000;
    while (statSync(`${file}-wal`).size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // A second process keeps the WAL open, as a running till does, while someone deletes it.
    const copy = Journal.open(file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    copy.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = Journal.open(file);
    try {
      for (const billId of billIds) expect(reopened.byBillId(billId)).toMatchObject({ state: 'pending' });
    } finally {
      reopened.close();
      await engine.stop();
      journal.close();
    }
  });
});
