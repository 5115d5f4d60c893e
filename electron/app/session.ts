// Who is signed in at this terminal, and what the status bar says about it.
import type { Operator, SessionStatus } from '../../shared/ipc/contract.ts';
import type { OperatorDirectory, SignInOutcome } from '../operators/operators.ts';
import type { SettingsService } from '../settings/settings-service.ts';

export class TerminalSession {
  readonly #operators: OperatorDirectory;
  readonly #settings: SettingsService;
  readonly #demo: boolean;
  readonly #listeners = new Set<(status: SessionStatus) => void>();
  #operator: Operator | null = null;
  #storeName: string | null = null;

  constructor(options: { operators: OperatorDirectory; settings: SettingsService; demo: boolean }) {
    this.#operators = options.operators;
    this.#settings = options.settings;
    this.#demo = options.demo;
    this.#settings.onChange(() => this.#changed());
  }

  get operator(): Operator | null {
    return this.#operator;
  }

  status(): SessionStatus {
    const settings = this.#settings.current;
    return {
      demo: this.#demo,
      operator: this.#operator,
      store: settings.storeId === '' ? null : { id: settings.storeId, name: this.#storeName ?? settings.storeId },
      cashDeskNumber: String(settings.cashdeskNumber),
      language: settings.language,
      timeZone: settings.timeZone,
      lockedUntil: this.#operators.lockedUntil()?.toISOString() ?? null,
    };
  }

  async signIn(pin: string): Promise<SignInOutcome> {
    const outcome = await this.#operators.signIn(pin);
    if (outcome.ok) this.#operator = outcome.operator;
    this.#changed();
    return outcome;
  }

  signOut(): void {
    this.#operator = null;
    this.#changed();
  }

  /** The store's name from CareCloud's store list, once known. */
  setStoreName(name: string | null): void {
    if (name === this.#storeName) return;
    this.#storeName = name;
    this.#changed();
  }

  onChange(listener: (status: SessionStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }
}
