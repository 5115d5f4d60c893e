// Turns a bill the till has closed into a journal entry: bill_id and payment_time
// are fixed here, once, and every later attempt sends exactly this request.
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { toMinorUnits } from '../../shared/money.ts';
import {
  cancellationBody,
  readSendPurchase,
  sendPurchaseBody,
  type ClosingBill,
  type SendPurchaseBody,
} from '../../shared/checkout/send-purchase.ts';
import { InvalidState } from '../domain/errors.ts';
import { cancellationBillId, newBillId, timeOrderedId } from '../journal/bill-id.ts';
import type { EntryKind, JournalEntry, JournalRequest, NewEntry, VoucherHold } from '../journal/types.ts';
import { checkBill } from './bill-check.ts';

export const SEND_PURCHASE_PATH = '/purchases/actions/send-purchase';

export interface ClosedBill {
  storeId: string;
  cashdesk: number;
  operator: string;
  customerId?: string;
  cardNumber?: string;
  /** The bill without bill_id and payment_time, which are fixed here. */
  bill: ClosingBill;
  /** Decimal places of the bill's currency (2 for CZK and EUR), for the voucher ledger's amounts. */
  currencyDecimals?: number;
}

/** What the bill's vouchers take, for the journal's voucher ledger. */
function voucherHolds(sale: ClosedBill): VoucherHold[] {
  return (sale.bill.payment_recap?.vouchers ?? []).flatMap((v) =>
    v.code
      ? [{ code: v.code, amountMinor: toMinorUnits(v.discount_value ?? 0, sale.currencyDecimals ?? 2) }]
      : [],
  );
}

/** The terminal's time zone and clock: what a bill id and payment time are made from. */
export interface TerminalClock {
  timeZone: string;
  now?: () => number;
}

/**
 * The journal entry of a closed sale; throws BillRefusedError for a bill CareCloud could never take. `paidAt` keeps
 * the payment_time of a sale made earlier (a resend); by default the sale is paid now.
 */
export function purchaseEntry(sale: ClosedBill, terminal: TerminalClock, paidAt?: string): NewEntry {
  const now = terminal.now?.() ?? Date.now();
  const billId = newBillId(sale.storeId, sale.cashdesk, now);
  const paymentTime = paidAt ?? formatCareCloudDateTime(new Date(now), terminal.timeZone);
  const holds = voucherHolds(sale);
  const body = sendPurchaseBody(sale, sale.bill, { billId, paymentTime });
  // Throws BillRefusedError: what CareCloud can never take must not enter the journal.
  checkBill(body);
  return {
    kind: 'purchase',
    idempotencyKey: billId,
    billId,
    paymentTime,
    request: { method: 'POST', path: SEND_PURCHASE_PATH, body },
    storeId: sale.storeId,
    cashdesk: sale.cashdesk,
    operator: sale.operator,
    ...(sale.customerId ? { customerId: sale.customerId } : {}),
    ...(sale.cardNumber ? { cardNumber: sale.cardNumber } : {}),
    ...(holds.length > 0 ? { voucherHolds: holds } : {}),
  };
}

/**
 * CareCloud's cancellation (`cancellationBody`): the original bill under bill_id `C<original>`, bill_number the
 * original.
 */
export function cancellationEntry(original: JournalEntry, operator: string): NewEntry {
  if (original.kind !== 'purchase' || !original.billId)
    throw new InvalidState(`Entry ${original.id} is not a purchase and cannot be cancelled.`);
  if (original.state === 'rejected' || original.state === 'voided')
    throw new InvalidState(`Entry ${original.id} is ${original.state}; CareCloud has no purchase to cancel.`);
  const journaled = journaledPurchase(original);
  // A synced sale keeps only a masked card number; the customer id says who it was.
  const { card_number: card, ...withoutCard } = journaled;
  const originalBody = typeof card === 'string' && card.includes('*') ? withoutCard : journaled;
  const billId = cancellationBillId(original.billId);
  const body = cancellationBody(originalBody, {
    originalBillId: original.billId,
    cancellationBillId: billId,
  });
  const paymentTime = body.bill.payment_time;
  return {
    kind: 'cancellation',
    idempotencyKey: billId,
    billId,
    paymentTime,
    request: { method: 'POST', path: SEND_PURCHASE_PATH, body },
    storeId: original.storeId,
    cashdesk: original.cashdesk,
    operator,
    dependsOn: original.id,
    ...(original.customerId ? { customerId: original.customerId } : {}),
    ...(original.cardNumber ? { cardNumber: original.cardNumber } : {}),
  };
}

/** A rejected purchase sent again as a new sale without the vouchers and points CareCloud refused. */
export function resendWithoutBenefits(
  original: JournalEntry,
  operator: string,
  terminal: TerminalClock,
): { entry: NewEntry; dropped: string[] } {
  if (original.kind !== 'purchase') throw new InvalidState(`Entry ${original.id} is not a purchase.`);
  const body = journaledPurchase(original);
  const recap = body.bill.payment_recap;
  const dropped: string[] = [];
  if (recap?.vouchers?.length) dropped.push(...recap.vouchers.map((v) => `voucher ${v.code ?? '?'}`));
  if (recap?.credit_points) dropped.push(`${recap.credit_points} points`);
  if (recap?.amount_for_credit) dropped.push(`${recap.amount_for_credit} credit`);
  if (dropped.length === 0)
    throw new InvalidState(
      `Entry ${original.id} used no vouchers, points or credit; there is nothing to drop.`,
    );
  const {
    payment_recap: _dropped,
    bill_id: _id,
    payment_time: _time,
    canceled: _canceled,
    ...rest
  } = body.bill;
  const keptRecap = recap?.recommended_discounts?.length
    ? { payment_recap: { recommended_discounts: recap.recommended_discounts } }
    : {};
  // The sale happened when it happened: the original payment_time stays.
  const entry = purchaseEntry(
    {
      storeId: original.storeId,
      cashdesk: original.cashdesk,
      operator,
      ...(original.customerId ? { customerId: original.customerId } : {}),
      ...(original.cardNumber ? { cardNumber: original.cardNumber } : {}),
      // Paying with credit ("C") is what was refused; a standard sale still collects points.
      bill: { ...rest, ...(rest.payment_type === 'C' ? { payment_type: 'A' as const } : {}), ...keptRecap },
    },
    terminal,
    original.paymentTime ?? undefined,
  );
  return { entry, dropped };
}

/** A purchase's journaled send-purchase body; a body that is not one cannot be cancelled or resent. */
function journaledPurchase(original: JournalEntry): SendPurchaseBody {
  const body = readSendPurchase(original.request.body);
  if (!body) throw new InvalidState(`Entry ${original.id} holds no send-purchase request.`);
  return body;
}

/** Where each kind of write that is not a bill goes. */
const writePaths = {
  'customer-signup': () => '/customers',
  'card-assignment': () => '/cards/actions/assign-free-card',
  'customer-assignment': () => '/purchases/actions/assign-customer',
  'voucher-application': (voucherId: string) =>
    `/vouchers/${encodeURIComponent(voucherId)}/actions/apply-voucher`,
} as const;

export interface OtherWrite {
  kind: Exclude<EntryKind, 'purchase' | 'cancellation'>;
  body: unknown;
  /** The voucher a voucher application applies. */
  voucherId?: string;
  storeId: string;
  cashdesk: number;
  operator: string;
  customerId?: string;
  cardNumber?: string;
}

/**
 * A sign-up, card assignment or voucher application as a journal entry. CareCloud has no
 * idempotency key for these; the entry's key only keeps the journal from recording one twice.
 */
export function writeEntry(write: OtherWrite, terminal: Pick<TerminalClock, 'now'> = {}): NewEntry {
  if (write.kind === 'voucher-application' && !write.voucherId)
    throw new Error('A voucher application names the voucher.');
  const path =
    write.kind === 'voucher-application'
      ? writePaths[write.kind](write.voucherId!)
      : writePaths[write.kind]();
  const store = write.storeId.replace(/[^A-Za-z0-9]/g, '');
  const at = timeOrderedId(terminal.now?.() ?? Date.now());
  return {
    kind: write.kind,
    idempotencyKey: `${write.kind}:${store}-${write.cashdesk}-${at}`,
    request: { method: 'POST', path, body: write.body },
    storeId: write.storeId,
    cashdesk: write.cashdesk,
    operator: write.operator,
    ...(write.customerId ? { customerId: write.customerId } : {}),
    ...(write.cardNumber ? { cardNumber: write.cardNumber } : {}),
  };
}

/**
 * The call a send makes. A card assignment journaled before its customer existed (a sign-up
 * while CareCloud was unreachable) takes the id CareCloud gave the sign-up it waited for;
 * null when that sign-up has no id to give.
 */
export function requestToSend(entry: JournalEntry, dependency: JournalEntry | null): JournalRequest | null {
  if (entry.kind !== 'card-assignment') return entry.request;
  const body = entry.request.body as Record<string, unknown>;
  if (typeof body.customer_id === 'string' && body.customer_id !== '') return entry.request;
  if (dependency?.kind !== 'customer-signup' || dependency.state !== 'synced' || !dependency.remoteId)
    return null;
  return { ...entry.request, body: { ...body, customer_id: dependency.remoteId } };
}
