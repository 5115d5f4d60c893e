// From the cart to CareCloud's request bodies, and CareCloud's preview back to minor
// units. Amounts become JSON numbers only here, at the boundary.
import type { components, operations } from '../carecloud/api-types.ts';
import { currencyDecimals, fromMinorUnits, sumMinorUnits, toMinorUnits, type MinorUnits } from '../money.ts';
import { cartTotals, type Cart, type CartTotals } from './cart.ts';
import type { ClosingBill } from './send-purchase.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type AcceptPaymentBody = Json<operations['postPurchaseAcceptPayment']['requestBody']>;
export type AcceptedPayment = components['schemas']['AcceptedPayment'];
type Bill = components['schemas']['Bill'];
type BillItem = components['schemas']['BillItem'];
type PaymentRecap = components['schemas']['PaymentRecap'];

/** Who buys, and the benefits the cashier asked for. */
export interface BenefitAsk {
  customer: { customerId: string; cardNumber: string | null } | null;
  voucherCodes: string[];
  /** Most points to pay with; `max` asks CareCloud for as many as this bill allows. */
  points: number | 'max';
  /** Most credit to pay with, in minor units; `max` as above. */
  credit: MinorUnits | 'max';
  /**
   * A loyalty card scanned while CareCloud could not say whose it is: sent as `card_number`, so CareCloud credits its
   * owner.
   */
  unidentifiedCard?: string;
}

/** Where the sale happens, as CareCloud names it. */
export interface SalePlace {
  storeId: string;
  cashdesk: number;
  /** CareCloud's `currency_id` of the cart's currency. */
  currencyId: string;
  purchaseTypeId: string;
  /** CareCloud's purchase item type ids by the catalogue's names for them (a `text_id` or the id itself). */
  itemTypeIds: Readonly<Record<string, string>>;
  /** Operator name for `created_by`. */
  createdBy: string;
}

/** S/A/C/D: A collects points and applies overall discounts; C is the only way to pay with credit. */
export function loyaltyPaymentType(ask: BenefitAsk): 'A' | 'C' {
  return ask.credit === 'max' || ask.credit > 0 ? 'C' : 'A';
}

function money(minor: MinorUnits, currency: string): number {
  return fromMinorUnits(minor, currencyDecimals(currency));
}

export class UnknownItemTypeError extends Error {
  override name = 'UnknownItemTypeError';
}

/** CareCloud's `type_id` for a line's item type, as the catalogue names it. */
export function itemTypeId(place: SalePlace, named: string): string {
  const id = Object.hasOwn(place.itemTypeIds, named) ? place.itemTypeIds[named] : undefined;
  if (id === undefined) throw new UnknownItemTypeError(`CareCloud has no purchase item type "${named}"`);
  return id;
}

export function billItems(cart: Cart, place: SalePlace, totals: CartTotals = cartTotals(cart)): BillItem[] {
  return cart.lines.map((line, i) => {
    const amounts = totals.lines[i]!;
    return {
      plu_ids: [{ list_code: line.pluList, code: line.plu }],
      plu_name: line.name,
      vat_rate: line.vatRate,
      quantity: line.quantity,
      price: money(amounts.priceMinor, cart.currency),
      paid_amount: money(amounts.paidMinor, cart.currency),
      bill_item_id: line.lineId,
      loyalty_off: line.loyaltyOff,
      purchase_item_type_id: itemTypeId(place, line.purchaseItemTypeId),
    };
  });
}

/** The cart as a bill CareCloud only looks at (accept-payment, recommended-best-rewards); nothing is stored. */
export function previewBill(cart: Cart, place: SalePlace, previewBillId: string, paymentTime: string): Bill {
  const totals = cartTotals(cart);
  return {
    bill_id: previewBillId,
    payment_time: paymentTime,
    created_by: place.createdBy,
    currency_id: place.currencyId,
    total_price: money(totals.totalMinor, cart.currency),
    bill_items: billItems(cart, place, totals),
  };
}

/** accept-payment for the cart; `previewBillId` only names the preview, nothing is stored. */
export function acceptPaymentBody(
  cart: Cart,
  ask: BenefitAsk,
  place: SalePlace,
  previewBillId: string,
  paymentTime: string,
): AcceptPaymentBody {
  const body: AcceptPaymentBody = {
    store_id: place.storeId,
    cashdesk_number: place.cashdesk,
    payment_type: loyaltyPaymentType(ask),
    bill: previewBill(cart, place, previewBillId, paymentTime),
  };
  if (ask.customer) {
    body.customer_id = ask.customer.customerId;
    if (ask.customer.cardNumber) body.card_number = ask.customer.cardNumber;
  } else if (ask.unidentifiedCard) body.card_number = ask.unidentifiedCard;
  if (ask.voucherCodes.length > 0) body.benefit_codes = [...ask.voucherCodes];
  // A points ceiling only when a customer can pay with them; `max` is bounded by CareCloud itself.
  if (ask.customer && ask.points !== 0) body.max_points = ask.points === 'max' ? 1_000_000_000 : ask.points;
  if (ask.customer && ask.credit !== 'max' && ask.credit > 0)
    body.max_credit = money(ask.credit, cart.currency);
  return body;
}

export interface LineDiscount {
  lineId: string;
  code: string | null;
  description: string | null;
  percent: number | null;
  discountMinor: MinorUnits;
}

export interface AppliedVoucher {
  code: string;
  name: string | null;
  percent: number | null;
  discountMinor: MinorUnits;
  /** Accepted offline from the pre-synced list: CareCloud checks it when the sale replays. */
  unverified?: boolean;
}

/** What CareCloud would give this bill, in minor units, and what is left to pay. */
export interface BenefitPreview {
  totalMinor: MinorUnits;
  lineDiscounts: LineDiscount[];
  discountMinor: MinorUnits;
  vouchers: AppliedVoucher[];
  vouchersMinor: MinorUnits;
  pointsUsed: number;
  pointsMoneyMinor: MinorUnits;
  creditMinor: MinorUnits;
  pointsEarned: number;
  /** The customer's points after this purchase, when CareCloud says. */
  pointsAfter: number | null;
  creditAfterMinor: MinorUnits | null;
  toPayMinor: MinorUnits;
  messages: string[];
}

export class PreviewAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewAnswerError';
  }
}

function amount(value: unknown, currency: string, what: string): MinorUnits {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new PreviewAnswerError(`CareCloud sent an impossible ${what}`);
  return toMinorUnits(value, currencyDecimals(currency));
}

function count(value: unknown, what: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new PreviewAnswerError(`CareCloud sent an impossible ${what}`);
  return value;
}

function list<T>(value: T[] | undefined, what: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null))
    throw new PreviewAnswerError(`CareCloud sent an impossible list of ${what}`);
  return value;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads accept-payment's answer for this cart; anything that does not add up is refused, not shown. */
export function readPreview(cart: Cart, answer: AcceptedPayment | undefined): BenefitPreview {
  const totals = cartTotals(cart);
  if (answer !== undefined && (typeof answer !== 'object' || answer === null || Array.isArray(answer)))
    throw new PreviewAnswerError('CareCloud sent no preview');
  const data = answer ?? {};
  const lineIds = new Set(cart.lines.map((l) => l.lineId));
  const lineDiscounts: LineDiscount[] = list(data.recommended_discounts, 'discounts').map((d) => {
    if (!lineIds.has(d.bill_item_id))
      throw new PreviewAnswerError('CareCloud discounted a line the bill does not have');
    return {
      lineId: d.bill_item_id,
      code: optionalText(d.discount_code),
      description: optionalText(d.description),
      percent: typeof d.discount_percent === 'number' ? d.discount_percent : null,
      discountMinor: amount(d.discount_value, cart.currency, 'discount'),
    };
  });
  const vouchers: AppliedVoucher[] = list(data.vouchers, 'vouchers').map((v) => ({
    code: optionalText(v.code) ?? '',
    name: optionalText(v.name),
    percent: typeof v.discount_percent === 'number' ? v.discount_percent : null,
    discountMinor: amount(v.discount_value, cart.currency, 'voucher value'),
  }));
  const discountMinor = sumMinorUnits(lineDiscounts.map((d) => d.discountMinor));
  const vouchersMinor = sumMinorUnits(vouchers.map((v) => v.discountMinor));
  const pointsMoneyMinor = amount(data.price_of_credit_points, cart.currency, 'points value');
  const creditMinor = amount(data.credit, cart.currency, 'credit');
  const benefits = sumMinorUnits([discountMinor, vouchersMinor, pointsMoneyMinor, creditMinor]);
  if (benefits > totals.totalMinor)
    throw new PreviewAnswerError('CareCloud offered more benefits than the bill costs');
  return {
    totalMinor: totals.totalMinor,
    lineDiscounts,
    discountMinor,
    vouchers,
    vouchersMinor,
    pointsUsed: count(data.credit_points, 'number of points'),
    pointsMoneyMinor,
    creditMinor,
    pointsEarned: count(data.credit_points_of_this_transaction, 'number of points'),
    pointsAfter:
      data.total_credit_points === undefined ? null : count(data.total_credit_points, 'number of points'),
    creditAfterMinor:
      data.total_credit === undefined ? null : amount(data.total_credit, cart.currency, 'credit'),
    toPayMinor: totals.totalMinor - benefits,
    messages: list(data.messages, 'messages')
      .map((m) => optionalText(m.text) ?? '')
      .filter((t) => t !== ''),
  };
}

/** A preview of a bill with no benefits at all: what an anonymous or offline sale costs. */
export function plainPreview(cart: Cart): BenefitPreview {
  const { totalMinor } = cartTotals(cart);
  return {
    totalMinor,
    lineDiscounts: [],
    discountMinor: 0,
    vouchers: [],
    vouchersMinor: 0,
    pointsUsed: 0,
    pointsMoneyMinor: 0,
    creditMinor: 0,
    pointsEarned: 0,
    pointsAfter: null,
    creditAfterMinor: null,
    toPayMinor: totalMinor,
    messages: [],
  };
}

/** The bill line that carries a cash payment's rounding, so the bill adds up to what was paid. */
export const CASH_ROUNDING_LINE_ID = 'cash-rounding';

function roundingItem(cart: Cart, place: SalePlace, roundingMinor: MinorUnits): BillItem {
  return {
    plu_ids: [{ list_code: 'PLU', code: 'ROUNDING' }],
    plu_name: 'Cash rounding',
    vat_rate: 0,
    quantity: 1,
    price: money(roundingMinor, cart.currency),
    paid_amount: money(roundingMinor, cart.currency),
    bill_item_id: CASH_ROUNDING_LINE_ID,
    loyalty_off: true,
    // The bill's own item type: whatever ids the project uses, this one exists.
    purchase_item_type_id: itemTypeId(place, cart.lines[0]!.purchaseItemTypeId),
  };
}

/**
 * send-purchase's bill without bill_id and payment_time, which the journal fixes. A cash
 * rounding (minor units, negative when rounded down) adds its own line outside loyalty,
 * so `total_price` is what the customer paid before the benefits in `payment_recap`.
 */
export function finalBill(
  cart: Cart,
  ask: BenefitAsk,
  preview: BenefitPreview,
  place: SalePlace,
  cashRoundingMinor: MinorUnits = 0,
): ClosingBill {
  const totals = cartTotals(cart);
  if (!Number.isSafeInteger(cashRoundingMinor))
    throw new PreviewAnswerError('A cash rounding is whole minor units');
  if (preview.totalMinor !== totals.totalMinor)
    throw new PreviewAnswerError('The preview is for another bill');
  const recap: PaymentRecap = {};
  if (preview.pointsUsed > 0) recap.credit_points = preview.pointsUsed;
  if (preview.creditMinor > 0) recap.amount_for_credit = money(preview.creditMinor, cart.currency);
  if (preview.vouchers.length > 0) {
    recap.vouchers = preview.vouchers.map((v) => ({
      code: v.code,
      ...(v.name ? { name: v.name } : {}),
      discount_value: money(v.discountMinor, cart.currency),
      ...(v.percent !== null ? { discount_percent: v.percent } : {}),
    }));
  }
  if (preview.lineDiscounts.length > 0) {
    recap.recommended_discounts = preview.lineDiscounts.map((d) => ({
      bill_item_id: d.lineId,
      discount_value: money(d.discountMinor, cart.currency),
      ...(d.code ? { discount_code: d.code } : {}),
      ...(d.percent !== null ? { discount_percent: d.percent } : {}),
      ...(d.description ? { description: d.description } : {}),
    }));
  }
  return {
    purchase_type_id: place.purchaseTypeId,
    payment_type: preview.creditMinor > 0 ? 'C' : loyaltyPaymentType({ ...ask, credit: 0 }),
    created_by: place.createdBy,
    currency_id: place.currencyId,
    total_price: money(totals.totalMinor + cashRoundingMinor, cart.currency),
    bill_items:
      cashRoundingMinor === 0
        ? billItems(cart, place, totals)
        : [...billItems(cart, place, totals), roundingItem(cart, place, cashRoundingMinor)],
    ...(Object.keys(recap).length > 0 ? { payment_recap: recap } : {}),
  };
}
