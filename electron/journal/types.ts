export { ENTRY_KINDS, ENTRY_STATES, type EntryKind, type EntryState } from '../../shared/checkout/answers.ts';
import type { EntryKind, EntryState } from '../../shared/checkout/answers.ts';

/** The exact call a replay makes, fixed when the entry is written. */
export interface JournalRequest {
  method: 'POST' | 'PUT';
  /** Below the versioned base URL, e.g. `/purchases/actions/send-purchase`. */
  path: string;
  body: unknown;
}

export interface RejectionReason {
  name: string;
  reason: string;
  message?: string;
}

export interface NewEntry {
  kind: EntryKind;
  /** Unique per write forever; for purchases and cancellations it is the bill_id. */
  idempotencyKey: string;
  billId?: string;
  request: JournalRequest;
  paymentTime?: string;
  storeId: string;
  cashdesk: number;
  operator: string;
  customerId?: string;
  cardNumber?: string;
  /** An entry that must be synced before this one is sent (a cancellation names its purchase). */
  dependsOn?: number;
  /** The rejected entry this one resends. */
  replaces?: number;
  /** Marks for the manager, e.g. `offline-voucher`. */
  flags?: string[];
  /** Vouchers and gift-card amounts this purchase spends: held in the ledger until CareCloud confirms it. */
  voucherHolds?: VoucherHold[];
  /** A till sale's payment as the customer made it; kept beside the entry, never sent. */
  tillPayment?: TillPayment;
}

export interface TillPayment {
  /** Money the customer paid: card plus cash after rounding, in minor units. */
  paidMinor: number;
  /** The settlement as the till computed it (card, cash due and rounded, handed over, change). */
  settlement: Record<string, number>;
  /**
   * Points CareCloud said this purchase earns, when it answered at the till (null offline: CareCloud decides at the
   * replay).
   */
  pointsEarned?: number | null;
}

export interface VoucherHold {
  code: string;
  /** The discount or gift-card amount taken, in minor units of the bill's currency. */
  amountMinor: number;
}

/** A code some purchase of this terminal spends, with the sum it takes (several for a gift card). */
export interface HeldVoucher {
  code: string;
  amountMinor: number;
  billIds: string[];
}

export interface JournalEntry {
  id: number;
  kind: EntryKind;
  idempotencyKey: string;
  billId: string | null;
  request: JournalRequest;
  paymentTime: string | null;
  storeId: string;
  cashdesk: number;
  operator: string;
  customerId: string | null;
  cardNumber: string | null;
  dependsOn: number | null;
  replaces: number | null;
  flags: string[];
  state: EntryState;
  remoteId: string | null;
  reasons: RejectionReason[];
  voidReason: string | null;
  voidedBy: string | null;
  attemptCount: number;
  nextAttemptAt: number;
  lastError: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  exportedAt: number | null;
}

export interface Transition {
  at: number;
  from: EntryState | null;
  to: EntryState;
  cause: string;
  actor: string;
}

export type AttemptOutcome =
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

export interface Attempt {
  id: number;
  owner: string;
  startedAt: number;
  finishedAt: number | null;
  outcome: AttemptOutcome | null;
  httpStatus: number | null;
  error: string | null;
}

export interface AuditRecord {
  at: number;
  actor: string;
  action: string;
  entryId: number | null;
  detail: Record<string, unknown>;
}

/** How one send ended, as the sync engine tells the journal. */
export type SendResult =
  | {
      kind: 'synced';
      remoteId: string | null;
      outcome: 'synced' | 'already-landed';
      httpStatus: number | null;
    }
  | { kind: 'rejected'; reasons: RejectionReason[]; httpStatus: number | null; error: string }
  | {
      kind: 'retry';
      outcome: AttemptOutcome;
      nextAttemptAt: number;
      httpStatus: number | null;
      error: string;
    };

export interface EntryFilter {
  state?: EntryState | EntryState[];
  kind?: EntryKind;
  from?: number;
  to?: number;
  customerId?: string;
  billId?: string;
  /**
   * Entries matching any of these: a whole bill_id, the end of one (a reference's short code), customers, card digits.
   */
  anyOf?: EntryMatch;
}

export interface EntryMatch {
  billId?: string;
  billIdEnd?: string;
  customerIds?: readonly string[];
  /**
   * A card's last digits, four or more, or its whole number: matched at the card number's end (a synced entry's masked
   * card still ends in its last four).
   */
  cardDigits?: string;
}

export interface Page {
  limit: number;
  offset: number;
  /** The last id of the page before: the page starts after it (through an index) and `offset` is not used. */
  after?: number;
  /** The first id of the page after: the page is the entries just before it, oldest first; `offset` is not used. */
  before?: number;
}
