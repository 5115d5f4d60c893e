// GTIN check digits (EAN-13, EAN-8, UPC-A, ITF-14) and the Luhn digit some card programmes print.

const DIGITS = /^\d+$/;

/** Check digit for the data digits of a GTIN: weights 3,1,3,... from the rightmost digit. */
export function gtinCheckDigit(dataDigits: string): number {
  if (!DIGITS.test(dataDigits)) throw new Error(`a GTIN holds digits only, got "${dataDigits}"`);
  let sum = 0;
  for (let i = 0; i < dataDigits.length; i++) {
    const digit = dataDigits.charCodeAt(dataDigits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinFormat = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

const GTIN_FORMATS: Record<number, GtinFormat> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/** The GTIN format of a code whose last digit checks out, or null. */
export function gtinFormat(code: string): GtinFormat | null {
  const format = GTIN_FORMATS[code.length];
  if (!format || !DIGITS.test(code)) return null;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48 ? format : null;
}

export function isValidGtin(code: string): boolean {
  return gtinFormat(code) !== null;
}

/** Luhn (mod 10) check over the whole number, check digit last. */
export function isValidLuhn(code: string): boolean {
  if (code.length < 2 || !DIGITS.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < code.length; i++) {
    let digit = code.charCodeAt(code.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
