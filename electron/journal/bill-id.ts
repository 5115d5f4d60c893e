// bill_id is the sale's idempotency key in CareCloud: fixed once per sale and
// unique per terminal forever, even after the data dir is wiped, so it carries
// the store, the cash desk and a time-ordered random part instead of a counter.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The contract sets no maximum; we stay well inside what POS systems and receipts handle. */
export const BILL_ID_MAX_LENGTH = 64;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % 32]! + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function freshRandom(): number[] {
  return [...randomBytes(16)].map((b) => b % 32);
}

/** 80 random bits after the time; within one millisecond the random part counts up so ids stay ordered. */
function nextRandom(ms: number): number[] {
  if (ms !== lastTime) {
    lastTime = ms;
    lastRandom = freshRandom();
    return lastRandom;
  }
  const next = [...lastRandom];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]! += 1;
      break;
    }
    next[i] = 0;
  }
  lastRandom = next;
  return next;
}

/** A 26-character time-ordered unique value (ULID layout, Crockford base32). */
export function timeOrderedId(now: number = Date.now()): string {
  return (
    encodeTime(now) +
    nextRandom(now)
      .map((d) => CROCKFORD[d])
      .join('')
  );
}

function storeTag(storeId: string): string {
  const tag = storeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 26);
  if (!tag) throw new Error('A bill_id needs a store id with at least one letter or digit.');
  return tag;
}

export function newBillId(storeId: string, cashdesk: number, now: number = Date.now()): string {
  if (!Number.isInteger(cashdesk) || cashdesk < 0 || cashdesk > 99999)
    throw new Error(`Cash desk number ${cashdesk} is not a whole number between 0 and 99999.`);
  return `${storeTag(storeId)}-${cashdesk}-${timeOrderedId(now)}`;
}

/** CareCloud's convention for a cancellation: the original bill_id prefixed with C. */
export function cancellationBillId(originalBillId: string): string {
  return `C${originalBillId}`;
}
