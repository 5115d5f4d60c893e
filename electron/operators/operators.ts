// Operator sign-in by PIN. The PIN alone identifies the operator, so PINs are
// unique per terminal. Wrong PINs count across restarts: after `maxAttempts`
// in a row the terminal refuses every PIN until the lock expires.
import { randomUUID } from 'node:crypto';
import type { Operator, Role } from '../../shared/ipc/contract.ts';
import type { KeyValueBackend } from '../settings/backend.ts';
import { hashPin, verifyPin } from './pin-hash.ts';

export interface StoredOperator extends Operator {
  pinHash: string;
}

export interface LockoutPolicy {
  maxAttempts: number;
  lockMs: number;
}

export const defaultLockout: LockoutPolicy = { maxAttempts: 5, lockMs: 5 * 60_000 };

export type SignInOutcome =
  | { ok: true; operator: Operator }
  | { ok: false; reason: 'wrong_pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export class PinInUseError extends Error {
  constructor() {
    super('Another operator already uses this PIN');
    this.name = 'PinInUseError';
  }
}

interface LockoutState {
  failures: number;
  lockedUntil: number | null;
}

const operatorsKey = 'operators';
const lockoutKey = 'lockout';

function isStoredOperator(value: unknown): value is StoredOperator {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    (o.role === 'cashier' || o.role === 'manager') &&
    typeof o.pinHash === 'string'
  );
}

export class OperatorDirectory {
  readonly #backend: KeyValueBackend;
  readonly #policy: LockoutPolicy;
  readonly #now: () => number;

  constructor(backend: KeyValueBackend, options: { policy?: LockoutPolicy; now?: () => number } = {}) {
    this.#backend = backend;
    this.#policy = options.policy ?? defaultLockout;
    this.#now = options.now ?? Date.now;
  }

  list(): Operator[] {
    return this.#stored().map(({ id, name, role }) => ({ id, name, role }));
  }

  async add(input: { name: string; role: Role; pin: string }): Promise<Operator> {
    if (!/^\d{4,8}$/.test(input.pin)) throw new RangeError('A PIN is 4 to 8 digits');
    if (await this.#find(input.pin)) throw new PinInUseError();
    const operator: StoredOperator = { id: randomUUID(), name: input.name, role: input.role, pinHash: await hashPin(input.pin) };
    this.#backend.set(operatorsKey, [...this.#stored(), operator]);
    return { id: operator.id, name: operator.name, role: operator.role };
  }

  /** Support lifts a lock (and forgets the wrong PINs) from the command line. */
  unlock(): void {
    this.#backend.set(lockoutKey, { failures: 0, lockedUntil: null } satisfies LockoutState);
  }

  remove(id: string): boolean {
    const remaining = this.#stored().filter((o) => o.id !== id);
    if (remaining.length === this.#stored().length) return false;
    this.#backend.set(operatorsKey, remaining);
    return true;
  }

  lockedUntil(): Date | null {
    const { lockedUntil } = this.#lockout();
    return lockedUntil !== null && lockedUntil > this.#now() ? new Date(lockedUntil) : null;
  }

  async signIn(pin: string): Promise<SignInOutcome> {
    const locked = this.lockedUntil();
    if (locked) return { ok: false, reason: 'locked', until: locked };
    const operator = await this.#find(pin);
    if (operator) {
      this.#backend.set(lockoutKey, { failures: 0, lockedUntil: null } satisfies LockoutState);
      return { ok: true, operator: { id: operator.id, name: operator.name, role: operator.role } };
    }
    const failures = this.#lockout().failures + 1;
    if (failures >= this.#policy.maxAttempts) {
      const until = this.#now() + this.#policy.lockMs;
      this.#backend.set(lockoutKey, { failures: 0, lockedUntil: until } satisfies LockoutState);
      return { ok: false, reason: 'locked', until: new Date(until) };
    }
    this.#backend.set(lockoutKey, { failures, lockedUntil: null } satisfies LockoutState);
    return { ok: false, reason: 'wrong_pin', attemptsLeft: this.#policy.maxAttempts - failures };
  }

  async #find(pin: string): Promise<StoredOperator | null> {
    // Check every operator so the time taken does not tell which one matched.
    let match: StoredOperator | null = null;
    for (const operator of this.#stored()) {
      if ((await verifyPin(pin, operator.pinHash)) && !match) match = operator;
    }
    return match;
  }

  #stored(): StoredOperator[] {
    const value = this.#backend.get(operatorsKey);
    return Array.isArray(value) ? value.filter(isStoredOperator) : [];
  }

  #lockout(): LockoutState {
    const value = this.#backend.get(lockoutKey) as Partial<LockoutState> | undefined;
    const failures = typeof value?.failures === 'number' && value.failures >= 0 ? value.failures : 0;
    const lockedUntil = typeof value?.lockedUntil === 'number' ? value.lockedUntil : null;
    return { failures, lockedUntil };
  }
}
