// What the journal's modules share: the database, the clock, one cache of prepared statements,
// the statements every module writes with, and the entry as a row and as the callers see it.
import { maskSyncedCard } from './card-mask.ts';
import type { Statement } from 'better-sqlite3';
import type { JournalUnavailableError } from './errors.ts';
import type { JournalDatabase } from './database.ts';
import type { EntryKind, EntryState, JournalEntry, RejectionReason } from './types.ts';

export interface EntryRow {
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
export function maskedEntry(entry: JournalEntry): JournalEntry {
  const body = entry.request.body as { card_number?: unknown } | null;
  const card = typeof body?.card_number === 'string' ? body.card_number : null;
  return {
    ...entry,
    cardNumber: entry.cardNumber === null ? null : maskSyncedCard(entry.cardNumber),
    request:
      card === null
        ? entry.request
        : { ...entry.request, body: { ...(body as object), card_number: maskSyncedCard(card) } },
  };
}

/** `request` may be passed when the caller already holds it parsed (the hot send path). */
export function toEntry(row: EntryRow, request?: JournalEntry['request']): JournalEntry {
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

export class JournalStore {
  readonly insertTransition: Statement;
  readonly insertAudit: Statement;
  readonly byId: Statement;
  /** Set once a background check found the file damaged: from then on nothing is written or sent from it. */
  damaged: JournalUnavailableError | null = null;

  constructor(
    readonly db: JournalDatabase,
    readonly now: () => number,
  ) {
    this.insertTransition = db.prepare(
      'INSERT INTO transitions (entry_id, at, from_state, to_state, cause, actor) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertAudit = db.prepare(
      'INSERT INTO audit (at, actor, action, entry_id, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM entries WHERE id = ?');
  }

  readonly #statements = new Map<string, Statement>();
  /** Prepared once per text: the send path runs the same few statements thousands of times. */
  sql(text: string): Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }

  refuseIfDamaged(): void {
    if (this.damaged) throw this.damaged;
  }

  get(id: number): JournalEntry | null {
    const row = this.byId.get(id) as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }
}
