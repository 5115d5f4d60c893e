// The Customer API's answers as the kiosk reads them, checked before use: a field of the
// wrong type, or a missing one the kiosk relies on, makes the whole answer an
// UnexpectedResponseError instead of something half-read shown to a customer.
import { z } from 'zod';
import { maskPath } from '../../log/mask.ts';
import { UnexpectedResponseError } from '../errors.ts';

const id = z.string().min(1).max(200);
const text = z.string().max(100_000);
const amount = z.number().finite();
const state = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const tokenCreated = z.object({ token_id: id });
export const loggedIn = z.object({ customer_id: id });
export const customerCreated = z.object({ customer_id: id });
export const voucherCreated = z.object({ voucher_id: id });

export const appLoginToken = z.object({
  authentication_token: id,
  token_request_id: id,
  valid_to: z.string().max(40).optional(),
});

export const customerRecord = z.object({
  customer_id: id,
  personal_information: z.object({
    first_name: text.optional(),
    last_name: text.optional(),
    email: text.optional(),
    phone: text.optional(),
    language_id: text.optional(),
    store_id: text.optional(),
  }),
  state: state.optional(),
  last_change: z.string().optional(),
});

export const card = z.object({
  card_id: id.optional(),
  card_number: id,
  card_type_id: text.optional(),
  customer_id: text.optional(),
  state: z.union([z.literal(0), z.literal(1)]),
  valid_from: text.optional(),
  valid_to: text.optional(),
});

export const reward = z.object({
  reward_id: id,
  code: text.optional(),
  name: text,
  note: text.optional(),
  subtitle: text.optional(),
  points_cost: amount.min(0).optional(),
  reward_group: z.number().int().optional(),
  state: state.optional(),
  image_urls: z.array(text).max(100).optional(),
  valid_time_from: text.optional(),
  valid_time_to: text.optional(),
});

export const voucher = z.object({
  voucher_id: id,
  code: text.optional(),
  customer_id: text.optional(),
  value: amount.optional(),
  valid_from: text.optional(),
  valid_to: text.optional(),
  applied_date: text.optional(),
  store_id: text.optional(),
  note: text.optional(),
  state: state.optional(),
  reward: z
    .object({
      reward_id: id.optional(),
      name: text.optional(),
      note: text.optional(),
      points_cost: amount.optional(),
    })
    .optional(),
});

const moneyValue = z.object({ currency_id: id, value: amount });

export const pointsOverview = z.object({
  earned_points: amount.optional(),
  redeemed_points: amount.optional(),
  available_points: amount,
  available_points_money_value: z.array(moneyValue).max(100).optional(),
});

export const pointsExpiration = z.object({
  next_amount: amount.optional(),
  next_date: z.string().max(40).optional(),
  current_month_amount: amount.optional(),
});

const creditsInCurrency = z.object({
  currency_id: id,
  earned_credits: amount.optional(),
  redeemed_credits: amount.optional(),
  available_credits: amount,
});

export const creditsOverview = z.object({
  earned_credits: amount.optional(),
  redeemed_credits: amount.optional(),
  available_credits: amount.optional(),
  /** Credits are kept per currency; the totals above add currencies together and mean little. */
  split_by_currency: z.array(creditsInCurrency).max(100).optional(),
});

export const agreement = z.object({
  agreement_id: id,
  name: text.optional(),
  text: text.optional(),
  withdrawal_text: text.optional(),
  communication_channel_id: text.optional(),
  text_id: text.optional(),
  last_change: z.string().optional(),
});

export const customerSource = z.object({
  customer_source_id: id,
  customer_source_text_id: text.optional(),
  name: text.optional(),
});

export const currency = z.object({ currency_id: id, code: z.string().min(1).max(10) });
export const cardType = z.object({
  card_type_id: id,
  prefix: z.string().max(40),
  text_id: text.optional(),
  name: text.optional(),
});
export const freeCard = z.object({ is_free_to_use: z.boolean() });
export const cardAssigned = z.object({ card_id: id });
export const connection = z.object({ test_string: z.string().max(1000).optional() });

const listSchema = <T extends z.ZodType>(key: string, item: T) =>
  z.object({ [key]: z.array(item).max(10_000), total_items: z.number().int().min(0).optional() });
const lists = new WeakMap<z.ZodType, Map<string, z.ZodType>>();

/**
 * A list answer of `item`s under `key`. Made once per item and key: zod compiles a parser
 * for each schema at its first use, which a schema made per call would pay on every answer.
 */
export function listOf<T extends z.ZodType>(key: string, item: T): ReturnType<typeof listSchema<T>> {
  let byKey = lists.get(item);
  if (!byKey) lists.set(item, (byKey = new Map()));
  let schema = byKey.get(key);
  if (!schema) byKey.set(key, (schema = listSchema(key, item)));
  return schema as ReturnType<typeof listSchema<T>>;
}

/** `data` of an answer, checked; a mismatch is reported as not CareCloud's answer. */
export function checked<T extends z.ZodType>(
  schema: T,
  data: unknown,
  method: string,
  path: string,
): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first ? `${first.path.map(String).join('.') || 'data'}: ${first.message}` : 'invalid';
  const shown = maskPath(path);
  throw new UnexpectedResponseError(
    200,
    'application/json',
    '',
    `CareCloud ${method} ${shown}: the answer is not what the Customer API sends (${where})`,
    { method, path: shown, correlationId: '', attempt: 0 },
  );
}

export type CustomerRecord = z.infer<typeof customerRecord>;
export type CustomerCard = z.infer<typeof card>;
export type CustomerReward = z.infer<typeof reward>;
export type CustomerVoucher = z.infer<typeof voucher>;
export type PointsOverview = z.infer<typeof pointsOverview>;
export type PointsExpiration = z.infer<typeof pointsExpiration>;
export type CreditsOverview = z.infer<typeof creditsOverview>;
export type Agreement = z.infer<typeof agreement>;
export type CustomerSource = z.infer<typeof customerSource>;
export type Currency = z.infer<typeof currency>;
export type CardType = z.infer<typeof cardType>;
export type AppLoginToken = z.infer<typeof appLoginToken>;
