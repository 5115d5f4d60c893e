// Payload schemas of the checkout, voucher and queue channels: what main accepts from a screen.
import { z } from 'zod';
import { MAX_CART_LINES } from './cart.ts';
import { ENTRY_KINDS, ENTRY_STATES, EXPORT_FORMATS } from './answers.ts';
import { QUEUE_CURSOR_MAX, readQueueCursor } from './queue-cursor.ts';

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/);
const minor = z.int().min(0).max(999_999_999_999);

export const saleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const pinSchema = z.string().regex(/^\d{4,8}$/);

export const cartLineSchema = z
  .object({
    lineId: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/),
    plu: code,
    pluList: z.string().trim().min(1).max(32),
    name: z.string().trim().min(1).max(200),
    vatRate: z.number().min(0).max(100),
    quantity: z.number().positive().max(100_000),
    unitPriceMinor: minor,
    lineDiscountMinor: minor,
    purchaseItemTypeId: z.string().trim().min(1).max(64),
    loyaltyOff: z.boolean(),
  })
  .strict();

export const cartSchema = z
  .object({ currency: z.string().regex(/^[A-Z]{3}$/), lines: z.array(cartLineSchema).max(MAX_CART_LINES) })
  .strict();

export const benefitAskSchema = z
  .object({
    customer: z
      .object({ customerId: z.string().trim().min(1).max(64), cardNumber: code.nullable() })
      .strict()
      .nullable(),
    voucherCodes: z
      .array(code)
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, 'a voucher code appears twice'),
    points: z.union([z.int().min(0).max(1_000_000_000), z.literal('max')]),
    credit: z.union([minor, z.literal('max')]),
    unidentifiedCard: code.optional(),
  })
  .strict()
  .refine(
    (ask) => !(ask.customer && ask.unidentifiedCard),
    'a sale has a known customer or an unidentified card, not both',
  );

export const previewPayload = z
  .object({ saleId: saleIdSchema, cart: cartSchema, ask: benefitAskSchema })
  .strict();

export const tenderSchema = z.union([
  z.enum(['cash', 'card']),
  z.object({ cardMinor: minor, cashTenderedMinor: minor.nullable() }).strict(),
]);

export const payPayload = previewPayload.extend({ tender: tenderSchema, expectedToPayMinor: minor }).strict();

/** The sale open at the till, as main keeps a copy of it while the screens run. */
export const openSalePayload = previewPayload
  .extend({ customerName: z.string().trim().min(1).max(200).nullable() })
  .strict();

/** A sale set aside: what the till needs to take it up again, and the name shown in the list. */
export const parkPayload = previewPayload
  .extend({
    reason: z.enum(['parked', 'signOut']),
    customerName: z.string().trim().min(1).max(200).nullable(),
  })
  .strict();

const entryState = z.enum(ENTRY_STATES);
const entryKind = z.enum(ENTRY_KINDS);

export const queueFilterSchema = z
  .object({
    states: z.array(entryState).max(5).optional(),
    kind: entryKind.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    customerId: z.string().trim().min(1).max(64).optional(),
    billId: z.string().trim().min(1).max(64).optional(),
    search: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** Where the screen wants an export: the terminal's folder, or through the screen (save dialog / download). */
export const exportTargetSchema = z.enum(['folder', 'screen']);

export const pageSchema = z
  .object({ limit: z.int().min(1).max(200), offset: z.int().min(0).max(1_000_000) })
  .strict();
/** A page of the manager's queue: its length, and where it starts (a cursor main answered; none is the first page). */
export const queuePageSchema = z
  .object({
    limit: z.int().min(1).max(200),
    cursor: z
      .string()
      .max(QUEUE_CURSOR_MAX)
      .refine((text) => readQueueCursor(text) !== null, 'not a cursor of this queue')
      .optional(),
  })
  .strict();
export const entryIdSchema = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
