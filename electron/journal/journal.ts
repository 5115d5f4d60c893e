// The offline journal: every write CareCloud must receive, committed to disk
// before the first attempt, with its states, transitions, attempts and the
// manager's audit trail. Claims take an entry with a lease inside one SQLite
// write transaction, so two processes on one data dir never send it twice.
import { maskSyncedCard, maskSyncedCardSql } from './card-mask.ts';
import type { Statement } from 'better-sqlite3';
import { guarded, JournalUnavailableError, SendUncertainError } from './errors.ts';
import { mayHaveLanded } from './send-certainty.ts';
import { openJournalDatabase, type JournalDatabase, type OpenOptions } from './database.ts';
import { databaseIdentity, readIdentityRecord, renewFileId, setIdentityRecordAside, writeIdentityRecord, type JournalIdentity } from './identity.ts';
import { ShiftBook } from './shifts.ts';
import { JournalFigures } from './figures.ts';
import { checkedBeforeOpen, checkIntegrityInBackground, type IntegrityVerdict } from './integrity.ts';
import type { Attempt, AttemptOutcome, AuditRecord, EntryFilter, EntryKind, EntryState, HeldVoucher, JournalEntry, NewEntry, Page, RejectionReason, SendResult, TillPayment, Transition } from './types.ts';

interface EntryRow {
  id: number;
  kind: EntryKind;
  idempotency_key: string;
  bill_id: string | null;
  request: string;
  payment_time: string | null;
  store_id: string;
  cashdesk: number;
  operator: string;
  customer_id: string | null;
  card_number: string | null;
  depends_on: number | null;
  replaces: number | null;
  flags: string | null;
  state: EntryState;
  remote_id: string | null;
  reasons: string | null;
  void_reason: string | null;
  voided_by: string | null;
  attempt_count: number;
  next_attempt_at: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  updated_at: number;
  exported_at: number | null;
}

/** The entry as the journal keeps it once synced (see card-mask.ts). */
function maskedEntry(entry: JournalEntry): JournalEntry {
  const body = entry.request.body as { card_number?: unknown } | null;
  const card = typeof body?.card_number === 'string' ? body.card_number : null;
  return {
    ...entry,
    cardNumber: entry.cardNumber === null ? null : maskSyncedCard(entry.cardNumber),
    request: card === null ? entry.request : { ...entry.request, body: { ...(body as object), card_number: maskSyncedCard(card) } },
  };
}

/** `request` may be passed when the caller already holds it parsed (the hot send path). */
function toEntry(row: EntryRow, request?: JournalEntry['request']): JournalEntry {
  return {
    id: row.id,
    kind: row.kind,
    idempotencyKey: row.idempotency_key,
    billId: row.bill_id,
    request: request ?? (JSON.parse(row.request) as JournalEntry['request']),
    paymentTime: row.payment_time,
    storeId: row.store_id,
    cashdesk: row.cashdesk,
    operator: row.operator,
    customerId: row.customer_id,
    cardNumber: row.card_number,
    dependsOn: row.depends_on,
    replaces: row.replaces,
    flags: row.flags ? (JSON.parse(row.flags) as string[]) : [],
    state: row.state,
    remoteId: row.remote_id,
    reasons: row.reasons ? (JSON.parse(row.reasons) as RejectionReason[]) : [],
    voidReason: row.void_reason,
    voidedBy: row.voided_by,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    exportedAt: row.exported_at,
  };
}

const ORPHAN_VOID_REASON = 'the sale it cancels was voided, so CareCloud has nothing to cancel';
const ORPHAN_REJECTION: RejectionReason = {
  name: 'bill_number',
  reason: 'original_not_booked',
  message: 'CareCloud refused the sale this cancels, so there is nothing to cancel; if that sale is sent again, retry this cancellation after it',
};

/** What waited on a sign-up or card assignment that CareCloud refused or the manager voided: the manager decides. */
const WAITED_REJECTION: Partial<Record<JournalEntry['kind'], RejectionReason>> = {
  'card-assignment': {
    name: 'customer_id',
    reason: 'signup_not_booked',
    message: 'The sign-up this card was to be assigned with did not reach CareCloud; once the customer exists, retry this assignment',
  },
  purchase: {
    name: 'card_number',
    reason: 'card_not_assigned',
    message: 'The card this sale carries was never assigned to its new customer; assign it, then retry this sale',
  },
};

export interface Claim {
  entry: JournalEntry;
  attemptId: number;
}

export interface QueueStats {
  /** pending plus sending: what still has to reach CareCloud. */
  queued: number;
  oldestQueuedAt: number | null;
  /** The unsettled states only; `countsByState` counts them all. */
  counts: Record<'pending' | 'sending' | 'rejected', number>;
}

export interface JournalOptions extends Omit<OpenOptions, 'expectedIdentity'> {
  now?: () => number;
  /** Elapsed time for judging leases; defaults to `now` when that is given, else the monotonic clock. */
  monotonic?: () => number;
}

export class Journal {
  readonly #db: JournalDatabase;
  readonly #now: () => number;
  readonly #insertEntry: Statement;
  readonly #insertTransition: Statement;
  readonly #insertAttempt: Statement;
  readonly #insertAudit: Statement;
  readonly #byId: Statement;
  readonly #nextEligible: Statement;
  readonly #finishAttempt: Statement;

  /** Refuses (JournalUnavailableError) a journal that is not the one its identity record names. */
  static open(file: string, options: JournalOptions = {}): Journal {
    const expected = readIdentityRecord(file);
    const checkedNow = checkedBeforeOpen(file, options.integrity ?? 'before-open');
    const journal = Journal.#create(file, openJournalDatabase(file, { ...options, expectedIdentity: expected }), options);
    if (!checkedNow) journal.#checkInBackground();
    journal.#recorded = expected;
    try {
      journal.#recordIdentity(expected?.checkpointedAt ?? null);
    } catch (error) {
      // A full or read-only disk reports itself on the first write that matters; the record is written at the next checkpoint.
      if (!(error instanceof JournalUnavailableError)) throw error;
    }
    return journal;
  }

  /**
   * A manager accepting the journal on disk as this terminal's after `open` refused it: the old
   * record is kept aside under a dated name, the journal gets a new id and the audit says what
   * the old record expected.
   */
  static adopt(file: string, actor: string, options: JournalOptions = {}): { journal: Journal; previous: JournalIdentity | null; setAside: string | null; identity: JournalIdentity } {
    if (!actor.trim()) throw new Error('Adopting a journal needs the name of who does it.');
    let previous: JournalIdentity | null = null;
    try {
      previous = readIdentityRecord(file);
    } catch {
      // A damaged record is exactly what adopting replaces; it is still set aside below.
    }
    const journal = Journal.#create(file, openJournalDatabase(file, options), options);
    const now = journal.#now();
    const setAside = guarded(() => setIdentityRecordAside(file, now));
    const fileId = guarded(() => renewFileId(journal.#db, now));
    const identity = journal.#recordIdentity(previous?.checkpointedAt ?? null);
    journal.recordAudit(actor, 'journal-adopted', null, {
      fileId,
      highestEntryId: identity.highestEntryId,
      previousFileId: previous?.fileId ?? null,
      previousHighestEntryId: previous?.highestEntryId ?? null,
      previousCheckpointedAt: previous?.checkpointedAt ?? null,
    });
    return { journal, previous, setAside, identity };
  }

  static #create(file: string, db: JournalDatabase, options: JournalOptions): Journal {
    return new Journal(file, db, options.now ?? Date.now, options.monotonic ?? options.now ?? (() => performance.now()));
  }

  readonly #file: string;

  readonly #monotonic: () => number;
  /**
   * Claims in `sending` as this process first saw them (or made them), on its own monotonic clock:
   * a lease runs out when this process has watched it unchanged for its length, so two processes
   * whose wall clocks disagree never judge each other's leases by the wrong clock.
   */
  readonly #leasesSeen = new Map<number, { lease: string; at: number }>();

  private constructor(file: string, db: JournalDatabase, now: () => number, monotonic: () => number) {
    this.#file = file;
    this.#db = db;
    this.#now = now;
    this.#monotonic = monotonic;
    this.#insertEntry = db.prepare(`INSERT INTO entries (kind, idempotency_key, bill_id, request, payment_time, store_id, cashdesk, operator, customer_id, card_number, depends_on, replaces, flags, state, next_attempt_at, created_at, updated_at, lease_owner, lease_expires_at, attempt_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#insertTransition = db.prepare('INSERT INTO transitions (entry_id, at, from_state, to_state, cause, actor) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertAttempt = db.prepare('INSERT INTO attempts (entry_id, owner, started_at) VALUES (?, ?, ?)');
    this.#insertAudit = db.prepare('INSERT INTO audit (at, actor, action, entry_id, detail) VALUES (?, ?, ?, ?, ?)');
    this.#byId = db.prepare('SELECT * FROM entries WHERE id = ?');
    // An entry waits for the one it depends on unless that one is synced (or already purged, which only synced entries are).
    this.#nextEligible = db.prepare(`SELECT * FROM entries e INDEXED BY entries_pending WHERE e.state = 'pending' AND e.next_attempt_at <= ?
      AND NOT EXISTS (SELECT 1 FROM entries d WHERE d.id = e.depends_on AND d.state != 'synced')
      ORDER BY e.id LIMIT 1`);
    this.#finishAttempt = db.prepare('UPDATE attempts SET finished_at = ?, outcome = ?, http_status = ?, error = ? WHERE id = ?');
  }

  /** The integrity check's verdict: settled at once when it ran before opening. */
  integrity: Promise<IntegrityVerdict> = Promise.resolve('ok');
  /** Set once a background check found the file damaged: from then on nothing is written or sent from it. */
  #damaged: JournalUnavailableError | null = null;

  #checkInBackground(): void {
    this.integrity = checkIntegrityInBackground(this.#file).then((verdict) => {
      if (verdict === 'corrupt') this.#damaged = new JournalUnavailableError('corrupt');
      return verdict;
    });
  }

  #refuseIfDamaged(): void {
    if (this.#damaged) throw this.#damaged;
  }

  #shifts: ShiftBook | null = null;
  /** The lane's shifts, cash movements and their reports (shifts.ts), in this journal's database. */
  get shifts(): ShiftBook {
    return (this.#shifts ??= new ShiftBook(this.#db, this.#now, () => this.#refuseIfDamaged()));
  }

  #figures: JournalFigures | null = null;
  /** The dashboard's reads (figures.ts), all from one snapshot of the journal. */
  figures<T>(read: (figures: JournalFigures) => T): T {
    return guarded(() => this.#db.transaction(() => read((this.#figures ??= new JournalFigures(this.#db)))).deferred());
  }

  /** Copies the WAL into the database file and empties it (other readers permitting), durably; then notes it in the identity record. */
  checkpoint(): void {
    guarded(() => this.#db.pragma('wal_checkpoint(TRUNCATE)'));
    this.#recordIdentity(this.#now());
  }

  /** The identity record as this journal last wrote or found it. */
  identity(): JournalIdentity {
    return this.#recorded ?? this.#recordIdentity(null);
  }

  #recorded: JournalIdentity | null = null;

  /** Rewrites the identity record when it would say something new (a plain open that changes nothing writes nothing). */
  #recordIdentity(checkpointedAt: number | null): JournalIdentity {
    const actual = guarded(() => databaseIdentity(this.#db));
    const identity: JournalIdentity = { version: 1, fileId: actual.fileId!, highestEntryId: actual.highestEntryId, checkpointedAt };
    const known = this.#recorded;
    const unchanged = known !== null && known.fileId === identity.fileId && known.highestEntryId === identity.highestEntryId && known.checkpointedAt === identity.checkpointedAt;
    if (!unchanged) guarded(() => writeIdentityRecord(this.#file, identity));
    this.#recorded = identity;
    return identity;
  }

  /** Notes the highest entry in the identity record on the way out, so losing entries written since the last checkpoint is noticed too. */
  close(): void {
    if (!this.#db.open) return;
    try {
      this.#recordIdentity(this.#recorded?.checkpointedAt ?? null);
    } catch (error) {
      // A full or read-only disk: the record stays as it was, which can only make it less strict.
      if (!(error instanceof JournalUnavailableError)) throw error;
    } finally {
      this.#db.close();
    }
  }

  readonly #statements = new Map<string, Statement>();
  /** Prepared once per text: the send path runs the same few statements thousands of times. */
  #sql(text: string): Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
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
    if (!input.voucherHolds?.length && !input.tillPayment) return guarded(() => this.#insert(input, null));
    return guarded(() => this.#db.transaction(() => this.#insert(input, null)).immediate());
  }

  /** Writes a new entry and claims it for an immediate send, in the same commit. */
  appendAndClaim(input: NewEntry, owner: string, leaseMs: number): Claim {
    return guarded(() =>
      this.#db.transaction(() => {
        const entry = this.#insert(input, { owner, leaseMs });
        this.#leasesSeen.set(entry.id, { lease: `${owner}|${entry.leaseExpiresAt}`, at: this.#monotonic() });
        this.#insertTransition.run(entry.id, entry.createdAt, 'pending', 'sending', 'send', owner);
        const attemptId = Number(this.#insertAttempt.run(entry.id, owner, entry.createdAt).lastInsertRowid);
        return { entry, attemptId };
      }).immediate(),
    );
  }

  /** Inserts the entry and its first transition; returns the entry as stored, without reading it back. */
  #insert(input: NewEntry, claimFor: { owner: string; leaseMs: number } | null): JournalEntry {
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
      entry.kind, entry.idempotencyKey, entry.billId, request, entry.paymentTime, entry.storeId, entry.cashdesk, entry.operator, entry.customerId, entry.cardNumber,
      entry.dependsOn, entry.replaces, entry.flags.length ? JSON.stringify(entry.flags) : null, entry.state, now, now, now, entry.leaseOwner, entry.leaseExpiresAt, entry.attemptCount,
    );
    entry.id = Number(result.lastInsertRowid);
    if (input.voucherHolds?.length) {
      const hold = this.#sql('INSERT INTO voucher_holds (entry_id, code, amount_minor) VALUES (?, ?, ?) ON CONFLICT (entry_id, code) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor');
      for (const h of input.voucherHolds) hold.run(entry.id, h.code, h.amountMinor);
    }
    if (input.tillPayment) {
      this.#sql('INSERT INTO till_payments (entry_id, paid_minor, settlement, points_earned) VALUES (?, ?, ?, ?)').run(entry.id, input.tillPayment.paidMinor, JSON.stringify(input.tillPayment.settlement), input.tillPayment.pointsEarned ?? null);
    }
    // The first transition (recorded, by the operator, at created_at) is the entry row itself: one insert less per sale.
    return entry;
  }

  get(id: number): JournalEntry | null {
    return guarded(() => this.#get(id));
  }

  #get(id: number): JournalEntry | null {
    const row = this.#byId.get(id) as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  /** The newest card assignment of this card CareCloud has not confirmed (a sale carrying the card waits for it), or null. */
  unconfirmedCardAssignment(cardNumber: string): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql("SELECT * FROM entries WHERE kind = 'card-assignment' AND card_number = ? AND state IN ('pending', 'sending', 'rejected') ORDER BY id DESC LIMIT 1").get(cardNumber) as EntryRow | undefined;
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
      (this.#sql("SELECT * FROM entries WHERE kind = 'customer-assignment' AND json_extract(request, '$.body.external_purchase_id') = ? ORDER BY id").all(billId) as EntryRow[]).map((row) => toEntry(row)),
    );
  }

  /** The entry written under this idempotency key (a till's sale id), if any. */
  byIdempotencyKey(key: string): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql('SELECT * FROM entries WHERE idempotency_key = ?').get(key) as EntryRow | undefined;
      return row ? toEntry(row) : null;
    });
  }

  /** The entry that was written to replace this one, if any. */
  replacementOf(id: number): JournalEntry | null {
    return guarded(() => {
      const row = this.#sql('SELECT * FROM entries WHERE replaces = ? ORDER BY id LIMIT 1').get(id) as EntryRow | undefined;
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
      const rows = this.#sql(`SELECT h.code AS code, SUM(h.amount_minor) AS amount, json_group_array(e.bill_id) AS bills
        FROM voucher_holds h JOIN entries e ON e.id = h.entry_id
        WHERE h.code IN (SELECT value FROM json_each(?)) AND e.state IN ${states}
          AND NOT EXISTS (SELECT 1 FROM entries c WHERE c.depends_on = e.id AND c.kind = 'cancellation' AND c.state NOT IN ('rejected', 'voided'))
        GROUP BY h.code ORDER BY h.code`).all(JSON.stringify(codes)) as { code: string; amount: number; bills: string }[];
      return rows.map((r) => ({ code: r.code, amountMinor: r.amount, billIds: (JSON.parse(r.bills) as (string | null)[]).filter((b): b is string => b !== null) }));
    });
  }

  /** What the customer paid for these till sales, by entry id; sales without a record are absent. */
  tillPayments(ids: readonly number[]): Map<number, TillPayment> {
    if (ids.length === 0) return new Map();
    return guarded(() => {
      const rows = this.#sql('SELECT entry_id AS id, paid_minor AS paid, settlement FROM till_payments WHERE entry_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; paid: number; settlement: string }[];
      return new Map(rows.map((r) => [r.id, { paidMinor: r.paid, settlement: JSON.parse(r.settlement) as Record<string, number> }]));
    });
  }

  /** Forgets the holds of purchases CareCloud confirmed before `before`: a voucher list synced since then no longer offers them. */
  releaseConfirmedHolds(before: number): number {
    // CROSS JOIN keeps SQLite walking the few holds and looking each entry up, never the other way round.
    return guarded(() =>
      this.#db
        .transaction(() =>
          Number(
            this.#sql("DELETE FROM voucher_holds WHERE entry_id IN (SELECT h.entry_id FROM voucher_holds h CROSS JOIN entries e ON e.id = h.entry_id WHERE e.state = 'synced' AND e.updated_at < ?)").run(before).changes,
          ),
        )
        .immediate(),
    );
  }

  /** Takes the oldest entry that is due and not waiting on another, marking it sending under a lease. */
  claimNext(owner: string, leaseMs: number): Claim | null {
    return guarded(() =>
      this.#relaxed(() =>
        this.#db.transaction(() => {
          const now = this.#now();
          const row = this.#nextEligible.get(now) as EntryRow | undefined;
          return row ? this.#claim(row.id, 'pending', owner, leaseMs, now) : null;
        }).immediate(),
      ),
    );
  }

  /** Claims one given entry if it is pending (its dependency synced), whatever its schedule. */
  claim(id: number, owner: string, leaseMs: number): Claim | null {
    return guarded(() =>
      this.#db.transaction(() => {
        const row = this.#byId.get(id) as EntryRow | undefined;
        if (!row || row.state !== 'pending') return null;
        if (row.depends_on !== null) {
          const dependency = this.#byId.get(row.depends_on) as EntryRow | undefined;
          if (dependency && dependency.state !== 'synced') return null;
        }
        return this.#claim(id, 'pending', owner, leaseMs, this.#now());
      }).immediate(),
    );
  }

  #claim(id: number, from: EntryState, owner: string, leaseMs: number, now: number): Claim {
    this.#refuseIfDamaged();
    this.#sql("UPDATE entries SET state = 'sending', lease_owner = ?, lease_expires_at = ?, attempt_count = attempt_count + 1, updated_at = ? WHERE id = ?").run(owner, now + leaseMs, now, id);
    this.#leasesSeen.set(id, { lease: `${owner}|${now + leaseMs}`, at: this.#monotonic() });
    this.#insertTransition.run(id, now, from, 'sending', 'send', owner);
    const attemptId = Number(this.#insertAttempt.run(id, owner, now).lastInsertRowid);
    return { entry: this.#get(id)!, attemptId };
  }

  /** Records how a send ended. A success is recorded whoever holds the lease: it is what CareCloud now knows. */
  finish(claim: Claim, owner: string, result: SendResult): JournalEntry {
    return guarded(() =>
      this.#relaxed(() => this.#db.transaction((): JournalEntry => {
        const now = this.#now();
        const id = claim.entry.id;
        // The send is over: its lease needs watching no more (a replay of thousands would keep them all).
        this.#leasesSeen.delete(id);
        const row = this.#byId.get(id) as EntryRow | undefined;
        if (!row) throw new Error(`Journal entry ${id} no longer exists.`);
        // Every send ends here: the entry is returned from the row read above plus what this commit changed, not read a second time.
        const entry = toEntry(row, claim.entry.request);
        const owned = row.state === 'sending' && row.lease_owner === owner;
        const released = { leaseOwner: null, leaseExpiresAt: null, updatedAt: now };
        if (result.kind === 'synced') {
          this.#finishAttempt.run(now, result.outcome, result.httpStatus, null, claim.attemptId);
          if (row.state === 'pending' || row.state === 'sending') {
            // CareCloud has the sale now: the journal keeps only the card number's last four digits.
            this.#sql(`UPDATE entries SET state = 'synced', remote_id = ?, lease_owner = NULL, lease_expires_at = NULL, last_error = NULL, updated_at = ?, ${maskSyncedCardSql} WHERE id = ?`).run(result.remoteId, now, id);
            this.#insertTransition.run(id, now, row.state, 'synced', result.outcome === 'already-landed' ? 'CareCloud already had this bill_id' : 'accepted by CareCloud', owner);
            return { ...maskedEntry(entry), ...released, state: 'synced', remoteId: result.remoteId, lastError: null };
          }
        } else if (result.kind === 'rejected') {
          this.#finishAttempt.run(now, 'rejected', result.httpStatus, result.error, claim.attemptId);
          if (owned) {
            this.#sql("UPDATE entries SET state = 'rejected', reasons = ?, lease_owner = NULL, lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(result.reasons), result.error, now, id);
            this.#insertTransition.run(id, now, 'sending', 'rejected', `refused by CareCloud: ${result.reasons.map((r) => `${r.name}/${r.reason}`).join(', ') || result.error}`, owner);
            this.#settleDependents(id, 'rejected', now);
            // A copy as stored: the caller's reasons are not shared with the returned entry.
            return { ...entry, ...released, state: 'rejected', reasons: JSON.parse(JSON.stringify(result.reasons)) as RejectionReason[], lastError: result.error };
          }
        } else {
          this.#finishAttempt.run(now, result.outcome, result.httpStatus, result.error, claim.attemptId);
          if (owned) {
            this.#sql("UPDATE entries SET state = 'pending', next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ?").run(result.nextAttemptAt, result.error, now, id);
            this.#insertTransition.run(id, now, 'sending', 'pending', `${result.outcome}: ${result.error}`, owner);
            return { ...entry, ...released, state: 'pending', nextAttemptAt: result.nextAttemptAt, lastError: result.error };
          }
        }
        return entry;
      }).immediate()),
    );
  }

  /** Puts back entries left in `sending` by a process that died or whose lease ran out. Returns how many. */
  releaseStaleClaims(isOwnerAlive: (owner: string) => boolean): number {
    return guarded(() =>
      this.#relaxed(() => this.#db.transaction(() => {
        const now = this.#now();
        const rows = this.#sql("SELECT id, lease_owner, lease_expires_at, updated_at FROM entries INDEXED BY entries_unsettled WHERE state IN ('sending', 'rejected') AND state = 'sending'").all() as Pick<EntryRow, 'id' | 'lease_owner' | 'lease_expires_at' | 'updated_at'>[];
        const watching = new Set(rows.map((row) => row.id));
        for (const id of this.#leasesSeen.keys()) if (!watching.has(id)) this.#leasesSeen.delete(id);
        let released = 0;
        for (const row of rows) {
          const expired = this.#leaseRanOut(row);
          const dead = row.lease_owner === null || !isOwnerAlive(row.lease_owner);
          if (!expired && !dead) continue;
          this.#sql("UPDATE entries SET state = 'pending', next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?").run(now, now, row.id);
          this.#sql("UPDATE attempts SET finished_at = ?, outcome = 'abandoned', error = ? WHERE entry_id = ? AND finished_at IS NULL").run(now, dead ? 'the sending process ended before recording an answer' : 'lease expired before an answer was recorded', row.id);
          this.#insertTransition.run(row.id, now, 'sending', 'pending', dead ? `sender ${row.lease_owner ?? '?'} is gone` : 'lease expired', 'system');
          released++;
        }
        return released;
      }).immediate()),
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
  #settleDependents(id: number, dependencyState: 'rejected' | 'voided', now: number): number {
    const waiting = this.#sql("SELECT id, kind FROM entries WHERE depends_on = ? AND state = 'pending'").all(id) as { id: number; kind: JournalEntry['kind'] }[];
    for (const { id: dependent, kind } of waiting) {
      const waited = WAITED_REJECTION[kind];
      if (waited) {
        // A sale or card assignment that waited is still the customer's: it goes to the manager, never voided quietly.
        this.#sql("UPDATE entries SET state = 'rejected', reasons = ?, last_error = ?, updated_at = ? WHERE id = ?").run(JSON.stringify([waited]), waited.message, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'rejected', waited.message!, 'system');
        // A sale waiting on this card assignment waits on nothing that can come now.
        this.#settleDependents(dependent, 'rejected', now);
      } else if (dependencyState === 'voided') {
        this.#sql("UPDATE entries SET state = 'voided', void_reason = ?, voided_by = 'system', next_attempt_at = ?, updated_at = ? WHERE id = ?").run(ORPHAN_VOID_REASON, now, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'voided', ORPHAN_VOID_REASON, 'system');
      } else {
        this.#sql("UPDATE entries SET state = 'rejected', reasons = ?, last_error = ?, updated_at = ? WHERE id = ?").run(JSON.stringify([ORPHAN_REJECTION]), ORPHAN_REJECTION.message, now, dependent);
        this.#insertTransition.run(dependent, now, 'pending', 'rejected', ORPHAN_REJECTION.message, 'system');
      }
    }
    return waiting.length;
  }

  /** Settles cancellations left waiting on a sale that was rejected or voided (journals written before this rule). */
  settleOrphanedCancellations(): number {
    return guarded(() =>
      this.#db.transaction(() => {
        const rows = this.#sql(`SELECT DISTINCT d.id AS id, d.state AS state FROM entries e INDEXED BY entries_pending JOIN entries d ON d.id = e.depends_on
          WHERE e.state = 'pending' AND d.state IN ('rejected', 'voided')`).all() as { id: number; state: 'rejected' | 'voided' }[];
        if (rows.length === 0) return 0;
        const now = this.#now();
        return rows.reduce((n, row) => n + this.#settleDependents(row.id, row.state, now), 0);
      }).immediate(),
    );
  }

  /** Makes every pending entry due now (after connectivity comes back, nothing should wait out an old backoff). */
  makeAllDue(): number {
    return guarded(() => this.#sql("UPDATE entries SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?").run(this.#now(), this.#now()).changes);
  }

  /** The earliest time a pending entry can be claimed (its dependency synced), or null when none can. */
  nextDueAt(): number | null {
    return guarded(() => {
      const row = this.#sql(`SELECT MIN(e.next_attempt_at) AS at FROM entries e INDEXED BY entries_pending WHERE e.state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM entries d WHERE d.id = e.depends_on AND d.state != 'synced')`).get() as { at: number | null };
      return row.at;
    });
  }

  /** Cheap enough for every sale: reads only the partial indexes of unsettled entries. */
  stats(): QueueStats {
    return guarded(() => {
      type Row = { state: 'pending' | 'sending' | 'rejected'; n: number; first: number | null };
      const rows = [
        this.#sql("SELECT 'pending' AS state, COUNT(*) AS n, MIN(id) AS first FROM entries INDEXED BY entries_pending WHERE state = 'pending'").get() as Row,
        ...(this.#sql("SELECT state, COUNT(*) AS n, MIN(id) AS first FROM entries INDEXED BY entries_unsettled WHERE state IN ('sending', 'rejected') GROUP BY state").all() as Row[]),
      ];
      const counts = { pending: 0, sending: 0, rejected: 0 };
      let firstQueued: number | null = null;
      for (const row of rows) {
        counts[row.state] = row.n;
        if (row.state !== 'rejected' && row.first !== null && (firstQueued === null || row.first < firstQueued)) firstQueued = row.first;
      }
      // Ids grow with time, so the first queued id is the oldest queued entry.
      const oldest = firstQueued === null ? null : (this.#sql('SELECT created_at AS at FROM entries WHERE id = ?').get(firstQueued) as { at: number }).at;
      return { queued: counts.pending + counts.sending, oldestQueuedAt: oldest, counts };
    });
  }

  /** Where this entry stands in the queue: how many queued entries (itself included) go before or with it. */
  queuePosition(entryId: number): number {
    return guarded(
      () =>
        (
          this.#sql(`SELECT (SELECT COUNT(*) FROM entries INDEXED BY entries_pending WHERE state = 'pending' AND id <= @id)
            + (SELECT COUNT(*) FROM entries INDEXED BY entries_unsettled WHERE state IN ('sending', 'rejected') AND state = 'sending' AND id <= @id) AS n`).get({ id: entryId }) as { n: number }
        ).n,
    );
  }

  /** The ids of every queued entry (pending or being sent), oldest first. */
  queuedIds(): number[] {
    return guarded(() =>
      (
        this.#sql(`SELECT id FROM entries INDEXED BY entries_pending WHERE state = 'pending'
          UNION ALL SELECT id FROM entries INDEXED BY entries_unsettled WHERE state IN ('sending', 'rejected') AND state = 'sending' ORDER BY id`).all() as { id: number }[]
      ).map((r) => r.id),
    );
  }

  /** The newest entries of a kind, newest first (by the time they were written). */
  newest(kind: EntryKind, limit: number): JournalEntry[] {
    return guarded(() => (this.#sql('SELECT * FROM entries WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(kind, limit) as EntryRow[]).map((row) => toEntry(row)));
  }

  /** The card this customer last bought with at this terminal, if any. */
  lastCardOf(customerId: string): string | null {
    return guarded(() => (this.#sql('SELECT card_number AS card FROM entries WHERE customer_id = ? ORDER BY id DESC LIMIT 1').get(customerId) as { card: string | null } | undefined)?.card ?? null);
  }

  /** Every state's count: a scan of the journal, for the manager's screens. */
  countsByState(): Record<EntryState, number> {
    return guarded(() => {
      const counts: Record<EntryState, number> = { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 };
      for (const row of this.#sql('SELECT state, COUNT(*) AS n FROM entries GROUP BY state').all() as { state: EntryState; n: number }[]) counts[row.state] = row.n;
      return counts;
    });
  }

  list(filter: EntryFilter = {}, page: Page = { limit: 50, offset: 0 }): { entries: JournalEntry[]; total: number; counts: Record<EntryState, number> } {
    return guarded(() => {
      const { where, params } = whereClause(filter);
      const rows = this.#sql(`SELECT * FROM entries ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...params, page.limit, page.offset) as EntryRow[];
      const total = (this.#sql(`SELECT COUNT(*) AS n FROM entries ${where}`).get(...params) as { n: number }).n;
      const { where: countWhere, params: countParams } = whereClause({ ...filter, state: undefined });
      const counts: Record<EntryState, number> = { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 };
      for (const row of this.#sql(`SELECT state, COUNT(*) AS n FROM entries ${countWhere} GROUP BY state`).all(...countParams) as { state: EntryState; n: number }[]) counts[row.state] = row.n;
      return { entries: rows.map((row) => toEntry(row)), total, counts };
    });
  }

  transitions(id: number): Transition[] {
    return guarded(() => {
      const stored = (this.#sql('SELECT at, from_state, to_state, cause, actor FROM transitions WHERE entry_id = ? ORDER BY id').all(id) as { at: number; from_state: EntryState | null; to_state: EntryState; cause: string; actor: string }[]).map((r) => ({ at: r.at, from: r.from_state, to: r.to_state, cause: r.cause, actor: r.actor }));
      const row = this.#byId.get(id) as EntryRow | undefined;
      if (!row || stored[0]?.from === null) return stored;
      const recorded: Transition = { at: row.created_at, from: null, to: 'pending', cause: row.replaces ? `resend of entry ${row.replaces}` : 'recorded', actor: row.operator };
      return [recorded, ...stored];
    });
  }

  attempts(id: number): Attempt[] {
    return guarded(() =>
      (this.#sql('SELECT id, owner, started_at, finished_at, outcome, http_status, error FROM attempts WHERE entry_id = ? ORDER BY id').all(id) as { id: number; owner: string; started_at: number; finished_at: number | null; outcome: AttemptOutcome | null; http_status: number | null; error: string | null }[]).map((r) => ({ id: r.id, owner: r.owner, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome, httpStatus: r.http_status, error: r.error })),
    );
  }

  audit(entryId?: number): AuditRecord[] {
    return guarded(() => {
      const rows = (entryId === undefined ? this.#sql('SELECT * FROM audit ORDER BY id').all() : this.#sql('SELECT * FROM audit WHERE entry_id = ? ORDER BY id').all(entryId)) as { at: number; actor: string; action: string; entry_id: number | null; detail: string }[];
      return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, entryId: r.entry_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    });
  }

  /**
   * A manager gives an entry up: only while nothing is in flight and CareCloud has not taken it.
   * A pending entry one of whose sends got no clear answer may be in CareCloud already; it is
   * retried first (a repeat of its bill_id is booked once, so the retry settles it).
   */
  void(id: number, reason: string, actor: string): JournalEntry {
    return this.#managerChange(id, actor, 'void', { reason }, (row, now) => {
      if (row.state !== 'pending' && row.state !== 'rejected') throw new Error(`Entry ${id} is ${row.state}; only pending or rejected entries can be voided.`);
      const path = (JSON.parse(row.request) as { path: string }).path;
      const attempts = row.state === 'pending' ? (this.#sql('SELECT outcome, error FROM attempts WHERE entry_id = ? ORDER BY id').all(id) as Pick<Attempt, 'outcome' | 'error'>[]) : [];
      const unclear = attempts.find((attempt) => mayHaveLanded(attempt, path));
      if (unclear) {
        throw new SendUncertainError(
          `Entry ${id} may already be in CareCloud: a send of it got no clear answer (${unclear.error ?? unclear.outcome ?? 'the sender ended mid-send'}). Retry it first; CareCloud books it only once, so the retry shows whether CareCloud has it.`,
        );
      }
      this.#sql("UPDATE entries SET state = 'voided', void_reason = ?, voided_by = ?, updated_at = ? WHERE id = ?").run(reason, actor, now, id);
      this.#insertTransition.run(id, now, row.state, 'voided', `voided: ${reason}`, actor);
      this.#settleDependents(id, 'voided', now);
    });
  }

  /** Makes a pending entry due now, or sends a rejected one again unchanged. */
  retryNow(id: number, actor: string): JournalEntry {
    return this.#managerChange(id, actor, 'retry', {}, (row, now) => {
      if (row.state !== 'pending' && row.state !== 'rejected') throw new Error(`Entry ${id} is ${row.state}; only pending or rejected entries can be retried.`);
      this.#sql("UPDATE entries SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?").run(now, now, id);
      if (row.state !== 'pending') this.#insertTransition.run(id, now, row.state, 'pending', 'retry requested', actor);
    });
  }

  /** Appends the replacement of a rejected entry and links the two, with an audit record, in one commit. */
  appendReplacement(originalId: number, input: NewEntry, actor: string, detail: Record<string, unknown>): JournalEntry {
    return guarded(() =>
      this.#db.transaction(() => {
        const original = this.#byId.get(originalId) as EntryRow | undefined;
        if (!original) throw new Error(`There is no journal entry ${originalId}.`);
        if (original.state !== 'rejected') throw new Error(`Entry ${originalId} is ${original.state}; only a rejected entry can be resent as a new sale.`);
        const created = this.#insert({ ...input, replaces: originalId }, null);
        const now = this.#now();
        this.#sql("UPDATE entries SET state = 'voided', void_reason = ?, voided_by = ?, updated_at = ? WHERE id = ?").run(`resent as entry ${created.id}`, actor, now, originalId);
        this.#insertTransition.run(originalId, now, 'rejected', 'voided', `resent as entry ${created.id}`, actor);
        this.#settleDependents(originalId, 'voided', now);
        this.#insertAudit.run(now, actor, 'resend', originalId, JSON.stringify({ ...detail, newEntryId: created.id, newBillId: created.billId }));
        return created;
      }).immediate(),
    );
  }

  /** A manager action that changes no entry (a cancellation asked for, an audit export, a refused PIN), durably. */
  recordAudit(actor: string, action: string, entryId: number | null, detail: Record<string, unknown>): void {
    if (!actor.trim()) throw new Error('An audit record needs the name of who acted.');
    guarded(() => this.#db.transaction(() => this.#insertAudit.run(this.#now(), actor, action, entryId, JSON.stringify(detail))).immediate());
  }

  markExported(ids: number[], actor: string, format: string): void {
    guarded(() =>
      this.#db.transaction(() => {
        const now = this.#now();
        const mark = this.#sql('UPDATE entries SET exported_at = ? WHERE id = ?');
        for (const id of ids) mark.run(now, id);
        this.#insertAudit.run(now, actor, 'export', null, JSON.stringify({ format, count: ids.length, entryIds: ids }));
      }).immediate(),
    );
  }

  /** Deletes synced entries older than the retention, and rejected or voided ones only once exported. */
  purge(retentionDays: number, actor = 'system'): number {
    return guarded(() =>
      this.#db.transaction(() => {
        const now = this.#now();
        const cutoff = now - retentionDays * 86_400_000;
        const doomed = this.#purgeable(cutoff);
        if (doomed.length === 0) return 0;
        const remove = this.#sql('DELETE FROM entries WHERE id = ?');
        const unlink = this.#sql('UPDATE entries SET depends_on = NULL WHERE depends_on = ?');
        const unlinkReplaces = this.#sql('UPDATE entries SET replaces = NULL WHERE replaces = ?');
        for (const row of doomed) {
          unlink.run(row.id);
          unlinkReplaces.run(row.id);
          remove.run(row.id);
        }
        this.#insertAudit.run(now, actor, 'purge', null, JSON.stringify({ retentionDays, count: doomed.length, billIds: doomed.map((r) => r.bill_id) }));
        return doomed.length;
      }).immediate(),
    );
  }

  /**
   * What a purge may delete, walking the journal from its oldest entry: ids grow with time, so the
   * walk stops after a whole batch written after the cutoff, and its cost is the old entries, not
   * the journal's size. The newest entry always stays (a new entry's id is one past the largest, so
   * ids never come back), and so does a sale an unsettled cancellation still waits on.
   */
  #purgeable(cutoff: number): { id: number; bill_id: string | null; state: EntryState }[] {
    type Row = Pick<EntryRow, 'id' | 'bill_id' | 'state' | 'created_at' | 'updated_at' | 'exported_at'>;
    const newest = (this.#sql('SELECT MAX(id) AS id FROM entries').get() as { id: number | null }).id ?? 0;
    const batch = this.#sql('SELECT id, bill_id, state, created_at, updated_at, exported_at FROM entries WHERE id > ? ORDER BY id LIMIT 500');
    const awaited = this.#sql("SELECT 1 FROM entries WHERE depends_on = ? AND state NOT IN ('synced', 'voided') LIMIT 1");
    const doomed: { id: number; bill_id: string | null; state: EntryState }[] = [];
    for (let after = 0; ; ) {
      const rows = batch.all(after) as Row[];
      if (rows.length === 0 || !rows.some((row) => row.created_at < cutoff)) return doomed;
      for (const row of rows) {
        if (row.id >= newest) return doomed;
        const settled = row.state === 'synced' || ((row.state === 'rejected' || row.state === 'voided') && row.exported_at !== null);
        if (settled && row.updated_at < cutoff && !awaited.get(row.id)) doomed.push({ id: row.id, bill_id: row.bill_id, state: row.state });
      }
      after = rows.at(-1)!.id;
    }
  }

  #managerChange(id: number, actor: string, action: string, detail: Record<string, unknown>, change: (row: EntryRow, now: number) => void): JournalEntry {
    if (!actor.trim()) throw new Error('A manager action needs the name of who does it.');
    return guarded(() =>
      this.#db.transaction(() => {
        const row = this.#byId.get(id) as EntryRow | undefined;
        if (!row) throw new Error(`There is no journal entry ${id}.`);
        const now = this.#now();
        change(row, now);
        this.#insertAudit.run(now, actor, action, id, JSON.stringify({ ...detail, billId: row.bill_id, previousState: row.state }));
        return this.#get(id)!;
      }).immediate(),
    );
  }
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(filter: EntryFilter): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.state !== undefined) {
    const states = Array.isArray(filter.state) ? filter.state : [filter.state];
    clauses.push(`state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
  }
  if (filter.kind) {
    clauses.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.from !== undefined) {
    clauses.push('created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('created_at < ?');
    params.push(filter.to);
  }
  if (filter.customerId) {
    clauses.push('customer_id = ?');
    params.push(filter.customerId);
  }
  if (filter.billId) {
    clauses.push('bill_id = ?');
    params.push(filter.billId);
  }
  if (filter.anyOf) {
    const any: string[] = [];
    const { billId, billIdEnd, customerIds, cardDigits } = filter.anyOf;
    if (billId) {
      any.push('bill_id = ?');
      params.push(billId);
    }
    if (billIdEnd) {
      any.push("bill_id LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscaped(billIdEnd)}`);
    }
    if (customerIds?.length) {
      any.push('customer_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(customerIds));
    }
    if (cardDigits) {
      any.push("card_number LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscaped(cardDigits)}%`);
    }
    // A search that can match nothing shows nothing, not everything.
    clauses.push(any.length ? `(${any.join(' OR ')})` : '0');
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
