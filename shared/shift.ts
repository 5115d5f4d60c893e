// The lane's shift as both processes see it: the drawer's expected cash, a count by
// denominations or as a total, and the X/Z report. Plain data in integer minor units;
// main computes the report, the screens show it and compute a count's total as typed.
import type { MinorUnits } from './money.ts';

/** Banknotes and coins of each currency the drawer is counted in, smallest first, in minor units. */
export const DENOMINATIONS: Readonly<Record<string, readonly MinorUnits[]>> = {
  CZK: [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000],
  EUR: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000],
};

/** The denominations of a currency; empty when the terminal knows none (then only a total can be counted). */
export function denominationsOf(currency: string): readonly MinorUnits[] {
  return DENOMINATIONS[currency] ?? [];
}

/** The closing count: pieces per denomination (minor units as keys), or the total the cashier counted. */
export type DrawerCount =
  { by: 'denominations'; pieces: Readonly<Record<string, number>> } | { by: 'total'; totalMinor: MinorUnits };

export type CountProblem = 'unknown_denomination' | 'invalid_pieces' | 'invalid_total';

export type CountResult = { ok: true; totalMinor: MinorUnits } | { ok: false; problem: CountProblem };

const MAX_PIECES = 100_000;

/** The counted cash; refuses a denomination the currency does not have and pieces that are not whole. */
export function countedTotal(count: DrawerCount, currency: string): CountResult {
  if (count.by === 'total') {
    return Number.isSafeInteger(count.totalMinor) && count.totalMinor >= 0
      ? { ok: true, totalMinor: count.totalMinor }
      : { ok: false, problem: 'invalid_total' };
  }
  const known = denominationsOf(currency);
  let total = 0;
  for (const [key, pieces] of Object.entries(count.pieces)) {
    const value = Number(key);
    if (!/^\d+$/.test(key) || !known.includes(value)) return { ok: false, problem: 'unknown_denomination' };
    if (!Number.isSafeInteger(pieces) || pieces < 0 || pieces > MAX_PIECES)
      return { ok: false, problem: 'invalid_pieces' };
    total += value * pieces;
  }
  return { ok: true, totalMinor: total };
}

/**
 * What the drawer should hold:
 * float + cash taken (handed over less change) − cash refunded + cash in − cash out.
 */
export interface CashFlow {
  openingFloatMinor: MinorUnits;
  cashTakenMinor: MinorUnits;
  cashRefundedMinor: MinorUnits;
  cashInMinor: MinorUnits;
  cashOutMinor: MinorUnits;
}

export function expectedCash(flow: CashFlow): MinorUnits {
  return (
    flow.openingFloatMinor +
    flow.cashTakenMinor -
    flow.cashRefundedMinor +
    flow.cashInMinor -
    flow.cashOutMinor
  );
}

/** A manager must approve a close whose difference is larger than the limit (either way). */
export function needsManager(differenceMinor: MinorUnits, limitMinor: MinorUnits): boolean {
  return Math.abs(differenceMinor) > limitMinor;
}

export interface CashMovementView {
  id: number;
  direction: 'in' | 'out';
  amountMinor: MinorUnits;
  reason: string;
  operator: string;
  /** ISO instant. */
  at: string;
}

export interface ShiftView {
  id: number;
  storeId: string;
  cashdesk: number;
  currency: string;
  openedBy: string;
  openedAt: string;
  openingFloatMinor: MinorUnits;
  closedBy: string | null;
  closedAt: string | null;
  movements: CashMovementView[];
  /** The drawer now (open shift) or at the close. */
  expectedCashMinor: MinorUnits;
}

export interface TenderFigures {
  cardMinor: MinorUnits;
  /** Cash kept: handed over less change (after rounding). */
  cashMinor: MinorUnits;
  cashTenderedMinor: MinorUnits;
  changeMinor: MinorUnits;
  roundingMinor: MinorUnits;
}

export interface CashierFigures {
  operator: string;
  sales: number;
  paidMinor: MinorUnits;
  cardMinor: MinorUnits;
  cashMinor: MinorUnits;
  cancellations: number;
}

export interface VatFigures {
  /** The rate in percent, as the bill lines carry it. */
  rate: number;
  /** The lines' amounts at this rate (after the till's line discounts, before loyalty benefits), VAT included. */
  grossMinor: MinorUnits;
  vatMinor: MinorUnits;
}

export interface ShiftReport {
  kind: 'X' | 'Z';
  /** The stored report's id (X reports are kept too). */
  id: number;
  shiftId: number;
  storeId: string;
  cashdesk: number;
  currency: string;
  madeBy: string;
  madeAt: string;
  openedBy: string;
  openedAt: string;
  /** Null on an X report of an open shift. */
  closedBy: string | null;
  closedAt: string | null;
  sales: { count: number; totalMinor: MinorUnits; paidMinor: MinorUnits };
  cancellations: { count: number; paidMinor: MinorUnits; cashRefundedMinor: MinorUnits };
  /** Sales CareCloud will never get (voided by a manager) and those it refused. */
  voided: number;
  rejected: number;
  /** Sales and cancellations still waiting for CareCloud. */
  waiting: number;
  tenders: TenderFigures;
  cashiers: CashierFigures[];
  vat: VatFigures[];
  /** CareCloud's discounts on the bills (recommended discounts). */
  discountsMinor: MinorUnits;
  vouchers: { count: number; valueMinor: MinorUnits };
  points: { used: number; issued: number; awaiting: number };
  creditMinor: MinorUnits;
  cash: CashFlow & { expectedMinor: MinorUnits; movementsIn: number; movementsOut: number };
  /** Only on the Z report: what was counted, the difference and who approved it. */
  close: {
    countedMinor: MinorUnits;
    differenceMinor: MinorUnits;
    count: DrawerCount;
    approvedBy: string | null;
  } | null;
}

export type CloseOutcome =
  | { outcome: 'closed'; report: ShiftReport }
  /** The difference passes the limit: the same close again with a manager's PIN. */
  | {
      outcome: 'needs_manager';
      expectedMinor: MinorUnits;
      countedMinor: MinorUnits;
      differenceMinor: MinorUnits;
      limitMinor: MinorUnits;
    };

/** A report exported: where it went, and for the preview's download the file itself (PDF as base64). */
export interface ShiftExportDone {
  format: 'csv' | 'pdf';
  file: string;
  delivered: 'folder' | 'saved' | 'download' | 'cancelled';
  content: string | null;
  encoding: 'utf8' | 'base64';
}
