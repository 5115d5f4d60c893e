// The lane's shifts in the journal's database (migration 015): opening, cash in and out,
// the reports and the close, each with its audit record in the same commit. The triggers
// keep a closed shift as it was; this module only says what they refused in words.
import { InvalidState, NotFound } from '../domain/errors.ts';
import type { JournalDatabase } from './database.ts';
import { guarded } from './errors.ts';

export interface ShiftRow {
  id: number;
  storeId: string;
  cashdesk: number;
  currency: string;
  openedBy: string;
  openedAt: number;
  openingFloatMinor: number;
  closedBy: string | null;
  closedAt: number | null;
  expectedCashMinor: number | null;
  countedCashMinor: number | null;
  countDetail: unknown;
  approvedBy: string | null;
}

export interface MovementRow {
  id: number;
  shiftId: number;
  direction: 'in' | 'out';
  amountMinor: number;
  reason: string;
  operator: string;
  at: number;
}

/** A sale or cancellation of the shift, with the till's payment (a cancellation: its sale's). */
export interface MemberRow {
  id: number;
  kind: 'purchase' | 'cancellation';
  state: string;
  operator: string;
  request: string;
  customerId: string | null;
  cardNumber: string | null;
  paidMinor: number | null;
  settlement: string | null;
  pointsEarned: number | null;
}

export interface ReportRow {
  id: number;
  shiftId: number;
  kind: 'X' | 'Z';
  at: number;
  madeBy: string;
  report: unknown;
}

export type ShiftRefusal = 'shift_already_open' | 'shift_closed' | 'no_open_shift';

/** What the shift book refuses, by code (the screens word it). */
export class ShiftStateError extends InvalidState {
  override name = 'ShiftStateError';
  constructor(readonly refusal: ShiftRefusal) {
    super(
      {
        shift_already_open: 'A shift is already open at this lane.',
        shift_closed: 'The shift is closed; nothing of it can change.',
        no_open_shift: 'No shift is open at this lane.',
      }[refusal],
    );
  }
}

const SHIFT_COLUMNS = `id, store_id AS storeId, cashdesk, currency, opened_by AS openedBy, opened_at AS openedAt,
  opening_float_minor AS openingFloatMinor, closed_by AS closedBy, closed_at AS closedAt,
  expected_cash_minor AS expectedCashMinor, counted_cash_minor AS countedCashMinor, count_detail AS countDetail,
  approved_by AS approvedBy`;

/** The trigger's RAISE text, when SQLite refused a change to a closed shift. */
export class ShiftNotFound extends NotFound {
  override name = 'ShiftNotFound';
  constructor() {
    super('This lane has no such shift.');
  }
}

function refusalOf(error: unknown): ShiftRefusal | null {
  const message = error instanceof Error ? error.message : '';
  if (message === 'shift_already_open') return 'shift_already_open';
  if (message === 'shift_closed') return 'shift_closed';
  return null;
}

function shiftOf(
  row: (Omit<ShiftRow, 'countDetail'> & { countDetail: string | null }) | undefined,
): ShiftRow | null {
  if (!row) return null;
  return { ...row, countDetail: row.countDetail === null ? null : (JSON.parse(row.countDetail) as unknown) };
}

export interface OpenShift {
  storeId: string;
  cashdesk: number;
  currency: string;
  operator: string;
  openingFloatMinor: number;
}

export interface ShiftClose {
  closedBy: string;
  expectedCashMinor: number;
  countedCashMinor: number;
  countDetail: unknown;
  approvedBy: string | null;
}

export class ShiftBook {
  readonly #db: JournalDatabase;
  readonly #now: () => number;
  readonly #refuseIfDamaged: () => void;

  /** `refuseIfDamaged` throws once the journal's background check found the file damaged: then nothing is written. */
  constructor(db: JournalDatabase, now: () => number, refuseIfDamaged: () => void = () => {}) {
    this.#db = db;
    this.#now = now;
    this.#refuseIfDamaged = refuseIfDamaged;
  }

  #audit(at: number, actor: string, action: string, detail: Record<string, unknown>): void {
    this.#db
      .prepare('INSERT INTO audit (at, actor, action, entry_id, detail) VALUES (?, ?, ?, NULL, ?)')
      .run(at, actor, action, JSON.stringify(detail));
  }

  /** Writes in one immediate commit; a trigger's refusal becomes a ShiftStateError. */
  #write<T>(change: () => T): T {
    this.#refuseIfDamaged();
    return guarded(() => {
      try {
        return this.#db.transaction(change).immediate();
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal) throw new ShiftStateError(refusal);
        throw error;
      }
    });
  }

  open(shift: OpenShift): ShiftRow {
    return this.#write(() => {
      const at = this.#now();
      const { lastInsertRowid } = this.#db
        .prepare(
          'INSERT INTO shifts (store_id, cashdesk, currency, opened_by, opened_at, opening_float_minor) ' +
            'VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(shift.storeId, shift.cashdesk, shift.currency, shift.operator, at, shift.openingFloatMinor);
      const id = Number(lastInsertRowid);
      this.#audit(at, shift.operator, 'shift-open', {
        shiftId: id,
        openingFloatMinor: shift.openingFloatMinor,
        currency: shift.currency,
      });
      return this.#get(id)!;
    });
  }

  current(): ShiftRow | null {
    return guarded(() =>
      shiftOf(this.#db.prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE closed_at IS NULL`).get() as never),
    );
  }

  get(id: number): ShiftRow | null {
    return guarded(() => this.#get(id));
  }

  #get(id: number): ShiftRow | null {
    return shiftOf(this.#db.prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE id = ?`).get(id) as never);
  }

  /** The newest closed shifts first. */
  recentClosed(limit: number): ShiftRow[] {
    return guarded(() =>
      (
        this.#db
          .prepare(`SELECT ${SHIFT_COLUMNS} FROM shifts WHERE closed_at IS NOT NULL ORDER BY id DESC LIMIT ?`)
          .all(limit) as never[]
      ).map((row) => shiftOf(row)!),
    );
  }

  addMovement(
    shiftId: number,
    direction: 'in' | 'out',
    amountMinor: number,
    reason: string,
    operator: string,
  ): MovementRow {
    return this.#write(() => {
      const at = this.#now();
      const { lastInsertRowid } = this.#db
        .prepare(
          'INSERT INTO cash_movements (shift_id, direction, amount_minor, reason, operator, at) ' +
            'VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(shiftId, direction, amountMinor, reason, operator, at);
      this.#audit(at, operator, direction === 'in' ? 'cash-in' : 'cash-out', {
        shiftId,
        amountMinor,
        reason,
      });
      return { id: Number(lastInsertRowid), shiftId, direction, amountMinor, reason, operator, at };
    });
  }

  movements(shiftId: number): MovementRow[] {
    return guarded(
      () =>
        this.#db
          .prepare(
            'SELECT id, shift_id AS shiftId, direction, amount_minor AS amountMinor, ' +
              'reason, operator, at FROM cash_movements WHERE shift_id = ? ORDER BY id',
          )
          .all(shiftId) as MovementRow[],
    );
  }

  /** The shift's sales and cancellations in journal order. */
  members(shiftId: number): MemberRow[] {
    return guarded(
      () =>
        this.#db
          .prepare(
            `SELECT e.id, e.kind, e.state, e.operator, e.request,
               e.customer_id AS customerId, e.card_number AS cardNumber,
               p.paid_minor AS paidMinor, p.settlement, p.points_earned AS pointsEarned
             FROM shift_entries s JOIN entries e ON e.id = s.entry_id
             LEFT JOIN till_payments p ON p.entry_id = CASE e.kind WHEN 'cancellation' THEN e.depends_on ELSE e.id END
             WHERE s.shift_id = ? ORDER BY e.id`,
          )
          .all(shiftId) as MemberRow[],
    );
  }

  /** Keeps an X report: built inside the commit from what the shift holds at that moment. */
  recordX(shiftId: number, madeBy: string, build: (reportId: number, at: number) => unknown): ReportRow {
    return this.#write(() => {
      const at = this.#now();
      const id = this.#nextReportId();
      const report = build(id, at);
      this.#db
        .prepare(
          "INSERT INTO shift_reports (id, shift_id, kind, at, made_by, report) VALUES (?, ?, 'X', ?, ?, ?)",
        )
        .run(id, shiftId, at, madeBy, JSON.stringify(report));
      this.#audit(at, madeBy, 'shift-x-report', { shiftId, reportId: id });
      return { id, shiftId, kind: 'X', at, madeBy, report };
    });
  }

  /**
   * Closes the shift with its Z report in one commit. `decide` reads the shift as it is inside
   * the write lock (no sale can slip in between) and answers the close, or null to leave it open.
   */
  close<T>(
    shiftId: number,
    decide: (
      at: number,
      reportId: number,
    ) => { close: ShiftClose; report: unknown; outcome: T } | { outcome: T },
  ): T {
    return this.#write(() => {
      const shift = this.#get(shiftId);
      if (!shift) throw new ShiftNotFound();
      if (shift.closedAt !== null) throw new ShiftStateError('shift_closed');
      const at = this.#now();
      const id = this.#nextReportId();
      const decided = decide(at, id);
      if (!('close' in decided)) return decided.outcome;
      const { close } = decided;
      this.#db
        .prepare(
          "INSERT INTO shift_reports (id, shift_id, kind, at, made_by, report) VALUES (?, ?, 'Z', ?, ?, ?)",
        )
        .run(id, shiftId, at, close.closedBy, JSON.stringify(decided.report));
      this.#db
        .prepare(
          'UPDATE shifts SET closed_by = ?, closed_at = ?, expected_cash_minor = ?, ' +
            'counted_cash_minor = ?, count_detail = ?, approved_by = ? WHERE id = ?',
        )
        .run(
          close.closedBy,
          at,
          close.expectedCashMinor,
          close.countedCashMinor,
          JSON.stringify(close.countDetail),
          close.approvedBy,
          shiftId,
        );
      this.#audit(at, close.closedBy, 'shift-close', {
        shiftId,
        reportId: id,
        expectedCashMinor: close.expectedCashMinor,
        countedCashMinor: close.countedCashMinor,
        differenceMinor: close.countedCashMinor - close.expectedCashMinor,
        approvedBy: close.approvedBy,
      });
      return decided.outcome;
    });
  }

  #nextReportId(): number {
    return (
      ((this.#db.prepare('SELECT MAX(id) AS id FROM shift_reports').get() as { id: number | null }).id ?? 0) +
      1
    );
  }

  report(id: number): ReportRow | null {
    return guarded(() => {
      const row = this.#db
        .prepare(
          'SELECT id, shift_id AS shiftId, kind, at, made_by AS madeBy, report FROM shift_reports WHERE id = ?',
        )
        .get(id) as (Omit<ReportRow, 'report'> & { report: string }) | undefined;
      return row ? { ...row, report: JSON.parse(row.report) as unknown } : null;
    });
  }

  zReportOf(shiftId: number): ReportRow | null {
    const row = guarded(
      () =>
        this.#db.prepare("SELECT id FROM shift_reports WHERE shift_id = ? AND kind = 'Z'").get(shiftId) as
          { id: number } | undefined,
    );
    return row ? this.report(row.id) : null;
  }

  /** An export or a print of a report, for the audit trail. */
  recordUse(
    actor: string,
    action: 'shift-report-export' | 'shift-report-print',
    detail: Record<string, unknown>,
  ): void {
    this.#refuseIfDamaged();
    guarded(() => this.#db.transaction(() => this.#audit(this.#now(), actor, action, detail)).immediate());
  }
}
