// The receipt's VAT summary: what the customer paid for goods (after every discount,
// voucher, points and credit; cash rounding is no sale of goods) split over the VAT rates
// in proportion to the lines' amounts after their own discounts, then each rate's gross
// split into base and tax. Integer minor units throughout; the rates' gross adds up to
// the amount paid exactly (largest remainder).
import type { VatLine } from './answers.ts';

export interface VatSource {
  vatRate: number;
  /** The line's amount after its own discounts. */
  amountMinor: number;
}

/** Half away from zero, as money is rounded everywhere in the terminal. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function vatSummary(lines: readonly VatSource[], paidForGoodsMinor: number): VatLine[] {
  const byRate = new Map<number, number>();
  for (const line of lines)
    byRate.set(line.vatRate, (byRate.get(line.vatRate) ?? 0) + Math.max(0, line.amountMinor));
  const rates = [...byRate.entries()].sort((a, b) => b[0] - a[0]);
  const total = rates.reduce((sum, [, amount]) => sum + amount, 0);
  if (rates.length === 0 || total === 0 || paidForGoodsMinor <= 0)
    return rates.map(([ratePercent]) => ({ ratePercent, baseMinor: 0, vatMinor: 0, grossMinor: 0 }));
  const shares = rates.map(([ratePercent, amount]) => {
    const exact = (paidForGoodsMinor * amount) / total;
    return { ratePercent, gross: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = paidForGoodsMinor - shares.reduce((sum, s) => sum + s.gross, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (left <= 0) break;
    share.gross += 1;
    left -= 1;
  }
  return shares.map(({ ratePercent, gross }) => {
    const vatMinor = roundHalfAway((gross * ratePercent) / (100 + ratePercent));
    return { ratePercent, baseMinor: gross - vatMinor, vatMinor, grossMinor: gross };
  });
}
