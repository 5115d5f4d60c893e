// The send lifecycle: a new entry committed (and claimed for an immediate send), claims under a
// lease taken inside one SQLite write transaction (two processes on one data dir never send an
// entry twice), a send's outcome recorded, stale leases released, and what waited on an entry
// that can no longer reach CareCloud settled.
import type { Statement } from 'better-sqlite3';
import { maskSyncedCardSql } from './card-mask.ts';
import { guarded } from './errors.ts';
import type { JournalDatabase } from './database.ts';
import { maskedEntry, toEntry, type EntryRow, type JournalStore } from './store.ts';
import type { EntryState, JournalEntry, NewEntry, RejectionReason, SendResult } from './types.ts';

const ORPHAN_VOID_REASON = 'the sale it cancels was voided, so CareCloud has nothing to cancel';
const ORPHAN_REJECTION: RejectionReason = {
  name: 'bill_number',
  reason: 'original_not_booked',
  message:
    'CareCloud refused the sale this cancels, so there is nothing to cancel; ' +
    'if that sale is sent again, retry this cancellation after it',
};

/** What waited on a sign-up or card assignment that CareCloud refused or the manager voided: the manager decides. */
const WAITED_REJECTION: Partial<Record<JournalEntry['kind'], RejectionReason>> = {
  'card-assignment': {
    name: 'customer_id',
    reason: 'signup_not_booked',
    message:
      'The sign-up this card was to be assigned with did not reach CareCloud; ' +
      'once the customer exists, retry this assignment',
  },
  purchase: {
    name: 'card_number',
    reason: 'card_not_assigned',
    message:
      'The card this sale carries was never assigned to its new customer; assign it, then retry this sale',
  },
};

export interface Claim {
  entry: JournalEntry;
  attemptId: number;
}

export class SendLifecycle {
  readonly #db: JournalDatabase;
  readonly #now: () => number;
  readonly #sql: (text: string) => Statement;
  readonly #insertTransition: Statement;
  readonly #byId: Statement;
  readonly #get: (id: number) => JournalEntry | null;
  readonly #refuseIfDamaged: () => void;
  readonly #insertEntry: Statement;
  readonly #insertAttempt: Statement;
  readonly #nextEligible: Statement;
  readonly #finishAttempt: Statement;
  readonly #monotonic: () => number;
  /**
   * Claims in `sending` as this process first saw them (or made them), on its own monotonic clock:
   * a lease runs out when this process has watched it unchanged for its length, so two processes
   * whose wall clocks disagree never judge each other's leases by the wrong clock.
   */
  readonly #leasesSeen = new Map<number, { lease: string; at: number }>();

  constructor(store: JournalStore, monotonic: () => number) {
    this.#db = store.db;
    this.#now = store.now;
    this.#sql = (text) => store.sql(text);
    this.#insertTransition = store.insertTransition;
    this.#byId = store.byId;
    this.#get = (id) => store.get(id);
    this.#refuseIfDamaged = () => store.refuseIfDamaged();
    this.#monotonic = monotonic;
    const db = store.db;
    this.#insertEntry =
      db.prepare(`INSERT INTO entries (kind, idempotency_key, bill_id, request, payment_time, store_id, cashdesk,
        operator, customer_id, card_number, depends_on, replaces, flags, state, next_attempt_at, created_at,
        updated_at, lease_owner, lease_expires_at, attempt_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertAttempt = db.prepare('INSERT INTO attempts (entry_id, owner, started_at) VALUES (?, ?, ?)');
    // An entry waits for the one it depends on unless that one is synced (or already purged, which only synced entries
    // are).
    this.#nextEligible = db.prepare(`SELECT * FROM entries e INDEXED BY entries_pending
      WHERE e.state = 'pending' AND e.next_attempt_at <= ?
      AND NOT EXISTS (SELECT 1 FROM entries d WHERE d.id = e.depends_on AND d.state != 'synced')
      ORDER BY e.id LIMIT 1`);
    this.#finishAttempt = db.prepare(
      'UPDATE attempts SET finished_at = ?, outcome = ?, http_status = ?, error = ? WHERE id = ?',
    );
  }

  /**
   * Runs bookkeeping that replay can rebuild (claims, send results, lease releases) without
   * waiting for fsync: WAL with synchronous NORMAL still survives a process crash, and after a
   * power cut the worst case is an entry sent again, which bill_id makes harmless. New sales and
   * manager actions always commit with FULL.
   */
  #relaxed<T>(write: () => T): T {
    this.#sql('PRAGMA synchronous = NORMAL').run();
    try {
      return write();
    } finally {
      this.#sql('PRAGMA synchronous = FULL').run();
    }
  }

  /** Writes a new entry durably (the commit is on disk when this returns). */
  append(input: NewEntry): JournalEntry {
    // A single INSERT is atomic on its own; with voucher holds the rows commit together.
    if (!input.voucherHolds?.length && !input.tillPayment) return guarded(() => this.insert(input, null));
    return guarded(() => this.#db.transaction(() => this.insert(input, null)).immediate());
  }

  /** Writes a new entry and claims it for an immediate send, in the same commit. */
  appendAndClaim(input: NewEntry, owner: string, leaseMs: number): Claim {
    return guarded(() =>
      this.#db
        .transaction(() => {
          const entry = this.insert(input, { owner, leaseMs });
          this.#leasesSeen.set(entry.id, {
            lease: `${owner}|${entry.leaseExpiresAt}`,
            at: this.#monotonic(),
          });
          this.#insertTransition.run(entry.id, entry.createdAt, 'pending', 'sending', 'send', owner);
          const attemptId = Number(this.#insertAttempt.run(entry.id, owner, entry.createdAt).lastInsertRowid);
          return { entry, attemptId };
        })
        .immediate(),
    );
  }

  /** Inserts the entry and its first transition; returns the entry as stored, without reading it back. */
  insert(input: NewEntry, claimFor: { owner: string; leaseMs: number } | null): JournalEntry {
    this.#refuseIfDamaged();
    const now = this.#now();
    const request = JSON.stringify(input.request);
    const entry: JournalEntry = {
      id: 0,
      kind: input.kind,
      idempotencyKey: input.idempotencyKey,
      billId: input.billId ?? null,
      // The caller's own object: it was just serialized as is, and re-parsing it costs every sale.
      request: input.request,
      paymentTime: input.paymentTime ?? null,
      storeId: input.storeId,
      cashdesk: input.cashdesk,
      operator: input.operator,
      customerId: input.customerId ?? null,
      cardNumber: input.cardNumber ?? null,
      dependsOn: input.dependsOn ?? null,
      replaces: input.replaces ?? null,
      flags: input.flags ?? [],
      state: claimFor ? 'sending' : 'pending',
      remoteId: null,
      reasons: [],
      voidReason: null,
      voidedBy: null,
      attemptCount: claimFor ? 1 : 0,
      nextAttemptAt: now,
      lastError: null,
      leaseOwner: claimFor?.owner ?? null,
      leaseExpiresAt: claimFor ? now + claimFor.leaseMs : null,
      createdAt: now,
      updatedAt: now,
      exportedAt: null,
    };
    // Positional parameters: binding 20 named ones is measurable on every sale.
    const result = this.#insertEntry.run(
      entry.kind,
      entry.idempotencyKey,
      entry.billId,
      request,
      entry.paymentTime,
      entry.storeId,
      entry.cashdesk,
      entry.operator,
      entry.customerId,
      entry.cardNumber,
      entry.dependsOn,
      entry.replaces,
      entry.flags.length ? JSON.stringify(entry.flags) : null,
      entry.state,
      now,
      now,
      now,
      entry.leaseOwner,
      entry.leaseExpiresAt,
      entry.attemptCount,
    );
    entry.id = Number(result.lastInsertRowid);
    if (input.voucherHolds?.length) {
      const hold = this.#sql(
        'INSERT INTO voucher_holds (entry_id, code, amount_minor) VALUES (?, ?, ?) ' +
          'ON CONFLICT (entry_id, code) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor',
      );
      for (const h of input.voucherHolds) hold.run(entry.id, h.code, h.amountMinor);
    }
    if (input.tillPayment) {
      this.#sql(
        'INSERT INTO till_payments (entry_id, paid_minor, settlement, points_earned) VALUES (?, ?, ?, ?)',
      ).run(
        entry.id,
        input.tillPayment.paidMinor,
        JSON.stringify(input.tillPayment.settlement),
        input.tillPayment.pointsEarned ?? null,
      );
    }
    // The first transition (recorded, by the operator, at created_at) is the entry row itself: one insert less per
    // sale.
    return entry;
  }

  /**
   * Forgets the holds of purchases CareCloud confirmed before `before`: a voucher list synced since then no longer
   * offers them.
   */
  releaseConfirmedHolds(before: number): number {
    // CROSS JOIN keeps SQLite walking the few holds and looking each entry up, never the other way round.
    return guarded(() =>
      this.#db
        .transaction(() =>
          Number(
            this.#sql(
              'DELETE FROM voucher_holds WHERE entry_id IN (SELECT h.entry_id FROM voucher_holds h ' +
                "CROSS JOIN entries e ON e.id = h.entry_id WHERE e.state = 'synced' AND e.updated_at < ?)",
            ).run(before).changes,
          ),
        )
        .immediate(),
    );
  }

  /** Takes the oldest entry that is due and not waiting on another, marking it sending under a lease. */
  claimNext(owner: string, leaseMs: number): Claim | null {
    return guarded(() =>
      this.#relaxed(() =>
        this.#db
          .transaction(() => {
            const now = this.#now();
            const row = this.#nextEligible.get(now) as EntryRow | undefined;
            return row ? this.#claim(row.id, 'pending', owner, leaseMs, now) : null;
          })
          .immediate(),
      ),
    );
  }

  /** Claims one given entry if it is pending (its dependency synced), whatever its schedule. */
  claim(id: number, owner: string, leaseMs: number): Claim | null {
    return guarded(() =>
      this.#db
        .transaction(() => {
          const row = this.#byId.get(id) as EntryRow | undefined;
          if (!row || row.state !== 'pending') return null;
          if (row.depends_on !== null) {
            const dependency = this.#byId.get(row.depends_on) as EntryRow | undefined;
            if (dependency && dependency.state !== 'synced') return null;
          }
          return this.#claim(id, 'pending', owner, leaseMs, this.#now());
        })
        .immediate(),
    );
  }

  #claim(id: number, from: EntryState, owner: string, leaseMs: number, now: number): Claim {
    this.#refuseIfDamaged();
    this.#sql(
      "UPDATE entries SET state = 'sending', lease_owner = ?, lease_expires_at = ?, " +
        'attempt_count = attempt_count + 1, updated_at = ? WHERE id = ?',
    ).run(owner, now + leaseMs, now, id);
    this.#leasesSeen.set(id, { lease: `${owner}|${now + leaseMs}`, at: this.#monotonic() });
    this.#insertTransition.run(id, now, from, 'sending', 'send', owner);
    const attemptId = Number(this.#insertAttempt.run(id, owner, now).lastInsertRowid);
    return { entry: this.#get(id)!, attemptId };
  }

  /** Records how a send ended. A success is recorded whoever holds the lease: it is what CareCloud now knows. */
  finish(claim: Claim, owner: string, result: SendResult): JournalEntry {
    return guarded(() =>
      this.#relaxed(() =>
        this.#db
          .transaction((): JournalEntry => {
            const now = this.#now();
            const id = claim.entry.id;
            // The send is over: its lease needs watching no more (a replay of thousands would keep them all).
            this.#leasesSeen.delete(id);
            const row = this.#byId.get(id) as EntryRow | undefined;
            if (!row) throw new Error(`Journal entry ${id} no longer exists.`);
            // Every send ends here: the entry is returned from the row read above plus what this commit changed, not
            // read a second time.
            const entry = toEntry(row, claim.entry.request);
            const owned = row.state === 'sending' && row.lease_owner === owner;
            const released = { leaseOwner: null, leaseExpiresAt: null, updatedAt: now };
            if (result.kind === 'synced') {
              this.#finishAttempt.run(now, result.outcome, result.httpStatus, null, claim.attemptId);
              if (row.state === 'pending' || row.state === 'sending') {
                // CareCloud has the sale now: the journal keeps only the card number's last four digits.
                this.#sql(
                  `UPDATE entries SET state = 'synced', remote_id = ?, lease_owner = NULL, ` +
                    `lease_expires_at = NULL, last_error = NULL, updated_at = ?, ${maskSyncedCardSql} ` +
                    `WHERE id = ?`,
                ).run(result.remoteId, now, id);
                this.#insertTransition.run(
                  id,
                  now,
                  row.state,
                  'synced',
                  result.outcome === 'already-landed'
                    ? 'CareCloud already had this bill_id'
                    : 'accepted by CareCloud',
                  owner,
                );
                return {
                  ...maskedEntry(entry),
                  ...released,
                  state: 'synced',
                  remoteId: result.remoteId,
                  lastError: null,
                };
              }
            } else if (result.kind === 'rejected') {
              this.#finishAttempt.run(now, 'rejected', result.httpStatus, result.error, claim.attemptId);
              if (owned) {
                this.#sql(
                  "UPDATE entries SET state = 'rejected', reasons = ?, lease_owner = NULL, " +
                    'lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ?',
                ).run(JSON.stringify(result.reasons), result.error, now, id);
                this.#insertTransition.run(
                  id,
                  now,
                  'sending',
                  'rejected',
                  `refused by CareCloud: ` +
                    `${result.reasons.map((r) => `${r.name}/${r.reason}`).join(', ') || result.error}`,
                  owner,
                );
                this.settleDependents(id, 'rejected', now);
                // A copy as stored: the caller's reasons are not shared with the returned entry.
                return {
                  ...entry,
                  ...released,
                  state: 'rejected',
                  reasons: JSON.parse(JSON.stringify(result.reasons)) as RejectionReason[],
                  lastError: result.error,
                };
              }
            } else {
              this.#finishAttempt.run(now, result.outcome, result.httpStatus, result.error, claim.attemptId);
              if (owned) {
                this.#sql(
                  "UPDATE entries SET state = 'pending', next_attempt_at = ?, lease_owner = NULL, " +
                    'lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ?',
                ).run(result.nextAttemptAt, result.error, now, id);
                this.#insertTransition.run(
                  id,
                  now,
                  'sending',
                  'pending',
                  `${result.outcome}: ${result.error}`,
                  owner,
                );
                return {
                  ...entry,
                  ...released,
                  state: 'pending',
                  nextAttemptAt: result.nextAttemptAt,
                  lastError: result.error,
                };
              }
            }
            return entry;
          })
          .immediate(),
      ),
    );
  }

  /** Puts back entries left in `sending` by a process that died or whose lease ran out. Returns how many. */
  releaseStaleClaims(isOwnerAlive: (owner: string) => boolean): number {
    return guarded(() =>
      this.#relaxed(() =>
        this.#db
          .transaction(() => {
            const now = this.#now();
            const rows = this.#sql(
              'SELECT id, lease_owner, lease_expires_at, updated_at ' +
                "FROM entries INDEXED BY entries_unsettled WHERE state IN ('sending', 'rejected') " +
                "AND state = 'sending'",
            ).all() as Pick<EntryRow, 'id' | 'lease_owner' | 'lease_expires_at' | 'updated_at'>[];
            const watching = new Set(rows.map((row) => row.id));
            for (const id of this.#leasesSeen.keys()) if (!watching.has(id)) this.#leasesSeen.delete(id);
            let released = 0;
            for (const row of rows) {
              const expired = this.#leaseRanOut(row);
              const dead = row.lease_owner === null || !isOwnerAlive(row.lease_owner);
              if (!expired && !dead) continue;
              this.#sql(
                "UPDATE entries SET state = 'pending', next_attempt_at = ?, " +
                  'lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?',
              ).run(now, now, row.id);
              this.#sql(
                "UPDATE attempts SET finished_at = ?, outcome = 'abandoned', error = ? " +
                  'WHERE entry_id = ? AND finished_at IS NULL',
              ).run(
                now,
                dead
                  ? 'the sending process ended before recording an answer'
                  : 'lease expired before an answer was recorded',
                row.id,
              );
              this.#insertTransition.run(
                row.id,
                now,
                'sending',
                'pending',
                dead ? `sender ${row.lease_owner ?? '?'} is gone` : 'lease expired',
                'system',
              );
              released++;
            }
            return released;
          })
          .immediate(),
      ),
    );
  }

  /** The lease's length is the claimer's own difference (expiry minus claim time); the time it has run is ours. */
  #leaseRanOut(row: Pick<EntryRow, 'id' | 'lease_owner' | 'lease_expires_at' | 'updated_at'>): boolean {
    if (row.lease_expires_at === null) return true;
    const lease = `${row.lease_owner ?? ''}|${row.lease_expires_at}`;
    const seen = this.#leasesSeen.get(row.id);
    if (seen?.lease !== lease) {
      this.#leasesSeen.set(row.id, { lease, at: this.#monotonic() });
      return false;
    }
    return this.#monotonic() - seen.at >= row.lease_expires_at - row.updated_at;
  }

  /**
   * A cancellation waits for its sale; once that sale can never reach CareCloud it waits on nothing.
   * Voided sale: the cancellation is settled (voided, nothing to cancel). Rejected sale: the manager
   * decides (it becomes rejected with a sentence), since the sale may still be sent again.
   */
  settleDependents(id: number, dependencyState: 'rejected' | 'voided', now: number): number {
    const waiting = this.#sql("SELECT id, kind FROM entries WHERE depends_on = ? AND state = 'pending'").all(
      id,
    ) as { id: number; kind: JournalEntry['kind'] }[];
    for (const { id: dependent, kind } of waiting) {
      const waited = WAITED_REJECTION[kind];
      if (waited) {
        // A sale or card assignment that waited is still the customer's: it goes to the manager, never voided quietly.
        this.#sql(
          "UPDATE entries SET state = 'rejected', reasons = ?, last_error = ?, updated_at = ? WHERE id = ?",
        ).run(JSON.stringify([waited]), waited.message, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'rejected', waited.message!, 'system');
        // A sale waiting on this card assignment waits on nothing that can come now.
        this.settleDependents(dependent, 'rejected', now);
      } else if (dependencyState === 'voided') {
        this.#sql(
          "UPDATE entries SET state = 'voided', void_reason = ?, " +
            "voided_by = 'system', next_attempt_at = ?, updated_at = ? WHERE id = ?",
        ).run(ORPHAN_VOID_REASON, now, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'voided', ORPHAN_VOID_REASON, 'system');
      } else {
        this.#sql(
          "UPDATE entries SET state = 'rejected', reasons = ?, last_error = ?, updated_at = ? WHERE id = ?",
        ).run(JSON.stringify([ORPHAN_REJECTION]), ORPHAN_REJECTION.message, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'rejected', ORPHAN_REJECTION.message, 'system');
      }
    }
    return waiting.length;
  }

  /** Settles cancellations left waiting on a sale that was rejected or voided (journals written before this rule). */
  settleOrphanedCancellations(): number {
    return guarded(() =>
      this.#db
        .transaction(() => {
          const rows = this.#sql(
            `SELECT DISTINCT d.id AS id, d.state AS state
          FROM entries e INDEXED BY entries_pending JOIN entries d ON d.id = e.depends_on
          WHERE e.state = 'pending' AND d.state IN ('rejected', 'voided')`,
          ).all() as { id: number; state: 'rejected' | 'voided' }[];
          if (rows.length === 0) return 0;
          const now = this.#now();
          return rows.reduce((n, row) => n + this.settleDependents(row.id, row.state, now), 0);
        })
        .immediate(),
    );
  }

  /** Makes every pending entry due now (after connectivity comes back, nothing should wait out an old backoff). */
  makeAllDue(): number {
    return guarded(
      () =>
        this.#sql(
          "UPDATE entries SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?",
        ).run(this.#now(), this.#now()).changes,
    );
  }

  /** The earliest time a pending entry can be claimed (its dependency synced), or null when none can. */
  nextDueAt(): number | null {
    return guarded(() => {
      const row = this.#sql(
        `SELECT MIN(e.next_attempt_at) AS at FROM entries e INDEXED BY entries_pending WHERE e.state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM entries d WHERE d.id = e.depends_on AND d.state != 'synced')`,
      ).get() as { at: number | null };
      return row.at;
    });
  }
}
