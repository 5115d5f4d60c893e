// What the checkout, voucher-check and manager-queue channels answer: plain data in
// integer minor units, shared by the main process and the screens.
import type { ErrorReason } from '../outcome.ts';
import type { BenefitAsk, BenefitPreview } from './bill.ts';
import type { Cart } from './cart.ts';
import type { Settlement, Tender, TenderAmounts } from './cash.ts';
import type { Product } from './catalogue.ts';

/**
 * The journal's entry kinds and states and the queue's export formats: declared once, for the journal, IPC and the
 * screens.
 */
export const ENTRY_KINDS = [
  'purchase',
  'cancellation',
  'voucher-application',
  'customer-signup',
  'card-assignment',
  'customer-assignment',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_STATES = ['pending', 'sending', 'synced', 'rejected', 'voided'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Refusal {
  /** The voucher code, or `points` / `credit`. */
  subject: string;
  /** CareCloud's reason code, or the terminal's own (`offline_refused`, `offline_not_presynced`). */
  reason: string;
}

export type { Settlement, Tender, TenderAmounts };

/** What the till sells and how it takes cash: the catalogue's currency, quick keys and the cash rounding step. */
export interface TillSetup {
  currency: string;
  quickKeys: Product[];
  /** The smallest cash step in minor units (CZK 100: whole crowns; 1: no rounding). */
  cashRoundingMinor: number;
}

export interface ReceiptLine {
  lineId: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  priceMinor: number;
  /** The till's own line discount plus CareCloud's discounts on this line. */
  discountMinor: number;
}

/** One VAT rate of a receipt: what was paid for goods at that rate, split into base and tax. */
export interface VatLine {
  ratePercent: number;
  baseMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export interface Receipt {
  saleId: string;
  billId: string;
  paymentTime: string;
  currency: string;
  /** Card part, cash before and after rounding, cash handed over and change. */
  settlement: Settlement;
  customerId: string | null;
  /** The loyalty card on the sale, also one CareCloud could not identify while offline. */
  cardNumber: string | null;
  lines: ReceiptLine[];
  totalMinor: number;
  discountMinor: number;
  vouchers: { code: string; name: string | null; discountMinor: number; unverified: boolean }[];
  pointsUsed: number;
  pointsMoneyMinor: number;
  creditMinor: number;
  /** Points CareCloud said this purchase earns; null offline, where they are credited when the sale syncs. */
  pointsEarned: number | null;
  toPayMinor: number;
  /** Where and by whom: the store (its name as CareCloud calls it, when known), the cash desk, the cashier. */
  store: { id: string; name: string | null };
  cashdesk: number;
  cashier: string;
  /** What was paid for goods per VAT rate (shared/checkout/vat.ts). */
  vat: VatLine[];
  /**
   * The customer's points after this purchase, asked of CareCloud once it closed; null offline or when CareCloud did
   * not say.
   */
  pointsBalance: number | null;
}

export type PreviewAnswer =
  { current: false } | { current: true; preview: BenefitPreview; refusals: Refusal[]; offline: boolean };

/** The most points and credit CareCloud lets this bill use (with the vouchers asked for). */
export interface BenefitLimits {
  maxPoints: number;
  maxPointsMoneyMinor: number;
  maxCreditMinor: number;
  /** Why points or credit cannot be used at all, as a reason code; null when they can. */
  pointsRefusal: string | null;
  creditRefusal: string | null;
  offline: boolean;
}

export type PayOutcome =
  | { outcome: 'closed'; purchaseId: string | null; receipt: Receipt }
  | { outcome: 'saved_offline'; queuePosition: number; receipt: Receipt }
  | { outcome: 'rejected'; billId: string; reasons: ErrorReason[] }
  | { outcome: 'totals_changed'; preview: BenefitPreview; refusals: Refusal[]; offline: boolean }
  /** The journal already holds this sale id (pay pressed again after a restart): nothing new was written. */
  | {
      outcome: 'already_recorded';
      billId: string;
      state: EntryState;
      purchaseId: string | null;
      queuePosition: number | null;
    };

export type CancelOutcome =
  | { outcome: 'closed'; billId: string; cancellationBillId: string }
  | { outcome: 'saved_offline'; billId: string; cancellationBillId: string; queuePosition: number }
  | { outcome: 'rejected'; billId: string; cancellationBillId: string; reasons: ErrorReason[] };

/** A sale set aside by its operator, as the list shows it. */
export interface ParkedSaleSummary {
  id: string;
  parkedAt: string;
  /** Parked deliberately, or by signing out with the sale open. */
  reason: 'parked' | 'signOut';
  customerName: string | null;
  itemCount: number;
  totalMinor: number;
  currency: string;
}

/** The open sale main kept for the screens, given back after they were reloaded. */
export interface OpenSale {
  saleId: string;
  cart: Cart;
  ask: BenefitAsk;
  customerName: string | null;
}

/** A parked sale taken back to the till. */
export interface ParkedSale {
  id: string;
  parkedAt: string;
  reason: 'parked' | 'signOut';
  customerName: string | null;
  saleId: string;
  cart: Cart;
  ask: BenefitAsk;
}

export interface RecentSale {
  entryId: number;
  billId: string;
  paymentTime: string | null;
  /** The bill's list total (`total_price`), before loyalty benefits. */
  totalMinor: number | null;
  /** What the customer paid in money, and how; null for a sale this terminal kept no payment of. */
  paidMinor: number | null;
  settlement: Settlement | null;
  /** The journaled request as read: the items, vouchers, points and credit. */
  request: ReadableRequest;
  customerId: string | null;
  /** The customer's name (else the masked card), as the manager's queue shows it. */
  customer: QueueCustomer | null;
  operator: string;
  state: EntryState;
  purchaseId: string | null;
  cancellation: { billId: string; state: EntryState } | null;
  /** A customer given to this sale afterwards (points claimed later), as the journal has it now. */
  claim?: { customer: QueueCustomer | null; state: EntryState } | null;
}

export type VoucherKind = 'gift_card' | 'value' | 'percent' | 'other';

export interface VoucherCheck {
  code: string;
  found: boolean;
  voucherId: string | null;
  name: string | null;
  kind: VoucherKind;
  /** Face value in minor units of the terminal's currency (gift cards: see balance). */
  valueMinor: number | null;
  customerId: string | null;
  /** The stores it is valid in; empty means every store. */
  stores: { id: string; name: string | null }[];
  validFrom: string | null;
  validTo: string | null;
  usedAt: string | null;
  /** A gift card's balance from CareCloud; `usage` follows from it (whole, partly spent, spent). */
  giftCard: { balanceMinor: number; originalMinor: number; usage: 'unused' | 'partly' | 'spent' } | null;
  /** Why it cannot be used here now (CareCloud's reason codes); empty when it can. */
  refusals: string[];
}

export interface QueueFilter {
  states?: EntryState[];
  kind?: EntryKind;
  /** ISO instants: entries recorded from (inclusive) and to (exclusive). */
  from?: string;
  to?: string;
  customerId?: string;
  billId?: string;
  /** A sale's reference or short code, its bill_id, or the customer's name, card, e-mail or phone; matched in main. */
  search?: string;
}

/** The customer of an entry as the manager's screens show it: a name, else the card's last digits. */
export interface QueueCustomer {
  id: string | null;
  /** From the terminal's customer cache or CareCloud; null while unknown. */
  name: string | null;
  /** The loyalty card, all but the last four digits masked. */
  card: string | null;
  /** Main is asking CareCloud for the name: `queue.customers` answers it when known. */
  pending: boolean;
}

/** How the customer paid: all cash, all card, or both. */
export type TenderKind = 'cash' | 'card' | 'split';

/** Who did something to an entry, as people say it. */
export type ActorView =
  | { kind: 'this-terminal' }
  | { kind: 'other-terminal'; host: string }
  | { kind: 'support-tool' }
  | { kind: 'system' }
  | { kind: 'person'; name: string };

export type HistoryEventKind =
  | 'recorded'
  | 'resent-from'
  | 'claimed'
  | 'accepted'
  | 'already-there'
  | 'refused'
  | 'retry-later'
  | 'sender-gone'
  | 'lease-expired'
  | 'voided'
  | 'retry-requested'
  | 'resent-as'
  | 'original-voided'
  | 'original-refused'
  | 'other';

export type AttemptOutcomeKind =
  | 'synced'
  | 'already-landed'
  | 'rejected'
  | 'transport'
  | 'timeout'
  | 'rate-limited'
  | 'server'
  | 'unexpected'
  | 'auth'
  | 'abandoned';
export type ConnectionKind = 'refused' | 'dns' | 'timeout' | 'reset' | 'tls' | 'network';

export interface HistoryEvent {
  at: string;
  from: EntryState | null;
  to: EntryState;
  event: HistoryEventKind;
  by: ActorView;
  /**
   * The other entry of a resend, the outcome of a failed send, a void's reason, or (for `other`) the journal's own
   * words.
   */
  entryId?: number;
  outcome?: AttemptOutcomeKind;
  text?: string;
}

export interface AttemptView {
  startedAt: string;
  finishedAt: string | null;
  /** null while the send is in flight. */
  outcome: AttemptOutcomeKind | null;
  httpStatus: number | null;
  /** Why CareCloud could not be reached, for transport failures and timeouts. */
  connection: ConnectionKind | null;
  by: ActorView;
}

/** What "resend without the refused benefits" would take off the sale. */
export interface ResendChange {
  vouchers: { code: string; discountMinor: number }[];
  points: number;
  creditMinor: number;
}

export interface QueueEntrySummary {
  id: number;
  kind: EntryKind;
  state: EntryState;
  billId: string | null;
  paymentTime: string | null;
  totalMinor: number | null;
  customerId: string | null;
  operator: string;
  attempts: number;
  lastError: string | null;
  reasons: { name: string; reason: string; message: string }[];
  recordedAt: string;
  /** Whether it has been exported for accounting. */
  exported: boolean;
  /** Marks the journal set, e.g. `offline-voucher` for a voucher taken offline from the pre-synced list. */
  flags: string[];
  /** What the customer paid in money (card plus rounded cash); null when this terminal kept no payment. */
  paidMinor: number | null;
  /** What was left to pay after the loyalty benefits; null without a kept payment. */
  dueMinor: number | null;
  tender: TenderKind | null;
  customer: QueueCustomer | null;
  /** For a cancellation: the bill_id it cancels. */
  cancels: string | null;
  /** For a customer given to a sale afterwards (points claimed later): that sale's bill_id. */
  assigns?: string | null;
}

export interface QueuePage {
  entries: QueueEntrySummary[];
  total: number;
  counts: Record<EntryState, number>;
  oldestPendingAgeMs: number | null;
  /** Cursors of the pages around this one, to hand back as they are; null where there is none. */
  next: string | null;
  previous: string | null;
  last: string | null;
}

/** Which page of the queue a screen asks for: `cursor` as a page answered it, none for the first. */
export interface QueuePageRequest {
  limit: number;
  cursor?: string;
}

/** The request of an entry as a manager reads it. */
export interface ReadableRequest {
  storeId: string | null;
  cashdesk: number | null;
  customerId: string | null;
  cardNumber: string | null;
  billId: string | null;
  /** The bill this one cancels. */
  cancels: string | null;
  paymentTime: string | null;
  paymentType: string | null;
  totalMinor: number | null;
  items: {
    lineId: string;
    plu: string;
    name: string;
    quantity: number;
    priceMinor: number;
    paidMinor: number;
    vatRate: number;
  }[];
  vouchers: { code: string; discountMinor: number }[];
  pointsUsed: number;
  creditMinor: number;
}

export interface QueueEntryDetail {
  entry: QueueEntrySummary;
  request: ReadableRequest;
  history: HistoryEvent[];
  attempts: AttemptView[];
  audit: AuditView[];
  replaces: number | null;
  replacedBy: number | null;
  /** A rejected purchase that used vouchers, points or credit can be resent without them. */
  canResendWithoutBenefits: boolean;
  /** What that resend would take off; null when there is none to make. */
  resendChange: ResendChange | null;
}

export interface AuditView {
  at: string;
  actor: string;
  action: string;
  entryId: number | null;
  /** The bill of the entry (or the one the record names), for its reference. */
  billId: string | null;
  detail: Record<string, unknown>;
}

/**
 * An export. `folder`: written in the terminal's exports folder. `saved`: written where the
 * manager chose in the app's save dialog. `download`: the preview's browser downloads
 * `content`. `cancelled`: the save dialog was closed; nothing was written or marked.
 */
export interface ExportDone {
  format: ExportFormat;
  count: number;
  /** The file's name (in the exports folder, as saved, or as offered for download). */
  file: string;
  delivered: 'folder' | 'saved' | 'download' | 'cancelled';
  /** The export itself, only for a download. */
  content: string | null;
}
