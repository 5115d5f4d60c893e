// The typed IPC contract between the main process and the screens: every
// request (payload schema, who may call it, answer type) and every pushed event.
// Payloads are validated in main with these schemas before any service sees them.
import { z } from 'zod';
import type { EventName, RequestChannel } from './channels.ts';
import type { Result } from './result.ts';
import type { Product } from '../checkout/catalogue.ts';
import type { DashboardFigures } from '../dashboard.ts';
import type { PrinterStatus, PrintOutcome } from '../printing/status.ts';
import { printerSchema } from '../settings.ts';
import type {
  CreditsOverview,
  CustomerIdentified,
  CustomerProfile,
  CustomerSearchResult,
  PointsOverview,
  RewardList,
  VoucherList,
} from '../customers.ts';
import type { DiagnosticsReport } from '../diagnostics.ts';
import type { DevicesStatus, ScanEvent, WedgeDetection } from '../input/devices.ts';
import type { Operator, SessionStatus } from '../operators.ts';
import { settingsPatchSchema, type SettingsView, type StoreOption } from '../settings-view.ts';
import type { SyncStatus } from '../sync-status.ts';
import type { UpdateStatus } from '../updates.ts';
import type {
  AuditView,
  BenefitLimits,
  CancelOutcome,
  ExportDone,
  PayOutcome,
  PreviewAnswer,
  QueueCustomer,
  QueueEntryDetail,
  QueueEntrySummary,
  QueuePage,
  Receipt,
  RecentSale,
  TillSetup,
  VoucherCheck,
  OpenSale,
  ParkedSale,
  ParkedSaleSummary,
} from '../checkout/answers.ts';
import type { CloseOutcome, ShiftExportDone, ShiftReport, ShiftView } from '../shift.ts';
import {
  EMAIL_MAX,
  NAME_MAX,
  type IdentifierCheck,
  type SignupForm,
  type SignupOutcome,
  type SignupSetup,
} from '../signup.ts';
import {
  entryIdSchema,
  exportFormatSchema,
  exportTargetSchema,
  pageSchema,
  openSalePayload,
  parkPayload,
  payPayload,
  pinSchema,
  previewPayload,
  queueFilterSchema,
  queuePageSchema,
} from '../checkout/schemas.ts';
import {
  kioskIdentifyPayload,
  kioskRedeemPayload,
  kioskSignOutPayload,
  kioskSignUpPayload,
  kioskAssignCardPayload,
  type KioskAgreement,
  type KioskOverview,
  type KioskRedemption,
  type KioskSignedUp,
  type KioskStatus,
} from '../kiosk.ts';
import {
  assignPayload,
  redeemPayload,
  type AssignOutcome,
  type RedeemOutcome,
  type RewardRecommendation,
} from '../checkout/rewards.ts';

// The domain's types, composed here; the screens import them from the contract too.
export type { Language } from '../i18n/language.ts';
export type { Money } from '../money.ts';
export type { Role, Operator, SessionStatus } from '../operators.ts';
export type { TerminalMode, OfflineVoucherPolicy } from '../settings.ts';
export type * from '../customers.ts';
export type { SettingsPatch, SettingsView, StoreOption } from '../settings-view.ts';
export type * from '../diagnostics.ts';
export type { UpdateStatus } from '../updates.ts';
export type { SyncStatus } from '../sync-status.ts';
export type * from '../input/devices.ts';

/** Who may call a channel: anyone (no operator signed in), any operator, or a manager. */
export type Access = 'anyone' | 'operator' | 'manager';

// --- payload schemas -------------------------------------------------------

const nothing = z.undefined().or(z.object({}).strict());
const id = z.string().trim().min(1).max(64);
const customerOnly = z.object({ customerId: id }).strict();
const shiftAmount = z.int().min(0).max(1_000_000_000);
const drawerCountSchema = z.discriminatedUnion('by', [
  z
    .object({
      by: z.literal('denominations'),
      pieces: z.record(z.string().regex(/^\d{1,9}$/), z.int().min(0).max(100_000)),
    })
    .strict(),
  z.object({ by: z.literal('total'), totalMinor: shiftAmount }).strict(),
]);

const signupFormSchema: z.ZodType<SignupForm> = z
  .object({
    /**
     * The form's own id, fixed when it opens: a second press of "Sign up" sends the same one and gets the same answer.
     */
    requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
    firstName: z.string().max(NAME_MAX * 2),
    lastName: z.string().max(NAME_MAX * 2),
    email: z.string().max(EMAIL_MAX * 2),
    phone: z.string().max(40),
    language: z.string().regex(/^[a-z]{2}$/),
    /** `YYYY-MM-DD`, or empty. */
    birthdate: z.string().max(10),
    consents: z
      .array(z.object({ agreementId: z.string().min(1).max(64), given: z.boolean() }).strict())
      .max(50),
    cardNumber: z.string().max(64),
    /** The one-time code request the phone was verified with (`signup.verifyCode`). */
    verificationId: z.string().max(100).nullable(),
  })
  .strict();

interface RequestSpec<P extends z.ZodType, R> {
  payload: P;
  access: Access;
  /**
   * A read the screens repeat by themselves (a dashboard following the sync): not the operator's activity, so it keeps
   * nobody signed in.
   */
  passive?: boolean;
  /** Type-only marker for the answer; never read at run time. */
  response?: R;
}

function request<R>() {
  return <P extends z.ZodType>(
    payload: P,
    access: Access,
    options: { passive?: boolean } = {},
  ): RequestSpec<P, R> => ({ payload, access, ...options });
}

export const requests = {
  'session.status': request<SessionStatus>()(nothing, 'anyone'),
  /** The screens switched language (F4): CareCloud answers this session in it until sign-out. */
  'session.language': request<SessionStatus>()(
    z.object({ language: z.enum(['cs', 'en']) }).strict(),
    'anyone',
  ),
  'operator.signIn': request<Operator>()(z.object({ pin: pinSchema }).strict(), 'anyone'),
  'operator.signOut': request<null>()(nothing, 'operator'),
  /** A manager at the terminal lifts the PIN locks (asked from the locked sign-in or PIN prompt). */
  'operator.unlock': request<null>()(z.object({ pin: pinSchema }).strict(), 'anyone'),

  'customers.identifyByCard': request<CustomerIdentified>()(
    z
      .object({
        cardNumber: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[\x21-\x7e]+$/),
        /** false: only the card's customer is wanted (the points claim), no customer panel to read ahead for. */
        panel: z.boolean().optional(),
      })
      .strict(),
    'operator',
  ),
  'customers.search': request<CustomerSearchResult>()(
    z.object({ query: z.string().trim().min(2).max(120) }).strict(),
    'operator',
  ),
  'customers.profile': request<CustomerProfile>()(customerOnly, 'operator'),
  'customers.points': request<PointsOverview>()(customerOnly, 'operator'),
  'customers.credits': request<CreditsOverview>()(customerOnly, 'operator'),
  'customers.vouchers': request<VoucherList>()(customerOnly, 'operator'),
  'customers.rewards': request<RewardList>()(customerOnly, 'operator'),

  'settings.get': request<SettingsView>()(nothing, 'manager'),
  /** Every change needs a manager's PIN typed for it, checked again in main. */
  'settings.update': request<SettingsView>()(
    z.object({ patch: settingsPatchSchema, pin: pinSchema }).strict(),
    'manager',
  ),
  'settings.stores': request<StoreOption[]>()(nothing, 'manager'),

  'diagnostics.run': request<DiagnosticsReport>()(nothing, 'manager'),
  'updates.status': request<UpdateStatus>()(nothing, 'manager'),
  /** Puts a downloaded update off by whole hours (at most a day at a time); the manager's PIN authorises. */
  'updates.postpone': request<UpdateStatus>()(
    z.object({ hours: z.int().min(1).max(24), pin: pinSchema }).strict(),
    'manager',
  ),
  'demo.setOutage': request<{ outage: boolean }>()(z.object({ on: z.boolean() }).strict(), 'manager'),

  'checkout.catalogue': request<TillSetup>()(nothing, 'operator'),
  'checkout.product': request<Product | null>()(
    z
      .object({
        code: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[\x21-\x7e]+$/),
      })
      .strict(),
    'operator',
  ),
  'checkout.preview': request<PreviewAnswer>()(previewPayload, 'operator'),
  'checkout.limits': request<BenefitLimits>()(previewPayload, 'operator'),
  'checkout.pay': request<PayOutcome>()(payPayload, 'operator'),
  /** A cashier asks; a manager's PIN authorises. */
  'checkout.cancel': request<CancelOutcome>()(
    z.object({ billId: z.string().trim().min(1).max(64), pin: pinSchema }).strict(),
    'operator',
  ),
  'checkout.recent': request<RecentSale[]>()(
    z.object({ limit: z.int().min(1).max(100) }).strict(),
    'operator',
  ),
  /** A sale set aside for this operator; `full` when they already have too many. */
  'checkout.park': request<{ outcome: 'parked'; sale: ParkedSaleSummary } | { outcome: 'full' }>()(
    parkPayload,
    'operator',
  ),
  /** The open sale of an operator the idle timer just signed out, parked for them (once, within a minute). */
  'checkout.parkLeft': request<{ outcome: 'parked'; sale: ParkedSaleSummary } | { outcome: 'full' }>()(
    parkPayload,
    'anyone',
  ),
  'checkout.parked': request<ParkedSaleSummary[]>()(nothing, 'operator'),
  'checkout.recall': request<ParkedSale>()(
    z.object({ id: z.string().trim().min(1).max(64) }).strict(),
    'operator',
  ),
  /**
   * The till tells main whether a sale is open (lines, or being paid): updates install only when none is. Anyone: a
   * signed-out till reports its sale gone.
   */
  'checkout.saleOpen': request<null>()(z.object({ open: z.boolean() }).strict(), 'anyone'),
  /** The screens keep main told of the open sale (null: none), so a renderer that dies loses nothing. */
  'checkout.keepOpen': request<{ kept: boolean }>()(
    z.object({ sale: openSalePayload.nullable() }).strict(),
    'operator',
  ),
  /** The open sale main kept for this operator, for screens that start again after a crash. */
  'checkout.openSale': request<OpenSale | null>()(nothing, 'operator'),

  'vouchers.check': request<VoucherCheck>()(
    z
      .object({
        code: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[\x21-\x7e]+$/),
        customerId: z.string().trim().min(1).max(64).nullable(),
      })
      .strict(),
    'operator',
  ),
  // Rewards at the lane and points claimed later (shared/checkout/rewards.ts).
  /** One voucher per confirmation id, however often it is sent. */
  'rewards.redeem': request<RedeemOutcome>()(redeemPayload, 'operator'),
  /** recommended-best-rewards for the sale as it is (its customer, its bill). */
  'rewards.recommend': request<RewardRecommendation>()(previewPayload, 'operator'),
  /** A closed anonymous sale given to a customer afterwards, journaled like every write. */
  'purchases.assignCustomer': request<AssignOutcome>()(assignPayload, 'operator'),

  'vouchers.syncOffline': request<{ count: number; syncedAt: string }>()(nothing, 'manager'),

  /**
   * Sign-up at the lane (shared/signup.ts): the form's consents and languages, checks, codes, and the sign-up itself.
   */
  'signup.setup': request<SignupSetup>()(nothing, 'operator'),
  'signup.checkIdentifier': request<IdentifierCheck>()(
    z.object({ type: z.enum(['email', 'phone']), value: z.string().trim().min(1).max(254) }).strict(),
    'operator',
  ),
  'signup.sendCode': request<{ requestId: string }>()(
    z.object({ phone: z.string().trim().min(1).max(40) }).strict(),
    'operator',
  ),
  'signup.verifyCode': request<{ valid: boolean }>()(
    z.object({ requestId: z.string().min(1).max(100), code: z.string().trim().min(1).max(12) }).strict(),
    'operator',
  ),
  'signup.register': request<SignupOutcome>()(z.object({ form: signupFormSchema }).strict(), 'operator'),

  'queue.list': request<QueuePage>()(
    z.object({ filter: queueFilterSchema, page: queuePageSchema }).strict(),
    'manager',
  ),
  'queue.show': request<QueueEntryDetail>()(z.object({ id: entryIdSchema }).strict(), 'manager'),
  'queue.retry': request<QueueEntrySummary>()(
    z.object({ id: entryIdSchema, pin: pinSchema }).strict(),
    'manager',
  ),
  'queue.void': request<QueueEntrySummary>()(
    z.object({ id: entryIdSchema, reason: z.string().trim().min(3).max(500), pin: pinSchema }).strict(),
    'manager',
  ),
  'queue.resend': request<QueueEntrySummary>()(
    z.object({ id: entryIdSchema, pin: pinSchema }).strict(),
    'manager',
  ),
  'queue.export': request<ExportDone>()(
    z
      .object({
        filter: queueFilterSchema,
        format: exportFormatSchema,
        pin: pinSchema,
        to: exportTargetSchema.optional(),
      })
      .strict(),
    'manager',
  ),
  /** Names of the customers a list answered as pending, once main has them (bounded wait). */
  'queue.customers': request<Record<string, QueueCustomer>>()(
    z.object({ ids: z.array(z.string().trim().min(1).max(64)).min(1).max(200) }).strict(),
    'manager',
  ),
  'audit.list': request<{ records: AuditView[]; total: number }>()(
    z.object({ page: pageSchema, entryId: entryIdSchema.optional() }).strict(),
    'manager',
  ),
  'audit.export': request<ExportDone>()(
    z.object({ format: exportFormatSchema, pin: pinSchema, to: exportTargetSchema.optional() }).strict(),
    'manager',
  ),

  /** The manager's dashboard: today's sales, the queue, the drain and the alerts, read from the journal. */
  'dashboard.figures': request<DashboardFigures>()(nothing, 'manager', { passive: true }),

  /**
   * What a keyboard-mode scanner typed: classified in main by the same scan rules and lookups as HID scans; null for a
   * misread swipe.
   */
  'input.classify': request<ScanEvent | null>()(
    z.object({ text: z.string().min(1).max(4096) }).strict(),
    'operator',
  ),
  'input.wedgeSettings': request<WedgeDetection>()(nothing, 'anyone'),

  // The self-service kiosk (answered only in kiosk mode; elsewhere `unknown_channel`). No
  // operator signs in on a kiosk: the customer's own CareCloud login is the access check.
  'kiosk.status': request<KioskStatus>()(nothing, 'anyone'),
  /**
   * Signs a customer in (card, e-mail or phone with their password, or the app's QR token) and answers their account.
   */
  'kiosk.identify': request<KioskOverview>()(kioskIdentifyPayload, 'anyone'),
  /** The signed-in customer's account again, fresh from CareCloud (`not_signed_in` when nobody is). */
  'kiosk.overview': request<KioskOverview>()(nothing, 'anyone'),
  /** One voucher per confirmation id; refused (`offline`) while CareCloud is unreachable. */
  'kiosk.redeem': request<KioskRedemption>()(kioskRedeemPayload, 'anyone'),
  /** The consents a sign-up asks for, in the screen's language. */
  'kiosk.agreements': request<KioskAgreement[]>()(nothing, 'anyone'),
  /**
   * A new customer, signed in at once (autologin), with what became of the free card they scanned: a refused card
   * leaves them signed in without it.
   */
  'kiosk.signUp': request<KioskSignedUp>()(kioskSignUpPayload, 'anyone'),
  /**
   * Another free card for the customer who just signed up here and whose card was refused (`invalid_state` otherwise).
   */
  'kiosk.assignCard': request<KioskSignedUp>()(kioskAssignCardPayload, 'anyone'),
  /** Logs the customer out of CareCloud and forgets them; safe to call when nobody is signed in. */
  'kiosk.signOut': request<null>()(kioskSignOutPayload, 'anyone'),
  /** The customer is still there (the countdown was extended): main's own inactivity sign-out starts again. */
  'kiosk.keepAlive': request<KioskStatus>()(nothing, 'anyone'),
  /** A manager's PIN takes the terminal out of kiosk mode (it restarts as a till). */
  'kiosk.leave': request<null>()(z.object({ pin: pinSchema }).strict(), 'anyone'),
  // --- receipt printer ---
  'printing.status': request<PrinterStatus>()(nothing, 'operator', { passive: true }),
  /**
   * A test page on the saved printer, or on `printer` (the settings screen's fields before saving); `svg` is the page
   * as printed.
   */
  'printing.test': request<{ result: PrintOutcome; svg: string }>()(
    z.object({ printer: printerSchema.optional() }).strict(),
    'manager',
  ),
  /** A recent sale's receipt again (marked as a copy), by its bill id. */
  'printing.reprint': request<PrintOutcome>()(
    z.object({ billId: z.string().trim().min(1).max(64) }).strict(),
    'operator',
  ),
  /**
   * A sale's receipt once completed with CareCloud's points, and its paper as an SVG image in the screen's language;
   * null when this terminal keeps none.
   */
  'printing.receipt': request<{ receipt: Receipt; paper: string } | null>()(
    z.object({ billId: z.string().trim().min(1).max(64) }).strict(),
    'operator',
  ),
  // --- the lane's shift (issue 13) ---
  /** The open shift with its cash movements and the drawer's expected cash; null when none is open. */
  'shift.current': request<ShiftView | null>()(nothing, 'operator'),
  'shift.open': request<ShiftView>()(z.object({ openingFloatMinor: shiftAmount }).strict(), 'operator'),
  /** Cash put into or taken out of the drawer, with the reason. */
  'shift.cash': request<ShiftView>()(
    z
      .object({
        direction: z.enum(['in', 'out']),
        amountMinor: shiftAmount.min(1),
        reason: z.string().trim().min(3).max(200),
      })
      .strict(),
    'operator',
  ),
  /** The X report: the open shift as it stands, kept for the record. */
  'shift.xReport': request<ShiftReport>()(nothing, 'operator'),
  /**
   * Closes with the count; past the difference limit the answer asks for a manager's PIN, sent with the same close
   * again.
   */
  'shift.close': request<CloseOutcome>()(
    z.object({ count: drawerCountSchema, pin: pinSchema.optional() }).strict(),
    'operator',
  ),
  'shift.report': request<ShiftReport>()(z.object({ id: entryIdSchema }).strict(), 'operator'),
  /** The Z reports of the newest closed shifts. */
  'shift.closed': request<ShiftReport[]>()(z.object({ limit: z.int().min(1).max(50) }).strict(), 'operator'),
  /** A kept report as CSV or PDF: to the exports folder, or through the screen (save dialog / download). */
  'shift.export': request<ShiftExportDone>()(
    z
      .object({ id: entryIdSchema, format: z.enum(['csv', 'pdf']), to: exportTargetSchema.optional() })
      .strict(),
    'operator',
  ),
  'shift.print': request<PrintOutcome>()(z.object({ id: entryIdSchema }).strict(), 'operator'),
} satisfies Record<RequestChannel, RequestSpec<z.ZodType, unknown>>;

export const events = {
  'sync.status': undefined as unknown as SyncStatus,
  'devices.status': undefined as unknown as DevicesStatus,
  'input.scan': undefined as unknown as ScanEvent,
  'session.changed': undefined as unknown as SessionStatus,
  /** Loyalty in or out of service, a customer signed in or out (main's inactivity sign-out too). */
  'kiosk.changed': undefined as unknown as KioskStatus,
  /** The card just read left its reader before anyone signed in with it: its password screen closes. */
  'kiosk.cardWithdrawn': undefined as unknown as Record<string, never>,
  'printing.status': undefined as unknown as PrinterStatus,
} satisfies Record<EventName, unknown>;

// Both lists must name exactly the same channels as channels.ts.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const requestListsMatch: Exactly<keyof typeof requests, RequestChannel> = true;
const eventListsMatch: Exactly<keyof typeof events, EventName> = true;
void requestListsMatch;
void eventListsMatch;

export type Requests = typeof requests;
export type PayloadOf<C extends RequestChannel> = z.input<Requests[C]['payload']>;
export type ParsedPayloadOf<C extends RequestChannel> = z.output<Requests[C]['payload']>;
export type ResponseOf<C extends RequestChannel> = Requests[C] extends { response?: infer R } ? R : never;
export type EventPayloadOf<E extends EventName> = (typeof events)[E];
export type ResultOf<C extends RequestChannel> = Result<ResponseOf<C>>;
