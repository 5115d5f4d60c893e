// The terminal's settings: one schema for the app and `ccpos` (both through conf),
// which read the same `settings.json` in the data directory. The password is not here:
// the app keeps it encrypted, `ccpos` takes it from the environment or a flag.
import { z } from 'zod';
import { isValidTimeZone } from './datetime.ts';
import { projectUrlProblem } from './web-address.ts';

export { projectUrlProblem };

const projectUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = projectUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { reason: 'invalid_url' } });
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const timeoutsSchema = z.object({
  /** Card, customer and wallet lookups: a cashier is waiting. */
  lookupMs: z.int().min(200).max(60_000).default(3_000),
  /** Closing or cancelling a purchase. */
  closureMs: z.int().min(1_000).max(120_000).default(15_000),
  /** Logging in. */
  loginMs: z.int().min(500).max(60_000).default(5_000),
});

export const retrySchema = z.object({
  maxAttempts: z.int().min(1).max(10).default(3),
  baseDelayMs: z.int().min(0).max(10_000).default(250),
  maxDelayMs: z.int().min(0).max(60_000).default(4_000),
  /** Total time budget for a call including all its retries and waits. */
  maxElapsedMs: z.int().min(0).max(300_000).default(10_000),
});

/** `refuse`: vouchers need CareCloud; `accept-synced`: accept codes from the synced store list and flag them. */
export const OFFLINE_VOUCHER_POLICIES = ['refuse', 'accept-synced'] as const;
export type OfflineVoucherPolicy = (typeof OFFLINE_VOUCHER_POLICIES)[number];
/** Settings files written before the spelling was settled say `accept-presynced`: read as `accept-synced`. */
export function respelledOfflineVoucherPolicy(value: unknown): unknown {
  return value === 'accept-presynced' ? 'accept-synced' : value;
}

export const offlinePolicySchema = z.object({
  vouchers: z.preprocess(respelledOfflineVoucherPolicy, z.enum(OFFLINE_VOUCHER_POLICIES)).default('refuse'),
  /** Paying with points always needs CareCloud unless this is set. */
  points: z.enum(['refuse']).default('refuse'),
});

/** Sign-up at the lane. */
export const signupSchema = z.object({
  /**
   * `off`, `offered` (a button on the lookup and the sale), `required` (a free card shown at a sale is signed up before
   * it joins).
   */
  mode: z.enum(['off', 'offered', 'required']).default('offered'),
  /** The customer source new customers are recorded with; empty: the source whose text id is `pos`, else the first. */
  customerSourceId: z.string().trim().max(64).default(''),
  /** A phone number is confirmed by a one-time code (text message) before the customer is created. */
  verifyPhone: z.boolean().default(false),
});

/** The offline journal and its replay. */
export const syncSchema = z.object({
  /** The project's CareCloud rate limit in requests per second; replay keeps to 95% of it. */
  rateLimitPerSecond: z.number().min(0.1).max(10_000).default(10),
  /** Consecutive failures to reach CareCloud before closures are queued without trying. */
  breakerThreshold: z.int().min(1).max(20).default(3),
  /** A sale still unsent after this many hours raises an alert. */
  pendingAlertHours: z
    .number()
    .min(0.1)
    .max(24 * 90)
    .default(24),
  /** Synced entries are purged after this many days (rejected and voided ones only once exported). */
  syncedRetentionDays: z.int().min(1).max(3650).default(30),
});

/** Minutes without a request before the signed-in operator is signed out. */
export const idleSignOutSchema = z.object({
  managerMinutes: z.int().min(1).max(480).default(5),
  cashierMinutes: z.int().min(1).max(480).default(15),
});

/** An address the terminal fetches from or sends to: HTTPS, or plain HTTP on this machine; empty means off. */
const serviceUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = projectUrlProblem(value, 'https://updates.example.com/ccpos');
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { reason: 'invalid_url' } });
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** Updates from the shop's (or its integrator's) own server. */
export const updatesSchema = z.object({
  /**
   * The folder holding latest-linux.yml, latest.yml, pilot-linux.yml …;
   * empty: this terminal never updates itself.
   */
  url: serviceUrl.default(''),
  /** `pilot` terminals take releases before the rest of the shop (`stable`). */
  channel: z.enum(['stable', 'pilot']).default('stable'),
  /** How often to ask the server. */
  checkHours: z.number().min(0.25).max(168).default(4),
});

export const crashReportsSchema = z.object({
  /** Where crash dumps are uploaded (a Crashpad/minidump endpoint); empty keeps them on this terminal only. */
  uploadUrl: serviceUrl.default(''),
});

/** The self-service kiosk: CareCloud's Customer API for the customer in front of it, never the shop's login. */
export const kioskSettingsSchema = z.object({
  /**
   * The project's address (e.g. `https://shop.crmcarecloud.com`); the Customer API's path is the client's.
   * Empty: the demo sandbox.
   */
  customerApiUrl: projectUrl.default(''),
  /** The kiosk application's external id in CareCloud (Customer API applications have their own). */
  externalApplicationId: z.string().trim().max(200).default(''),
  /** Seconds without a touch before the countdown shows, and the countdown's length. */
  idleSeconds: z.int().min(10).max(600).default(45),
  countdownSeconds: z.int().min(5).max(120).default(15),
  /** Points expiring within this many days are shown as expiring soon. */
  expiringPointsDays: z.int().min(1).max(365).default(30),
  /** The name CareCloud lists this kiosk's device under; empty: the computer's name. */
  deviceName: z
    .string()
    .trim()
    .max(100)
    .regex(/^[^\u0000-\u001f]*$/, 'has control characters')
    .default(''),
  /**
   * The kiosk's CareCloud application may give free cards at sign-up (validate- and
   * assign-free-card are among its permissions). CareCloud has no call that lists an
   * application's permissions, so the manager says it here; a refusal seen at run time
   * turns it off until the next start.
   */
  cardsAtSignUp: z.boolean().default(true),
});
// --- receipt printer ---
/** ESC/POS command dialects the receipt library knows; `escpos` suits most Epson-compatible printers. */
export const PRINTER_COMMAND_SETS = ['escpos', 'epson', 'sii', 'citizen', 'fit', 'generic'] as const;
/** Code pages with Czech letters: cp852 (Latin-2, ESC t 18) or the library's per-character `multilingual`. */
export const PRINTER_CODE_PAGES = ['cp852', 'multilingual'] as const;

const printerHost = z
  .string()
  .trim()
  .max(253)
  .regex(
    /^$|^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/,
    'is not a host name or IP address',
  );

const printerFields = {
  connection: z.enum(['none', 'network', 'spooler']),
  host: printerHost,
  port: z.int().min(1).max(65_535),
  /** The operating system's printer name (CUPS queue on Linux, the shared printer's name on Windows). */
  queue: z
    .string()
    .trim()
    .max(128)
    .regex(/^(?!-)[^\u0000-\u001f]*$/, 'starts with - or has control characters'),
  commandSet: z.enum(PRINTER_COMMAND_SETS),
  codePage: z.enum(PRINTER_CODE_PAGES),
  /** Characters per line of the paper: 42 for 58 mm Font A, 48 for 80 mm. */
  charsPerLine: z.int().min(24).max(64),
  cut: z.boolean(),
  /** Open the cash drawer (on the printer's drawer port) when a sale takes cash. */
  drawer: z.boolean(),
  /** How long one print may take before the printer is reported as not answering. */
  timeoutMs: z.int().min(500).max(60_000),
};

/**
 * The receipt printer: none, a network ESC/POS printer (raw TCP, usually port 9100), or an OS print queue taking raw
 * data.
 */
export const printerSchema = z.object({
  connection: printerFields.connection.default('none'),
  host: printerFields.host.default(''),
  port: printerFields.port.default(9100),
  queue: printerFields.queue.default(''),
  commandSet: printerFields.commandSet.default('escpos'),
  codePage: printerFields.codePage.default('cp852'),
  charsPerLine: printerFields.charsPerLine.default(48),
  cut: printerFields.cut.default(true),
  drawer: printerFields.drawer.default(true),
  timeoutMs: printerFields.timeoutMs.default(5_000),
});
/** Only the printer fields that change; no defaults, so what is not named stays as saved. */
export const printerPatchSchema = z.object(printerFields).strict().partial();
export type PrinterSettings = z.infer<typeof printerSchema>;
// --- end receipt printer ---
export const shiftSchema = z.object({
  /** Cash sales wait for an open shift (the drawer's float counted in); card-only sales do not. */
  cashNeedsOpenShift: z.boolean().default(true),
  /**
   * A closing count further than this from the expected cash (either way, minor units of the till's currency) needs a
   * manager's PIN.
   */
  countDifferenceLimitMinor: z.int().min(0).max(100_000_000).default(5_000),
});

export const settingsSchema = z
  .object({
    /** `kiosk`: self-service on the Customer API; no enterprise login or password may be kept then. */
    mode: z.enum(['till', 'kiosk']).default('till'),
    kiosk: kioskSettingsSchema.prefault({}),
    /** e.g. `https://shop.crmcarecloud.com`; empty means demo mode against the embedded sandbox. */
    projectUrl: projectUrl.default(''),
    externalApplicationId: z.string().trim().default(''),
    login: z.string().trim().default(''),
    storeId: z.string().trim().default(''),
    cashdeskNumber: z.int().min(1).max(99_999).default(1),
    language: z.enum(['cs', 'en']).default('cs'),
    timeZone: z
      .string()
      .trim()
      .refine(isValidTimeZone, { message: 'is not a known IANA time zone' })
      .default('Europe/Prague'),
    timeouts: timeoutsSchema.prefault({}),
    retry: retrySchema.prefault({}),
    offlinePolicy: offlinePolicySchema.prefault({}),
    signup: signupSchema.prefault({}),
    sync: syncSchema.prefault({}),
    /** Cash rounding per currency in minor units, beyond the legal defaults (CZK whole crowns), e.g. `{ "EUR": 5 }`. */
    cashRoundingMinor: z.record(z.string().regex(/^[A-Z]{3}$/), z.int().min(1).max(100_000)).default({}),
    idleSignOut: idleSignOutSchema.prefault({}),
    updates: updatesSchema.prefault({}),
    crashReports: crashReportsSchema.prefault({}),
    printer: printerSchema.prefault({}),
    shift: shiftSchema.prefault({}),
  })
  .superRefine((settings, ctx) => {
    // CareCloud: enterprise credentials never in a kiosk's configuration.
    if (settings.mode === 'kiosk' && settings.login !== '')
      ctx.addIssue({
        code: 'custom',
        path: ['login'],
        message: 'must be empty on a kiosk: a kiosk keeps no enterprise login',
      });
  });

export type TerminalSettings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type Timeouts = TerminalSettings['timeouts'];
export type RetrySettings = TerminalSettings['retry'];
export type SyncSettings = TerminalSettings['sync'];
export type OfflinePolicy = TerminalSettings['offlinePolicy'];
export type UpdateSettings = TerminalSettings['updates'];
export type KioskSettings = TerminalSettings['kiosk'];
/**
 * `till`: a cashier's checkout on the Enterprise API; `kiosk`: self-service on the Customer API, no enterprise login.
 */
export type TerminalMode = TerminalSettings['mode'];
export type ShiftSettings = TerminalSettings['shift'];

export type SettingsResult = { ok: true; value: TerminalSettings } | { ok: false; error: string };

/** Validates settings from any source; the error is one sentence naming the first bad field. */
export function parseSettings(input: unknown): SettingsResult {
  const result = settingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'settings';
  return { ok: false, error: `Setting "${field}" is invalid: ${issue?.message ?? 'unknown problem'}.` };
}

export const defaultSettings: TerminalSettings = settingsSchema.parse({});
