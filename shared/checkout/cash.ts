// Paying the amount due: part by card, the rest in cash rounded to the currency's cash
// rounding, the cash handed over and the change. Integer minor units throughout; the
// screen and the main process settle a sale with these same functions.
import type { MinorUnits } from '../money.ts';

/**
 * The smallest cash step per currency, in minor units. Czech law rounds cash payments to
 * whole crowns; currencies not listed pay cash to the minor unit unless configured.
 */
export const CASH_ROUNDING_MINOR: Readonly<Record<string, number>> = { CZK: 100 };

/** The cash step of a currency: the configured one, else the legal default, else 1 (no rounding). */
export function cashRoundingStep(
  currency: string,
  configured: Readonly<Record<string, number>> = {},
): MinorUnits {
  const step = configured[currency] ?? CASH_ROUNDING_MINOR[currency] ?? 1;
  if (!Number.isSafeInteger(step) || step < 1)
    throw new RangeError(`Cash rounding of ${currency} must be a whole number of minor units above zero`);
  return step;
}

/** An amount of cash rounded to the step, half up (0,50 Kč goes up, 0,49 Kč down). */
export function roundCash(amountMinor: MinorUnits, stepMinor: MinorUnits): MinorUnits {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0)
    throw new RangeError('A cash amount is whole minor units, not below zero');
  const rest = amountMinor % stepMinor;
  return rest * 2 >= stepMinor ? amountMinor - rest + stepMinor : amountMinor - rest;
}

/** How the customer pays what is due: a part by card, and the cash handed over for the rest. */
export interface TenderAmounts {
  /** Charged to the payment card; the whole amount due for a card-only payment. */
  cardMinor: MinorUnits;
  /** Cash handed over; null when the cashier took the exact cash amount without counting. */
  cashTenderedMinor: MinorUnits | null;
}

/** All in cash (exact), all by card, or the amounts of a split or counted payment. */
export type Tender = 'cash' | 'card' | TenderAmounts;

function amountsOf(tender: Tender, dueMinor: MinorUnits): TenderAmounts {
  if (tender === 'card') return { cardMinor: dueMinor, cashTenderedMinor: 0 };
  if (tender === 'cash') return { cardMinor: 0, cashTenderedMinor: null };
  return tender;
}

export interface Settlement {
  /** What was left to pay after the loyalty benefits. */
  dueMinor: MinorUnits;
  cardMinor: MinorUnits;
  /** The cash part before and after rounding, and the difference (negative when rounded down). */
  cashDueMinor: MinorUnits;
  cashToPayMinor: MinorUnits;
  roundingMinor: MinorUnits;
  cashTenderedMinor: MinorUnits;
  changeMinor: MinorUnits;
  /** What the customer actually paid in money: card plus rounded cash. */
  paidMinor: MinorUnits;
}

export type SettleProblem = 'card_exceeds_due' | 'cash_short' | 'invalid_amount';

export type SettleResult = { ok: true; settlement: Settlement } | { ok: false; problem: SettleProblem };

const whole = (n: number | null): boolean => n === null || (Number.isSafeInteger(n) && n >= 0);

/** The sale's money: refuses a card part above the amount due and cash short of the rounded rest. */
export function settle(dueMinor: MinorUnits, paid: Tender, stepMinor: MinorUnits): SettleResult {
  const tender = amountsOf(paid, dueMinor);
  if (!whole(dueMinor) || !whole(tender.cardMinor) || !whole(tender.cashTenderedMinor))
    return { ok: false, problem: 'invalid_amount' };
  if (tender.cardMinor > dueMinor) return { ok: false, problem: 'card_exceeds_due' };
  const cashDueMinor = dueMinor - tender.cardMinor;
  const cashToPayMinor = roundCash(cashDueMinor, stepMinor);
  const cashTenderedMinor = tender.cashTenderedMinor ?? cashToPayMinor;
  if (cashTenderedMinor < cashToPayMinor) return { ok: false, problem: 'cash_short' };
  return {
    ok: true,
    settlement: {
      dueMinor,
      cardMinor: tender.cardMinor,
      cashDueMinor,
      cashToPayMinor,
      roundingMinor: cashToPayMinor - cashDueMinor,
      cashTenderedMinor,
      changeMinor: cashTenderedMinor - cashToPayMinor,
      paidMinor: tender.cardMinor + cashToPayMinor,
    },
  };
}

/** Banknotes and coins a cashier is likely handed, per currency, in minor units. */
const NOTES: Readonly<Record<string, readonly number[]>> = {
  CZK: [10_000, 20_000, 50_000, 100_000, 200_000, 500_000],
  EUR: [500, 1_000, 2_000, 5_000, 10_000, 20_000],
};

/** Quick amounts for the cash field: the exact amount, then the next notes above it (at most `count`). */
export function quickCashAmounts(cashToPayMinor: MinorUnits, currency: string, count = 4): MinorUnits[] {
  const notes = NOTES[currency] ?? [100, 500, 1_000, 5_000, 10_000];
  const amounts = [cashToPayMinor];
  for (const note of notes) {
    const above = Math.ceil(cashToPayMinor / note) * note;
    if (above > cashToPayMinor && !amounts.includes(above)) amounts.push(above);
  }
  return amounts.sort((a, b) => a - b).slice(0, count);
}
