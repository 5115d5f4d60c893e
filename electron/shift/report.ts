// The X/Z report of a shift, computed from what the journal holds: the till payments kept
// beside each sale (the settlement cash.ts computed at pay), the journaled bills read as
// the queue and the recent sales read them, and the cash movements.
import type { CashierFigures, DrawerCount, ShiftReport, VatFigures } from '../../shared/shift.ts';
import { expectedCash } from '../../shared/shift.ts';
import { readableRequest, minorOf } from '../checkout/readable-request.ts';
import type { MemberRow, MovementRow, ShiftRow } from '../journal/shifts.ts';
import type { JournalEntry } from '../journal/types.ts';
import { readSendPurchase } from '../../shared/checkout/send-purchase.ts';

const SETTLEMENT_FIELDS = [
  'cardMinor',
  'cashToPayMinor',
  'cashTenderedMinor',
  'changeMinor',
  'roundingMinor',
] as const;
type Kept = Record<(typeof SETTLEMENT_FIELDS)[number], number>;

/**
 * A stored settlement, only when every amount is whole (the journal file is outside input); else nothing of it counts.
 */
function settlementOf(text: string | null): Kept | null {
  if (text === null) return null;
  try {
    const stored = JSON.parse(text) as Record<string, unknown>;
    return SETTLEMENT_FIELDS.every((field) => Number.isSafeInteger(stored[field])) ? (stored as Kept) : null;
  } catch {
    return null;
  }
}

function entryOf(row: MemberRow): JournalEntry | null {
  try {
    return { request: JSON.parse(row.request) } as JournalEntry;
  } catch {
    return null;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface ReportContext {
  kind: 'X' | 'Z';
  id: number;
  madeBy: string;
  madeAt: number;
  /** The closing count, for a Z report. */
  close: { countedMinor: number; count: DrawerCount; approvedBy: string | null; closedBy: string } | null;
}

export function shiftReport(
  shift: ShiftRow,
  members: readonly MemberRow[],
  movements: readonly MovementRow[],
  context: ReportContext,
): ShiftReport {
  const currency = shift.currency;
  const sales = { count: 0, totalMinor: 0, paidMinor: 0 };
  const cancellations = { count: 0, paidMinor: 0, cashRefundedMinor: 0 };
  const tenders = { cardMinor: 0, cashMinor: 0, cashTenderedMinor: 0, changeMinor: 0, roundingMinor: 0 };
  const cashiers = new Map<string, CashierFigures>();
  const vat = new Map<number, VatFigures>();
  const vouchers = { count: 0, valueMinor: 0 };
  const points = { used: 0, issued: 0, awaiting: 0 };
  let discountsMinor = 0;
  let creditMinor = 0;
  let voided = 0;
  let rejected = 0;
  let waiting = 0;
  const cashier = (name: string): CashierFigures => {
    let figures = cashiers.get(name);
    if (!figures)
      cashiers.set(
        name,
        (figures = { operator: name, sales: 0, paidMinor: 0, cardMinor: 0, cashMinor: 0, cancellations: 0 }),
      );
    return figures;
  };

  for (const row of members) {
    if (row.state === 'pending' || row.state === 'sending') waiting += 1;
    const settlement = settlementOf(row.settlement);
    if (row.kind === 'cancellation') {
      cancellations.count += 1;
      cancellations.paidMinor += row.paidMinor ?? 0;
      // The cash part of the sale goes back from this drawer; its card part back to the card.
      cancellations.cashRefundedMinor += settlement?.cashToPayMinor ?? 0;
      cashier(row.operator).cancellations += 1;
      continue;
    }
    // A purchase without a till payment (a resend of a refused one, a command-line sale) took no money at this drawer.
    if (row.paidMinor === null || settlement === null) continue;
    if (row.state === 'voided') voided += 1;
    if (row.state === 'rejected') rejected += 1;
    const entry = entryOf(row);
    const request = entry ? readableRequest(entry, currency) : null;
    sales.count += 1;
    sales.totalMinor += request?.totalMinor ?? 0;
    sales.paidMinor += row.paidMinor;
    tenders.cardMinor += settlement.cardMinor;
    tenders.cashMinor += settlement.cashToPayMinor;
    tenders.cashTenderedMinor += settlement.cashTenderedMinor;
    tenders.changeMinor += settlement.changeMinor;
    tenders.roundingMinor += settlement.roundingMinor;
    const who = cashier(row.operator);
    who.sales += 1;
    who.paidMinor += row.paidMinor;
    who.cardMinor += settlement.cardMinor;
    who.cashMinor += settlement.cashToPayMinor;
    for (const item of request?.items ?? []) {
      if (item.lineId === 'cash-rounding') continue;
      const rate = typeof item.vatRate === 'number' && Number.isFinite(item.vatRate) ? item.vatRate : 0;
      let figures = vat.get(rate);
      if (!figures) vat.set(rate, (figures = { rate, grossMinor: 0, vatMinor: 0 }));
      figures.grossMinor += item.paidMinor;
    }
    for (const voucher of request?.vouchers ?? []) {
      vouchers.count += 1;
      vouchers.valueMinor += voucher.discountMinor;
    }
    points.used += request?.pointsUsed ?? 0;
    creditMinor += request?.creditMinor ?? 0;
    const recap = entry ? readSendPurchase(entry.request.body)?.bill.payment_recap : undefined;
    for (const discount of recap?.recommended_discounts ?? [])
      discountsMinor += minorOf(discount.discount_value, currency) ?? 0;
    if (row.pointsEarned !== null) points.issued += row.pointsEarned;
    else if (row.customerId !== null || row.cardNumber !== null) points.awaiting += 1;
  }
  // VAT included in a gross amount at a rate, to the minor unit.
  for (const figures of vat.values())
    figures.vatMinor = Math.round((figures.grossMinor * figures.rate) / (100 + figures.rate));

  const flow = {
    openingFloatMinor: shift.openingFloatMinor,
    cashTakenMinor: tenders.cashMinor,
    cashRefundedMinor: cancellations.cashRefundedMinor,
    cashInMinor: movements.filter((m) => m.direction === 'in').reduce((sum, m) => sum + m.amountMinor, 0),
    cashOutMinor: movements.filter((m) => m.direction === 'out').reduce((sum, m) => sum + m.amountMinor, 0),
  };
  const expectedMinor = expectedCash(flow);
  const close = context.close;
  return {
    kind: context.kind,
    id: context.id,
    shiftId: shift.id,
    storeId: shift.storeId,
    cashdesk: shift.cashdesk,
    currency,
    madeBy: context.madeBy,
    madeAt: iso(context.madeAt),
    openedBy: shift.openedBy,
    openedAt: iso(shift.openedAt),
    closedBy: close ? close.closedBy : null,
    closedAt: close ? iso(context.madeAt) : null,
    sales,
    cancellations,
    voided,
    rejected,
    waiting,
    tenders,
    cashiers: [...cashiers.values()].sort((a, b) => a.operator.localeCompare(b.operator)),
    vat: [...vat.values()].sort((a, b) => a.rate - b.rate),
    discountsMinor,
    vouchers,
    points,
    creditMinor,
    cash: {
      ...flow,
      expectedMinor,
      movementsIn: movements.filter((m) => m.direction === 'in').length,
      movementsOut: movements.filter((m) => m.direction === 'out').length,
    },
    close: close
      ? {
          countedMinor: close.countedMinor,
          differenceMinor: close.countedMinor - expectedMinor,
          count: close.count,
          approvedBy: close.approvedBy,
        }
      : null,
  };
}
