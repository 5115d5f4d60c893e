// The offline journal: every write CareCloud must receive, committed to disk before the first
// attempt, with its states, transitions, attempts and the manager's audit trail. This file opens
// it (identity, integrity, checkpoints) and is the one API the callers use; the work is in
// send-lifecycle.ts (claims, leases, outcomes), queries.ts (the lane's and the send loop's reads)
// and manager-desk.ts (the manager's page, changes, audit and purge), over store.ts.
import { guarded, JournalUnavailableError } from './errors.ts';
import { openJournalDatabase, type JournalDatabase, type OpenOptions } from './database.ts';
import {
  databaseIdentity,
  readIdentityRecord,
  renewFileId,
  setIdentityRecordAside,
  writeIdentityRecord,
  type JournalIdentity,
} from './identity.ts';
import { ShiftBook } from './shifts.ts';
import { JournalFigures } from './figures.ts';
import { checkedBeforeOpen, checkIntegrityInBackground, type IntegrityVerdict } from './integrity.ts';
import { JournalStore } from './store.ts';
import { SendLifecycle, type Claim } from './send-lifecycle.ts';
import { JournalQueries, type QueueStats } from './queries.ts';
import { ManagerDesk } from './manager-desk.ts';
import type {
  Attempt,
  AuditRecord,
  EntryFilter,
  EntryKind,
  EntryState,
  HeldVoucher,
  JournalEntry,
  NewEntry,
  Page,
  SendResult,
  TillPayment,
  Transition,
} from './types.ts';

export type { Claim } from './send-lifecycle.ts';
export type { QueueStats } from './queries.ts';

export interface JournalOptions extends Omit<OpenOptions, 'expectedIdentity'> {
  now?: () => number;
  /** Elapsed time for judging leases; defaults to `now` when that is given, else the monotonic clock. */
  monotonic?: () => number;
}

export class Journal {
  readonly #db: JournalDatabase;
  readonly #now: () => number;
  readonly #store: JournalStore;
  readonly #lifecycle: SendLifecycle;
  readonly #queries: JournalQueries;
  readonly #manager: ManagerDesk;

  /** Refuses (JournalUnavailableError) a journal that is not the one its identity record names. */
  static open(file: string, options: JournalOptions = {}): Journal {
    const expected = readIdentityRecord(file);
    const checkedNow = checkedBeforeOpen(file, options.integrity ?? 'before-open');
    const journal = Journal.#create(
      file,
      openJournalDatabase(file, { ...options, expectedIdentity: expected }),
      options,
    );
    if (!checkedNow) journal.#checkInBackground();
    journal.#recorded = expected;
    try {
      journal.#recordIdentity(expected?.checkpointedAt ?? null);
    } catch (error) {
      // A full or read-only disk reports itself on the first write that matters; the record is written at the next
      // checkpoint.
      if (!(error instanceof JournalUnavailableError)) throw error;
    }
    return journal;
  }

  /**
   * A manager accepting the journal on disk as this terminal's after `open` refused it: the old
   * record is kept aside under a dated name, the journal gets a new id and the audit says what
   * the old record expected.
   */
  static adopt(
    file: string,
    actor: string,
    options: JournalOptions = {},
  ): {
    journal: Journal;
    previous: JournalIdentity | null;
    setAside: string | null;
    identity: JournalIdentity;
  } {
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
    return new Journal(
      file,
      db,
      options.now ?? Date.now,
      options.monotonic ?? options.now ?? (() => performance.now()),
    );
  }

  readonly #file: string;

  private constructor(file: string, db: JournalDatabase, now: () => number, monotonic: () => number) {
    this.#file = file;
    this.#db = db;
    this.#now = now;
    this.#store = new JournalStore(db, now);
    this.#lifecycle = new SendLifecycle(this.#store, monotonic);
    this.#queries = new JournalQueries(this.#store);
    this.#manager = new ManagerDesk(this.#store, this.#lifecycle);
  }

  /** The integrity check's verdict: settled at once when it ran before opening. */
  integrity: Promise<IntegrityVerdict> = Promise.resolve('ok');

  #checkInBackground(): void {
    this.integrity = checkIntegrityInBackground(this.#file).then((verdict) => {
      if (verdict === 'corrupt') this.#store.damaged = new JournalUnavailableError('corrupt');
      return verdict;
    });
  }

  #shifts: ShiftBook | null = null;
  /** The lane's shifts, cash movements and their reports (shifts.ts), in this journal's database. */
  get shifts(): ShiftBook {
    return (this.#shifts ??= new ShiftBook(this.#db, this.#now, () => this.#store.refuseIfDamaged()));
  }

  #figures: JournalFigures | null = null;
  /** The dashboard's reads (figures.ts), all from one snapshot of the journal. */
  figures<T>(read: (figures: JournalFigures) => T): T {
    return guarded(() =>
      this.#db.transaction(() => read((this.#figures ??= new JournalFigures(this.#db)))).deferred(),
    );
  }

  /**
   * Copies the WAL into the database file and empties it (other readers permitting), durably; then notes it in the
   * identity record.
   */
  checkpoint(): void {
    guarded(() => this.#db.pragma('wal_checkpoint(TRUNCATE)'));
    this.#recordIdentity(this.#now());
  }

  /** The identity record as this journal last wrote or found it. */
  identity(): JournalIdentity {
    return this.#recorded ?? this.#recordIdentity(null);
  }

  #recorded: JournalIdentity | null = null;

  /**
   * Rewrites the identity record when it would say something new (a plain open that changes nothing writes nothing).
   */
  #recordIdentity(checkpointedAt: number | null): JournalIdentity {
    const actual = guarded(() => databaseIdentity(this.#db));
    const identity: JournalIdentity = {
      version: 1,
      fileId: actual.fileId!,
      highestEntryId: actual.highestEntryId,
      checkpointedAt,
    };
    const known = this.#recorded;
    const unchanged =
      known !== null &&
      known.fileId === identity.fileId &&
      known.highestEntryId === identity.highestEntryId &&
      known.checkpointedAt === identity.checkpointedAt;
    if (!unchanged) guarded(() => writeIdentityRecord(this.#file, identity));
    this.#recorded = identity;
    return identity;
  }

  /**
   * Notes the highest entry in the identity record on the way out, so losing entries written since the last checkpoint
   * is noticed too.
   */
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

  // The send lifecycle (send-lifecycle.ts).

  /** Writes a new entry durably (the commit is on disk when this returns). */
  append(input: NewEntry): JournalEntry {
    return this.#lifecycle.append(input);
  }

  /** Writes a new entry and claims it for an immediate send, in the same commit. */
  appendAndClaim(input: NewEntry, owner: string, leaseMs: number): Claim {
    return this.#lifecycle.appendAndClaim(input, owner, leaseMs);
  }

  /** Takes the oldest entry that is due and not waiting on another, marking it sending under a lease. */
  claimNext(owner: string, leaseMs: number): Claim | null {
    return this.#lifecycle.claimNext(owner, leaseMs);
  }

  /** Claims one given entry if it is pending (its dependency synced), whatever its schedule. */
  claim(id: number, owner: string, leaseMs: number): Claim | null {
    return this.#lifecycle.claim(id, owner, leaseMs);
  }

  /** Records how a send ended. A success is recorded whoever holds the lease: it is what CareCloud now knows. */
  finish(claim: Claim, owner: string, result: SendResult): JournalEntry {
    return this.#lifecycle.finish(claim, owner, result);
  }

  /** Puts back entries left in `sending` by a process that died or whose lease ran out. Returns how many. */
  releaseStaleClaims(isOwnerAlive: (owner: string) => boolean): number {
    return this.#lifecycle.releaseStaleClaims(isOwnerAlive);
  }

  /** Settles cancellations left waiting on a sale that was rejected or voided (journals written before this rule). */
  settleOrphanedCancellations(): number {
    return this.#lifecycle.settleOrphanedCancellations();
  }

  /** Makes every pending entry due now (after connectivity comes back, nothing should wait out an old backoff). */
  makeAllDue(): number {
    return this.#lifecycle.makeAllDue();
  }

  /** The earliest time a pending entry can be claimed (its dependency synced), or null when none can. */
  nextDueAt(): number | null {
    return this.#lifecycle.nextDueAt();
  }

  /**
   * Forgets the holds of purchases CareCloud confirmed before `before`: a voucher list synced since then no longer
   * offers them.
   */
  releaseConfirmedHolds(before: number): number {
    return this.#lifecycle.releaseConfirmedHolds(before);
  }

  // The lane's and the send loop's reads (queries.ts).

  get(id: number): JournalEntry | null {
    return this.#queries.get(id);
  }

  /**
   * The newest card assignment of this card CareCloud has not confirmed (a sale carrying the card waits for it), or
   * null.
   */
  unconfirmedCardAssignment(cardNumber: string): JournalEntry | null {
    return this.#queries.unconfirmedCardAssignment(cardNumber);
  }

  byBillId(billId: string): JournalEntry | null {
    return this.#queries.byBillId(billId);
  }

  /** The customer assignments written for a purchase by its bill_id (points claimed later), oldest first. */
  assignmentsOf(billId: string): JournalEntry[] {
    return this.#queries.assignmentsOf(billId);
  }

  /** The entry written under this idempotency key (a till's sale id), if any. */
  byIdempotencyKey(key: string): JournalEntry | null {
    return this.#queries.byIdempotencyKey(key);
  }

  /** The entry that was written to replace this one, if any. */
  replacementOf(id: number): JournalEntry | null {
    return this.#queries.replacementOf(id);
  }

  /**
   * The voucher ledger: what unconfirmed (and, with `includeSynced`, recently confirmed) purchases spend of these
   * codes.
   */
  heldVouchers(codes: readonly string[], options: { includeSynced: boolean }): HeldVoucher[] {
    return this.#queries.heldVouchers(codes, options);
  }

  /** What the customer paid for these till sales, by entry id; sales without a record are absent. */
  tillPayments(ids: readonly number[]): Map<number, TillPayment> {
    return this.#queries.tillPayments(ids);
  }

  /** Cheap enough for every sale: reads only the partial indexes of unsettled entries. */
  stats(): QueueStats {
    return this.#queries.stats();
  }

  /** Where this entry stands in the queue: how many queued entries (itself included) go before or with it. */
  queuePosition(entryId: number): number {
    return this.#queries.queuePosition(entryId);
  }

  /** The ids of every queued entry (pending or being sent), oldest first. */
  queuedIds(): number[] {
    return this.#queries.queuedIds();
  }

  /** Entries still to reach CareCloud written before `cutoff`, oldest first (the engine's overdue alert). */
  overdue(cutoff: number, limit: number): JournalEntry[] {
    return this.#queries.overdue(cutoff, limit);
  }

  /** The newest entries of a kind, newest first (by the time they were written). */
  newest(kind: EntryKind, limit: number): JournalEntry[] {
    return this.#queries.newest(kind, limit);
  }

  /** The card this customer last bought with at this terminal, if any. */
  lastCardOf(customerId: string): string | null {
    return this.#queries.lastCardOf(customerId);
  }

  // The manager's and the audit's side (manager-desk.ts).

  /** Every state's count, for the manager's screens. */
  countsByState(): Record<EntryState, number> {
    return this.#manager.countsByState();
  }

  list(
    filter: EntryFilter = {},
    page: Page = { limit: 50, offset: 0 },
  ): { entries: JournalEntry[]; total: number; counts: Record<EntryState, number> } {
    return this.#manager.list(filter, page);
  }

  transitions(id: number): Transition[] {
    return this.#manager.transitions(id);
  }

  attempts(id: number): Attempt[] {
    return this.#manager.attempts(id);
  }

  audit(entryId?: number): AuditRecord[] {
    return this.#manager.audit(entryId);
  }

  /** A manager gives an entry up: only while nothing is in flight and CareCloud has not taken it. */
  void(id: number, reason: string, actor: string): JournalEntry {
    return this.#manager.void(id, reason, actor);
  }

  /** Makes a pending entry due now, or sends a rejected one again unchanged. */
  retryNow(id: number, actor: string): JournalEntry {
    return this.#manager.retryNow(id, actor);
  }

  /** Appends the replacement of a rejected entry and links the two, with an audit record, in one commit. */
  appendReplacement(
    originalId: number,
    input: NewEntry,
    actor: string,
    detail: Record<string, unknown>,
  ): JournalEntry {
    return this.#manager.appendReplacement(originalId, input, actor, detail);
  }

  /** A manager action that changes no entry (a cancellation asked for, an audit export, a refused PIN), durably. */
  recordAudit(actor: string, action: string, entryId: number | null, detail: Record<string, unknown>): void {
    this.#manager.recordAudit(actor, action, entryId, detail);
  }

  markExported(ids: number[], actor: string, format: string): void {
    this.#manager.markExported(ids, actor, format);
  }

  /** Deletes synced entries older than the retention, and rejected or voided ones only once exported. */
  purge(retentionDays: number, actor = 'system'): number {
    return this.#manager.purge(retentionDays, actor);
  }
}
