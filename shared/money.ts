// Money inside the product is an integer count of minor units (haléř, cent). CareCloud
// speaks JSON numbers; the conversion happens only here, on decimal digits rather than
// on binary floats, so 1.005 is 1.005 and not 1.00499999.

/** An amount in minor units of some currency; always an integer within ±MAX_MINOR_UNITS. */
export type MinorUnits = number;

/** Money in integer minor units (hellers, cents) with its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * Largest amount in minor units: a JSON number keeps 15 significant digits exactly, so
 * beyond this the amount CareCloud meant can no longer be told apart from its neighbours.
 */
export const MAX_MINOR_UNITS = 999_999_999_999_999;

const decimalsCache = new Map<string, number>();

/** Number of minor-unit digits of an ISO 4217 currency (CZK 2, JPY 0); 2 when the code is unknown. */
export function currencyDecimals(currencyCode: string): number {
  const code = currencyCode.toUpperCase();
  let decimals = decimalsCache.get(code);
  if (decimals === undefined) {
    try {
      decimals =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      decimals = 2;
    }
    decimalsCache.set(code, decimals);
  }
  return decimals;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8)
    throw new RangeError(`Unsupported number of decimals: ${decimals}`);
}

/** Plain decimal digits of a finite number, without exponent: 1e-7 -> "0.0000001". */
function plainDigits(value: number): { negative: boolean; whole: string; fraction: string } {
  const text = String(Math.abs(value));
  const [mantissa = '0', exponentText] = text.split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  let digits = intPart + fracPart;
  let point = intPart.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  return { negative: value < 0, whole: digits.slice(0, point) || '0', fraction: digits.slice(point) };
}

/**
 * A CareCloud amount (JSON number) in minor units, rounded half away from zero when it
 * has more digits than the currency allows. Throws RangeError on NaN, infinities and
 * amounts beyond safe integers.
 */
export function toMinorUnits(amount: number, decimals = 2): MinorUnits {
  checkDecimals(decimals);
  if (typeof amount !== 'number' || !Number.isFinite(amount))
    throw new RangeError(`Not an amount: ${String(amount)}`);
  const { negative, whole, fraction } = plainDigits(amount);
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  const roundUp = (fraction[decimals] ?? '0') >= '5';
  let minor = BigInt(whole + kept);
  if (roundUp) minor += 1n;
  if (minor > BigInt(MAX_MINOR_UNITS)) throw new RangeError(`Amount too large: ${amount}`);
  const result = Number(minor);
  return negative && result !== 0 ? -result : result;
}

/** Minor units back to the JSON number CareCloud expects. */
export function fromMinorUnits(minor: MinorUnits, decimals = 2): number {
  checkDecimals(decimals);
  if (!Number.isSafeInteger(minor) || Math.abs(minor) > MAX_MINOR_UNITS)
    throw new RangeError(`Minor units must be an integer within ±${MAX_MINOR_UNITS}: ${minor}`);
  // Dividing an integer by a power of ten is correctly rounded, so the result prints as the intended decimal.
  return minor / 10 ** decimals;
}

/** Sum of minor-unit amounts, refusing to leave the safe-integer range. */
export function sumMinorUnits(amounts: readonly MinorUnits[]): MinorUnits {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_MINOR_UNITS)
      throw new RangeError('Sum of amounts is too large');
  }
  return total;
}
