// Whether a voucher may be used on a bill, and what it takes off. Every refusal is one of
// the purchase reason codes CareCloud documents, always on the `benefit_codes` parameter.
import { invalid } from './errors.ts';
import type { PurchaseItem, Reward, Store, Voucher } from './model.ts';
import type { Project } from './project.ts';
import { timeOfDay } from './time.ts';

export interface BillFacts {
  store: Store;
  customerId: string | null;
  /** Project-local payment time of the bill. */
  at: string;
  currencyId: string;
  totalMinor: number;
  /** What vouchers may discount: items not marked `loyalty_off`. */
  eligibleMinor: number;
  /** The bill's items; null outside a purchase, where product rules are not checked. */
  items: PurchaseItem[] | null;
}

export function refuse(code: string, reason: string, message: string): never {
  throw invalid('benefit_codes', reason, code, message);
}

export function voucherByCode(project: Project, code: string): Voucher {
  const voucher = project.voucherByCode(code);
  if (!voucher || voucher.state === 0) refuse(code, 'not_found', `No voucher with code ${code}.`);
  return voucher;
}

export function rewardOf(project: Project, voucher: Voucher): Reward {
  const reward = project.reward(voucher.reward_id);
  if (!reward) refuse(voucher.code, 'voucher_invalid_type_of_usage', 'The voucher has no reward behind it.');
  return reward;
}

/** Whether the voucher can be used in this store (its own and its reward's restriction). */
export function usableInStore(project: Project, voucher: Voucher, storeId: string): boolean {
  if (voucher.store_id !== null && voucher.store_id !== storeId) return false;
  const reward = project.reward(voucher.reward_id);
  return !reward || reward.store_ids.length === 0 || reward.store_ids.includes(storeId);
}

export function isSpent(project: Project, voucher: Voucher): boolean {
  const reward = project.reward(voucher.reward_id);
  return reward?.benefit.kind === 'gift' ? (voucher.balance_minor ?? 0) <= 0 : voucher.applied_date !== null;
}

/** Throws the documented reason when the voucher cannot be used on this bill. */
export function checkVoucher(project: Project, voucher: Voucher, bill: BillFacts): Reward {
  const code = voucher.code;
  const reward = rewardOf(project, voucher);
  if (voucher.state !== 1) refuse(code, 'voucher_invalid_type_of_usage', 'The voucher is not active.');
  if (isSpent(project, voucher)) refuse(code, 'voucher_already_used', 'The voucher was already used.');
  if (voucher.valid_to < bill.at)
    refuse(code, 'voucher_expired', `The voucher expired on ${voucher.valid_to}.`);
  if (voucher.valid_from > bill.at)
    refuse(code, 'voucher_cant_be_applied_by_date', `The voucher is valid from ${voucher.valid_from}.`);
  if (reward.valid_time_from && reward.valid_time_to) {
    const time = timeOfDay(bill.at);
    if (time < reward.valid_time_from || time > reward.valid_time_to) {
      refuse(
        code,
        'voucher_cant_be_applied_by_time',
        `The voucher is valid between ${reward.valid_time_from} and ${reward.valid_time_to}.`,
      );
    }
  }
  if (reward.valid_weekdays && !reward.valid_weekdays.includes(weekday(bill.at))) {
    refuse(
      code,
      'voucher_cant_be_applied_by_validity_days',
      'The voucher is not valid on this day of the week.',
    );
  }
  if (
    reward.status_ids &&
    !reward.status_ids.includes(project.customer(bill.customerId ?? '')?.status_id ?? '')
  ) {
    refuse(code, 'voucher_cant_be_applied_by_segment', 'The voucher is for another group of customers.');
  }
  if (!voucher.bearer) {
    if (bill.customerId === null)
      refuse(
        code,
        'unauthorized_use_vouchers',
        'The voucher belongs to a customer; identify the customer first.',
      );
    if (voucher.customer_id !== bill.customerId)
      refuse(code, 'voucher_assigned_to_another_customer', 'The voucher belongs to another customer.');
  }
  // The voucher's own store binding and its reward's store list are two rules with two reasons.
  if (voucher.store_id !== null && voucher.store_id !== bill.store.store_id)
    refuse(code, 'voucher_not_allowed_in_store', 'The voucher was issued for another store.');
  if (!usableInStore(project, voucher, bill.store.store_id))
    refuse(code, 'voucher_cant_be_used_in_store', 'The reward cannot be used in this store.');
  if (reward.benefit.kind !== 'percent' && reward.benefit.currency_id !== bill.currencyId) {
    refuse(code, 'voucher_invalid_type_of_usage', 'The voucher is in another currency than the bill.');
  }
  if (bill.totalMinor < reward.benefit.min_purchase_minor) {
    refuse(
      code,
      'insufficient_amount_of_purchase',
      `The voucher needs a purchase of at least ${reward.benefit.min_purchase_minor / 100}.`,
    );
  }
  if (reward.benefit.kind !== 'gift' && bill.eligibleMinor <= 0)
    refuse(code, 'not_enough_items_for_voucher', 'No item on the bill may be discounted.');
  if (bill.items) {
    if (reward.condition && unitsOf(bill.items, reward.condition.plu) < reward.condition.count) {
      refuse(
        code,
        'voucher_condition_count_not_satisfied',
        `The bill needs ${reward.condition.count} of product ${reward.condition.plu}.`,
      );
    }
    if (reward.bonus && unitsOf(bill.items, reward.bonus.plu) < reward.bonus.count) {
      refuse(
        code,
        'voucher_bonus_count_not_satisfied',
        `The bill needs ${reward.bonus.count} of product ${reward.bonus.plu} for the voucher to discount.`,
      );
    }
  }
  return reward;
}

function unitsOf(items: PurchaseItem[], plu: string): number {
  return items.filter((i) => i.plu_code === plu && !i.loyalty_off).reduce((sum, i) => sum + i.quantity, 0);
}

/** Minor units of the bonus units on the bill (their unit price times the bonus count). */
function bonusMinor(items: PurchaseItem[], rule: { plu: string; count: number }): number {
  let left = rule.count;
  let minor = 0;
  for (const item of items) {
    if (item.plu_code !== rule.plu || item.loyalty_off || left <= 0) continue;
    const units = Math.min(left, item.quantity);
    minor += Math.round((item.paid_minor / item.quantity) * units);
    left -= units;
  }
  return minor;
}

/** 1 = Monday ... 7 = Sunday, of a project-local datetime. */
function weekday(local: string): number {
  const day = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Minor units the voucher takes off, given what is still to pay. */
export function voucherDiscount(
  voucher: Voucher,
  reward: Reward,
  bill: BillFacts,
  remainingMinor: number,
): number {
  const b = reward.benefit;
  const base = reward.bonus && bill.items ? bonusMinor(bill.items, reward.bonus) : bill.eligibleMinor;
  const raw =
    b.kind === 'gift'
      ? (voucher.balance_minor ?? 0)
      : b.kind === 'value'
        ? b.amount
        : Math.floor((base * b.amount) / 100);
  return Math.max(0, Math.min(raw, remainingMinor));
}
