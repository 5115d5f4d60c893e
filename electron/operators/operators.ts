// Operator PINs. The PIN alone identifies the operator, so PINs are unique per
// terminal. Every PIN this terminal checks goes through here, one at a time: wrong
// PINs count per prompt (sign-in, a manager's PIN for an action, a manager's unlock)
// across restarts, and after `maxAttempts` that prompt refuses every PIN until the
// lock expires, a manager lifts it on the terminal, or support does from the command line.
import { randomUUID } from 'node:crypto';
import type { Operator, Role } from '../../shared/operators.ts';
import type { KeyValueBackend } from '../settings/backend.ts';
import { hashPin, verifyPin } from './pin-hash.ts';

export interface StoredOperator extends Operator {
  pinHash: string;
}

export interface LockoutPolicy {
  maxAttempts: number;
  /** How long a lock lasts, and how long a wrong PIN is remembered after the last one. */
  lockMs: number;
}

export const defaultLockout: LockoutPolicy = { maxAttempts: 5, lockMs: 5 * 60_000 };

/** Where a PIN was typed; each has its own count of wrong PINs and its own lock. */
export type PinPrompt = 'signin' | 'manager' | 'unlock';
const prompts: readonly PinPrompt[] = ['signin', 'manager', 'unlock'];

/** The same answer for every refused PIN: unknown, another role's, or too short for a manager. */
export type PinOutcome =
  | { ok: true; operator: Operator }
  | { ok: false; reason: 'refused'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export type UnlockOutcome = PinOutcome | { ok: false; reason: 'not_locked' };

export class PinInUseError extends Error {
  constructor() {
    super('Another operator already uses this PIN');
    this.name = 'PinInUseError';
  }
}

export class PinTooShortError extends RangeError {
  constructor(readonly minimum: number) {
    super(`A manager's PIN is ${minimum} to 8 digits on this terminal`);
    this.name = 'PinTooShortError';
  }
}

interface PromptState {
  failures: number;
  lastFailureAt: number | null;
  lockedUntil: number | null;
}

type LockState = Record<PinPrompt, PromptState>;

const operatorsKey = 'operators';
const locksKey = 'pinLocks';
/** Before prompts were counted apart: one count and one lock for every PIN. */
const legacyLockKey = 'lockout';

const clear = (): PromptState => ({ failures: 0, lastFailureAt: null, lockedUntil: null });

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

function readPrompt(value: unknown): PromptState {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const number = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    failures: Math.max(0, Math.floor(number(v.failures) ?? 0)),
    lastFailureAt: number(v.lastFailureAt),
    lockedUntil: number(v.lockedUntil),
  };
}

export interface OperatorDirectoryOptions {
  policy?: LockoutPolicy;
  now?: () => number;
  /** Shortest PIN a manager may have here: 6 on a configured terminal, 4 for the demo's documented PINs. */
  minManagerPin?: number;
}

export class OperatorDirectory {
  readonly #backend: KeyValueBackend;
  readonly #policy: LockoutPolicy;
  readonly #now: () => number;
  readonly #minManagerPin: number;
  /** PIN checks run one after another, so a burst cannot slip past the count. */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(backend: KeyValueBackend, options: OperatorDirectoryOptions = {}) {
    this.#backend = backend;
    this.#policy = options.policy ?? defaultLockout;
    this.#now = options.now ?? Date.now;
    this.#minManagerPin = options.minManagerPin ?? 6;
  }

  list(): Operator[] {
    return this.#stored().map(({ id, name, role }) => ({ id, name, role }));
  }

  async add(input: { name: string; role: Role; pin: string }): Promise<Operator> {
    if (!/^\d{4,8}$/.test(input.pin)) throw new RangeError('A PIN is 4 to 8 digits');
    if (input.role === 'manager' && input.pin.length < this.#minManagerPin)
      throw new PinTooShortError(this.#minManagerPin);
    if (await this.#find(input.pin)) throw new PinInUseError();
    const operator: StoredOperator = {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      pinHash: await hashPin(input.pin),
    };
    this.#backend.set(operatorsKey, [...this.#stored(), operator]);
    return { id: operator.id, name: operator.name, role: operator.role };
  }

  remove(id: string): boolean {
    const remaining = this.#stored().filter((o) => o.id !== id);
    if (remaining.length === this.#stored().length) return false;
    this.#backend.set(operatorsKey, remaining);
    return true;
  }

  /** Support lifts every lock (and forgets the wrong PINs) from the command line. */
  unlock(): void {
    this.#write({ signin: clear(), manager: clear(), unlock: clear() });
  }

  lockedUntil(prompt: PinPrompt = 'signin'): Date | null {
    const { lockedUntil } = this.#read()[prompt];
    return lockedUntil !== null && lockedUntil > this.#now() ? new Date(lockedUntil) : null;
  }

  /** Any operator signs in. A cashier's correct PIN clears no count: it proves nothing about the wrong ones. */
  signIn(pin: string): Promise<PinOutcome> {
    return this.#serial(() => this.#attempt('signin', pin));
  }

  /** A manager's PIN for one action; any other PIN is refused like a wrong one. */
  checkManager(pin: string): Promise<PinOutcome> {
    return this.#serial(() => this.#attempt('manager', pin, 'manager'));
  }

  /** A manager at the terminal lifts the sign-in and manager locks; the unlock prompt has a count of its own. */
  unlockWith(pin: string): Promise<UnlockOutcome> {
    return this.#serial(async () => {
      if (!this.lockedUntil('signin') && !this.lockedUntil('manager'))
        return { ok: false, reason: 'not_locked' } as const;
      const outcome = await this.#attempt('unlock', pin, 'manager');
      if (outcome.ok) this.unlock();
      return outcome;
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(work, work);
    this.#turn = run.catch(() => {});
    return run;
  }

  async #attempt(prompt: PinPrompt, pin: string, role?: Role): Promise<PinOutcome> {
    const before = this.lockedUntil(prompt);
    if (before) return { ok: false, reason: 'locked', until: before };
    const operator = await this.#find(pin);
    // The hash took a while: another process (or a lock from the command line) may have locked meanwhile.
    const after = this.lockedUntil(prompt);
    if (after) return { ok: false, reason: 'locked', until: after };
    const accepted =
      operator !== null &&
      (role === undefined || operator.role === role) &&
      (operator.role !== 'manager' || pin.length >= this.#minManagerPin);
    const state = this.#read();
    if (accepted) {
      if (operator.role === 'manager') this.#write({ ...state, [prompt]: clear() });
      return { ok: true, operator: { id: operator.id, name: operator.name, role: operator.role } };
    }
    const now = this.#now();
    const current = state[prompt];
    const remembered =
      current.lastFailureAt !== null && now - current.lastFailureAt < this.#policy.lockMs
        ? current.failures
        : 0;
    const failures = remembered + 1;
    if (failures >= this.#policy.maxAttempts) {
      const until = now + this.#policy.lockMs;
      this.#write({ ...state, [prompt]: { failures: 0, lastFailureAt: null, lockedUntil: until } });
      return { ok: false, reason: 'locked', until: new Date(until) };
    }
    this.#write({ ...state, [prompt]: { failures, lastFailureAt: now, lockedUntil: null } });
    return { ok: false, reason: 'refused', attemptsLeft: this.#policy.maxAttempts - failures };
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

  #read(): LockState {
    const stored = this.#backend.get(locksKey) as Partial<Record<PinPrompt, unknown>> | undefined;
    const state = Object.fromEntries(prompts.map((p) => [p, readPrompt(stored?.[p])])) as LockState;
    // A lock written in the old single-count form still holds sign-in and manager PINs.
    const legacy = readPrompt(this.#backend.get(legacyLockKey));
    if (legacy.lockedUntil !== null) {
      for (const p of ['signin', 'manager'] as const)
        state[p].lockedUntil = Math.max(state[p].lockedUntil ?? 0, legacy.lockedUntil);
    }
    return state;
  }

  #write(state: LockState): void {
    this.#backend.set(locksKey, state);
    if (this.#backend.has(legacyLockKey)) this.#backend.delete(legacyLockKey);
  }
}
