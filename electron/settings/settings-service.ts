// The terminal's settings for the app: the shared schema (shared/settings.ts) in
// settings.json, the password only as ciphertext, numbered migrations on open.
// Screens see a SettingsView, which says whether a password is set and nothing more.
import { type z } from 'zod';
import type { SettingsPatch, SettingsView } from '../../shared/settings-view.ts';
import type { RefusalReason } from '../domain/errors.ts';
import { inputSettingsSchema, type InputSettings, type ScanRule } from '../../shared/input/settings.ts';
import {
  defaultSettings,
  settingsSchema,
  type SettingsInput,
  type TerminalSettings,
} from '../../shared/settings.ts';
import type { KeyValueBackend } from './backend.ts';
import { EncryptionUnavailableError, isWeakKeyStorage, type SecretCipher } from './cipher.ts';
import { randomUUID } from 'node:crypto';
import {
  inputKey,
  kioskDeviceIdKey,
  kioskDeviceTokenCiphertextKey,
  legacyPasswordKey,
  passwordCiphertextKey,
} from './keys.ts';
import { readKeyStorage, readSecurity, securityKey, type KeyStorage } from './key-storage.ts';
import { migrateSettings } from './migrate.ts';
import { settingsMigrations, type SettingsMigration } from './migrations/index.ts';
import { isSlowScanPattern } from './scan-pattern.ts';

/** The scan rules the settings screen edits, by the name they carry in the input settings. */
const screenRules = {
  loyaltyCard: { name: 'Loyalty cards (settings screen)', kind: 'card' },
  voucher: { name: 'Vouchers (settings screen)', kind: 'voucher' },
  giftCard: { name: 'Gift cards (settings screen)', kind: 'voucher' },
} as const satisfies Record<keyof SettingsView['scanRules'], { name: string; kind: ScanRule['kind'] }>;

function withScreenRules(input: InputSettings, patch: Partial<SettingsView['scanRules']>): InputSettings {
  let rules = input.classification.rules;
  for (const [key, pattern] of Object.entries(patch) as [keyof typeof screenRules, string | undefined][]) {
    if (pattern === undefined) continue;
    const { name, kind } = screenRules[key];
    rules = rules.filter((rule) => rule.name !== name);
    // Screen rules go first: they are the most specific thing a manager said.
    if (pattern !== '')
      rules = [
        { name, kind, pattern, prefixes: [], lengths: [], checkDigit: 'none', symbologies: [] },
        ...rules,
      ];
  }
  return { ...input, classification: { ...input.classification, rules } };
}

export class InvalidSettingsError extends Error {
  readonly reasons: RefusalReason[];
  constructor(reasons: RefusalReason[]) {
    super(`Settings not saved: ${reasons.map((r) => `${r.name} ${r.message}`).join('; ')}`);
    this.name = 'InvalidSettingsError';
    this.reasons = reasons;
  }
}

/** Schema paths as the screens name them. */
const viewNames: Record<string, string> = {
  'offlinePolicy.vouchers': 'offlineVoucherPolicy',
  'timeouts.lookupMs': 'requestTimeoutMs',
};

function reasonsOf(error: z.ZodError, prefix = ''): RefusalReason[] {
  return error.issues.map((issue) => {
    const path = prefix + issue.path.join('.');
    // The schema names a web address it refuses (`invalid_url`), so the screens can say it in their language.
    const reason =
      issue.code === 'custom' && typeof issue.params?.['reason'] === 'string'
        ? issue.params['reason']
        : 'invalid_value';
    return { name: viewNames[path] ?? path, reason, message: issue.message };
  });
}

export interface SettingsServiceOptions {
  store: KeyValueBackend;
  cipher: SecretCipher;
  migrations?: readonly SettingsMigration[];
  /** Called with every problem found in the file on open (bad values are replaced by defaults). */
  onProblem?: (problem: string) => void;
}

type Listener = (settings: TerminalSettings) => void;

export class SettingsService {
  readonly #store: KeyValueBackend;
  readonly #cipher: SecretCipher;
  readonly #listeners = new Set<Listener>();
  #settings: TerminalSettings;
  #input: InputSettings;

  constructor(options: SettingsServiceOptions) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    migrateSettings(this.#store, this.#cipher, options.migrations ?? settingsMigrations);
    // Recorded for `ccpos doctor`, which cannot ask safeStorage itself.
    this.#store.set(securityKey, {
      ...readSecurity((key) => this.#store.get(key)),
      keyStorageBackend: this.#cipher.backend(),
    });
    this.#settings = this.#readShared(options.onProblem ?? (() => {}));
    this.#input = this.#readOwn(inputKey, inputSettingsSchema, options.onProblem);
    // A kiosk keeps no enterprise password, whatever an older version or a hand left in the file.
    if (this.#settings.mode === 'kiosk') this.#forgetEnterpriseLogin();
  }

  /** The terminal is a self-service kiosk (Customer API only). */
  get kiosk(): boolean {
    return this.#settings.mode === 'kiosk';
  }

  get current(): TerminalSettings {
    return this.#settings;
  }

  /** Scanners, card readers, keyboard wedge and scan rules. */
  get input(): InputSettings {
    return this.#input;
  }

  /** Demo mode: no CareCloud project is configured. */
  get demo(): boolean {
    return this.#settings.mode === 'kiosk'
      ? this.#settings.kiosk.customerApiUrl === ''
      : this.#settings.projectUrl === '';
  }

  /** The kiosk's Customer API device token, for the composition root only; null when none is kept. */
  kioskDeviceToken(): string | null {
    const ciphertext = this.#store.get(kioskDeviceTokenCiphertextKey);
    if (typeof ciphertext !== 'string' || ciphertext === '') return null;
    try {
      return this.#cipher.decrypt(ciphertext);
    } catch {
      // A key that changed (another user, a new keyring): CareCloud gives a new token for the same device.
      this.#store.delete(kioskDeviceTokenCiphertextKey);
      return null;
    }
  }

  /**
   * Keeps the device token encrypted; without secure storage it is not written at all (a new one is asked for at each
   * start).
   */
  setKioskDeviceToken(token: string | null): void {
    if (token === null || !this.#cipher.available()) this.#store.delete(kioskDeviceTokenCiphertextKey);
    else this.#store.set(kioskDeviceTokenCiphertextKey, this.#cipher.encrypt(token));
  }

  /** This kiosk's device id for CareCloud, made once. */
  kioskDeviceId(): string {
    const kept = this.#store.get(kioskDeviceIdKey);
    if (typeof kept === 'string' && /^[0-9a-f-]{36}$/.test(kept)) return kept;
    const made = randomUUID();
    this.#store.set(kioskDeviceIdKey, made);
    return made;
  }

  #forgetEnterpriseLogin(): void {
    this.#store.delete(passwordCiphertextKey);
    this.#store.delete(legacyPasswordKey);
    if (this.#store.get('login') !== undefined && this.#store.get('login') !== '')
      this.#store.set('login', '');
  }

  /** The decrypted CareCloud password, for the composition root only; never for screens. */
  password(): string | null {
    const ciphertext = this.#store.get(passwordCiphertextKey);
    if (typeof ciphertext !== 'string' || ciphertext === '') return null;
    return this.#cipher.decrypt(ciphertext);
  }

  /** Where the password's key lives and whether a manager accepted a weak place. */
  keyStorage(): KeyStorage {
    return readKeyStorage((key) => this.#store.get(key));
  }

  view(): SettingsView {
    const s = this.#settings;
    const keyStorage = this.keyStorage();
    return {
      projectUrl: s.projectUrl,
      externalApplicationId: s.externalApplicationId,
      login: s.login,
      passwordSet: typeof this.#store.get(passwordCiphertextKey) === 'string',
      storeId: s.storeId,
      cashdeskNumber: String(s.cashdeskNumber),
      language: s.language,
      timeZone: s.timeZone,
      offlineVoucherPolicy: s.offlinePolicy.vouchers,
      requestTimeoutMs: s.timeouts.lookupMs,
      scanRules: {
        loyaltyCard: this.#screenRule('loyaltyCard'),
        voucher: this.#screenRule('voucher'),
        giftCard: this.#screenRule('giftCard'),
      },
      devices: { hidEnabled: this.#input.devices.enabled, wedgeEnabled: this.#input.wedge.enabled },
      idleSignOut: { ...s.idleSignOut },
      signup: { ...s.signup },
      keyStorage: {
        backend: keyStorage.backend ?? '',
        weak: keyStorage.weak,
        acceptedWeak: keyStorage.accepted,
      },
      mode: s.mode,
      kiosk: {
        customerApiUrl: s.kiosk.customerApiUrl,
        externalApplicationId: s.kiosk.externalApplicationId,
        deviceTokenSet: typeof this.#store.get(kioskDeviceTokenCiphertextKey) === 'string',
        deviceName: s.kiosk.deviceName,
        idleSeconds: s.kiosk.idleSeconds,
        countdownSeconds: s.kiosk.countdownSeconds,
        expiringPointsDays: s.kiosk.expiringPointsDays,
        cardsAtSignUp: s.kiosk.cardsAtSignUp,
      },
      printer: { ...s.printer },
    };
  }

  /** Throws InvalidSettingsError when the patch would not save; writes nothing. */
  check(patch: SettingsPatch): void {
    this.#prepare(patch);
  }

  /**
   * Validates the whole result before writing anything; throws InvalidSettingsError.
   * A new project URL, application id or login forgets the stored password unless the
   * patch brings one: the password goes only to the host it was typed for. Under a weak key
   * store a password is refused unless a manager accepted the risk; withdrawing the
   * acceptance forgets a password kept there.
   */
  update(patch: SettingsPatch): SettingsView {
    const { shared, input } = this.#prepare(patch);
    const s = this.#settings;
    const credentialsMoved =
      shared.projectUrl !== s.projectUrl ||
      shared.externalApplicationId !== s.externalApplicationId ||
      shared.login !== s.login;
    for (const [key, value] of Object.entries(shared)) this.#store.set(key, value);
    this.#store.set(inputKey, input);
    if (patch.acceptWeakKeyStorage !== undefined) {
      this.#store.set(securityKey, {
        ...readSecurity((key) => this.#store.get(key)),
        acceptWeakKeyStorage: patch.acceptWeakKeyStorage,
      });
    }
    const withdrawn = patch.acceptWeakKeyStorage === false && this.keyStorage().weak;
    if (shared.mode === 'kiosk') this.#forgetEnterpriseLogin();
    else if (patch.password === '' || (patch.password === undefined && (credentialsMoved || withdrawn)))
      this.#store.delete(passwordCiphertextKey);
    else if (patch.password !== undefined)
      this.#store.set(passwordCiphertextKey, this.#cipher.encrypt(patch.password));
    // A device token belongs to the project and application it was made for.
    if (
      shared.kiosk.customerApiUrl !== s.kiosk.customerApiUrl ||
      shared.kiosk.externalApplicationId !== s.kiosk.externalApplicationId
    )
      this.setKioskDeviceToken(null);
    this.#settings = shared;
    this.#input = input;
    for (const listener of this.#listeners) listener(shared);
    return this.view();
  }

  #prepare(patch: SettingsPatch): { shared: TerminalSettings; input: InputSettings } {
    const s = this.#settings;
    const next: SettingsInput = {
      ...s,
      timeouts: { ...s.timeouts },
      retry: { ...s.retry },
      offlinePolicy: { ...s.offlinePolicy },
      idleSignOut: { ...s.idleSignOut, ...patch.idleSignOut },
      printer: { ...s.printer, ...patch.printer },
      signup: { ...s.signup, ...patch.signup },
    };
    const reasons: RefusalReason[] = [];
    if (patch.projectUrl !== undefined) next.projectUrl = patch.projectUrl;
    if (patch.externalApplicationId !== undefined) next.externalApplicationId = patch.externalApplicationId;
    if (patch.login !== undefined) next.login = patch.login;
    if (patch.storeId !== undefined) next.storeId = patch.storeId;
    if (patch.language !== undefined) next.language = patch.language;
    if (patch.timeZone !== undefined) next.timeZone = patch.timeZone;
    if (patch.offlineVoucherPolicy !== undefined) {
      next.offlinePolicy = { ...s.offlinePolicy, vouchers: patch.offlineVoucherPolicy };
    }
    if (patch.requestTimeoutMs !== undefined)
      next.timeouts = { ...s.timeouts, lookupMs: patch.requestTimeoutMs };
    if (patch.mode !== undefined) next.mode = patch.mode;
    if (patch.kiosk !== undefined) next.kiosk = { ...s.kiosk, ...patch.kiosk };
    if (next.mode === 'kiosk') {
      // Refused rather than dropped: the manager typed it, and a kiosk must never hold it.
      if (patch.login !== undefined && patch.login !== '')
        reasons.push({
          name: 'login',
          reason: 'kiosk_no_login',
          message: 'must be empty on a kiosk: a kiosk keeps no enterprise login',
        });
      if (patch.password !== undefined && patch.password !== '')
        reasons.push({
          name: 'password',
          reason: 'kiosk_no_login',
          message: 'cannot be kept on a kiosk: a kiosk keeps no enterprise password',
        });
      // Switching to kiosk forgets the login (the password goes in update()); a typed one is refused above, once.
      next.login = '';
    }
    if (patch.cashdeskNumber !== undefined) {
      if (/^\d{1,5}$/.test(patch.cashdeskNumber)) next.cashdeskNumber = Number(patch.cashdeskNumber);
      else
        reasons.push({
          name: 'cashdeskNumber',
          reason: 'invalid_value',
          message: 'must be a number from 1 to 99999',
        });
    }
    const shared = settingsSchema.safeParse(next);
    if (!shared.success) reasons.push(...reasonsOf(shared.error));
    const input = this.#patchInput(patch, reasons);
    for (const [key, source] of Object.entries(patch.scanRules ?? {})) {
      if (source !== undefined && source !== '' && isSlowScanPattern(source)) {
        reasons.push({
          name: `scanRules.${key}`,
          reason: 'unsafe_pattern',
          message:
            'this pattern can take too long on some scans; write it without nested or overlapping repetition',
        });
      }
    }
    if (patch.password !== undefined && patch.password !== '' && !this.#cipher.available())
      throw new EncryptionUnavailableError();
    const accepted = patch.acceptWeakKeyStorage ?? this.keyStorage().accepted;
    if (
      patch.password !== undefined &&
      patch.password !== '' &&
      isWeakKeyStorage(this.#cipher.backend()) &&
      !accepted
    ) {
      reasons.push({
        name: 'password',
        reason: 'weak_key_storage',
        message:
          `this computer keeps keys under a built-in key (${this.#cipher.backend()}) that anyone who ` +
          `can read the settings file can use; set up a keyring, or have a manager accept the risk`,
      });
    }
    if (reasons.length > 0 || !shared.success || input === null) throw new InvalidSettingsError(reasons);
    return { shared: shared.data, input };
  }

  #screenRule(key: keyof typeof screenRules): string {
    return (
      this.#input.classification.rules.find((rule) => rule.name === screenRules[key].name)?.pattern ?? ''
    );
  }

  #patchInput(patch: SettingsPatch, reasons: RefusalReason[]): InputSettings | null {
    const current = this.#input;
    const next = withScreenRules(
      {
        ...current,
        devices: { ...current.devices, enabled: patch.devices?.hidEnabled ?? current.devices.enabled },
        wedge: { ...current.wedge, enabled: patch.devices?.wedgeEnabled ?? current.wedge.enabled },
      },
      patch.scanRules ?? {},
    );
    const parsed = inputSettingsSchema.safeParse(next);
    if (parsed.success) return parsed.data;
    const names = Object.fromEntries(
      Object.entries(screenRules).map(([key, rule]) => [rule.name, `scanRules.${key}`]),
    );
    for (const issue of parsed.error.issues) {
      const [area, , index] = issue.path;
      const rule =
        area === 'classification' && typeof index === 'number' ? next.classification.rules[index] : undefined;
      reasons.push({
        name: (rule && names[rule.name]) ?? `input.${issue.path.join('.')}`,
        reason: 'invalid_value',
        message: issue.message,
      });
    }
    return null;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #readShared(onProblem: (problem: string) => void): TerminalSettings {
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(settingsSchema.shape))
      if (this.#store.has(key)) raw[key] = this.#store.get(key);
    // A bad value falls back to its default so one hand-edited field cannot stop the terminal.
    const keys = Object.keys(raw).length;
    for (let attempt = 0; attempt <= keys; attempt += 1) {
      const parsed = settingsSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const key = issue?.path[0];
      if (typeof key !== 'string' || !(key in raw)) break;
      onProblem(
        `Setting "${issue?.path.join('.')}" in the settings file is invalid (${issue?.message}); using the default.`,
      );
      delete raw[key];
    }
    return defaultSettings;
  }

  #readOwn<T>(key: string, schema: z.ZodType<T>, onProblem?: (problem: string) => void): T {
    const parsed = schema.safeParse(this.#store.get(key) ?? {});
    if (parsed.success) return parsed.data;
    onProblem?.(`Setting "${key}" in the settings file is invalid; using the defaults.`);
    return schema.parse({});
  }
}
