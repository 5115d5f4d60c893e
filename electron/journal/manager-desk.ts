// The manager's and the audit's side: the journal's page and counts, an entry's history
// (transitions, attempts, audit), the manager's changes (void, retry, resend as a new sale),
// exports, audit records and the purge. Every change commits durably with its audit record.
import type { Statement } from 'better-sqlite3';
import { InvalidState, NotFound } from '../domain/errors.ts';
import { guarded, SendUncertainError } from './errors.ts';
import { mayHaveLanded } from './send-certainty.ts';
import type { JournalDatabase } from './database.ts';
import type { SendLifecycle } from './send-lifecycle.ts';
import { toEntry, type EntryRow, type JournalStore } from './store.ts';
import { SHORT_CODE_LENGTH } from '../../shared/checkout/sale-reference.ts';
import { ENTRY_KINDS } from './types.ts';
import type {
  Attempt,
  AttemptOutcome,
  AuditRecord,
  EntryFilter,
  EntryKind,
  EntryState,
  JournalEntry,
  NewEntry,
  Page,
  Transition,
} from './types.ts';

export class ManagerDesk {
  readonly #db: JournalDatabase;
  readonly #now: () => number;
  readonly #sql: (text: string) => Statement;
  readonly #insertTransition: Statement;
  readonly #insertAudit: Statement;
  readonly #byId: Statement;
  readonly #get: (id: number) => JournalEntry | null;
  readonly #lifecycle: SendLifecycle;

  constructor(store: JournalStore, lifecycle: SendLifecycle) {
    this.#db = store.db;
    this.#now = store.now;
    this.#sql = (text) => store.sql(text);
    this.#insertTransition = store.insertTransition;
    this.#insertAudit = store.insertAudit;
    this.#byId = store.byId;
    this.#get = (id) => store.get(id);
    this.#lifecycle = lifecycle;
  }

  /** Every state's count, kept by triggers (migration 018): a few rows, whatever the journal's size. */
  countsByState(kind?: EntryKind): Record<EntryState, number> {
    return guarded(() => this.#counts(kind));
  }

  #counts(kind?: EntryKind): Record<EntryState, number> {
    const counts: Record<EntryState, number> = { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 };
    const rows = (
      kind === undefined
        ? this.#sql('SELECT state, SUM(n) AS n FROM entry_kind_counts GROUP BY state').all()
        : this.#sql('SELECT state, n FROM entry_kind_counts WHERE kind = ?').all(kind)
    ) as { state: EntryState; n: number }[];
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /**
   * A page of entries, oldest first, with how many match and each state's count. Without a filter
   * beyond state and kind the figures come from the kept counts; a filter's own counts go through the
   * filter's index. A page given `after` (the last id of the page before) starts there through an
   * index instead of skipping `offset` entries; one given `before` is the entries just before that
   * id (still oldest first), so a screen can turn back as cheaply as forward.
   */
  list(
    filter: EntryFilter = {},
    page: Page = { limit: 50, offset: 0 },
  ): { entries: JournalEntry[]; total: number; counts: Record<EntryState, number> } {
    return guarded(() => {
      const backwards = page.before !== undefined;
      const { from, where, params, nothing, id } = whereClause(filter, page.after, page.before);
      // A search that can match nothing shows nothing, not everything, and reads nothing.
      if (nothing)
        return {
          entries: [],
          total: 0,
          counts: { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 },
        };
      const rows = this.#sql(
        `SELECT * FROM ${from} ${where} ORDER BY ${id}${backwards ? ' DESC' : ''} LIMIT ? OFFSET ?`,
      ).all(
        ...params,
        page.limit,
        page.after === undefined && page.before === undefined ? page.offset : 0,
      ) as EntryRow[];
      if (backwards) rows.reverse();
      const { state, kind, ...rest } = filter;
      let counts: Record<EntryState, number>;
      if (Object.values(rest).every((value) => value === undefined)) {
        counts = this.#counts(kind);
      } else {
        const counted = whereClause({ ...rest, ...(kind ? { kind } : {}) });
        counts = { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 };
        for (const row of this.#sql(
          `SELECT state, COUNT(*) AS n FROM ${counted.from} ${counted.where} GROUP BY state`,
        ).all(...counted.params) as { state: EntryState; n: number }[])
          counts[row.state] = row.n;
      }
      const states = state === undefined ? null : Array.isArray(state) ? state : [state];
      const total = Object.entries(counts).reduce(
        (sum, [s, n]) => (states === null || states.includes(s as EntryState) ? sum + n : sum),
        0,
      );
      return { entries: rows.map((row) => toEntry(row)), total, counts };
    });
  }

  transitions(id: number): Transition[] {
    return guarded(() => {
      const stored = (
        this.#sql(
          'SELECT at, from_state, to_state, cause, actor FROM transitions WHERE entry_id = ? ORDER BY id',
        ).all(id) as {
          at: number;
          from_state: EntryState | null;
          to_state: EntryState;
          cause: string;
          actor: string;
        }[]
      ).map((r) => ({ at: r.at, from: r.from_state, to: r.to_state, cause: r.cause, actor: r.actor }));
      const row = this.#byId.get(id) as EntryRow | undefined;
      if (!row || stored[0]?.from === null) return stored;
      const recorded: Transition = {
        at: row.created_at,
        from: null,
        to: 'pending',
        cause: row.replaces ? `resend of entry ${row.replaces}` : 'recorded',
        actor: row.operator,
      };
      return [recorded, ...stored];
    });
  }

  attempts(id: number): Attempt[] {
    return guarded(() =>
      (
        this.#sql(
          'SELECT id, owner, started_at, finished_at, outcome, http_status, error ' +
            'FROM attempts WHERE entry_id = ? ORDER BY id',
        ).all(id) as {
          id: number;
          owner: string;
          started_at: number;
          finished_at: number | null;
          outcome: AttemptOutcome | null;
          http_status: number | null;
          error: string | null;
        }[]
      ).map((r) => ({
        id: r.id,
        owner: r.owner,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        outcome: r.outcome,
        httpStatus: r.http_status,
        error: r.error,
      })),
    );
  }

  audit(entryId?: number): AuditRecord[] {
    return guarded(() => {
      const rows = (
        entryId === undefined
          ? this.#sql('SELECT * FROM audit ORDER BY id').all()
          : this.#sql('SELECT * FROM audit WHERE entry_id = ? ORDER BY id').all(entryId)
      ) as { at: number; actor: string; action: string; entry_id: number | null; detail: string }[];
      return rows.map((r) => ({
        at: r.at,
        actor: r.actor,
        action: r.action,
        entryId: r.entry_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    });
  }

  /**
   * A manager gives an entry up: only while nothing is in flight and CareCloud has not taken it.
   * A pending entry one of whose sends got no clear answer may be in CareCloud already; it is
   * retried first (a repeat of its bill_id is booked once, so the retry settles it).
   */
  void(id: number, reason: string, actor: string): JournalEntry {
    return this.#managerChange(id, actor, 'void', { reason }, (row, now) => {
      if (row.state !== 'pending' && row.state !== 'rejected')
        throw new InvalidState(
          `Entry ${id} is ${row.state}; only pending or rejected entries can be voided.`,
        );
      const path = (JSON.parse(row.request) as { path: string }).path;
      const attempts =
        row.state === 'pending'
          ? (this.#sql('SELECT outcome, error FROM attempts WHERE entry_id = ? ORDER BY id').all(id) as Pick<
              Attempt,
              'outcome' | 'error'
            >[])
          : [];
      const unclear = attempts.find((attempt) => mayHaveLanded(attempt, path));
      if (unclear) {
        throw new SendUncertainError(
          `Entry ${id} may already be in CareCloud: a send of it got no clear answer ` +
            `(${unclear.error ?? unclear.outcome ?? 'the sender ended mid-send'}). ` +
            `Retry it first; CareCloud books it only once, so the retry shows whether CareCloud has it.`,
        );
      }
      this.#sql(
        "UPDATE entries SET state = 'voided', void_reason = ?, voided_by = ?, updated_at = ? WHERE id = ?",
      ).run(reason, actor, now, id);
      this.#insertTransition.run(id, now, row.state, 'voided', `voided: ${reason}`, actor);
      this.#lifecycle.settleDependents(id, 'voided', now);
    });
  }

  /** Makes a pending entry due now, or sends a rejected one again unchanged. */
  retryNow(id: number, actor: string): JournalEntry {
    return this.#managerChange(id, actor, 'retry', {}, (row, now) => {
      if (row.state !== 'pending' && row.state !== 'rejected')
        throw new InvalidState(
          `Entry ${id} is ${row.state}; only pending or rejected entries can be retried.`,
        );
      this.#sql("UPDATE entries SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?").run(
        now,
        now,
        id,
      );
      if (row.state !== 'pending')
        this.#insertTransition.run(id, now, row.state, 'pending', 'retry requested', actor);
    });
  }

  /** Appends the replacement of a rejected entry and links the two, with an audit record, in one commit. */
  appendReplacement(
    originalId: number,
    input: NewEntry,
    actor: string,
    detail: Record<string, unknown>,
  ): JournalEntry {
    return guarded(() =>
      this.#db
        .transaction(() => {
          const original = this.#byId.get(originalId) as EntryRow | undefined;
          if (!original) throw new NotFound(`There is no journal entry ${originalId}.`);
          if (original.state !== 'rejected')
            throw new InvalidState(
              `Entry ${originalId} is ${original.state}; only a rejected entry can be resent as a new sale.`,
            );
          const created = this.#lifecycle.insert({ ...input, replaces: originalId }, null);
          const now = this.#now();
          this.#sql(
            "UPDATE entries SET state = 'voided', void_reason = ?, voided_by = ?, updated_at = ? WHERE id = ?",
          ).run(`resent as entry ${created.id}`, actor, now, originalId);
          this.#insertTransition.run(
            originalId,
            now,
            'rejected',
            'voided',
            `resent as entry ${created.id}`,
            actor,
          );
          this.#lifecycle.settleDependents(originalId, 'voided', now);
          this.#insertAudit.run(
            now,
            actor,
            'resend',
            originalId,
            JSON.stringify({ ...detail, newEntryId: created.id, newBillId: created.billId }),
          );
          return created;
        })
        .immediate(),
    );
  }

  /** A manager action that changes no entry (a cancellation asked for, an audit export, a refused PIN), durably. */
  recordAudit(actor: string, action: string, entryId: number | null, detail: Record<string, unknown>): void {
    if (!actor.trim()) throw new Error('An audit record needs the name of who acted.');
    guarded(() =>
      this.#db
        .transaction(() => this.#insertAudit.run(this.#now(), actor, action, entryId, JSON.stringify(detail)))
        .immediate(),
    );
  }

  markExported(ids: number[], actor: string, format: string): void {
    guarded(() =>
      this.#db
        .transaction(() => {
          const now = this.#now();
          const mark = this.#sql('UPDATE entries SET exported_at = ? WHERE id = ?');
          for (const id of ids) mark.run(now, id);
          this.#insertAudit.run(
            now,
            actor,
            'export',
            null,
            JSON.stringify({ format, count: ids.length, entryIds: ids }),
          );
        })
        .immediate(),
    );
  }

  /** Deletes synced entries older than the retention, and rejected or voided ones only once exported. */
  purge(retentionDays: number, actor = 'system'): number {
    return guarded(() =>
      this.#db
        .transaction(() => {
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
          this.#insertAudit.run(
            now,
            actor,
            'purge',
            null,
            JSON.stringify({ retentionDays, count: doomed.length, billIds: doomed.map((r) => r.bill_id) }),
          );
          return doomed.length;
        })
        .immediate(),
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
    const batch = this.#sql(
      'SELECT id, bill_id, state, created_at, updated_at, exported_at FROM entries WHERE id > ? ORDER BY id LIMIT 500',
    );
    const awaited = this.#sql(
      "SELECT 1 FROM entries WHERE depends_on = ? AND state NOT IN ('synced', 'voided') LIMIT 1",
    );
    const doomed: { id: number; bill_id: string | null; state: EntryState }[] = [];
    for (let after = 0; ;) {
      const rows = batch.all(after) as Row[];
      if (rows.length === 0 || !rows.some((row) => row.created_at < cutoff)) return doomed;
      for (const row of rows) {
        if (row.id >= newest) return doomed;
        const settled =
          row.state === 'synced' ||
          ((row.state === 'rejected' || row.state === 'voided') && row.exported_at !== null);
        if (settled && row.updated_at < cutoff && !awaited.get(row.id))
          doomed.push({ id: row.id, bill_id: row.bill_id, state: row.state });
      }
      after = rows.at(-1)!.id;
    }
  }

  #managerChange(
    id: number,
    actor: string,
    action: string,
    detail: Record<string, unknown>,
    change: (row: EntryRow, now: number) => void,
  ): JournalEntry {
    if (!actor.trim()) throw new Error('A manager action needs the name of who does it.');
    return guarded(() =>
      this.#db
        .transaction(() => {
          const row = this.#byId.get(id) as EntryRow | undefined;
          if (!row) throw new NotFound(`There is no journal entry ${id}.`);
          const now = this.#now();
          change(row, now);
          this.#insertAudit.run(
            now,
            actor,
            action,
            id,
            JSON.stringify({ ...detail, billId: row.bill_id, previousState: row.state }),
          );
          return this.#get(id)!;
        })
        .immediate(),
    );
  }
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(
  filter: EntryFilter,
  after?: number,
  before?: number,
): { from: string; where: string; params: (string | number)[]; nothing: boolean; id: string } {
  const clauses: string[] = [];
  let nothing = false;
  const params: (string | number)[] = [];
  // Days, a customer, a bill or a search find their few entries through their own index, then sort them: `+id`
  // keeps the planner from walking the whole journal in id order instead (it cannot know how few match).
  const id =
    filter.from !== undefined ||
    filter.to !== undefined ||
    filter.customerId !== undefined ||
    filter.billId !== undefined ||
    filter.anyOf !== undefined
      ? '+id'
      : 'id';
  if (after !== undefined) {
    clauses.push(`${id} > ?`);
    params.push(after);
  }
  if (before !== undefined) {
    clauses.push(`${id} < ?`);
    params.push(before);
  }
  if (filter.state !== undefined) {
    const states = Array.isArray(filter.state) ? filter.state : [filter.state];
    clauses.push(`state IN (${states.map(() => '?').join(', ')})`);
    params.push(...states);
    // The words of the partial indexes by state, so a page of those walks only them.
    if (states.length > 0 && states.every((s) => s === 'pending')) clauses.push("state = 'pending'");
    else if (states.length > 0 && states.every((s) => s === 'sending' || s === 'rejected'))
      clauses.push("state IN ('sending', 'rejected')");
    else if (states.length > 0 && states.every((s) => s === 'voided')) clauses.push("state = 'voided'");
  }
  if (filter.kind) {
    clauses.push('kind = ?');
    params.push(filter.kind);
    // Other kinds than sales are few: their partial index holds them in id order.
    if (filter.kind !== 'purchase') clauses.push("kind != 'purchase'");
  }
  const days = filter.from !== undefined || filter.to !== undefined;
  if (days && !filter.kind) {
    // Every kind named, so the days are read through the index by kind and time.
    clauses.push(`kind IN (${ENTRY_KINDS.map(() => '?').join(', ')})`);
    params.push(...ENTRY_KINDS);
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
    if (billIdEnd?.length === SHORT_CODE_LENGTH) {
      // The short code a receipt prints, through its index (migration 017).
      any.push(`substr(bill_id, -${SHORT_CODE_LENGTH}) = ?`);
      params.push(billIdEnd);
    } else if (billIdEnd) {
      any.push("bill_id LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscaped(billIdEnd)}`);
    }
    if (customerIds?.length) {
      any.push('customer_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(customerIds));
    }
    const card = cardDigits === undefined ? null : cardSearchOf(cardDigits);
    if (card) {
      // The card's last four digits through their index (migration 018), the rest checked on what it finds.
      any.push(
        `(card_number IS NOT NULL AND substr(card_number, -${CARD_TAIL_LENGTH}) = ?` +
          ` AND card_number LIKE ? ESCAPE '\\')`,
      );
      params.push(card.tail, `%${likeEscaped(card.digits)}`);
    }
    if (any.length > 0) clauses.push(`(${any.join(' OR ')})`);
    else nothing = true;
  }
  return {
    // Days read only the days asked for, even where the planner would guess a walk of the journal cheaper.
    from: days ? 'entries INDEXED BY entries_kind_created' : 'entries',
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    nothing,
    id,
  };
}

/** The digits a card search takes: a card's last four digits or more, up to its whole number. */
export const CARD_TAIL_LENGTH = 4;

function cardSearchOf(text: string): { digits: string; tail: string } | null {
  if (!/^\d+$/.test(text) || text.length < CARD_TAIL_LENGTH) return null;
  return { digits: text, tail: text.slice(-CARD_TAIL_LENGTH) };
}
