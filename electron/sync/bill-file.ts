// A bill given to `ccpos checkout --file`: checked field by field before anything
// is journaled, because it comes from outside the program.
import { z } from 'zod';
import type { ClosedBill } from './closure.ts';

const text = z.string().trim().min(1);
const amount = z.number().finite();

const billItem = z
  .object({
    plu_ids: z.array(z.object({ code: text, list_code: text }).strict()).min(1),
    plu_name: text,
    category_plu_id: text.optional(),
    vat_rate: amount,
    quantity: amount,
    paid_amount: amount,
    price: amount,
    bill_item_id: text,
    loyalty_off: z.boolean(),
    purchase_item_type_id: text,
  })
  .strict();

const voucher = z
  .object({
    code: text.optional(),
    name: z.string().optional(),
    discount_value: amount.optional(),
    discount_percent: amount.optional(),
    bill_item_id: text.optional(),
  })
  .strict();
const discount = z
  .object({
    discount_code: z.string().optional(),
    discount_value: amount.optional(),
    discount_percent: amount.optional(),
    description: z.string().optional(),
    bill_item_id: text,
  })
  .strict();

const billFile = z
  .object({
    customer_id: text.optional(),
    card_number: text.optional(),
    bill: z
      .object({
        currency_id: text,
        total_price: amount,
        purchase_type_id: text,
        payment_type: z.enum(['S', 'A', 'C', 'D']),
        created_by: z.string().optional(),
        bill_number: z.string().optional(),
        bill_items: z.array(billItem).min(1),
        payment_recap: z
          .object({
            credit_points: amount.optional(),
            amount_for_credit: amount.optional(),
            vouchers: z.array(voucher).optional(),
            recommended_discounts: z.array(discount).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

export type BillFile = z.infer<typeof billFile>;

/** The bill, or one sentence saying what is wrong with the file. */
export function parseBillFile(json: string): { ok: true; value: BillFile } | { ok: false; error: string } {
  let data: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
    data = JSON.parse(json.startsWith('\uFEFF') ? json.slice(1) : json);
  } catch {
    return { ok: false, error: 'The bill file is not valid JSON.' };
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    'bill' in data &&
    typeof data.bill === 'object' &&
    data.bill !== null
  ) {
    for (const fixed of ['bill_id', 'payment_time', 'canceled'])
      if (fixed in data.bill)
        return {
          ok: false,
          error: `The bill file must not set bill.${fixed}: it is fixed when the sale is journaled.`,
        };
  }
  const result = billFile.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return {
    ok: false,
    error: `The bill file is invalid at ${issue.path.join('.') || 'the top level'}: ${issue.message}.`,
  };
}

export function closedBill(
  file: BillFile,
  terminal: { storeId: string; cashdesk: number; operator: string },
): ClosedBill {
  return {
    storeId: terminal.storeId,
    cashdesk: terminal.cashdesk,
    operator: terminal.operator,
    ...(file.customer_id ? { customerId: file.customer_id } : {}),
    ...(file.card_number ? { cardNumber: file.card_number } : {}),
    bill: file.bill,
  };
}
