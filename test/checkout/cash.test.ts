// Cash rounding, change and split tender: pure rules in integer minor units.
import { describe, expect, it } from 'vitest';
import { cashRoundingStep, quickCashAmounts, roundCash, settle } from '../../shared/checkout/cash.ts';

describe('cash rounding', () => {
  it('rounds crowns half up, as Czech law asks for cash', () => {
    expect(cashRoundingStep('CZK')).toBe(100);
    expect(roundCash(6043, 100)).toBe(6000);
    expect(roundCash(6049, 100)).toBe(6000);
    expect(roundCash(6050, 100)).toBe(6100);
    expect(roundCash(6099, 100)).toBe(6100);
    expect(roundCash(6000, 100)).toBe(6000);
    expect(roundCash(43, 100)).toBe(0);
    expect(roundCash(0, 100)).toBe(0);
  });

  it('leaves euro cents alone unless a step is configured', () => {
    expect(cashRoundingStep('EUR')).toBe(1);
    expect(roundCash(1999, 1)).toBe(1999);
    expect(cashRoundingStep('EUR', { EUR: 5 })).toBe(5);
    expect(roundCash(1997, 5)).toBe(1995);
    expect(roundCash(1998, 5)).toBe(2000);
    expect(cashRoundingStep('CZK', { CZK: 1 })).toBe(1);
  });

  it('refuses amounts that are not whole minor units and steps below one', () => {
    expect(() => roundCash(10.5, 100)).toThrow(RangeError);
    expect(() => roundCash(-1, 100)).toThrow(RangeError);
    expect(() => cashRoundingStep('EUR', { EUR: 0 })).toThrow(RangeError);
  });
});

describe('settling a payment', () => {
  it('cash: the rounded amount, what was handed over and the change', () => {
    expect(settle(6043, { cardMinor: 0, cashTenderedMinor: 10_000 }, 100)).toEqual({
      ok: true,
      settlement: {
        dueMinor: 6043,
        cardMinor: 0,
        cashDueMinor: 6043,
        cashToPayMinor: 6000,
        roundingMinor: -43,
        cashTenderedMinor: 10_000,
        changeMinor: 4000,
        paidMinor: 6000,
      },
    });
    // Exact cash without counting.
    expect(settle(6050, 'cash', 100)).toMatchObject({
      ok: true,
      settlement: {
        cashToPayMinor: 6100,
        roundingMinor: 50,
        cashTenderedMinor: 6100,
        changeMinor: 0,
        paidMinor: 6100,
      },
    });
  });

  it('what points leave below half a crown is not due in cash', () => {
    expect(settle(43, 'cash', 100)).toMatchObject({
      ok: true,
      settlement: { cashToPayMinor: 0, roundingMinor: -43, changeMinor: 0, paidMinor: 0 },
    });
  });

  it('card: the exact amount, never rounded', () => {
    expect(settle(6043, 'card', 100)).toMatchObject({
      ok: true,
      settlement: { cardMinor: 6043, cashToPayMinor: 0, roundingMinor: 0, changeMinor: 0, paidMinor: 6043 },
    });
  });

  it('split: the card part exact, the cash rest rounded', () => {
    expect(settle(19_630, { cardMinor: 10_000, cashTenderedMinor: 10_000 }, 100)).toMatchObject({
      ok: true,
      settlement: {
        cardMinor: 10_000,
        cashDueMinor: 9630,
        cashToPayMinor: 9600,
        roundingMinor: -30,
        changeMinor: 400,
        paidMinor: 19_600,
      },
    });
  });

  it('refuses short cash, a card part above the amount due and broken amounts', () => {
    expect(settle(6043, { cardMinor: 0, cashTenderedMinor: 5000 }, 100)).toEqual({
      ok: false,
      problem: 'cash_short',
    });
    expect(settle(6043, { cardMinor: 6044, cashTenderedMinor: null }, 100)).toEqual({
      ok: false,
      problem: 'card_exceeds_due',
    });
    expect(settle(6043, { cardMinor: 1.5, cashTenderedMinor: null }, 100)).toEqual({
      ok: false,
      problem: 'invalid_amount',
    });
    expect(settle(6043, { cardMinor: 0, cashTenderedMinor: -100 }, 100)).toEqual({
      ok: false,
      problem: 'invalid_amount',
    });
  });
});

describe('quick cash amounts', () => {
  it('offers the exact amount and the next notes above it', () => {
    expect(quickCashAmounts(6000, 'CZK')).toEqual([6000, 10_000, 20_000, 50_000]);
    expect(quickCashAmounts(20_000, 'CZK')).toEqual([20_000, 50_000, 100_000, 200_000]);
    expect(quickCashAmounts(1234, 'EUR')).toEqual([1234, 1500, 2000, 5000]);
  });
});
