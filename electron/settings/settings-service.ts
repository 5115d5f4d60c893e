// The terminal's settings for the app: the shared schema (shared/settings.ts) in
// settings.json, the password only as ciphertext, numbered migrations on open.
// Screens see a SettingsView, which says whether a password is set and nothing more.
import { z } from 'zod';
import type { SettingsPatch, SettingsView } from '../../shared/ipc/contract.ts';
import type { ErrorReason } from '../../shared/ipc/result.ts';
import { defaultSettings, settingsSchema, type SettingsInput, type TerminalSettings } from '../../shared/settings.ts';
import type { KeyValueBackend } from './backend.ts';
import { EncryptionUnavailableError, type SecretCipher } from './cipher.ts';
import { devicesKey, passwordCiphertextKey, scanRulesKey } from './keys.ts';
import { migrateSettings } from './migrate.ts';
import { settingsMigrations, type SettingsMigration } from './migrations/index.ts';

const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};
const scanPattern = z.string().max(200).refine(compiles, { message: 'is not a valid regular expression' });
const scanRulesSchema = z.object({
  loyaltyCard: scanPattern.default(''),
  voucher: scanPattern.default(''),
  giftCard: scanPattern.default(''),
});
const devicesSchema = z.object({ hidEnabled: z.boolean().default(true), wedgeEnabled: z.boolean().default(true) });

export type ScanRules = z.infer<typeof scanRulesSchema>;
export type DeviceSettings = z.infer<typeof devicesSchema>;

export class InvalidSettingsError extends Error {
  readonly reasons: ErrorReason[];
  constructor(reasons: ErrorReason[]) {
    super(`Settings not saved: ${reasons.map((r) => `${r.name} ${r.message}`).join('; ')}`);
    this.name = 'InvalidSettingsError';
    this.reasons = reasons;
  }
}

/** Schema paths as the screens name them. */
const viewNames: Record<string, string> = {
  cashdeskNumber: 'cashDeskNumber',
  'offlinePolicy.vouchers': 'offlineVoucherPolicy',
  'timeouts.lookupMs': 'requestTimeoutMs',
};

function reasonsOf(error: z.ZodError, prefix = ''): ErrorReason[] {
  return error.issues.map((issue) => {
    const path = prefix + issue.path.join('.');
    return { name: viewNames[path] ?? path, reason: 'invalid_value', message: issue.message };
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
  #scanRules: ScanRules;
  #devices: DeviceSettings;

  constructor(options: SettingsServiceOptions) {
    this.#store = options.store;
    this.#cipher = options.cipher;
    migrateSettings(this.#store, this.#cipher, options.migrations ?? settingsMigrations);
    this.#settings = this.#readShared(options.onProblem ?? (() => {}));
    this.#scanRules = this.#readOwn(scanRulesKey, scanRulesSchema, options.onProblem);
    this.#devices = this.#readOwn(devicesKey, devicesSchema, options.onProblem);
  }

  get current(): TerminalSettings {
    return this.#settings;
  }

  get scanRules(): ScanRules {
    return this.#scanRules;
  }

  get devices(): DeviceSettings {
    return this.#devices;
  }

  /** Demo mode: no CareCloud project is configured. */
  get demo(): boolean {
    return this.#settings.projectUrl === '';
  }

  /** The decrypted CareCloud password, for the composition root only; never for screens. */
  password(): string | null {
    const ciphertext = this.#store.get(passwordCiphertextKey);
    if (typeof ciphertext !== 'string' || ciphertext === '') return null;
    return this.#cipher.decrypt(ciphertext);
  }

  view(): SettingsView {
    const s = this.#settings;
    return {
      projectUrl: s.projectUrl,
      externalApplicationId: s.externalApplicationId,
      login: s.login,
      passwordSet: typeof this.#store.get(passwordCiphertextKey) === 'string',
      storeId: s.storeId,
      cashDeskNumber: String(s.cashdeskNumber),
      language: s.language,
      timeZone: s.timeZone,
      offlineVoucherPolicy: s.offlinePolicy.vouchers === 'accept-presynced' ? 'accept_synced' : 'refuse',
      requestTimeoutMs: s.timeouts.lookupMs,
      scanRules: { ...this.#scanRules },
      devices: { ...this.#devices },
    };
  }

  /** Validates the whole result before writing anything; throws InvalidSettingsError. */
  update(patch: SettingsPatch): SettingsView {
    const s = this.#settings;
    const input: SettingsInput = {
      ...s,
      timeouts: { ...s.timeouts },
      retry: { ...s.retry },
      offlinePolicy: { ...s.offlinePolicy },
    };
    const reasons: ErrorReason[] = [];
    if (patch.projectUrl !== undefined) input.projectUrl = patch.projectUrl;
    if (patch.externalApplicationId !== undefined) input.externalApplicationId = patch.externalApplicationId;
    if (patch.login !== undefined) input.login = patch.login;
    if (patch.storeId !== undefined) input.storeId = patch.storeId;
    if (patch.language !== undefined) input.language = patch.language;
    if (patch.timeZone !== undefined) input.timeZone = patch.timeZone;
    if (patch.offlineVoucherPolicy !== undefined) {
      input.offlinePolicy = { ...s.offlinePolicy, vouchers: patch.offlineVoucherPolicy === 'accept_synced' ? 'accept-presynced' : 'refuse' };
    }
    if (patch.requestTimeoutMs !== undefined) input.timeouts = { ...s.timeouts, lookupMs: patch.requestTimeoutMs };
    if (patch.cashDeskNumber !== undefined) {
      if (/^\d{1,5}$/.test(patch.cashDeskNumber)) input.cashdeskNumber = Number(patch.cashDeskNumber);
      else reasons.push({ name: 'cashDeskNumber', reason: 'invalid_value', message: 'must be a number from 1 to 99999' });
    }
    const shared = settingsSchema.safeParse(input);
    if (!shared.success) reasons.push(...reasonsOf(shared.error));
    const scanRules = scanRulesSchema.safeParse({ ...this.#scanRules, ...patch.scanRules });
    if (!scanRules.success) reasons.push(...reasonsOf(scanRules.error, 'scanRules.'));
    const devices = devicesSchema.safeParse({ ...this.#devices, ...patch.devices });
    if (!devices.success) reasons.push(...reasonsOf(devices.error, 'devices.'));
    if (patch.password !== undefined && patch.password !== '' && !this.#cipher.available()) throw new EncryptionUnavailableError();
    if (reasons.length > 0 || !shared.success || !scanRules.success || !devices.success) throw new InvalidSettingsError(reasons);

    for (const [key, value] of Object.entries(shared.data)) this.#store.set(key, value);
    this.#store.set(scanRulesKey, scanRules.data);
    this.#store.set(devicesKey, devices.data);
    if (patch.password === '') this.#store.delete(passwordCiphertextKey);
    else if (patch.password !== undefined) this.#store.set(passwordCiphertextKey, this.#cipher.encrypt(patch.password));
    this.#settings = shared.data;
    this.#scanRules = scanRules.data;
    this.#devices = devices.data;
    for (const listener of this.#listeners) listener(shared.data);
    return this.view();
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #readShared(onProblem: (problem: string) => void): TerminalSettings {
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(settingsSchema.shape)) if (this.#store.has(key)) raw[key] = this.#store.get(key);
    // A bad value falls back to its default so one hand-edited field cannot stop the terminal.
    const keys = Object.keys(raw).length;
    for (let attempt = 0; attempt <= keys; attempt += 1) {
      const parsed = settingsSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const key = issue?.path[0];
      if (typeof key !== 'string' || !(key in raw)) break;
      onProblem(`Setting "${issue?.path.join('.')}" in the settings file is invalid (${issue?.message}); using the default.`);
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
