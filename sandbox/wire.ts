// Project records in the contract's response shapes, names in the asked language.
import type { Lang, Schemas } from './handlers/context.ts';
import type { Card, Customer, Localized, Purchase, PurchaseItem, Reward, Store, Voucher } from './model.ts';
import { fromMinorUnits } from '../shared/money.ts';
import type { Project } from './project.ts';

export const text = (name: Localized, lang: Lang) => name[lang];

export function wireCustomer(c: Customer): Schemas['Customer'] {
  const info: Schemas['PersonalInformation'] = {
    first_name: c.first_name,
    last_name: c.last_name,
    language_id: c.language_id,
  };
  if (c.gender !== null) info.gender = c.gender as Schemas['PersonalInformation']['gender'];
  if (c.email) info.email = c.email;
  if (c.phone) info.phone = c.phone;
  if (c.birthdate) info.birthdate = c.birthdate;
  if (c.store_id) info.store_id = c.store_id;
  if (c.city) info.address = { city: c.city, country_code: 'CZ' };
  if (c.consents?.length) info.consents = c.consents.map((x) => ({ ...x }));
  return {
    customer_id: c.customer_id,
    personal_information: info,
    last_change: c.last_change,
    state: c.state,
  };
}

export function wireCard(c: Card): Schemas['Card'] {
  const card: Schemas['Card'] = {
    card_id: c.card_id,
    card_type_id: c.card_type_id,
    card_number: c.card_number,
    valid_from: c.valid_from,
    valid_to: c.valid_to,
    last_change: c.last_change,
    state: c.state,
  };
  if (c.customer_id) card.customer_id = c.customer_id;
  if (c.store_id) card.store_id = c.store_id;
  return card;
}

export function wireStore(s: Store, lang: Lang): Schemas['Store'] {
  return {
    store_id: s.store_id,
    store_code: s.store_code,
    name: text(s.name, lang),
    store_address: {
      address1: s.street,
      zip: s.zip,
      city: s.city,
      country_code: s.city === 'Bratislava' ? 'SK' : 'CZ',
    },
    contact_email: s.email,
    phone_number: s.phone,
    partner_id: s.partner_id,
    system_id: s.system_id,
    visibility_for_customer: s.visible,
    last_change: '2026-01-15 09:00:00',
    state: 1,
  };
}

export function wireReward(project: Project, r: Reward, lang: Lang): Schemas['Reward'] {
  const reward: Schemas['Reward'] = {
    reward_id: r.reward_id,
    code: r.code,
    name: text(r.name, lang),
    note: text(r.note, lang),
    points_cost: r.points_cost,
    reward_group: r.reward_group,
    reward_type_id: r.reward_type_id,
    store_list: r.store_ids
      .map((id) => project.store(id))
      .filter((s): s is Store => s !== undefined)
      .map((s) => wireStore(s, lang)),
    priority: r.priority as Schemas['Reward']['priority'],
    is_automated: r.is_automated,
    has_product_condition: r.condition !== null,
    has_product_bonus: r.bonus !== null,
    reward_product_relation_conditions: r.condition
      ? [{ related_to: 'product', count: r.condition.count }]
      : [],
    reward_product_relation_bonuses: r.bonus ? [{ related_to: 'product', count: r.bonus.count }] : [],
    last_change: r.last_change,
    state: r.state,
  };
  if (r.valid_time_from) reward.valid_time_from = r.valid_time_from;
  if (r.valid_time_to) reward.valid_time_to = r.valid_time_to;
  return reward;
}

/** A voucher's money value: the discount, or a gift card's balance. */
export function voucherValue(project: Project, v: Voucher): number {
  const reward = project.reward(v.reward_id);
  if (!reward) return 0;
  if (reward.benefit.kind === 'gift') return fromMinorUnits(v.balance_minor ?? 0);
  if (reward.benefit.kind === 'value') return fromMinorUnits(reward.benefit.amount);
  return 0;
}

export function wireVoucher(project: Project, v: Voucher, lang: Lang): Schemas['Voucher'] {
  const reward = project.reward(v.reward_id);
  const voucher: Schemas['Voucher'] = {
    ...(reward
      ? { reward_group: String(reward.reward_group), reward: wireReward(project, reward, lang) }
      : {}),
    voucher_id: v.voucher_id,
    customer_id: v.customer_id,
    code: v.code,
    value: voucherValue(project, v),
    valid_from: v.valid_from,
    valid_to: v.valid_to,
    note: v.note,
    created_at: v.created_at,
    last_change: v.last_change,
    state: v.state,
  };
  if (v.store_id) voucher.store_id = v.store_id;
  if (v.applied_date) voucher.applied_date = v.applied_date;
  return voucher;
}

export function wirePurchase(p: Purchase, withItems: boolean): Schemas['Purchase'] {
  const purchase: Schemas['Purchase'] = {
    ...(withItems ? { purchase_items: p.items.map((item) => wireItem(p, item)) } : {}),
    purchase_id: p.purchase_id,
    customer_id: p.customer_id ?? '',
    store_id: p.store_id,
    external_purchase_id: p.bill_id,
    payment_time: p.payment_time,
    items_count: p.items.length,
    type_id: p.type_id,
    total_price: fromMinorUnits(p.total_minor),
    currency_id: p.currency_id,
    cashdesk_number: String(p.cashdesk_number),
    last_change: p.last_change,
  };
  if (p.card_number) purchase.card_number = p.card_number;
  return purchase;
}

function wireItem(p: Purchase, item: PurchaseItem): Schemas['PurchaseItem'] {
  return {
    purchase_item_id: `${p.purchase_id}-${item.bill_item_id}`,
    product_id: item.plu_code,
    product_name: item.plu_name,
    external_id: item.bill_item_id,
    purchase_item_type_id: item.purchase_item_type_id,
    price: fromMinorUnits(item.price_minor),
    amount: item.quantity,
    vat_rate: item.vat_rate,
  };
}
