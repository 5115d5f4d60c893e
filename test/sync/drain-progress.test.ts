// The catch-up after a backlog: what the engine settled, at what rate, and when it expects to
// finish, on a clock the test moves (each send takes one second of it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { SyncEngine, type DrainProgress } from '../../electron/sync/engine.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import { tempDir } from '../journal/helpers.ts';
import { FakePort } from './fake-port.ts';

const sale = (n: number) =>
  purchaseEntry(
    {
      storeId: 'store1',
      cashdesk: 2,
      operator: 'cashier-7',
      bill: {
        currency_id: 'czk',
        total_price: 100,
        purchase_type_id: 'pt',
        payment_type: 'A',
        bill_items: [
          {
            plu_ids: [{ list_code: 'GLOBAL', code: `p${n}` }],
            plu_name: 'Item',
            vat_rate: 21,
            quantity: 1,
            price: 100,
            paid_amount: 100,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: 'it',
          },
        ],
      },
    },
    { timeZone: 'Europe/Prague' },
  );

let temp: ReturnType<typeof tempDir>;
let journal: Journal;
let port: FakePort;
let engine: SyncEngine;
let clock: number;

beforeEach(() => {
  temp = tempDir();
  clock = Date.parse('2026-06-10T10:00:00Z');
  journal = Journal.open(join(temp.dir, 'journal.db'), { now: () => clock });
  port = new FakePort();
  engine = new SyncEngine({
    journal,
    port,
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
    policy: {
      breakerThreshold: 3,
      probeBackoff: { baseMs: 1, maxMs: 2 },
      entryBackoff: { baseMs: 1, maxMs: 2 },
      ratePerSecond: 1000,
      concurrency: 1,
      sendTimeoutMs: 1000,
    },
  });
});
afterEach(async () => {
  await engine.stop();
  journal.close();
  temp.cleanup();
});

describe('drain progress', () => {
  it('is absent with nothing to catch up on', () => {
    expect(engine.drainProgress()).toBeNull();
    expect(engine.status().drain).toBeNull();
  });

  it('counts what was settled, measures the rate and estimates the end, then ends with the queue', async () => {
    for (let i = 0; i < 10; i++) journal.append(sale(i));
    const seen: (DrainProgress | null)[] = [];
    const oneSecond = async () => {
      seen.push(engine.drainProgress());
      clock += 1_000;
      return { remoteId: `p${seen.length}` };
    };
    port.fallback = oneSecond;
    const started = clock;
    const report = await engine.drain();
    expect(report.synced).toHaveLength(10);
    // During the sixth send: five settled in five seconds, five left (the one being sent among them).
    expect(seen[5]).toEqual({
      startedAt: started,
      settled: 5,
      remaining: 5,
      ratePerSecond: 1,
      finishesAt: started + 10_000,
      paused: false,
    });
    // Before five seconds have passed there is no rate to promise anything by.
    expect(seen[2]).toMatchObject({ settled: 2, ratePerSecond: null, finishesAt: null });
    expect(engine.drainProgress()).toBeNull();
  });

  it('says the catch-up waits while CareCloud is unreachable, and promises no end', async () => {
    for (let i = 0; i < 3; i++) journal.append(sale(i));
    port.fallback = async () => {
      clock += 2_000;
      return { remoteId: 'p' };
    };
    port.script = [
      async () => {
        clock += 2_000;
        return { remoteId: 'p0' };
      },
      'down',
      'down',
      'down',
    ];
    for (let i = 0; i < 3; i++) journal.append(sale(10 + i));
    port.probeAnswer = 'down';
    const report = await engine.drain();
    expect(report.wentOffline).toBe(true);
    const progress = engine.drainProgress();
    expect(progress).toMatchObject({ settled: 1, remaining: 5, paused: true, finishesAt: null });
    expect(engine.status().drain).toEqual(progress);
  });
});
