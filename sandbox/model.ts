// The sandbox project's data. The zod schemas double as the check of a `--state` file
// read from disk. Money is integer minor units, datetimes project-local strings.
import { z } from 'zod';

const localized = z.object({ cs: z.string(), en: z.string() });
export type Localized = z.infer<typeof localized>;

const earningRule = z.object({
  /**
   * Points credited for every `per_minor` of eligible spend, in the store's own currency (a EUR store's rule in euro
   * cents).
   */
  points: z.number().int().min(0),
  per_minor: z.number().int().min(1),
});
export type EarningRule = z.infer<typeof earningRule>;

const store = z.object({
  store_id: z.string(),
  store_code: z.string(),
  name: localized,
  partner_id: z.string(),
  system_id: z.string(),
  currency_id: z.string(),
  cashdesks: z.array(z.number().int()),
  city: z.string(),
  street: z.string(),
  zip: z.string(),
  phone: z.string(),
  email: z.string(),
  visible: z.union([z.literal(0), z.literal(1)]),
  earning: earningRule,
});
export type Store = z.infer<typeof store>;

const currency = z.object({
  currency_id: z.string(),
  code: z.string(),
  name: localized,
  /** How many base-currency (CZK) minor units one minor unit is worth. */
  rate_to_base: z.number().positive(),
  /** Money value of one point, in this currency's minor units. */
  point_value_minor: z.number().int().min(0),
});
export type Currency = z.infer<typeof currency>;

const named = z.object({ id: z.string(), text_id: z.string(), name: localized });
export type Named = z.infer<typeof named>;

const status = z.object({
  status_id: z.string(),
  text_id: z.string(),
  name: localized,
  description: localized,
  discount_percent: z.number().int().min(0).max(100),
  collection_points: z.boolean(),
  payment_points: z.boolean(),
});
export type Status = z.infer<typeof status>;

const cardType = z.object({
  card_type_id: z.string(),
  text_id: z.string(),
  name: localized,
  prefix: z.string(),
});
export type CardType = z.infer<typeof cardType>;

const customer = z.object({
  customer_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthdate: z.string().nullable(),
  gender: z.number().int().nullable(),
  language_id: z.string(),
  store_id: z.string().nullable(),
  /** 0 deleted, 1 active, 2 not active (the contract's meaning). */
  state: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  status_id: z.string(),
  source_id: z.string(),
  city: z.string().nullable(),
  /** The consents the customer gave or refused, by agreement id (absent in older state files). */
  consents: z
    .array(
      z.object({
        consent_id: z.string(),
        consent_value: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      }),
    )
    .optional(),
  last_change: z.string(),
});
export type Customer = z.infer<typeof customer>;

const card = z.object({
  card_id: z.string(),
  card_number: z.string(),
  card_type_id: z.string(),
  customer_id: z.string().nullable(),
  /** 0 blocked, 1 active. */
  state: z.union([z.literal(0), z.literal(1)]),
  valid_from: z.string(),
  valid_to: z.string(),
  store_id: z.string().nullable(),
  last_change: z.string(),
});
export type Card = z.infer<typeof card>;

const benefit = z.object({
  kind: z.enum(['value', 'percent', 'gift']),
  /** Minor units off (value), percent off (percent), or the starting balance (gift). */
  amount: z.number().int().min(0),
  currency_id: z.string(),
  min_purchase_minor: z.number().int().min(0),
});
export type Benefit = z.infer<typeof benefit>;

const productRule = z.object({ plu: z.string(), count: z.number().int().min(1) });
export type ProductRule = z.infer<typeof productRule>;

const reward = z.object({
  reward_id: z.string(),
  code: z.string(),
  name: localized,
  note: localized,
  points_cost: z.number().int().min(0),
  reward_group: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4)]),
  reward_type_id: z.string(),
  benefit,
  valid_time_from: z.string().nullable(),
  valid_time_to: z.string().nullable(),
  /** Days of the week it may be used, 1 = Monday ... 7 = Sunday; null = every day. */
  valid_weekdays: z.array(z.number().int().min(1).max(7)).nullable(),
  /** Only customers in these statuses (the demo's segments) may use it; null = everyone. */
  status_ids: z.array(z.string()).nullable().default(null),
  /** Units of a product the bill must hold for the voucher to apply. */
  condition: productRule.nullable().default(null),
  /** Units of a product the voucher discounts (its percent applies to those units only). */
  bonus: productRule.nullable().default(null),
  store_ids: z.array(z.string()),
  is_automated: z.boolean(),
  priority: z.number().int().min(1).max(9),
  state: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  last_change: z.string(),
});
export type Reward = z.infer<typeof reward>;

const voucher = z.object({
  voucher_id: z.string(),
  code: z.string(),
  customer_id: z.string(),
  reward_id: z.string(),
  /** Only usable in this store when set. */
  store_id: z.string().nullable(),
  /** Anyone holding the code may use it (gift cards). */
  bearer: z.boolean(),
  valid_from: z.string(),
  valid_to: z.string(),
  applied_date: z.string().nullable(),
  /** Gift cards: what is left, in minor units. */
  balance_minor: z.number().int().min(0).nullable(),
  original_minor: z.number().int().min(0).nullable(),
  note: z.string(),
  state: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  created_at: z.string(),
  last_change: z.string(),
});
export type Voucher = z.infer<typeof voucher>;

const ledgerEntry = z.object({
  customer_id: z.string(),
  kind: z.enum(['points', 'credits']),
  /** Points, or credit minor units; positive earns, negative redeems. */
  amount: z.number().int(),
  currency_id: z.string().nullable(),
  at: z.string(),
  purchase_id: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

const purchaseItem = z.object({
  bill_item_id: z.string(),
  plu_code: z.string(),
  plu_name: z.string(),
  purchase_item_type_id: z.string(),
  quantity: z.number(),
  price_minor: z.number().int(),
  paid_minor: z.number().int(),
  vat_rate: z.number(),
  loyalty_off: z.boolean(),
});
export type PurchaseItem = z.infer<typeof purchaseItem>;

const voucherUse = z.object({
  voucher_id: z.string(),
  code: z.string(),
  discount_minor: z.number().int(),
  gift: z.boolean(),
});
export type VoucherUse = z.infer<typeof voucherUse>;

const purchase = z.object({
  purchase_id: z.string(),
  bill_id: z.string(),
  bill_number: z.string().nullable(),
  canceled: z.boolean(),
  /** Set on an original purchase once a cancellation of it was received. */
  canceled_by: z.string().nullable(),
  store_id: z.string(),
  cashdesk_number: z.number().int(),
  customer_id: z.string().nullable(),
  card_number: z.string().nullable(),
  type_id: z.string(),
  payment_type: z.string(),
  currency_id: z.string(),
  total_minor: z.number().int(),
  payment_time: z.string(),
  items: z.array(purchaseItem),
  earned_points: z.number().int(),
  used_points: z.number().int(),
  /** Points the purchase's vouchers cost (cash-desk rewards). */
  voucher_points: z.number().int().default(0),
  used_credits_minor: z.number().int(),
  voucher_uses: z.array(voucherUse),
  last_change: z.string(),
});
export type Purchase = z.infer<typeof purchase>;

export const projectDataSchema = z.object({
  /** 2: earning rules in the store's currency; version 1 counted them in the base currency (CZK). */
  version: z.literal(2),
  seq: z.number().int().min(0),
  stores: z.array(store),
  currencies: z.array(currency),
  payment_types: z.array(named),
  purchase_types: z.array(named),
  /** Absent in state files written before the sandbox served item types; the seed's list then. */
  purchase_item_types: z.array(named).optional(),
  countries: z.array(named),
  languages: z.array(z.object({ language_id: z.string(), is_default: z.boolean() })),
  statuses: z.array(status),
  card_types: z.array(cardType),
  customer_sources: z.array(named),
  customers: z.array(customer),
  cards: z.array(card),
  rewards: z.array(reward),
  vouchers: z.array(voucher),
  ledger: z.array(ledgerEntry),
  purchases: z.array(purchase),
  /** Customer API logins: customer id -> password hash. Absent in older state files (the seed's then). */
  customer_passwords: z.record(z.string(), z.string()).optional(),
  /** Consents given at sign-up, as CareCloud's `personal_information.agreement`. */
  customer_agreements: z
    .record(
      z.string(),
      z.object({
        agreement_gtc: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        agreement_marketing_communication: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        agreement_profiling: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        custom_agreements: z
          .array(
            z.object({
              agreement_id: z.string(),
              agreement_value: z.union([z.literal(0), z.literal(1), z.literal(2)]),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type ProjectData = z.infer<typeof projectDataSchema>;

/** A state file written before earning rules were in the store's currency. */
export const projectDataV1Schema = projectDataSchema.extend({ version: z.literal(1) });
