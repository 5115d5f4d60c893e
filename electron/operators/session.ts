// Who is signed in at this terminal, and what the status bar says about it. An operator
// who leaves the terminal alone is signed out after the idle time their role allows.
import type { Operator, SessionStatus } from '../../shared/operators.ts';
import type { TerminalMode } from '../../shared/settings.ts';
import type { Language } from '../../shared/i18n/language.ts';
import { demoOperatorName } from './demo-operators.ts';
import { NOBODY_SIGNED_IN } from './actor-names.ts';
import type { OperatorDirectory, PinOutcome, UnlockOutcome } from './operators.ts';
import type { SettingsService } from '../settings/settings-service.ts';

/** Writes one manager action to the audit log. */
export type AuditWriter = (actor: string, action: string, detail: Record<string, unknown>) => void;

export interface TerminalSessionOptions {
  operators: OperatorDirectory;
  settings: SettingsService;
  demo: boolean;
  audit: AuditWriter;
  now?: () => number;
  /** How often an idle operator is looked for. */
  idleCheckMs?: number;
  /** What the terminal runs as; `kiosk` is told to the screens in every status. */
  mode?: TerminalMode;
}

const IDLE_PARK_GRACE_MS = 60_000;

export class TerminalSession {
  readonly #operators: OperatorDirectory;
  readonly #settings: SettingsService;
  readonly #demo: boolean;
  readonly #mode: TerminalMode;
  readonly #audit: AuditWriter;
  readonly #now: () => number;
  readonly #listeners = new Set<(status: SessionStatus) => void>();
  readonly #idleTimer: ReturnType<typeof setInterval>;
  #operator: Operator | null = null;
  #lastActivity = 0;
  /** Who the idle timer signed out last, so their open sale can still be parked for them. */
  #idleLeaver: { operator: Operator; at: number } | null = null;
  /** The store's name as CareCloud gave it, per language asked in. */
  readonly #storeNames = new Map<Language, string>();
  /** The language this session's screens switched to (F4) until the next sign-out. */
  #screenLanguage: Language | null = null;

  constructor(options: TerminalSessionOptions) {
    this.#operators = options.operators;
    this.#settings = options.settings;
    this.#demo = options.demo;
    this.#mode = options.mode ?? 'till';
    this.#audit = options.audit;
    this.#now = options.now ?? Date.now;
    this.#settings.onChange(() => this.#changed());
    this.#idleTimer = setInterval(() => this.active(), options.idleCheckMs ?? 1_000);
    this.#idleTimer.unref?.();
  }

  get operator(): Operator | null {
    return this.#operator;
  }

  /** The operator, unless they have been idle too long: then nobody, signed out now. */
  active(): Operator | null {
    const operator = this.#operator;
    if (operator && this.#now() - this.#lastActivity >= this.#idleLimitMs(operator)) {
      this.#operator = null;
      this.#screenLanguage = null;
      this.#idleLeaver = { operator, at: this.#now() };
      this.#changed();
      return null;
    }
    return operator;
  }

  /** Something the operator did (any request that needs an operator). */
  touch(): void {
    if (this.#operator) this.#lastActivity = this.#now();
  }

  /**
   * The operator the idle timer signed out within the last minute, once: the screen
   * parks their open sale for them instead of dropping it.
   */
  takeIdleLeaver(): Operator | null {
    const leaver = this.#idleLeaver;
    this.#idleLeaver = null;
    return leaver && this.#now() - leaver.at <= IDLE_PARK_GRACE_MS ? leaver.operator : null;
  }

  /** The language this session's screens speak: the one switched to, else the saved one. */
  language(): Language {
    return this.#screenLanguage ?? this.#settings.current.language;
  }

  /** The screens switched language (F4): CareCloud answers this session in it until sign-out. */
  setScreenLanguage(language: Language): void {
    this.#screenLanguage = language === this.#settings.current.language ? null : language;
    this.#changed();
  }

  status(): SessionStatus {
    const settings = this.#settings.current;
    const language = this.language();
    const storeName =
      this.#storeNames.get(language) ??
      this.#storeNames.get(settings.language) ??
      [...this.#storeNames.values()][0];
    return {
      demo: this.#demo,
      operator:
        this.#operator &&
        (this.#demo
          ? { ...this.#operator, name: demoOperatorName(this.#operator.name, language) }
          : this.#operator),
      store: settings.storeId === '' ? null : { id: settings.storeId, name: storeName ?? settings.storeId },
      cashdeskNumber: String(settings.cashdeskNumber),
      language: settings.language,
      timeZone: settings.timeZone,
      lockedUntil: this.#operators.lockedUntil('signin')?.toISOString() ?? null,
      ...(this.#mode === 'kiosk' ? { mode: 'kiosk' as const } : {}),
    };
  }

  async signIn(pin: string): Promise<PinOutcome> {
    const outcome = await this.#operators.signIn(pin);
    if (outcome.ok) {
      this.#idleLeaver = null;
      this.#operator = outcome.operator;
      this.#lastActivity = this.#now();
    }
    this.#changed();
    return outcome;
  }

  /** A manager at the terminal lifts the PIN locks; the unlock is audited either way. */
  async unlock(pin: string): Promise<UnlockOutcome> {
    const outcome = await this.#operators.unlockWith(pin);
    if (outcome.ok)
      this.#audit(outcome.operator.name, 'pin-unlock', { signedIn: this.#operator?.name ?? null });
    else if (outcome.reason !== 'not_locked')
      this.#audit(this.#operator?.name ?? NOBODY_SIGNED_IN, 'pin-refused', { action: 'unlock' });
    this.#changed();
    return outcome;
  }

  signOut(): void {
    this.#operator = null;
    this.#screenLanguage = null;
    this.#changed();
  }

  /** The store's name from CareCloud's store list read in `language`, once known; null forgets every name. */
  setStoreName(name: string | null, language: Language): void {
    if (name === null) {
      if (this.#storeNames.size === 0) return;
      this.#storeNames.clear();
    } else {
      if (this.#storeNames.get(language) === name) return;
      this.#storeNames.set(language, name);
    }
    this.#changed();
  }

  onChange(listener: (status: SessionStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.#idleTimer);
  }

  #idleLimitMs(operator: Operator): number {
    const idle = this.#settings.current.idleSignOut;
    return (operator.role === 'manager' ? idle.managerMinutes : idle.cashierMinutes) * 60_000;
  }

  #changed(): void {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }
}
