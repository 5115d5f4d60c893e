// CareCloud ids are 26 lowercase hex characters; ours are derived from a kind and a
// sequence number so the seed is the same on every machine.
import { createHash } from 'node:crypto';

export function entityId(kind: string, n: number): string {
  return createHash('sha256').update(`${kind}:${n}`).digest('hex').slice(0, 26);
}

/** EAN-13 with its check digit, the shape of a printed loyalty card number. */
export function ean13(twelveDigits: string): string {
  const sum = [...twelveDigits].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelveDigits}${(10 - (sum % 10)) % 10}`;
}
