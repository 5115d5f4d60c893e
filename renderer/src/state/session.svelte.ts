// Who is at the terminal: the signed-in operator, demo mode, the PIN lockout.
import type { Operator, PosApi, PosError, SessionStatus } from '../../../shared/ipc/index.ts';

export type SignInProblem =
  | { kind: 'wrong_pin'; attemptsLeft: number | null }
  | { kind: 'locked'; until: Date }
  | { kind: 'error'; error: PosError };

type SessionPort = Pick<PosApi, 'session' | 'operator'>;

export class Session {
  readonly #pos: SessionPort;
  #status = $state<SessionStatus | null>(null);
  #problem = $state<SignInProblem | null>(null);
  #busy = $state(false);
  /** Counts applied statuses, so a slow `session.status` answer cannot undo a newer push. */
  #version = 0;

  constructor(pos: SessionPort) {
    this.#pos = pos;
  }

  get status(): SessionStatus | null {
    return this.#status;
  }
  get operator(): Operator | null {
    return this.#status?.operator ?? null;
  }
  get isManager(): boolean {
    return this.operator?.role === 'manager';
  }
  get demo(): boolean {
    return this.#status?.demo ?? false;
  }
  get problem(): SignInProblem | null {
    return this.#problem;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** The lock's end, from the last status or a refused PIN, whichever is known. */
  get lockedUntil(): Date | null {
    if (this.#problem?.kind === 'locked') return this.#problem.until;
    const until = this.#status?.lockedUntil;
    return until ? new Date(until) : null;
  }

  /** Takes a `session.changed` push or a `session.status` answer. */
  apply(status: SessionStatus): void {
    this.#version++;
    this.#status = status;
    if (status.operator) this.#problem = null;
  }

  async refresh(): Promise<PosError | null> {
    const asked = this.#version;
    const result = await this.#pos.session.status();
    if (!result.ok) return result.error;
    if (this.#version === asked) this.apply(result.value);
    return null;
  }

  async signIn(pin: string): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    try {
      const result = await this.#pos.operator.signIn({ pin });
      if (result.ok) {
        this.#problem = null;
        this.apply({ ...(this.#status ?? emptyStatus), operator: result.value, lockedUntil: null });
        return true;
      }
      this.#problem = problemOf(result.error);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  async signOut(): Promise<PosError | null> {
    const result = await this.#pos.operator.signOut();
    if (!result.ok) return result.error;
    if (this.#status) this.apply({ ...this.#status, operator: null });
    return null;
  }

  clearProblem(): void {
    this.#problem = null;
  }
}

const emptyStatus: SessionStatus = { demo: false, operator: null, store: null, cashDeskNumber: null, language: 'cs', timeZone: 'Europe/Prague', lockedUntil: null };

function problemOf(error: PosError): SignInProblem {
  if (error.code === 'locked' && error.until) return { kind: 'locked', until: new Date(error.until) };
  if (error.code === 'wrong_pin') return { kind: 'wrong_pin', attemptsLeft: attemptsLeft(error) };
  if (error.code === 'invalid_payload') return { kind: 'wrong_pin', attemptsLeft: null };
  return { kind: 'error', error };
}

/** The main process puts the attempts left in the `pin` reason's message as a number. */
function attemptsLeft(error: PosError): number | null {
  const reason = error.reasons?.find((r) => r.name === 'pin' || r.reason === 'attempts_left');
  const match = /\d+/.exec(reason?.message ?? error.message);
  return match ? Number(match[0]) : null;
}
