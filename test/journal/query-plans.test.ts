// Every statement the journal runs on the lane's and the send loop's paths, captured as run
// (values bound) on a journal of a few thousand sales, must reach the entries through an index:
// their cost then follows what they read, not the journal's size. The only scans allowed walk
// the partial indexes that hold nothing but the queue (pending; sending and rejected), and the
// manager's page by offset (its walk is the offset plus the page, whatever the journal's size;
// the export pages by the last id instead). The manager's page, its counts and its searches
// (bill id, short code, customer) are held to the same rule, and so are the kept counts to the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { cancellationEntry } from '../../electron/sync/closure.ts';
import { fillJournal } from '../support/big-journal.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

const ENTRY_ALIASES = /^(SCAN|SEARCH) (entries|e|d|c)\b/;
const QUEUE_SCAN = /^SCAN (entries|e|d|c) USING (COVERING )?INDEX entries_(pending|unsettled)\b/;
const PAGE_BY_OFFSET = /^SELECT \* FROM entries\s+ORDER BY id LIMIT [\d.]+ OFFSET [\d.]+$/;

describe('query plans of the journal', () => {
  const temp = tempDir();
  const file = join(temp.dir, 'journal.db');
  const statements = new Set<string>();

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
        if (/^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\b/i.test(sql)) statements.add(sql.trim());
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
    expect([...statements].some((sql) => /substr\(bill_id, -5\) = /.test(sql))).toBe(true);
    expect([...statements].some((sql) => /FROM entry_counts/.test(sql))).toBe(true);
    expect([...statements].some((sql) => /id > 1000/.test(sql))).toBe(true);
  });

  it("keeps each state's count equal to the entries in it", () => {
    const db = new Database(file);
    try {
      const kept = Object.fromEntries(
        (db.prepare('SELECT state, n FROM entry_counts').all() as { state: string; n: number }[]).map((r) => [
          r.state,
          r.n,
        ]),
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
        expect(kept[state], state).toBe(counted[state] ?? 0);
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
