// The lane's and the send loop's reads: an entry by its id, bill id or idempotency key, the
// queue's figures and positions, the recent sales, a customer's last card, the voucher ledger.
// Each is held to an index (test/journal/query-plans.test.ts), so its cost follows what it
// reads, not the journal's size.
import type { Statement } from 'better-sqlite3';
import { guarded } from './errors.ts';
import { toEntry, type EntryRow, type JournalStore } from './store.ts';
import type { EntryKind, HeldVoucher, JournalEntry, TillPayment } from './types.ts';

export interface QueueStats {
  /** pending plus sending: what still has to reach CareCloud. */
  queued: number;
  oldestQueuedAt: number | null;
  /** The unsettled states only; `countsByState` counts them all. */
  counts: Record<'pending' | 'sending' | 'rejected', number>;
}

export class JournalQueries {
  readonly #sql: (text: string) => Statement;
  readonly #get: (id: number) => JournalEntry | null;

  constructor(store: JournalStore) {
    this.#sql = (text) => store.sql(text);
    this.#get = (id) => store.get(id);
  }

  get(id: number): JournalEntry | null {
    return guarded(() => this.#get(id));
  }

  /**
   * The newest card assignment of this card CareCloud has not confirmed (a sale carrying the card waits for it), or
   * null.
   */
  unconfirmedCardAssignment(cardNumber: string): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql(
        "SELECT * FROM entries WHERE kind = 'card-assignment' AND card_number = ? " +
          "AND state IN ('pending', 'sending', 'rejected') ORDER BY id DESC LIMIT 1",
      ).get(cardNumber) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  byBillId(billId: string): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql('SELECT * FROM entries WHERE bill_id = ?').get(billId) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  /** The customer assignments written for a purchase by its bill_id (points claimed later), oldest first. */
  assignmentsOf(billId: string): JournalEntry[] {
    return guarded(() =>
      (
        this.#sql(
          "SELECT * FROM entries WHERE kind = 'customer-assignment' " +
            "AND json_extract(request, '$.body.external_purchase_id') = ? ORDER BY id",
        ).all(billId) as EntryRow[]
      ).map((row) => toEntry(row)),
    );
  }

  /** The entry written under this idempotency key (a till's sale id), if any. */
  byIdempotencyKey(key: string): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql('SELECT * FROM entries WHERE idempotency_key = ?').get(key) as
        EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  /** The entry that was written to replace this one, if any. */
  replacementOf(id: number): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql('SELECT * FROM entries WHERE replaces = ? ORDER BY id LIMIT 1').get(id) as
        EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  /**
   * The ledger: which of these codes purchases of this terminal spend that CareCloud has not
   * confirmed (pending or being sent) and, with `includeSynced`, that it confirmed after the
   * offline voucher list was last synced. A purchase voided, rejected or cancelled holds nothing.
   */
  heldVouchers(codes: readonly string[], options: { includeSynced: boolean }): HeldVoucher[] {
    if (codes.length === 0) return [];
    const states = options.includeSynced ? "('pending', 'sending', 'synced')" : "('pending', 'sending')";
    return guarded(() => {
      const rows = this.#sql(
        `SELECT h.code AS code, SUM(h.amount_minor) AS amount, json_group_array(e.bill_id) AS bills
        FROM voucher_holds h JOIN entries e ON e.id = h.entry_id
        WHERE h.code IN (SELECT value FROM json_each(?)) AND e.state IN ${states}
          AND NOT EXISTS (SELECT 1 FROM entries c
            WHERE c.depends_on = e.id AND c.kind = 'cancellation' AND c.state NOT IN ('rejected', 'voided'))
        GROUP BY h.code ORDER BY h.code`,
      ).all(JSON.stringify(codes)) as { code: string; amount: number; bills: string }[];
      return rows.map((r) => ({
        code: r.code,
        amountMinor: r.amount,
        billIds: (JSON.parse(r.bills) as (string | null)[]).filter((b): b is string => b !== null),
      }));
    });
  }

  /** What the customer paid for these till sales, by entry id; sales without a record are absent. */
  tillPayments(ids: readonly number[]): Map<number, TillPayment> {
    if (ids.length === 0) return new Map();
    return guarded(() => {
      const rows = this.#sql(
        'SELECT entry_id AS id, paid_minor AS paid, settlement ' +
          'FROM till_payments WHERE entry_id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(ids)) as { id: number; paid: number; settlement: string }[];
      return new Map(
        rows.map((r) => [
          r.id,
          { paidMinor: r.paid, settlement: JSON.parse(r.settlement) as Record<string, number> },
        ]),
      );
    });
  }

  /** Cheap enough for every sale: reads only the partial indexes of unsettled entries. */
  stats(): QueueStats {
    return guarded(() => {
      type Row = { state: 'pending' | 'sending' | 'rejected'; n: number; first: number | null };
      const rows = [
        this.#sql(
          "SELECT 'pending' AS state, COUNT(*) AS n, MIN(id) AS first " +
            "FROM entries INDEXED BY entries_pending WHERE state = 'pending'",
        ).get() as Row,
        ...(this.#sql(
          'SELECT state, COUNT(*) AS n, MIN(id) AS first FROM entries INDEXED BY entries_unsettled ' +
            "WHERE state IN ('sending', 'rejected') GROUP BY state",
        ).all() as Row[]),
      ];
      const counts = { pending: 0, sending: 0, rejected: 0 };
      let firstQueued: number | null = null;
      for (const row of rows) {
        counts[row.state] = row.n;
        if (
          row.state !== 'rejected' &&
          row.first !== null &&
          (firstQueued === null || row.first < firstQueued)
        )
          firstQueued = row.first;
      }
      // Ids grow with time, so the first queued id is the oldest queued entry.
      const oldest =
        firstQueued === null
          ? null
          : (
              this.#sql('SELECT created_at AS at FROM entries WHERE id = ?').get(firstQueued) as {
                at: number;
              }
            ).at;
      return { queued: counts.pending + counts.sending, oldestQueuedAt: oldest, counts };
    });
  }

  /** Where this entry stands in the queue: how many queued entries (itself included) go before or with it. */
  queuePosition(entryId: number): number {
    return guarded(
      () =>
        (
          this.#sql(
            `SELECT (SELECT COUNT(*) FROM entries INDEXED BY entries_pending WHERE state = 'pending' AND id <= @id)
            + (SELECT COUNT(*) FROM entries INDEXED BY entries_unsettled
              WHERE state IN ('sending', 'rejected') AND state = 'sending' AND id <= @id) AS n`,
          ).get({ id: entryId }) as { n: number }
        ).n,
    );
  }

  /** The ids of every queued entry (pending or being sent), oldest first. */
  queuedIds(): number[] {
    return guarded(() =>
      (
        this.#sql(
          `SELECT id FROM entries INDEXED BY entries_pending WHERE state = 'pending'
          UNION ALL SELECT id FROM entries INDEXED BY entries_unsettled
            WHERE state IN ('sending', 'rejected') AND state = 'sending' ORDER BY id`,
        ).all() as { id: number }[]
      ).map((r) => r.id),
    );
  }

  /** Entries still to reach CareCloud (pending or being sent) written before `cutoff`, oldest first. */
  overdue(cutoff: number, limit: number): JournalEntry[] {
    return guarded(() =>
      (
        this.#sql(
          `SELECT * FROM (SELECT * FROM entries INDEXED BY entries_pending WHERE state = 'pending' AND created_at < ?
          UNION ALL SELECT * FROM entries INDEXED BY entries_unsettled
            WHERE state IN ('sending', 'rejected') AND state = 'sending' AND created_at < ?)
          ORDER BY id LIMIT ?`,
        ).all(cutoff, cutoff, limit) as EntryRow[]
      ).map((row) => toEntry(row)),
    );
  }

  /** The newest entries of a kind, newest first (by the time they were written). */
  newest(kind: EntryKind, limit: number): JournalEntry[] {
    return guarded(() =>
      (
        this.#sql('SELECT * FROM entries WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(
          kind,
          limit,
        ) as EntryRow[]
      ).map((row) => toEntry(row)),
    );
  }

  /** The card this customer last bought with at this terminal, if any. */
  lastCardOf(customerId: string): string | null {
    return guarded(
      () =>
        (
          this.#sql(
            'SELECT card_number AS card FROM entries WHERE customer_id = ? ORDER BY id DESC LIMIT 1',
          ).get(customerId) as { card: string | null } | undefined
        )?.card ?? null,
    );
  }
}
