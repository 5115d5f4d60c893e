// The manager's settings form: a draft of the saved settings, checked here for
// what can be checked without the main process, saved as a patch of changes.
import type {
  DiagnosticsReport,
  Language,
  OfflineVoucherPolicy,
  PosApi,
  PosError,
  SettingsPatch,
  SettingsView,
  StoreOption,
} from '../../../shared/ipc/index.ts';
import type { PrinterSettings } from '../../../shared/settings.ts';
import { projectUrlProblem } from '../../../shared/web-address.ts';
import { pinRefusalOf } from './errors.ts';
import { Part } from './part.svelte.ts';

export interface SettingsDraft {
  projectUrl: string;
  externalApplicationId: string;
  login: string;
  /** Write-only: empty keeps the saved password. */
  password: string;
  storeId: string;
  cashdeskNumber: string;
  language: Language;
  timeZone: string;
  offlineVoucherPolicy: OfflineVoucherPolicy;
  requestTimeoutSeconds: number;
  loyaltyCardRule: string;
  voucherRule: string;
  giftCardRule: string;
  hidEnabled: boolean;
  wedgeEnabled: boolean;
  idleManagerMinutes: number;
  idleCashierMinutes: number;
  signupMode: SettingsView['signup']['mode'];
  signupCustomerSourceId: string;
  signupVerifyPhone: boolean;
  /** The manager accepts keeping the password under a weak key store. */
  acceptWeakKeyStorage: boolean;
  /** The receipt printer, field by field as saved (a test print uses the draft). */
  printer: PrinterSettings;
  /** A till, or a self-service kiosk on the Customer API (no enterprise login kept). */
  mode: 'till' | 'kiosk';
  kioskCustomerApiUrl: string;
  kioskApplicationId: string;
  kioskDeviceName: string;
  kioskIdleSeconds: number;
  kioskCountdownSeconds: number;
  kioskExpiringPointsDays: number;
  kioskCardsAtSignUp: boolean;
}

/** The kiosk's limits as shared/settings.ts has them, for the form's own check. */
const kioskRanges = {
  kioskIdleSeconds: [10, 600],
  kioskCountdownSeconds: [5, 120],
  kioskExpiringPointsDays: [1, 365],
} as const;

export type DraftField = keyof SettingsDraft;
export type FieldProblem =
  | 'printer'
  | 'url'
  | 'kioskUrl'
  | 'kioskSeconds'
  | 'kioskCountdown'
  | 'kioskDays'
  | 'cashdesk'
  | 'timeout'
  | 'pattern'
  | 'slowPattern'
  | 'timeZone'
  | 'idle'
  | 'weakKeyStorage'
  | { text: string };
export type SaveOutcome =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  | { status: 'invalid' }
  | { status: 'failed'; error: PosError };

type SettingsPort = Pick<PosApi, 'settings' | 'diagnostics' | 'demo'>;

/** Which draft field a settings key from the main process belongs to. */
const fieldOfPath: Readonly<Record<string, DraftField>> = {
  projectUrl: 'projectUrl',
  externalApplicationId: 'externalApplicationId',
  login: 'login',
  password: 'password',
  storeId: 'storeId',
  cashdeskNumber: 'cashdeskNumber',
  language: 'language',
  timeZone: 'timeZone',
  offlineVoucherPolicy: 'offlineVoucherPolicy',
  requestTimeoutMs: 'requestTimeoutSeconds',
  'scanRules.loyaltyCard': 'loyaltyCardRule',
  'scanRules.voucher': 'voucherRule',
  'scanRules.giftCard': 'giftCardRule',
  'idleSignOut.managerMinutes': 'idleManagerMinutes',
  'idleSignOut.cashierMinutes': 'idleCashierMinutes',
  acceptWeakKeyStorage: 'acceptWeakKeyStorage',
  'printer.connection': 'printer',
  'printer.host': 'printer',
  'printer.port': 'printer',
  'printer.queue': 'printer',
  'printer.charsPerLine': 'printer',
  'signup.mode': 'signupMode',
  'signup.customerSourceId': 'signupCustomerSourceId',
  'signup.verifyPhone': 'signupVerifyPhone',
  mode: 'mode',
  'kiosk.customerApiUrl': 'kioskCustomerApiUrl',
  'kiosk.externalApplicationId': 'kioskApplicationId',
  'kiosk.deviceName': 'kioskDeviceName',
  'kiosk.idleSeconds': 'kioskIdleSeconds',
  'kiosk.countdownSeconds': 'kioskCountdownSeconds',
  'kiosk.expiringPointsDays': 'kioskExpiringPointsDays',
  'kiosk.cardsAtSignUp': 'kioskCardsAtSignUp',
};

export function draftOf(view: SettingsView): SettingsDraft {
  return {
    projectUrl: view.projectUrl,
    externalApplicationId: view.externalApplicationId,
    login: view.login,
    password: '',
    storeId: view.storeId,
    cashdeskNumber: view.cashdeskNumber,
    language: view.language,
    timeZone: view.timeZone,
    offlineVoucherPolicy: view.offlineVoucherPolicy,
    requestTimeoutSeconds: view.requestTimeoutMs / 1000,
    loyaltyCardRule: view.scanRules.loyaltyCard,
    voucherRule: view.scanRules.voucher,
    giftCardRule: view.scanRules.giftCard,
    hidEnabled: view.devices.hidEnabled,
    wedgeEnabled: view.devices.wedgeEnabled,
    idleManagerMinutes: view.idleSignOut.managerMinutes,
    idleCashierMinutes: view.idleSignOut.cashierMinutes,
    acceptWeakKeyStorage: view.keyStorage.acceptedWeak,
    printer: { ...view.printer },
    signupMode: view.signup.mode,
    signupCustomerSourceId: view.signup.customerSourceId,
    signupVerifyPhone: view.signup.verifyPhone,
    mode: view.mode ?? 'till',
    kioskCustomerApiUrl: view.kiosk?.customerApiUrl ?? '',
    kioskApplicationId: view.kiosk?.externalApplicationId ?? '',
    kioskDeviceName: view.kiosk?.deviceName ?? '',
    kioskIdleSeconds: view.kiosk?.idleSeconds ?? 45,
    kioskCountdownSeconds: view.kiosk?.countdownSeconds ?? 15,
    kioskExpiringPointsDays: view.kiosk?.expiringPointsDays ?? 30,
    kioskCardsAtSignUp: view.kiosk?.cardsAtSignUp ?? true,
  };
}

/** The draft makes a till a kiosk: saving deletes the enterprise login and password and restarts the app as a kiosk. */
export function becomesKiosk(saved: SettingsView, draft: SettingsDraft): boolean {
  return draft.mode === 'kiosk' && (saved.mode ?? 'till') !== 'kiosk';
}

/** What the form can see wrong with the printer by itself (main checks the whole again). */
export function printerProblem(printer: PrinterSettings): boolean {
  if (
    printer.connection === 'network' &&
    !/^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/.test(printer.host.trim())
  )
    return true;
  if (
    printer.connection === 'spooler' &&
    (printer.queue.trim() === '' || printer.queue.trim().startsWith('-'))
  )
    return true;
  if (!Number.isInteger(printer.port) || printer.port < 1 || printer.port > 65_535) return true;
  return !Number.isInteger(printer.charsPerLine) || printer.charsPerLine < 24 || printer.charsPerLine > 64;
}

/** Problems the form can see by itself; the main process validates again. */
export function draftProblems(draft: SettingsDraft): Partial<Record<DraftField, FieldProblem>> {
  const problems: Partial<Record<DraftField, FieldProblem>> = {};
  const url = draft.projectUrl.trim();
  if (url !== '' && !/^https:\/\/[^/\s]+|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url))
    problems.projectUrl = 'url';
  if (!/^\d{0,32}$/.test(draft.cashdeskNumber.trim())) problems.cashdeskNumber = 'cashdesk';
  const seconds = draft.requestTimeoutSeconds;
  if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 60) problems.requestTimeoutSeconds = 'timeout';
  for (const field of ['loyaltyCardRule', 'voucherRule', 'giftCardRule'] as const) {
    if (!compiles(draft[field])) problems[field] = 'pattern';
  }
  if (!knownTimeZone(draft.timeZone.trim())) problems.timeZone = 'timeZone';
  for (const field of ['idleManagerMinutes', 'idleCashierMinutes'] as const) {
    const minutes = draft[field];
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480) problems[field] = 'idle';
  }
  if (printerProblem(draft.printer)) problems.printer = 'printer';
  if (draft.mode === 'kiosk') {
    // The shared schema's own check, so the form and main agree on what an address is.
    const url = draft.kioskCustomerApiUrl.trim();
    if (url !== '' && projectUrlProblem(url) !== null) problems.kioskCustomerApiUrl = 'kioskUrl';
    const problemOf = {
      kioskIdleSeconds: 'kioskSeconds',
      kioskCountdownSeconds: 'kioskCountdown',
      kioskExpiringPointsDays: 'kioskDays',
    } as const;
    for (const [field, [min, max]] of Object.entries(kioskRanges) as [
      keyof typeof kioskRanges,
      readonly [number, number],
    ][]) {
      const value = draft[field];
      if (!Number.isInteger(value) || value < min || value > max) problems[field] = problemOf[field];
    }
  }
  return problems;
}

/** Only what changed; the password only when a new one was typed. */
export function patchOf(saved: SettingsView, draft: SettingsDraft): SettingsPatch {
  const before = draftOf(saved);
  const patch: SettingsPatch = {};
  const text = [
    'projectUrl',
    'externalApplicationId',
    'login',
    'storeId',
    'cashdeskNumber',
    'timeZone',
  ] as const;
  for (const field of text) if (draft[field].trim() !== before[field]) patch[field] = draft[field].trim();
  if (draft.password !== '') patch.password = draft.password;
  if (draft.mode !== before.mode) patch.mode = draft.mode;
  if (draft.mode === 'kiosk') {
    // A kiosk keeps no enterprise login: what the hidden fields held is not sent (main deletes the saved ones).
    delete patch.login;
    delete patch.password;
    const kiosk = {
      customerApiUrl: draft.kioskCustomerApiUrl.trim(),
      externalApplicationId: draft.kioskApplicationId.trim(),
      deviceName: draft.kioskDeviceName.trim(),
      idleSeconds: draft.kioskIdleSeconds,
      countdownSeconds: draft.kioskCountdownSeconds,
      expiringPointsDays: draft.kioskExpiringPointsDays,
      cardsAtSignUp: draft.kioskCardsAtSignUp,
    };
    const saved = {
      customerApiUrl: before.kioskCustomerApiUrl,
      externalApplicationId: before.kioskApplicationId,
      deviceName: before.kioskDeviceName,
      idleSeconds: before.kioskIdleSeconds,
      countdownSeconds: before.kioskCountdownSeconds,
      expiringPointsDays: before.kioskExpiringPointsDays,
      cardsAtSignUp: before.kioskCardsAtSignUp,
    };
    const changedKiosk = Object.fromEntries(
      Object.entries(kiosk).filter(([key, value]) => value !== saved[key as keyof typeof saved]),
    );
    if (Object.keys(changedKiosk).length > 0) patch.kiosk = changedKiosk;
  }
  if (draft.language !== before.language) patch.language = draft.language;
  if (draft.offlineVoucherPolicy !== before.offlineVoucherPolicy)
    patch.offlineVoucherPolicy = draft.offlineVoucherPolicy;
  if (draft.requestTimeoutSeconds !== before.requestTimeoutSeconds)
    patch.requestTimeoutMs = Math.round(draft.requestTimeoutSeconds * 1000);
  const rules = {
    loyaltyCard: draft.loyaltyCardRule,
    voucher: draft.voucherRule,
    giftCard: draft.giftCardRule,
  };
  const changedRules = Object.fromEntries(
    Object.entries(rules).filter(([key, value]) => value !== saved.scanRules[key as keyof typeof rules]),
  );
  if (Object.keys(changedRules).length > 0) patch.scanRules = changedRules;
  const devices = { hidEnabled: draft.hidEnabled, wedgeEnabled: draft.wedgeEnabled };
  const changedDevices = Object.fromEntries(
    Object.entries(devices).filter(([key, value]) => value !== saved.devices[key as keyof typeof devices]),
  );
  if (Object.keys(changedDevices).length > 0) patch.devices = changedDevices;
  const idle = { managerMinutes: draft.idleManagerMinutes, cashierMinutes: draft.idleCashierMinutes };
  const changedIdle = Object.fromEntries(
    Object.entries(idle).filter(([key, value]) => value !== saved.idleSignOut[key as keyof typeof idle]),
  );
  if (Object.keys(changedIdle).length > 0) patch.idleSignOut = changedIdle;
  if (draft.acceptWeakKeyStorage !== before.acceptWeakKeyStorage)
    patch.acceptWeakKeyStorage = draft.acceptWeakKeyStorage;
  const printer = { ...draft.printer, host: draft.printer.host.trim(), queue: draft.printer.queue.trim() };
  const changedPrinter = Object.fromEntries(
    Object.entries(printer).filter(([key, value]) => value !== saved.printer[key as keyof PrinterSettings]),
  );
  if (Object.keys(changedPrinter).length > 0) patch.printer = changedPrinter;
  const signup = {
    mode: draft.signupMode,
    customerSourceId: draft.signupCustomerSourceId.trim(),
    verifyPhone: draft.signupVerifyPhone,
  };
  const changedSignup = Object.fromEntries(
    Object.entries(signup).filter(([key, value]) => value !== saved.signup[key as keyof typeof signup]),
  );
  if (Object.keys(changedSignup).length > 0) patch.signup = changedSignup;
  return patch;
}

export class SettingsForm {
  readonly #pos: SettingsPort;
  readonly saved = new Part<SettingsView>();
  readonly stores = new Part<StoreOption[]>();
  readonly diagnostics = new Part<DiagnosticsReport>();
  draft = $state<SettingsDraft | null>(null);
  #problems = $state<Partial<Record<DraftField, FieldProblem>>>({});
  #outcome = $state<SaveOutcome>({ status: 'idle' });
  #outage = $state<boolean | null>(null);

  constructor(pos: SettingsPort) {
    this.#pos = pos;
  }

  get problems(): Partial<Record<DraftField, FieldProblem>> {
    return this.#problems;
  }
  get outcome(): SaveOutcome {
    return this.#outcome;
  }
  get outage(): boolean | null {
    return this.#outage;
  }
  get dirty(): boolean {
    const saved = this.saved.value;
    return saved !== null && this.draft !== null && Object.keys(patchOf(saved, this.draft)).length > 0;
  }

  async load(): Promise<void> {
    this.#problems = {};
    this.#outcome = { status: 'idle' };
    this.diagnostics.reset();
    await Promise.all([
      this.saved.load(() => this.#pos.settings.get()),
      this.stores.load(() => this.#pos.settings.stores()),
    ]);
    const saved = this.saved.value;
    this.draft = saved ? draftOf(saved) : null;
  }

  /** Checks the draft before a manager is asked for the PIN; false shows the problems. */
  ready(): boolean {
    if (!this.saved.value || !this.draft) return false;
    this.#problems = draftProblems(this.draft);
    if (Object.keys(this.#problems).length > 0) {
      this.#outcome = { status: 'invalid' };
      return false;
    }
    return true;
  }

  /** Saves with a manager's PIN typed for it: the saved settings, the PIN's refusal, or null (see `outcome`). */
  async save(pin: string): Promise<{ saved: SettingsView } | { refused: PosError } | null> {
    const saved = this.saved.value;
    if (!saved || !this.draft || !this.ready()) return null;
    const patch = patchOf(saved, this.draft);
    this.#outcome = { status: 'saving' };
    const result = await this.#pos.settings.update({ patch, pin });
    const refused = pinRefusalOf(result);
    if (refused) {
      this.#outcome = { status: 'idle' };
      return { refused };
    }
    if (!result.ok) {
      this.#problems = problemsFromReasons(result.error);
      this.#outcome =
        Object.keys(this.#problems).length > 0
          ? { status: 'invalid' }
          : { status: 'failed', error: result.error };
      return null;
    }
    await this.saved.load(() => Promise.resolve(result));
    this.draft = draftOf(result.value);
    this.#outcome = { status: 'saved' };
    return { saved: result.value };
  }

  testConnection(): Promise<void> {
    return this.diagnostics.load(() => this.#pos.diagnostics.run());
  }

  async setOutage(on: boolean): Promise<PosError | null> {
    const result = await this.#pos.demo.setOutage({ on });
    if (!result.ok) return result.error;
    this.#outage = result.value.outage;
    return null;
  }
}

function problemsFromReasons(error: PosError): Partial<Record<DraftField, FieldProblem>> {
  const problems: Partial<Record<DraftField, FieldProblem>> = {};
  for (const reason of error.reasons ?? []) {
    const field = fieldOfPath[reason.name] ?? fieldOfPath[reason.name.split('.')[0] ?? ''];
    if (!field) continue;
    if (reason.reason === 'invalid_url')
      problems[field] = field === 'kioskCustomerApiUrl' ? 'kioskUrl' : 'url';
    else
      problems[field] =
        reason.reason === 'unsafe_pattern'
          ? 'slowPattern'
          : reason.reason === 'weak_key_storage'
            ? 'weakKeyStorage'
            : { text: reason.message };
  }
  return problems;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}
