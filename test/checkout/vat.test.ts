import { describe, expect, it } from 'vitest';
import { vatSummary } from '../../shared/checkout/vat.ts';

describe('the receipt’s VAT summary', () => {
  it('splits what was paid over the rates in proportion and each rate into base and tax, to the haléř', () => {
    const lines = [
      { vatRate: 21, amountMinor: 18_900 },
      { vatRate: 12, amountMinor: 42_900 },
      { vatRate: 12, amountMinor: 4_490 },
    ];
    const summary = vatSummary(lines, 60_000);
    expect(summary.map((v) => v.ratePercent)).toEqual([21, 12]);
    expect(summary.reduce((sum, v) => sum + v.grossMinor, 0)).toBe(60_000);
    for (const v of summary) {
      expect(v.baseMinor + v.vatMinor).toBe(v.grossMinor);
      expect(
        Math.abs(v.vatMinor - (v.grossMinor * v.ratePercent) / (100 + v.ratePercent)),
      ).toBeLessThanOrEqual(0.5);
    }
  });

  it('keeps a single rate whole, a zero rate without tax, and paid-in-full-by-benefits sales at zero', () => {
    expect(vatSummary([{ vatRate: 21, amountMinor: 12_100 }], 12_100)).toEqual([
      { ratePercent: 21, baseMinor: 10_000, vatMinor: 2_100, grossMinor: 12_100 },
    ]);
    expect(vatSummary([{ vatRate: 0, amountMinor: 500 }], 500)).toEqual([
      { ratePercent: 0, baseMinor: 500, vatMinor: 0, grossMinor: 500 },
    ]);
    expect(vatSummary([{ vatRate: 12, amountMinor: 500 }], 0)).toEqual([
      { ratePercent: 12, baseMinor: 0, vatMinor: 0, grossMinor: 0 },
    ]);
  });

  it('gives the haléř left by the split to the rate with the largest remainder', () => {
    const summary = vatSummary(
      [
        { vatRate: 21, amountMinor: 1 },
        { vatRate: 12, amountMinor: 1 },
        { vatRate: 0, amountMinor: 1 },
      ],
      100,
    );
    expect(summary.map((v) => v.grossMinor).sort()).toEqual([33, 33, 34]);
  });
});
