// Who is at the terminal: the signed-in operator, demo mode, the PIN lockout.
import type { Operator, PosApi, PosError, SessionStatus } from '../../../shared/ipc/index.ts';

type SessionPort = Pick<PosApi, 'session' | 'operator'>;

export class SessionState {
  readonly #pos: SessionPort;
  #status = $state<SessionStatus | null>(null);
  #problem = $state<PosError | null>(null);
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
  /** The last sign-in's refusal (a refused PIN, the lock) or failure. */
  get problem(): PosError | null {
    return this.#problem;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** The lock's end, from the last status or a refused PIN, whichever is known. */
  get lockedUntil(): Date | null {
    const until =
      this.#problem?.code === 'locked' && this.#problem.until
        ? this.#problem.until
        : this.#status?.lockedUntil;
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
      this.#problem = result.error;
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** A manager's PIN lifts the PIN locks at this terminal; answers the refusal, if any. */
  async unlock(pin: string): Promise<PosError | null> {
    const result = await this.#pos.operator.unlock({ pin });
    if (!result.ok) return result.error;
    this.#problem = null;
    await this.refresh();
    return null;
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

const emptyStatus: SessionStatus = {
  demo: false,
  operator: null,
  store: null,
  cashdeskNumber: null,
  language: 'cs',
  timeZone: 'Europe/Prague',
  lockedUntil: null,
};
