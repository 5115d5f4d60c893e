// The dashboard's figures on a fixture journal (today on the terminal's clock, tenders,
// loyalty, points, vouchers, the queue by age, rejections, alerts), and the query plans:
// today's reads search the (kind, created_at) index, the queue's read only the partial
// indexes of unsettled entries, and nothing scans the entries table.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dashboard, hoursOfDay } from '../../electron/dashboard/dashboard.ts';
import {
  CANCELLATIONS_SQL,
  OVERDUE_SQL,
  REJECTED_COUNT_SQL,
  REJECTED_LIST_SQL,
  SALES_BY_SPAN_SQL,
  waitingByAgeSql,
} from '../../electron/journal/figures.ts';
import { Journal } from '../../electron/journal/journal.ts';
import type { NewEntry } from '../../electron/journal/types.ts';
import { parseCareCloudDateTime } from '../../shared/datetime.ts';
import { WAITING_AGE_BANDS_MS } from '../../shared/dashboard.ts';
import { fillJournal } from '../support/big-journal.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

const zone = 'Europe/Prague';
const at = (text: string) => parseCareCloudDateTime(text, zone)!.getTime();
const hour = 3_600_000;

type Recap = { credit_points?: number; vouchers?: { code: string; discount_value: number }[] };

function sale(
  billId: string,
  options: {
    customer?: string;
    card?: string;
    recap?: Recap;
    card_minor?: number;
    cash_minor?: number;
    pointsEarned?: number | null;
  } = {},
): NewEntry {
  const base = purchaseEntry({ billId, idempotencyKey: billId });
  const body = base.request.body as { bill: Record<string, unknown> };
  const card = options.card_minor ?? 0;
  const cash = options.cash_minor ?? 0;
  const { customerId: _customer, ...rest } = base;
  return {
    ...rest,
    ...(options.customer ? { customerId: options.customer } : {}),
    ...(options.card ? { cardNumber: options.card } : {}),
    request: {
      ...base.request,
      body: {
        ...body,
        bill: { ...body.bill, bill_id: billId, ...(options.recap ? { payment_recap: options.recap } : {}) },
      },
    },
    tillPayment: {
      paidMinor: card + cash,
      settlement: { cardMinor: card, cashToPayMinor: cash },
      pointsEarned: options.pointsEarned ?? null,
    },
  };
}

describe('dashboard figures from the journal', () => {
  let dir: { dir: string; cleanup: () => void };
  let journal: Journal;
  let clock = 0;

  beforeEach(() => {
    dir = tempDir();
    journal = Journal.open(`${dir.dir}/journal.db`, { now: () => clock });
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  function append(when: string, entry: NewEntry) {
    clock = at(when);
    return journal.append(entry);
  }

  function fixture() {
    append('2026-06-09 23:30:00', sale('B-yesterday', { customer: 'c1', cash_minor: 99_900 }));
    const first = append(
      '2026-06-10 09:15:00',
      sale('B-0915', {
        customer: 'c1',
        card_minor: 10_000,
        pointsEarned: 50,
        recap: { credit_points: 20, vouchers: [{ code: 'DEMO100', discount_value: 25.5 }] },
      }),
    );
    const anonymous = append('2026-06-10 09:40:00', sale('B-0940', { cash_minor: 5_000 }));
    append('2026-06-10 11:05:00', sale('B-1105', { card: '2000000000015', cash_minor: 3_000 }));
    const voided = append('2026-06-10 11:30:00', sale('B-1130', { customer: 'c2', cash_minor: 7_000 }));
    append('2026-06-10 11:50:00', {
      ...purchaseEntry({ billId: 'CB-0940', idempotencyKey: 'CB-0940' }),
      kind: 'cancellation',
      dependsOn: anonymous.id,
    });
    const refused = append('2026-06-10 11:55:00', {
      ...purchaseEntry({ billId: undefined, idempotencyKey: 'voucher-1' }),
      kind: 'voucher-application',
    });
    clock = at('2026-06-10 11:56:00');
    journal.finish(journal.claim(first.id, 'test', 60_000)!, 'test', {
      kind: 'synced',
      remoteId: 'p1',
      outcome: 'synced',
      httpStatus: 200,
    });
    journal.finish(journal.claim(refused.id, 'test', 60_000)!, 'test', {
      kind: 'rejected',
      reasons: [{ name: 'code', reason: 'voucher_already_used' }],
      httpStatus: 400,
      error: 'refused',
    });
    journal.void(voided.id, 'customer changed their mind', 'manager');
    clock = at('2026-06-10 12:00:00');
  }

  function dashboard(disk = { freeBytes: 100 * 1024 ** 2, totalBytes: 10 * 1024 ** 3 }) {
    return new Dashboard({
      journal,
      sync: { drainProgress: () => null, policy: { pendingAlertMs: hour } },
      dataDir: dir.dir,
      timeZone: () => zone,
      currency: () => 'CZK',
      now: () => clock,
      diskSpace: () => disk,
    });
  }

  it("counts today's sales on the terminal's clock, without yesterday's or voided ones", () => {
    fixture();
    const figures = dashboard().figures();
    expect(figures.day).toBe('2026-06-10');
    expect(figures.sales).toMatchObject({
      count: 3,
      paidMinor: 18_000,
      identified: 2,
      cancellations: { count: 1, paidMinor: 5_000 },
    });
    expect(figures.sales.hours).toHaveLength(24);
    expect(figures.sales.hours[0]!.startsAt).toBe(new Date(at('2026-06-10 00:00:00')).toISOString());
    expect(figures.sales.hours[9]).toMatchObject({ sales: 2, paidMinor: 15_000 });
    expect(figures.sales.hours[11]).toMatchObject({ sales: 1, paidMinor: 3_000 });
    expect(figures.sales.hours.filter((h) => h.sales > 0)).toHaveLength(2);
    expect(figures.tenders).toEqual({ cardMinor: 10_000, cashMinor: 8_000 });
    expect(figures.points).toEqual({ used: 20, earned: 50, salesAwaitingPoints: 1 });
    expect(figures.vouchers).toEqual({ count: 1, amountMinor: 2_550 });
  });

  it('puts the queue into age bands and lists what waits too long and every rejection as alerts', () => {
    fixture();
    const figures = dashboard().figures();
    // Waiting: yesterday's sale (12.5 h), 09:40 (2 h 20), 11:05 (55 min), the 11:50 cancellation (10 min).
    expect(figures.queue.bands.map((b) => b.count)).toEqual([0, 0, 1, 1, 1, 1, 0]);
    expect(figures.queue).toMatchObject({ waiting: 4, overdue: 2, overdueThresholdMs: hour, rejected: 1 });
    expect(figures.queue.rejectedEntries).toEqual([
      expect.objectContaining({
        kind: 'voucher-application',
        reasons: [{ name: 'code', reason: 'voucher_already_used' }],
      }),
    ]);
    expect(figures.alerts.map((a) => a.kind)).toEqual(['disk-low', 'waiting-too-long', 'rejected']);
    expect(figures.alerts[1]).toEqual({
      kind: 'waiting-too-long',
      count: 2,
      oldestAgeMs: 12.5 * hour,
      thresholdMs: hour,
    });
    expect(figures.disk).toMatchObject({ low: true, thresholdBytes: 512 * 1024 ** 2 });
  });

  it('raises no disk alert with room to spare, and says nothing of a disk the system does not report', () => {
    fixture();
    expect(
      dashboard({ freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 })
        .figures()
        .alerts.map((a) => a.kind),
    ).toEqual(['waiting-too-long', 'rejected']);
    const unknown = new Dashboard({
      journal,
      sync: { drainProgress: () => null, policy: { pendingAlertMs: hour } },
      dataDir: dir.dir,
      timeZone: () => zone,
      currency: () => 'CZK',
      now: () => clock,
      diskSpace: () => null,
    });
    expect(unknown.figures().disk).toBeNull();
  });

  it('shows an empty day as zeros', () => {
    clock = at('2026-06-10 08:00:00');
    const figures = dashboard({ freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 }).figures();
    expect(figures.sales).toMatchObject({ count: 0, paidMinor: 0, identified: 0 });
    expect(figures.queue).toMatchObject({ waiting: 0, rejected: 0 });
    expect(figures.alerts).toEqual([]);
  });
});

describe('the hours of a day in the terminal zone', () => {
  it('has 23 hours the day the clocks go forward and a two-hour 02:00 the day they go back', () => {
    const spring = hoursOfDay(at('2026-03-29 12:00:00'), zone);
    expect(spring.hours).toHaveLength(23);
    expect(spring.whole.to - spring.whole.from).toBe(23 * hour);
    const autumn = hoursOfDay(at('2026-10-25 12:00:00'), zone);
    expect(autumn.hours).toHaveLength(24);
    expect(autumn.hours[2]!.to - autumn.hours[2]!.from).toBe(2 * hour);
    expect(autumn.whole.to - autumn.whole.from).toBe(25 * hour);
  });

  it("starts today at the terminal's midnight, not UTC's", () => {
    const tokyo = hoursOfDay(Date.parse('2026-06-10T16:00:00Z'), 'Asia/Tokyo');
    expect(tokyo.day).toBe('2026-06-11');
    expect(new Date(tokyo.whole.from).toISOString()).toBe('2026-06-10T15:00:00.000Z');
  });
});

describe('query plans of the dashboard', () => {
  const statements: [string, string, unknown[]][] = [
    [
      'sales by hour',
      SALES_BY_SPAN_SQL,
      [
        JSON.stringify([
          { from: 0, to: 1 },
          { from: 1, to: 2 },
        ]),
      ],
    ],
    ['cancellations', CANCELLATIONS_SQL, [0, 1]],
    ['waiting by age', waitingByAgeSql(WAITING_AGE_BANDS_MS), [{ now: 1 }]],
    ['overdue', OVERDUE_SQL, [{ cutoff: 1 }]],
    ['rejected count', REJECTED_COUNT_SQL, []],
    ['rejected list', REJECTED_LIST_SQL, [20]],
  ];

  function plans(db: Database.Database): Record<string, string[]> {
    return Object.fromEntries(
      statements.map(([name, sql, params]) => [
        name,
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail),
      ]),
    );
  }

  function expectBounded(all: Record<string, string[]>) {
    for (const [name, lines] of Object.entries(all)) {
      const entryLines = lines.filter((line) => /\b(entries|e)\b/.test(line));
      expect(entryLines.length, name).toBeGreaterThan(0);
      for (const line of entryLines) {
        // A SCAN may only walk the partial index that holds nothing but pending entries (the queue itself).
        if (line.startsWith('SCAN'))
          expect(line, name).toMatch(/^SCAN entries USING (COVERING )?INDEX entries_pending$/);
        else expect(line, name).toMatch(/^SEARCH (e|entries) USING (COVERING )?INDEX /);
      }
    }
    for (const name of ['sales by hour', 'cancellations']) {
      expect(all[name], name).toContainEqual(
        expect.stringMatching(
          /^SEARCH e USING INDEX entries_kind_created \(kind=\? AND created_at>\? AND created_at<\?\)$/,
        ),
      );
    }
    for (const name of ['rejected count', 'rejected list'])
      expect(all[name]!.join('\n'), name).toMatch(/USING (COVERING )?INDEX entries_unsettled \(state=\?\)/);
  }

  it('search indexes on a new journal and on one whose statistics were analysed', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = `${dir}/journal.db`;
      fillJournal(file, {
        entries: 5_000,
        from: at('2026-06-01 08:00:00'),
        to: at('2026-06-10 12:00:00'),
        pending: 200,
        rejected: 3,
      });
      const db = new Database(file);
      try {
        expectBounded(plans(db));
        db.exec('ANALYZE');
        expectBounded(plans(db));
      } finally {
        db.close();
      }
    } finally {
      cleanup();
    }
  });
});
