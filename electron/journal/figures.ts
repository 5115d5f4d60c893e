// The dashboard's reads of the journal. Today's figures are bounded by the
// (kind, created_at) index to the day asked for; the queue's by the partial indexes
// over unsettled entries, so neither grows with the synced history. The statements'
// texts are exported for the query-plan test.
import type { Statement } from 'better-sqlite3';
import type { JournalDatabase } from './database.ts';
import type { RejectionReason } from './types.ts';

/** A span of time `[from, to)` in epoch ms. */
export interface Span {
  from: number;
  to: number;
}

export interface HourRow {
  /** Index of the span in the list asked for. */
  hour: number;
  sales: number;
  paid: number;
  identified: number;
  card: number;
  cash: number;
  pointsUsed: number;
  pointsEarned: number;
  awaitingPoints: number;
  vouchers: number;
  /** Sum of the vouchers' discount values in major units, as the bills carry them. */
  voucherValue: number;
}

export interface WaitingRow {
  band: number;
  count: number;
}

export interface RejectedRow {
  id: number;
  billId: string | null;
  kind: string;
  at: number;
  reasons: RejectionReason[];
}

const identified = '(e.customer_id IS NOT NULL OR e.card_number IS NOT NULL)';
const recap = '$.body.bill.payment_recap';

/** Purchases of each span (the hours of a day), voided ones left out, with their till payments. */
export const SALES_BY_SPAN_SQL = `SELECT CAST(h.key AS INTEGER) AS hour,
  COUNT(*) AS sales,
  TOTAL(p.paid_minor) AS paid,
  TOTAL(${identified}) AS identified,
  TOTAL(p.settlement ->> '$.cardMinor') AS card,
  TOTAL(p.settlement ->> '$.cashToPayMinor') AS cash,
  TOTAL(e.request ->> '${recap}.credit_points') AS pointsUsed,
  TOTAL(p.points_earned) AS pointsEarned,
  TOTAL(p.entry_id IS NOT NULL AND p.points_earned IS NULL AND ${identified}) AS awaitingPoints,
  TOTAL(json_array_length(e.request, '${recap}.vouchers')) AS vouchers,
  TOTAL((SELECT TOTAL(v.value ->> '$.discount_value') FROM json_each(e.request, '${recap}.vouchers') v)) AS voucherValue
FROM json_each(?) h
CROSS JOIN entries e
  ON e.kind = 'purchase' AND e.created_at >= h.value ->> '$.from' AND e.created_at < h.value ->> '$.to'
LEFT JOIN till_payments p ON p.entry_id = e.id
WHERE e.state != 'voided'
GROUP BY h.key`;

/** Cancellations asked for in a span that still stand, with what their sales were paid. */
export const CANCELLATIONS_SQL = `SELECT COUNT(*) AS count, TOTAL(p.paid_minor) AS paid
FROM entries e LEFT JOIN till_payments p ON p.entry_id = e.depends_on
WHERE e.kind = 'cancellation' AND e.created_at >= ? AND e.created_at < ? AND e.state NOT IN ('voided', 'rejected')`;

/** The queue (pending and being sent) read through the partial indexes that hold only those rows. */
const WAITING = `SELECT created_at FROM entries WHERE state = 'pending'
  UNION ALL SELECT created_at FROM entries WHERE state IN ('sending', 'rejected') AND state = 'sending'`;

/** Waiting entries by age band; `bands` are the lower bounds in ms, ascending. */
export function waitingByAgeSql(bands: readonly number[]): string {
  const cases = bands
    .map((lower, i) => ({ lower, i }))
    .slice(1)
    .reverse()
    .map(({ lower, i }) => `WHEN @now - created_at >= ${Math.trunc(lower)} THEN ${i}`)
    .join(' ');
  return `SELECT CASE ${cases} ELSE 0 END AS band, COUNT(*) AS count FROM (${WAITING}) GROUP BY band`;
}

/** How many waited past a cutoff, and since when the oldest of them. */
export const OVERDUE_SQL = `SELECT COUNT(*) AS count, MIN(created_at) AS oldest
FROM (${WAITING}) WHERE created_at <= @cutoff`;

export const REJECTED_COUNT_SQL = `SELECT COUNT(*) AS count
FROM entries WHERE state IN ('sending', 'rejected') AND state = 'rejected'`;

/** The oldest rejected entries first: they have waited longest for the manager. */
export const REJECTED_LIST_SQL = `SELECT id, bill_id AS billId, kind, updated_at AS at, reasons FROM entries
WHERE state IN ('sending', 'rejected') AND state = 'rejected' ORDER BY id LIMIT ?`;

export class JournalFigures {
  readonly #salesBySpan: Statement;
  readonly #cancellations: Statement;
  readonly #overdue: Statement;
  readonly #rejectedCount: Statement;
  readonly #rejectedList: Statement;
  readonly #waiting = new Map<string, Statement>();
  readonly #db: JournalDatabase;

  constructor(db: JournalDatabase) {
    this.#db = db;
    this.#salesBySpan = db.prepare(SALES_BY_SPAN_SQL);
    this.#cancellations = db.prepare(CANCELLATIONS_SQL);
    this.#overdue = db.prepare(OVERDUE_SQL);
    this.#rejectedCount = db.prepare(REJECTED_COUNT_SQL);
    this.#rejectedList = db.prepare(REJECTED_LIST_SQL);
  }

  /** One row per span with sales; spans without any are absent. */
  salesBySpan(spans: readonly Span[]): HourRow[] {
    return this.#salesBySpan.all(JSON.stringify(spans)) as HourRow[];
  }

  cancellations(span: Span): { count: number; paid: number } {
    return this.#cancellations.get(span.from, span.to) as { count: number; paid: number };
  }

  waitingByAge(bands: readonly number[], now: number): WaitingRow[] {
    const text = waitingByAgeSql(bands);
    let statement = this.#waiting.get(text);
    if (!statement) {
      statement = this.#db.prepare(text);
      this.#waiting.set(text, statement);
    }
    return statement.all({ now }) as WaitingRow[];
  }

  overdue(cutoff: number): { count: number; oldest: number | null } {
    return this.#overdue.get({ cutoff }) as { count: number; oldest: number | null };
  }

  rejected(limit: number): { count: number; entries: RejectedRow[] } {
    const { count } = this.#rejectedCount.get() as { count: number };
    const rows = this.#rejectedList.all(limit) as (Omit<RejectedRow, 'reasons'> & {
      reasons: string | null;
    })[];
    return {
      count,
      entries: rows.map((r) => ({
        ...r,
        reasons: r.reasons ? (JSON.parse(r.reasons) as RejectionReason[]) : [],
      })),
    };
  }
}
