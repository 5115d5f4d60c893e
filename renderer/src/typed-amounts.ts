// Amounts and quantities as a cashier types them ("12,90" or "12.90"), to integers.
import { currencyDecimals } from '../../shared/money.ts';

/** A typed price in minor units, or null when it is not a plain non-negative amount. */
export function typedMinorUnits(text: string, currency: string): number | null {
  const decimals = currencyDecimals(currency);
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim().replace(/\s/g, ''));
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

/** A typed quantity: positive, at most three decimals. */
export function typedQuantity(text: string): number | null {
  const match = /^(\d{1,6})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value > 0 ? value : null;
}

/** A typed whole number of points, or null. */
export function typedPoints(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  return Number(trimmed);
}
