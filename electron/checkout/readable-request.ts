// A journaled send-purchase body as people read it, in minor units: the manager's queue
// and the till's recent sales show the same reading of the same request.
import type { ReadableRequest } from '../../shared/checkout/answers.ts';
import { currencyDecimals, toMinorUnits } from '../../shared/money.ts';
import type { JournalEntry } from '../journal/types.ts';
import { readSendPurchase } from '../../shared/checkout/send-purchase.ts';

/** A CareCloud amount in minor units, or null when the journal holds something else. */
export function minorOf(value: unknown, currency: string): number | null {
  if (typeof value !== 'number') return null;
  try {
    return toMinorUnits(value, currencyDecimals(currency));
  } catch {
    return null;
  }
}

export function readableRequest(entry: JournalEntry, currency: string): ReadableRequest {
  const minor = (value: unknown) => minorOf(value, currency);
  const body = readSendPurchase(entry.request.body);
  const bill = body?.bill;
  const recap = bill?.payment_recap;
  return {
    storeId: body?.store_id ?? null,
    cashdesk: body?.cashdesk_number ?? null,
    customerId: body?.customer_id ?? null,
    cardNumber: body?.card_number ?? null,
    billId: bill?.bill_id ?? null,
    cancels: bill?.canceled ? (bill.bill_number ?? null) : null,
    paymentTime: bill?.payment_time ?? null,
    paymentType: bill?.payment_type ?? null,
    totalMinor: minor(bill?.total_price),
    items: (bill?.bill_items ?? []).map((item) => ({
      lineId: item.bill_item_id,
      plu: item.plu_ids[0]?.code ?? '',
      name: item.plu_name,
      quantity: item.quantity,
      priceMinor: minor(item.price) ?? 0,
      paidMinor: minor(item.paid_amount) ?? 0,
      vatRate: item.vat_rate,
    })),
    vouchers: (recap?.vouchers ?? []).map((v) => ({
      code: v.code ?? '',
      discountMinor: minor(v.discount_value) ?? 0,
    })),
    pointsUsed: recap?.credit_points ?? 0,
    creditMinor: minor(recap?.amount_for_credit) ?? 0,
  };
}
