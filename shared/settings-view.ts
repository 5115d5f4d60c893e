// The settings screen's side of the settings: what it is shown (never the password), the
// patch it may send, checked in main before the settings service sees it, and the stores offered.
import { z } from 'zod';
import type { Language } from './i18n/language.ts';
import {
  OFFLINE_VOUCHER_POLICIES,
  printerPatchSchema,
  type OfflineVoucherPolicy,
  type PrinterSettings,
  type TerminalMode,
} from './settings.ts';

/** Settings as the screens see them: the password never leaves main, only whether one is set. */
export interface SettingsView {
  projectUrl: string;
  externalApplicationId: string;
  login: string;
  passwordSet: boolean;
  storeId: string;
  cashdeskNumber: string;
  language: Language;
  timeZone: string;
  offlineVoucherPolicy: OfflineVoucherPolicy;
  requestTimeoutMs: number;
  /** Scan classification rules: regular expressions tried in order. */
  scanRules: { loyaltyCard: string; voucher: string; giftCard: string };
  devices: { hidEnabled: boolean; wedgeEnabled: boolean };
  /** Minutes without a request before a signed-in operator is signed out. */
  idleSignOut: { managerMinutes: number; cashierMinutes: number };
  /** Sign-up at the lane: whether it is offered, the customer source, phone verification. */
  signup: { mode: 'off' | 'offered' | 'required'; customerSourceId: string; verifyPhone: boolean };
  /**
   * Where the password's key lives (safeStorage's backend; '' before the app recorded it).
   * `weak`: a key built into every copy (Linux `basic_text`); a password is stored there only
   * after a manager accepted the risk (`acceptedWeak`).
   */
  keyStorage: { backend: string; weak: boolean; acceptedWeak: boolean };
  /** The receipt printer and how receipts are printed on it. */
  printer: PrinterSettings;
  /** The project URL now differs from what the terminal started with (demo or not): restart to apply. */
  restartRequired?: boolean;
  /** What this terminal is; switching to `kiosk` forgets the login and password, and the app restarts as a kiosk. */
  mode?: TerminalMode;
  /** The kiosk's set-up (shared/settings.ts `kiosk`); the device token never leaves main, only whether one is kept. */
  kiosk?: {
    customerApiUrl: string;
    externalApplicationId: string;
    deviceTokenSet: boolean;
    deviceName: string;
    idleSeconds: number;
    countdownSeconds: number;
    expiringPointsDays: number;
    cardsAtSignUp: boolean;
  };
}

export interface StoreOption {
  id: string;
  name: string;
  code: string | null;
}

const scanPattern = z.string().max(200);
const idleMinutes = z.int().min(1).max(480);

export const settingsPatchSchema = z
  .object({
    /** Changing the project URL, application id or login forgets the stored password unless this patch sets one. */
    projectUrl: z.string().trim().max(300),
    externalApplicationId: z.string().trim().max(200),
    login: z.string().trim().max(200),
    /** Write-only; an empty string clears it. */
    password: z.string().max(500),
    storeId: z.string().trim().max(64),
    cashdeskNumber: z.string().trim().max(32),
    language: z.enum(['cs', 'en']),
    timeZone: z.string().trim().min(1).max(64),
    offlineVoucherPolicy: z.enum(OFFLINE_VOUCHER_POLICIES),
    requestTimeoutMs: z.number().int().min(500).max(60_000),
    scanRules: z
      .object({ loyaltyCard: scanPattern, voucher: scanPattern, giftCard: scanPattern })
      .strict()
      .partial(),
    devices: z.object({ hidEnabled: z.boolean(), wedgeEnabled: z.boolean() }).strict().partial(),
    idleSignOut: z.object({ managerMinutes: idleMinutes, cashierMinutes: idleMinutes }).strict().partial(),
    signup: z
      .object({
        mode: z.enum(['off', 'offered', 'required']),
        customerSourceId: z.string().trim().max(64),
        verifyPhone: z.boolean(),
      })
      .strict()
      .partial(),
    /** The manager accepts keeping the password under a weak key; false forgets a password kept there. */
    acceptWeakKeyStorage: z.boolean(),
    /** `kiosk` refuses a login or password in the same patch and forgets the stored ones. */
    mode: z.enum(['till', 'kiosk']),
    /**
     * The kiosk's Customer API: the project address and the kiosk application's external id (a new one forgets the
     * device token).
     */
    kiosk: z
      .object({
        customerApiUrl: z.string().trim().max(300),
        externalApplicationId: z.string().trim().max(200),
        deviceName: z.string().trim().max(100),
        idleSeconds: z.int().min(1).max(3_600),
        countdownSeconds: z.int().min(1).max(3_600),
        expiringPointsDays: z.int().min(1).max(3_650),
        cardsAtSignUp: z.boolean(),
      })
      .strict()
      .partial(),
    /** The receipt printer: only the fields that change (checked whole in main). */
    printer: printerPatchSchema,
  })
  .strict()
  .partial();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
