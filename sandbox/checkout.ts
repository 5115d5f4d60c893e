// The bill arithmetic behind accept-payment and send-purchase: who is buying where, which
// benefits apply, what they take off, and the points the purchase earns.
import { checkVoucher, refuse, voucherByCode, voucherDiscount, type BillFacts } from './benefits.ts';
import { invalid } from './errors.ts';
import type { Schemas } from './handlers/context.ts';
import { referencedCustomer } from './customer-reference.ts';
import type {
  Card,
  Currency,
  Customer,
  Localized,
  PurchaseItem,
  Reward,
  Status,
  Store,
  Voucher,
} from './model.ts';
import { toMinorUnits } from '../shared/money.ts';
import type { Project } from './project.ts';
import { parseLocalDateTime } from './time.ts';

export interface CheckoutRequest {
  store_id: string;
  cashdesk_number: number;
  card_number?: string;
  customer_id?: string;
  bill: Schemas['Bill'];
}

export interface Parties {
  store: Store;
  customer: Customer | null;
  card: Card | null;
  currency: Currency;
  status: Status | null;
  facts: BillFacts;
  items: PurchaseItem[];
}

export function resolveParties(project: Project, request: CheckoutRequest): Parties {
  const store = project.store(request.store_id);
  if (!store) throw invalid('store_id', 'not_found', request.store_id, 'No store with this id.');
  if (!store.cashdesks.includes(request.cashdesk_number))
    throw invalid(
      'cashdesk_number',
      'not_found',
      request.cashdesk_number,
      'The store has no such cash desk.',
    );
  let card: Card | null = null;
  let customer: Customer | null = null;
  if (request.card_number !== undefined) {
    card = project.cardByNumber(request.card_number) ?? null;
    if (!card) throw invalid('card_number', 'not_found', request.card_number, 'No card with this number.');
    if (card.state === 0)
      throw invalid('card_number', 'card_is_blocked', request.card_number, 'The card is blocked.');
    if (card.customer_id === null)
      throw invalid(
        'card_number',
        'not_allowed_value',
        request.card_number,
        'The card belongs to no customer.',
      );
    customer = project.customer(card.customer_id) ?? null;
    if (customer?.state === 0)
      throw invalid('customer_id', 'customer_was_deleted', card.customer_id, 'The customer was deleted.');
  }
  if (request.customer_id !== undefined) {
    const named = referencedCustomer(project, request.customer_id);
    if (customer && customer.customer_id !== named.customer_id)
      throw invalid(
        'card_number',
        'not_allowed_value',
        request.card_number,
        'The card belongs to another customer.',
      );
    customer = named;
  }
  const bill = request.bill;
  const currency = project.data.currencies.find((c) => c.currency_id === bill.currency_id);
  if (!currency) throw invalid('currency_id', 'not_found', bill.currency_id, 'No currency with this id.');
  const at = parseLocalDateTime(bill.payment_time);
  if (!at)
    throw invalid(
      'payment_time',
      'invalid_value_format',
      bill.payment_time,
      'payment_time must be YYYY-MM-DD HH:MM:SS.',
    );
  const seen = new Set<string>();
  const items: PurchaseItem[] = bill.bill_items.map((item) => {
    if (seen.has(item.bill_item_id))
      throw invalid(
        'bill_item_id',
        'already_exists',
        item.bill_item_id,
        'Two items share this bill_item_id.',
      );
    seen.add(item.bill_item_id);
    const price = toMinorUnits(item.price);
    const paid = toMinorUnits(item.paid_amount);
    // Only an adjustment line outside loyalty below one unit (a cash rounding) may be negative.
    const adjustment = item.loyalty_off && price === paid && Math.abs(price) < 100;
    if (price < 0 && !adjustment)
      throw invalid('price', 'not_allowed_value', item.price, 'An item price must not be negative.');
    if (paid < 0 && !adjustment)
      throw invalid(
        'paid_amount',
        'not_allowed_value',
        item.paid_amount,
        'A paid amount must not be negative.',
      );
    if (paid > price)
      throw invalid(
        'bill_item_id',
        'item_price_lower_than_paid_amount',
        item.bill_item_id,
        'The item price is lower than the paid amount.',
      );
    if (item.quantity <= 0)
      throw invalid('quantity', 'not_allowed_value', item.quantity, 'Quantity must be positive.');
    if (!project.purchaseItemTypes().some((t) => t.id === item.purchase_item_type_id)) {
      throw invalid(
        'purchase_item_type_id',
        'not_found',
        item.purchase_item_type_id,
        'No purchase item type with this id (GET /purchase-item-types).',
      );
    }
    return {
      bill_item_id: item.bill_item_id,
      plu_code: item.plu_ids[0]?.code ?? '',
      plu_name: item.plu_name,
      purchase_item_type_id: item.purchase_item_type_id,
      quantity: item.quantity,
      price_minor: price,
      paid_minor: paid,
      vat_rate: item.vat_rate,
      loyalty_off: item.loyalty_off,
    };
  });
  const totalMinor = toMinorUnits(bill.total_price);
  if (totalMinor < 0)
    throw invalid('total_price', 'not_allowed_value', bill.total_price, 'The total must not be negative.');
  if (totalMinor !== items.reduce((sum, i) => sum + i.paid_minor, 0))
    throw invalid(
      'total_price',
      'not_allowed_value',
      bill.total_price,
      "The total is not the sum of the items' paid amounts.",
    );
  const status = customer
    ? (project.data.statuses.find((s) => s.status_id === customer.status_id) ?? null)
    : null;
  const facts: BillFacts = {
    store,
    customerId: customer?.customer_id ?? null,
    at,
    currencyId: currency.currency_id,
    totalMinor,
    eligibleMinor: items.filter((i) => !i.loyalty_off).reduce((sum, i) => sum + i.paid_minor, 0),
    items,
  };
  return { store, customer, card, currency, status, facts, items };
}

export interface BenefitAsk {
  paymentType: 'S' | 'A' | 'C' | 'D';
  codes: string[];
  /** accept-payment: the most points to use; send-purchase: the points used. */
  points: number;
  /** Credits in minor units; null = as many as possible (accept-payment with type C). */
  creditMinor: number | null;
  /** send-purchase states what was used and is checked; accept-payment proposes. */
  mode: 'propose' | 'settle';
}

export interface AppliedVoucher {
  voucher: Voucher;
  reward: Reward;
  discountMinor: number;
}

export interface Evaluation {
  discounts: Schemas['DiscountItem'][];
  discountMinor: number;
  vouchers: AppliedVoucher[];
  pointsUsed: number;
  /** Points the vouchers themselves cost (cash-desk rewards). */
  voucherPoints: number;
  pointsMoneyMinor: number;
  creditMinor: number;
  earnedPoints: number;
  pointsAfter: number;
  creditsAfterMinor: number;
  /** What CareCloud tells the cashier, in each language it answers in. */
  messages: Localized[];
}

export interface CheckoutRules {
  maxVouchersPerBill: number;
  pointsMinPurchaseMinor: number;
}

export function evaluate(
  project: Project,
  parties: Parties,
  ask: BenefitAsk,
  rules: CheckoutRules,
): Evaluation {
  const maxVouchers = rules.maxVouchersPerBill;
  const { facts, customer, status, currency, items } = parties;
  const messages: Localized[] = [];
  let remaining = facts.totalMinor;

  // Overall (status) discounts only with payment types A and D.
  const discounts: Schemas['DiscountItem'][] = [];
  let discountMinor = 0;
  if (status && status.discount_percent > 0 && (ask.paymentType === 'A' || ask.paymentType === 'D')) {
    for (const item of items) {
      if (item.loyalty_off) continue;
      const value = Math.floor((item.paid_minor * status.discount_percent) / 100);
      if (value <= 0) continue;
      discounts.push({
        discount_code: status.text_id,
        discount_value: value / 100,
        discount_percent: status.discount_percent,
        description: status.name.cs,
        bill_item_id: item.bill_item_id,
      });
      discountMinor += value;
    }
    remaining -= Math.min(discountMinor, remaining);
  }

  if (ask.codes.length > maxVouchers)
    throw invalid(
      'benefit_codes',
      'max_number_of_voucher_exceeded',
      ask.codes.join(','),
      `At most ${maxVouchers} vouchers per bill.`,
    );
  const vouchers: AppliedVoucher[] = [];
  const seen = new Set<string>();
  for (const code of ask.codes) {
    if (seen.has(code)) refuse(code, 'voucher_already_applied', 'The voucher is already on this bill.');
    seen.add(code);
    const voucher = voucherByCode(project, code);
    const reward = checkVoucher(project, voucher, facts);
    const discount = voucherDiscount(voucher, reward, facts, remaining);
    remaining -= discount;
    vouchers.push({ voucher, reward, discountMinor: discount });
  }

  const balance = customer ? project.availablePoints(customer.customer_id) : 0;
  // Cash-desk (party time) rewards cost points when the voucher is used, before any points payment.
  let voucherPoints = 0;
  for (const v of vouchers) {
    if (v.reward.reward_group !== 0 || v.reward.points_cost <= 0) continue;
    voucherPoints += v.reward.points_cost;
    if (voucherPoints > balance)
      refuse(
        v.voucher.code,
        'not_enough_points_for_voucher',
        `The voucher costs ${v.reward.points_cost} points; the customer has ${balance}.`,
      );
  }
  const available = balance - voucherPoints;
  let pointsUsed = 0;
  let pointsMoneyMinor = 0;
  if (ask.points > 0) {
    if (!customer || !status?.payment_points)
      throw invalid(
        'max_points',
        'customer_cant_pay_by_points',
        ask.points,
        'This customer cannot pay with points.',
      );
    if (facts.totalMinor * currency.rate_to_base < rules.pointsMinPurchaseMinor) {
      throw invalid(
        'max_points',
        'points_min_amount_of_purchase',
        ask.points,
        'The purchase is too small to pay with points.',
      );
    }
    if (ask.mode === 'settle') {
      if (ask.points > available)
        throw invalid(
          'credit_points',
          'not_enough_points_for_payment',
          ask.points,
          `The customer has ${available} points.`,
        );
      pointsUsed = Math.floor(ask.points);
    } else {
      pointsUsed = Math.max(
        0,
        Math.min(
          Math.floor(ask.points),
          available,
          Math.floor(remaining / Math.max(1, currency.point_value_minor)),
        ),
      );
    }
    pointsMoneyMinor = Math.min(remaining, pointsUsed * currency.point_value_minor);
    remaining -= pointsMoneyMinor;
  }

  const credits = customer ? project.availableCredits(customer.customer_id, currency.currency_id) : 0;
  let creditMinor = 0;
  const wantsCredit = ask.paymentType === 'C' && (ask.mode === 'propose' || (ask.creditMinor ?? 0) > 0);
  if ((ask.creditMinor ?? 0) > 0 && ask.paymentType !== 'C' && ask.mode === 'settle') {
    throw invalid(
      'payment_type',
      'customer_cant_pay_by_credits',
      ask.paymentType,
      'Credits are used only with payment type C.',
    );
  }
  if (wantsCredit) {
    if (!customer || credits <= 0)
      throw invalid(
        'payment_type',
        'customer_cant_pay_by_credits',
        ask.paymentType,
        'The customer has no credits to pay with.',
      );
    if (ask.mode === 'settle') {
      if ((ask.creditMinor ?? 0) > credits)
        throw invalid(
          'payment_type',
          'customer_cant_pay_by_credits',
          ask.paymentType,
          `The customer has only ${credits / 100} in credits.`,
        );
      creditMinor = ask.creditMinor ?? 0;
    } else {
      creditMinor = Math.max(0, Math.min(ask.creditMinor ?? remaining, credits, remaining));
    }
  }

  let earnedPoints = 0;
  if (customer && status?.collection_points && ask.paymentType !== 'D') {
    const benefitsMinor =
      discountMinor + vouchers.reduce((s, v) => s + v.discountMinor, 0) + pointsMoneyMinor + creditMinor;
    // The rule is in the store's currency; a bill in another currency is converted through the base currency.
    const storeRate =
      project.data.currencies.find((c) => c.currency_id === parties.store.currency_id)?.rate_to_base ??
      currency.rate_to_base;
    const base = Math.max(0, facts.eligibleMinor - benefitsMinor) * currency.rate_to_base;
    const rule = parties.store.earning;
    earnedPoints = Math.floor(base / (rule.per_minor * storeRate)) * rule.points;
  } else if (!customer) {
    messages.push({
      cs: 'Anonymní nákup: body se nesbírají.',
      en: 'Anonymous purchase: no points are collected.',
    });
  }
  if (vouchers.length > 0) {
    const count = vouchers.length;
    messages.push({
      cs:
        count === 1
          ? 'Uplatněn 1 poukaz.'
          : count < 5
            ? `Uplatněny ${count} poukazy.`
            : `Uplatněno ${count} poukazů.`,
      en: count === 1 ? '1 voucher applied.' : `${count} vouchers applied.`,
    });
  }

  return {
    discounts,
    discountMinor,
    vouchers,
    pointsUsed,
    voucherPoints,
    pointsMoneyMinor,
    creditMinor,
    earnedPoints,
    pointsAfter: available - pointsUsed + earnedPoints,
    creditsAfterMinor: credits - creditMinor,
    messages,
  };
}
