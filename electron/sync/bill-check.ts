// What a bill must be before it is journaled: a journaled sale is sent until CareCloud
// takes it, so a bill CareCloud can never take (too big, negative money, a total that
// is not its lines) is refused here, with one sentence, and never enters the journal.
import { CASH_ROUNDING_LINE_ID } from '../../shared/checkout/bill.ts';
import { MAX_CART_LINES } from '../../shared/checkout/cart.ts';
import { InvalidInput } from '../domain/errors.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';

/** The serialized send-purchase request; well above a full cart, well below what CareCloud cuts off. */
export const MAX_BILL_BYTES = 512 * 1024;
/** A bill file given to `ccpos checkout` (it may be pretty-printed). */
export const MAX_BILL_FILE_BYTES = 1024 * 1024;

export class BillRefusedError extends InvalidInput {
  override name = 'BillRefusedError';
  constructor(problem: string) {
    super(problem, [{ name: 'cart', reason: 'invalid', message: problem }]);
  }
}

type Bill = SendPurchaseBody['bill'];

/** Amounts compared in thousandths, enough for every currency's minor unit. */
const milli = (amount: number) => Math.round(amount * 1000);
const money = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Null when the bill may be journaled, else why not. */
export function billProblem(body: SendPurchaseBody): string | null {
  const bill: Bill = body.bill;
  const items = bill.bill_items ?? [];
  if (items.length === 0) return 'A bill needs at least one item.';
  if (items.length > MAX_CART_LINES)
    return `A bill holds at most ${MAX_CART_LINES} items; this one has ${items.length}.`;
  const ids = new Set<string>();
  let paidMilli = 0;
  for (const item of items) {
    const name = `Item ${item.bill_item_id}`;
    if (ids.has(item.bill_item_id)) return `Two items share the bill_item_id ${item.bill_item_id}.`;
    ids.add(item.bill_item_id);
    if (!money(item.quantity) || item.quantity <= 0) return `${name}: the quantity must be more than 0.`;
    // A cash payment rounded down carries its rounding as a small negative line of its own.
    const rounding =
      item.bill_item_id === CASH_ROUNDING_LINE_ID &&
      item.loyalty_off &&
      item.price === item.paid_amount &&
      Math.abs(milli(item.price)) < 1000;
    if (!money(item.price) || (item.price < 0 && !rounding))
      return `${name}: the price must not be negative.`;
    if (!money(item.paid_amount) || (item.paid_amount < 0 && !rounding))
      return `${name}: the paid amount must not be negative.`;
    if (milli(item.paid_amount) > milli(item.price))
      return `${name}: the paid amount is more than its price.`;
    paidMilli += milli(item.paid_amount);
  }
  if (!money(bill.total_price) || bill.total_price < 0) return 'The bill total must not be negative.';
  if (milli(bill.total_price) !== paidMilli)
    return `The bill total ${bill.total_price} is not the sum of its items' paid amounts (${paidMilli / 1000}).`;
  const recap = bill.payment_recap;
  if (recap) {
    if (recap.credit_points !== undefined && (!money(recap.credit_points) || recap.credit_points < 0))
      return 'The points paid with must not be negative.';
    if (
      recap.amount_for_credit !== undefined &&
      (!money(recap.amount_for_credit) || recap.amount_for_credit < 0)
    )
      return 'The credit paid with must not be negative.';
    for (const voucher of recap.vouchers ?? [])
      if (
        voucher.discount_value !== undefined &&
        (!money(voucher.discount_value) || voucher.discount_value < 0)
      )
        return `Voucher${voucher.code ? ` ${voucher.code}` : ''}: its discount must not be negative.`;
    for (const discount of recap.recommended_discounts ?? [])
      if (
        discount.discount_value !== undefined &&
        (!money(discount.discount_value) || discount.discount_value < 0)
      )
        return `Item ${discount.bill_item_id}: its discount must not be negative.`;
  }
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > MAX_BILL_BYTES)
    return `The bill is ${Math.ceil(bytes / 1024)} KB; a bill may be at most ${MAX_BILL_BYTES / 1024} KB.`;
  return null;
}

export function checkBill(body: SendPurchaseBody): void {
  const problem = billProblem(body);
  if (problem) throw new BillRefusedError(problem);
}
