// Purchases: preview (accept-payment, persists nothing), closure (send-purchase, exactly
// once per bill_id), cancellation, recommendations, history and payment summaries.
import { evaluate, resolveParties, type Evaluation } from '../checkout.ts';
import { invalid, resourceNotFound } from '../errors.ts';
import { listReply, matches } from '../listing.ts';
import type { Purchase } from '../model.ts';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.ts';
import type { Project } from '../project.ts';
import { parseLocalDateTime } from '../time.ts';
import { text, wirePurchase, wireVoucher } from '../wire.ts';
import { bodyOf, bool, changed, ok, str, type Handler, type HandlerContext } from './context.ts';
import { referencedCustomer } from '../customer-reference.ts';

function wirePaymentVouchers(evaluation: Evaluation, lang: 'cs' | 'en') {
  return evaluation.vouchers.map((v) => {
    const out: { code: string; name: string; discount_value: number; discount_percent?: number } = {
      code: v.voucher.code,
      name: text(v.reward.name, lang),
      discount_value: fromMinorUnits(v.discountMinor),
    };
    if (v.reward.benefit.kind === 'percent') out.discount_percent = v.reward.benefit.amount;
    return out;
  });
}

export const postPurchaseAcceptPayment: Handler = (ctx) => {
  const body = bodyOf<'postPurchaseAcceptPayment'>(ctx);
  const parties = resolveParties(ctx.project, body);
  const evaluation = evaluate(
    ctx.project,
    parties,
    {
      paymentType: body.payment_type,
      codes: body.benefit_codes ?? [],
      points: body.max_points ?? 0,
      creditMinor: body.max_credit === undefined ? null : toMinorUnits(body.max_credit),
      mode: 'propose',
    },
    ctx.settings,
  );
  return ok({
    recommended_discounts: evaluation.discounts,
    credit_points: evaluation.pointsUsed,
    price_of_credit_points: fromMinorUnits(evaluation.pointsMoneyMinor),
    credit: fromMinorUnits(evaluation.creditMinor),
    vouchers: wirePaymentVouchers(evaluation, ctx.lang),
    credit_points_of_this_transaction: evaluation.earnedPoints,
    total_credit_points: evaluation.pointsAfter,
    total_credit: fromMinorUnits(evaluation.creditsAfterMinor),
    messages: evaluation.messages.map((m) => ({ text: text(m, ctx.lang) })),
  });
};

export const postPurchaseSend: Handler = (ctx) => {
  const body = bodyOf<'postPurchaseSend'>(ctx);
  const { project } = ctx;
  const bill = body.bill;
  // First: a replay of a closure that already landed must learn exactly that.
  if (project.purchaseByBillId(bill.bill_id))
    throw invalid(
      'bill_id',
      'already_exists',
      bill.bill_id,
      'A purchase with this bill_id was already received.',
    );
  if (!project.data.purchase_types.some((t) => t.id === bill.purchase_type_id)) {
    throw invalid(
      'purchase_type_id',
      'not_allowed_value',
      bill.purchase_type_id,
      'No purchase type with this id.',
    );
  }
  if (bill.canceled) return cancel(ctx);
  const parties = resolveParties(project, body);
  const recap = bill.payment_recap ?? {};
  const evaluation = evaluate(
    project,
    parties,
    {
      paymentType: bill.payment_type,
      codes: (recap.vouchers ?? []).map((v) => v.code).filter((c): c is string => typeof c === 'string'),
      points: recap.credit_points ?? 0,
      creditMinor: recap.amount_for_credit === undefined ? 0 : toMinorUnits(recap.amount_for_credit),
      mode: 'settle',
    },
    ctx.settings,
  );
  const purchaseId = project.nextId('purchase');
  const at = parties.facts.at;
  const customerId = parties.customer?.customer_id ?? null;
  project.addPurchase({
    purchase_id: purchaseId,
    bill_id: bill.bill_id,
    bill_number: bill.bill_number ?? null,
    canceled: false,
    canceled_by: null,
    store_id: parties.store.store_id,
    cashdesk_number: body.cashdesk_number,
    customer_id: customerId,
    card_number: parties.card?.card_number ?? null,
    type_id: bill.purchase_type_id,
    payment_type: bill.payment_type,
    currency_id: parties.currency.currency_id,
    total_minor: parties.facts.totalMinor,
    payment_time: at,
    items: parties.items,
    earned_points: evaluation.earnedPoints,
    used_points: evaluation.pointsUsed,
    voucher_points: evaluation.voucherPoints,
    used_credits_minor: evaluation.creditMinor,
    voucher_uses: evaluation.vouchers.map((v) => ({
      voucher_id: v.voucher.voucher_id,
      code: v.voucher.code,
      discount_minor: v.discountMinor,
      gift: v.reward.benefit.kind === 'gift',
    })),
    last_change: ctx.now,
  });
  if (customerId) {
    project.addLedger({
      customer_id: customerId,
      kind: 'points',
      amount: -(evaluation.pointsUsed + evaluation.voucherPoints),
      currency_id: null,
      at,
      purchase_id: purchaseId,
    });
    project.addLedger({
      customer_id: customerId,
      kind: 'points',
      amount: evaluation.earnedPoints,
      currency_id: null,
      at,
      purchase_id: purchaseId,
    });
    project.addLedger({
      customer_id: customerId,
      kind: 'credits',
      amount: -evaluation.creditMinor,
      currency_id: parties.currency.currency_id,
      at,
      purchase_id: purchaseId,
    });
  }
  for (const used of evaluation.vouchers) {
    // A gift card keeps its balance; its applied_date is its last use, as for any voucher its use.
    if (used.reward.benefit.kind === 'gift')
      used.voucher.balance_minor = (used.voucher.balance_minor ?? 0) - used.discountMinor;
    used.voucher.applied_date = at;
    used.voucher.last_change = ctx.now;
  }
  return changed({ purchase_id: purchaseId }, 201);
};

/**
 * A cancellation names the original bill in bill_number and reverses what it did. It is
 * checked only for what it adds: the card may have been blocked since the sale.
 */
function cancel(ctx: HandlerContext): ReturnType<Handler> {
  const { project } = ctx;
  const body = bodyOf<'postPurchaseSend'>(ctx);
  const bill = body.bill;
  const store = project.store(body.store_id);
  if (!store) throw invalid('store_id', 'not_found', body.store_id, 'No store with this id.');
  const at = parseLocalDateTime(bill.payment_time);
  if (!at)
    throw invalid(
      'payment_time',
      'invalid_value_format',
      bill.payment_time,
      'payment_time must be YYYY-MM-DD HH:MM:SS.',
    );
  if (bill.bill_number === undefined || bill.bill_number === '')
    throw invalid('bill_number', 'required', '', 'A cancellation names the original bill_id in bill_number.');
  const original = project.purchaseByBillId(bill.bill_number);
  if (!original)
    throw invalid('bill_number', 'not_found', bill.bill_number, 'No purchase with this bill_id to cancel.');
  if (original.canceled)
    throw invalid('bill_number', 'not_allowed_value', bill.bill_number, 'A cancellation cannot be canceled.');
  if (original.canceled_by !== null)
    throw invalid(
      'bill_number',
      'already_exists',
      bill.bill_number,
      `The purchase was already canceled by ${original.canceled_by}.`,
    );
  const purchaseId = project.nextId('purchase');
  const customerId = original.customer_id;
  if (customerId) {
    project.addLedger({
      customer_id: customerId,
      kind: 'points',
      amount: -original.earned_points,
      currency_id: null,
      at,
      purchase_id: purchaseId,
    });
    project.addLedger({
      customer_id: customerId,
      kind: 'points',
      amount: original.used_points + original.voucher_points,
      currency_id: null,
      at,
      purchase_id: purchaseId,
    });
    project.addLedger({
      customer_id: customerId,
      kind: 'credits',
      amount: original.used_credits_minor,
      currency_id: original.currency_id,
      at,
      purchase_id: purchaseId,
    });
  }
  for (const use of original.voucher_uses) {
    const voucher = project.voucher(use.voucher_id);
    if (!voucher) continue;
    if (use.gift) {
      voucher.balance_minor = (voucher.balance_minor ?? 0) + use.discount_minor;
      // Whole again means never used; otherwise an earlier use still stands.
      if (voucher.original_minor !== null && voucher.balance_minor >= voucher.original_minor)
        voucher.applied_date = null;
    } else voucher.applied_date = null;
    voucher.last_change = ctx.now;
  }
  original.canceled_by = bill.bill_id;
  original.last_change = ctx.now;
  project.addPurchase({
    ...original,
    purchase_id: purchaseId,
    bill_id: bill.bill_id,
    bill_number: original.bill_id,
    canceled: true,
    canceled_by: null,
    cashdesk_number: body.cashdesk_number,
    store_id: store.store_id,
    payment_time: at,
    earned_points: 0,
    used_points: 0,
    voucher_points: 0,
    used_credits_minor: 0,
    voucher_uses: [],
    last_change: ctx.now,
  });
  return changed({ purchase_id: purchaseId }, 201);
}

export const postPurchaseRecommendedRewards: Handler = (ctx) => {
  const body = bodyOf<'postPurchaseRecommendedRewards'>(ctx);
  const parties = resolveParties(ctx.project, body);
  const available = parties.customer ? ctx.project.availablePoints(parties.customer.customer_id) : 0;
  const storeId = parties.store.store_id;
  const rewards = ctx.project.data.rewards.filter((r) => {
    if (r.state !== 1 || (r.store_ids.length > 0 && !r.store_ids.includes(storeId))) return false;
    if (body.reward_list_type === 'A') return true;
    if (r.is_automated || r.benefit.kind === 'gift') return false;
    if (body.reward_list_type === 'F') return true;
    // Condensed: only what this bill and this customer can actually use.
    const b = r.benefit;
    return (
      parties.facts.eligibleMinor > 0 &&
      parties.facts.totalMinor >= b.min_purchase_minor &&
      (b.kind === 'percent' || b.currency_id === parties.currency.currency_id) &&
      available >= r.points_cost
    );
  });
  const rows = rewards
    .sort((a, b) => a.priority - b.priority)
    .map((r) => ({
      code: r.code,
      name: text(r.name, ctx.lang),
      reward_priority: r.priority as 1,
      max_count: r.points_cost === 0 ? 1 : Math.floor(available / r.points_cost),
      description: text(r.note, ctx.lang),
    }));
  return ok({ recommended_best_rewards: rows, total_items: rows.length });
};

function purchaseRows(ctx: HandlerContext): Purchase[] {
  const q = ctx.query;
  const from = str(q, 'payment_time_from');
  const to = str(q, 'payment_time_to');
  const bounds = [from, to].map((raw, i) => {
    if (raw === undefined) return undefined;
    const parsed = parseLocalDateTime(raw);
    if (!parsed)
      throw invalid(i === 0 ? 'payment_time_from' : 'payment_time_to', 'invalid_value_format', raw);
    return parsed;
  });
  return ctx.project.data.purchases.filter(
    (p) =>
      matches(p.store_id, str(q, 'store_id')) &&
      matches(p.customer_id ?? undefined, str(q, 'customer_id')) &&
      matches(p.type_id, str(q, 'type_id')) &&
      matches(p.bill_id, str(q, 'external_purchase_id')) &&
      (bounds[0] === undefined || p.payment_time >= bounds[0]) &&
      (bounds[1] === undefined || p.payment_time <= bounds[1]),
  );
}

export const getPurchases: Handler = (ctx) => {
  const withItems = bool(ctx.query, 'purchase_items_extension') === true;
  return listReply(
    'purchases',
    purchaseRows(ctx).map((p) => wirePurchase(p, withItems)),
    ctx.query,
    ctx.sortable,
  );
};

function pathPurchase(project: Project, ctx: HandlerContext): Purchase {
  const id = ctx.params.purchase_id ?? '';
  const purchase = project.purchase(id);
  if (!purchase) throw resourceNotFound('purchases', id);
  return purchase;
}

export const getPurchase: Handler = (ctx) => ok(wirePurchase(pathPurchase(ctx.project, ctx), true));

export const getPurchasePaymentSummary: Handler = (ctx) => {
  const purchase = pathPurchase(ctx.project, ctx);
  const used = purchase.voucher_uses
    .map((u) => ctx.project.voucher(u.voucher_id))
    .filter((v) => v !== undefined);
  return ok({
    earned_points: purchase.earned_points,
    used_credits: fromMinorUnits(purchase.used_credits_minor),
    used_points: purchase.used_points,
    used_points_total: purchase.used_points + purchase.voucher_points,
    used_vouchers: used.map((v) => wireVoucher(ctx.project, v, ctx.lang)),
  });
};

/**
 * A customer given to a purchase after it closed: the purchase must exist in this store, be
 * neither cancelled nor anyone's yet; the customer then collects what the store's rule gives
 * for what the purchase paid (its vouchers' discounts earn nothing), as a closure with the
 * customer would have.
 */
export const postPurchaseAssignCustomer: Handler = (ctx) => {
  const body = bodyOf<'postPurchaseAssignCustomer'>(ctx);
  const { project } = ctx;
  if (body.customer_id === undefined && body.card_number === undefined)
    throw invalid('customer_id', 'required', null, 'customer_id or card_number is required.');
  const store = project.store(body.store_id);
  if (!store) throw invalid('store_id', 'not_found', body.store_id, 'No store with this id.');
  const purchase = project.purchaseByBillId(body.external_purchase_id);
  if (!purchase || purchase.store_id !== store.store_id)
    throw invalid(
      'external_purchase_id',
      'not_found',
      body.external_purchase_id,
      'No purchase with this id in this store.',
    );
  if (purchase.canceled || purchase.canceled_by !== null)
    throw invalid(
      'external_purchase_id',
      'not_allowed_value',
      body.external_purchase_id,
      'The purchase was cancelled.',
    );
  if (purchase.customer_id !== null)
    throw invalid(
      'external_purchase_id',
      'relation_already_exists',
      body.external_purchase_id,
      'The purchase already belongs to a customer.',
    );
  let cardNumber: string | null = null;
  let customerId = body.customer_id;
  if (body.card_number !== undefined) {
    const card = project.cardByNumber(body.card_number);
    if (!card) throw invalid('card_number', 'not_found', body.card_number, 'No card with this number.');
    if (card.state === 0)
      throw invalid('card_number', 'card_is_blocked', body.card_number, 'The card is blocked.');
    if (card.customer_id === null || (customerId !== undefined && card.customer_id !== customerId))
      throw invalid(
        'card_number',
        'not_allowed_value',
        body.card_number,
        'The card belongs to no customer or to another one.',
      );
    customerId = card.customer_id;
    cardNumber = card.card_number;
  }
  const customer = referencedCustomer(project, customerId!);
  const status = project.data.statuses.find((s) => s.status_id === customer.status_id) ?? null;
  let earned = 0;
  if (status?.collection_points && purchase.payment_type !== 'D') {
    const currency = project.data.currencies.find((c) => c.currency_id === purchase.currency_id);
    const storeRate =
      project.data.currencies.find((c) => c.currency_id === store.currency_id)?.rate_to_base ??
      currency?.rate_to_base ??
      1;
    const eligible = purchase.items.filter((i) => !i.loyalty_off).reduce((sum, i) => sum + i.paid_minor, 0);
    const benefits =
      purchase.voucher_uses.reduce((sum, v) => sum + v.discount_minor, 0) + purchase.used_credits_minor;
    const base = Math.max(0, eligible - benefits) * (currency?.rate_to_base ?? 1);
    earned = Math.floor(base / (store.earning.per_minor * storeRate)) * store.earning.points;
  }
  purchase.customer_id = customer.customer_id;
  purchase.card_number = cardNumber;
  purchase.earned_points = earned;
  purchase.last_change = ctx.now;
  project.addLedger({
    customer_id: customer.customer_id,
    kind: 'points',
    amount: earned,
    currency_id: null,
    at: ctx.now,
    purchase_id: purchase.purchase_id,
  });
  return changed(undefined, 204);
};
