// Sales are copied out of the WAL file once the lane pauses: once that has happened, deleting
// the WAL file (then a crash) loses none of them. The copying is never part of a sale's commit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../electron/journal/database.ts';
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

  it('is checkpointed after online sales too, once the lane pauses', async () => {
    const file = join(temp.dir, 'journal.db');
    const journal = Journal.open(file);
    const engine = new SyncEngine({ journal, port: new FakePort(), policy: { ratePerSecond: 1000 } });
    try {
      for (let i = 0; i < 3; i++) expect((await engine.close(purchaseEntry())).outcome).toBe('synced');
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
      const deadline = Date.now() + 10_000;
      while (statSync(`${file}-wal`).size > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(statSync(`${file}-wal`).size).toBe(0);
    } finally {
      await engine.stop();
      journal.close();
    }
  });
});

describe("a sale's commit", () => {
  it("does not copy the WAL at SQLite's default limit of 1,000 pages", () => {
    const file = join(temp.dir, 'journal.db');
    const journal = Journal.open(file);
    try {
      // WAL frames are a 4 KiB page and a 24-byte header; a sale writes about a dozen.
      const frames = () => Math.max(0, statSync(`${file}-wal`).size - 32) / (4096 + 24);
      for (let sales = 0; sales < 400 && frames() < 1_200; sales++) journal.append(purchaseEntry());
      expect(frames()).toBeGreaterThanOrEqual(1_200);
      expect(frames()).toBeLessThan(WAL_AUTOCHECKPOINT_PAGES);
      journal.checkpoint();
      expect(statSync(`${file}-wal`).size).toBe(0);
    } finally {
      journal.close();
    }
  });
});
