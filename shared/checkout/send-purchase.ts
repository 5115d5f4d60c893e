// CareCloud's send-purchase (`POST /purchases/actions/send-purchase`): the one place its
// body is built, the cancellation made of it, and the one reader of a body kept in the journal.
import { z } from 'zod';
import type { operations } from '../carecloud/api-types.ts';

export type SendPurchaseBody = operations['postPurchaseSend']['requestBody']['content']['application/json'];
export type FinalBill = SendPurchaseBody['bill'];
/** The bill as the till closes it: bill_id and payment_time are fixed when it is journaled. */
export type ClosingBill = Omit<FinalBill, 'bill_id' | 'payment_time' | 'canceled'>;

/** Where and to whom a bill is sold. */
export interface SaleParty {
  storeId: string;
  cashdesk: number;
  customerId?: string;
  cardNumber?: string;
}

export function sendPurchaseBody(
  party: SaleParty,
  bill: ClosingBill,
  fixed: { billId: string; paymentTime: string },
): SendPurchaseBody {
  return {
    store_id: party.storeId,
    cashdesk_number: party.cashdesk,
    ...(party.customerId ? { customer_id: party.customerId } : {}),
    ...(party.cardNumber ? { card_number: party.cardNumber } : {}),
    bill: { ...bill, bill_id: fixed.billId, payment_time: fixed.paymentTime, canceled: false },
  };
}

export interface Cancellation {
  /** The `bill_id` of the purchase being cancelled; becomes `bill_number`. */
  originalBillId: string;
  /** A fresh `bill_id` for the cancellation itself, fixed before the first attempt. */
  cancellationBillId: string;
}

/**
 * CareCloud's cancellation of a purchase: the original body with only `canceled`, `bill_id`
 * and `bill_number` changed (payment_time, items, recap and all else stay the original's).
 */
export function cancellationBody(original: SendPurchaseBody, ids: Cancellation): SendPurchaseBody {
  return {
    ...original,
    bill: {
      ...original.bill,
      canceled: true,
      bill_id: ids.cancellationBillId,
      bill_number: ids.originalBillId,
    },
  };
}

// What the contract requires of a send-purchase body; other fields pass through unchecked.
const amount = z.number();
const billItem = z.looseObject({
  bill_item_id: z.string(),
  plu_ids: z.array(z.looseObject({ code: z.string(), list_code: z.string() })),
  plu_name: z.string(),
  quantity: amount,
  price: amount,
  paid_amount: amount,
  vat_rate: amount,
  loyalty_off: z.boolean(),
  purchase_item_type_id: z.string(),
});
const paymentRecap = z.looseObject({
  credit_points: amount.optional(),
  amount_for_credit: amount.optional(),
  vouchers: z
    .array(z.looseObject({ code: z.string().optional(), discount_value: amount.optional() }))
    .optional(),
  recommended_discounts: z
    .array(z.looseObject({ bill_item_id: z.string(), discount_value: amount.optional() }))
    .optional(),
});
const sendPurchaseSchema = z.looseObject({
  store_id: z.string(),
  cashdesk_number: amount,
  customer_id: z.string().optional(),
  card_number: z.string().optional(),
  bill: z.looseObject({
    bill_id: z.string(),
    bill_number: z.string().optional(),
    canceled: z.boolean(),
    currency_id: z.string(),
    payment_time: z.string(),
    payment_type: z.enum(['S', 'A', 'C', 'D']),
    purchase_type_id: z.string(),
    total_price: amount,
    bill_items: z.array(billItem),
    payment_recap: paymentRecap.optional(),
  }),
});

/**
 * A journal entry's stored body as the send-purchase body it was written as, or null when it
 * is not one (another kind of write, or a file changed behind the terminal's back).
 */
export function readSendPurchase(stored: unknown): SendPurchaseBody | null {
  // The body itself, unchanged, once it checks: a cancellation copies fields this does not name.
  return sendPurchaseSchema.safeParse(stored).success ? (stored as SendPurchaseBody) : null;
}
