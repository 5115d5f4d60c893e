// Every statement the journal runs on the lane's and the send loop's paths, captured as run
// (values bound) on a journal of a few thousand sales, must reach the entries through an index:
// their cost then follows what they read, not the journal's size. The only scans allowed walk
// the partial indexes that hold nothing but the queue (pending; sending and rejected), and a
// page by offset, which only `ccpos queue list --offset` asks for. Every page and search the
// manager's screen asks for (through ManagerQueue, as the app does: first, deep, previous and
// last pages, each filter, a card's last digits or whole number) is held to more: no SCAN of the
// entries at all. The kept counts are held to the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { cancellationEntry } from '../../electron/sync/closure.ts';
import { ManagerQueue } from '../../electron/checkout/manager-queue.ts';
import { QueueActions } from '../../electron/sync/queue-manager.ts';
import type { QueueFilter } from '../../shared/checkout/answers.ts';
import { bigJournalCard, fillJournal } from '../support/big-journal.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

const ENTRY_ALIASES = /^(SCAN|SEARCH) (entries|e|d|c)\b/;
const QUEUE_SCAN = /^SCAN (entries|e|d|c) USING (COVERING )?INDEX entries_(pending|unsettled)\b/;
/** The words of a filter only some entries meet (the unfiltered list, synced entries and sales are nearly all). */
const SELECTIVE = new RegExp(
  [
    "state = 'pending'",
    "state IN \\('sending', 'rejected'\\)",
    "state = 'voided'",
    "kind != 'purchase'",
    'created_at',
    'bill_id',
    'card_number',
    'customer_id',
  ].join('|'),
);
const PAGE_BY_OFFSET = /^SELECT \* FROM entries\s+ORDER BY id LIMIT [\d.]+ OFFSET [\d.]+$/;

describe('query plans of the journal', () => {
  const temp = tempDir();
  const file = join(temp.dir, 'journal.db');
  const statements = new Set<string>();
  const managerStatements = new Set<string>();
  let capture = statements;

  beforeAll(() => {
    fillJournal(file, {
      entries: 5_000,
      from: Date.parse('2026-11-01T08:00:00Z'),
      to: Date.parse('2026-12-01T18:00:00Z'),
      pending: 200,
      rejected: 3,
    });
    const journal = Journal.open(file, {
      trace: (sql) => {
        if (/^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\b/i.test(sql)) capture.add(sql.trim());
      },
    });
    try {
      const sale = journal.append(
        purchaseEntry({
          voucherHolds: [{ code: 'DEMO100', amountMinor: 10_000 }],
          tillPayment: { paidMinor: 12_000, settlement: { cardMinor: 12_000 } },
        }),
      );
      const claim = journal.appendAndClaim(purchaseEntry(), 'test', 60_000);
      journal.finish(claim, 'test', { kind: 'synced', remoteId: 'p-1', outcome: 'synced', httpStatus: 201 });
      const cancellation = journal.append(cancellationEntry(journal.get(claim.entry.id)!, 'manager'));
      journal.stats();
      journal.queuePosition(sale.id);
      journal.queuedIds();
      journal.newest('purchase', 20);
      journal.lastCardOf('customer-2');
      journal.byBillId(sale.billId!);
      journal.unconfirmedCardAssignment('2000000009018');
      journal.byIdempotencyKey(sale.idempotencyKey);
      journal.assignmentsOf(sale.billId!);
      journal.replacementOf(sale.id);
      journal.heldVouchers(['DEMO100', 'BRNO50'], { includeSynced: true });
      journal.heldVouchers(['DEMO100'], { includeSynced: false });
      journal.tillPayments([sale.id, cancellation.id]);
      journal.releaseConfirmedHolds(Date.now());
      journal.nextDueAt();
      journal.overdue(Date.now(), 100);
      journal.makeAllDue();
      const next = journal.claimNext('test', 60_000);
      if (next)
        journal.finish(next, 'test', {
          kind: 'retry',
          outcome: 'transport',
          nextAttemptAt: Date.now() + 1_000,
          httpStatus: null,
          error: 'connection refused',
        });
      journal.claim(cancellation.id, 'test', 60_000);
      journal.settleOrphanedCancellations();
      journal.releaseStaleClaims(() => true);
      journal.get(sale.id);
      journal.transitions(sale.id);
      journal.attempts(sale.id);
      journal.audit(sale.id);
      journal.purge(14);
      journal.countsByState();
      journal.list();
      journal.list({}, { limit: 50, offset: 0, after: 1_000 });
      journal.list({ state: 'rejected' }, { limit: 50, offset: 0, after: 0 });
      journal.list({ state: ['pending'] }, { limit: 50, offset: 0 });
      journal.list(
        { kind: 'purchase', anyOf: { billIdEnd: sale.billId!.slice(-5) } },
        { limit: 2, offset: 0 },
      );
      journal.list({
        anyOf: {
          billId: sale.billId!,
          billIdEnd: sale.billId!.slice(-5),
          customerIds: ['customer-2', 'customer-4'],
        },
      });
      journal.list({ customerId: 'customer-2' }, { limit: 50, offset: 0, after: 0 });
      journal.assignmentsOf(sale.billId!);

      // The manager's screen, as the app asks: ManagerQueue over the journal.
      capture = managerStatements;
      const queue = new ManagerQueue({
        journal,
        queue: new QueueActions({ journal, terminal: { timeZone: 'Europe/Prague' } }),
        managerCheck: () => Promise.reject(new Error('no PIN in this test')),
        exportDir: temp.dir,
        currency: 'CZK',
      });
      const card = bigJournalCard(8);
      const filters: QueueFilter[] = [
        {},
        { states: ['pending'] },
        { states: ['sending'] },
        { states: ['rejected'] },
        { states: ['synced'] },
        { states: ['voided'] },
        { kind: 'purchase' },
        { kind: 'cancellation' },
        { kind: 'customer-assignment' },
        { states: ['pending'], kind: 'cancellation' },
        { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' },
        { kind: 'purchase', from: '2026-11-20T00:00:00Z' },
        { search: card.slice(-4) },
        { search: card.slice(-7) },
        { search: card },
        { search: `${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8)}` },
        { search: card.slice(-4), states: ['synced'] },
        { search: sale.billId!.slice(-5) },
        { search: sale.billId! },
        { search: 'customer-2' },
        { search: '0123456789abcdef0123' },
      ];
      for (const filter of filters) {
        const first = queue.list(filter, { limit: 20 });
        for (const cursor of [first.next, first.last, 'after.4000', 'before.4000', 'after.1', 'before.30'])
          if (cursor) queue.list(filter, { limit: 20, cursor });
      }
    } finally {
      journal.close();
    }
  }, 60_000);
  afterAll(() => temp.cleanup());

  function plansOf(db: Database.Database): [string, string[]][] {
    return [...statements].map((sql) => [
      sql,
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail),
    ]);
  }

  /** Every plan line that walks the entries without a bound, with its statement. */
  function unbounded(plans: [string, string[]][]): string[] {
    const found: string[] = [];
    for (const [sql, lines] of plans) {
      for (const line of lines.filter((l) => ENTRY_ALIASES.test(l))) {
        // A bare SEARCH is the b-tree's end (MIN/MAX of the rowid).
        const bounded = line.startsWith('SCAN')
          ? QUEUE_SCAN.test(line) || (line === 'SCAN entries' && PAGE_BY_OFFSET.test(sql))
          : /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|^SEARCH \w+$/.test(line);
        if (!bounded) found.push(`${line}    <- ${sql.slice(0, 160)}`);
      }
    }
    return found;
  }

  it('captured the statements of the lane and the send loop', () => {
    expect(statements.size).toBeGreaterThan(20);
    expect([...statements].some((sql) => /voucher_holds/.test(sql) && /json_each/.test(sql))).toBe(true);
  });

  it("captured the manager's page and its searches", () => {
    const manager = [...managerStatements];
    expect([...statements].some((sql) => /substr\(bill_id, -5\) = /.test(sql))).toBe(true);
    expect(manager.some((sql) => /substr\(bill_id, -5\) = /.test(sql))).toBe(true);
    expect(manager.some((sql) => /FROM entry_kind_counts/.test(sql))).toBe(true);
    expect(manager.some((sql) => /id > 4000(\.0)? .*ORDER BY id LIMIT 21/.test(sql))).toBe(true);
    expect(manager.some((sql) => /id < 4000(\.0)? .*ORDER BY id DESC LIMIT 21/.test(sql))).toBe(true);
    expect(manager.some((sql) => /substr\(card_number, -4\) = '0008'/.test(sql))).toBe(true);
    expect(manager.some((sql) => /created_at >= /.test(sql))).toBe(true);
    expect(manager.some((sql) => /OFFSET [1-9]/.test(sql))).toBe(false);
  });

  it("reaches the entries of every page and search of the manager's screen without a SCAN", () => {
    const db = new Database(file);
    try {
      for (const analyzed of [false, true]) {
        if (analyzed) db.exec('ANALYZE');
        const scans: string[] = [];
        for (const sql of managerStatements) {
          const lines = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
            (row) => row.detail,
          );
          for (const line of lines.filter((l) => ENTRY_ALIASES.test(l))) {
            // A filter that holds few entries must come out of its own index: a walk of the primary key from the
            // cursor would read past everything it does not hold.
            const bounded =
              QUEUE_SCAN.test(line) ||
              /^SEARCH \w+ USING (COVERING )?INDEX|^SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(
                line,
              ) ||
              /^SEARCH \w+$/.test(line) ||
              (!SELECTIVE.test(sql) && /^SEARCH \w+ USING INTEGER PRIMARY KEY/.test(line));
            if (!bounded) scans.push(`${line}    <- ${sql.slice(0, 200)}`);
          }
        }
        expect(scans, analyzed ? 'after ANALYZE' : 'new journal').toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it("keeps each state's count equal to the entries in it", () => {
    const db = new Database(file);
    try {
      const kept = Object.fromEntries(
        (
          db.prepare('SELECT state, SUM(n) AS n FROM entry_kind_counts GROUP BY state').all() as {
            state: string;
            n: number;
          }[]
        ).map((r) => [r.state, r.n]),
      );
      const counted = Object.fromEntries(
        (
          db.prepare('SELECT state, COUNT(*) AS n FROM entries GROUP BY state').all() as {
            state: string;
            n: number;
          }[]
        ).map((r) => [r.state, r.n]),
      );
      expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBeGreaterThan(1_000);
      for (const state of ['pending', 'sending', 'synced', 'rejected', 'voided'])
        expect(kept[state] ?? 0, state).toBe(counted[state] ?? 0);
    } finally {
      db.close();
    }
  });

  it('reaches the entries through an index on a new journal and after ANALYZE', () => {
    const db = new Database(file);
    try {
      expect(unbounded(plansOf(db))).toEqual([]);
      db.exec('ANALYZE');
      expect(unbounded(plansOf(db))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
