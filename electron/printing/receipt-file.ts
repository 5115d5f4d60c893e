// The receipts this terminal printed, in `receipts.json` of the data directory, so a receipt
// can be printed again after a restart. Written off the sale's path (the printer saves a
// moment after a run of prints), replaced whole; read once at start and checked, since the
// file is outside input. Card numbers are kept as the paper shows them (last four digits).
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from '../config/file-modes.ts';
import { z } from 'zod';
import type { Receipt } from '../../shared/checkout/answers.ts';
import { maskedCard } from '../../shared/checkout/loyalty-card.ts';

const minor = z.number().int().safe();
const text = (max: number) => z.string().max(max);

const receiptSchema = z
  .object({
    saleId: text(64),
    billId: text(64).min(1),
    paymentTime: text(40),
    currency: z.string().regex(/^[A-Z]{3}$/),
    settlement: z
      .object({
        dueMinor: minor,
        cardMinor: minor,
        cashDueMinor: minor,
        cashToPayMinor: minor,
        roundingMinor: minor,
        cashTenderedMinor: minor,
        changeMinor: minor,
        paidMinor: minor,
      })
      .strict(),
    customerId: text(64).nullable(),
    cardNumber: text(64).nullable(),
    lines: z
      .array(
        z
          .object({
            lineId: text(64),
            name: text(200),
            quantity: z.number().positive().max(1e6),
            unitPriceMinor: minor,
            priceMinor: minor,
            discountMinor: minor,
          })
          .strict(),
      )
      .max(500),
    totalMinor: minor,
    discountMinor: minor,
    vouchers: z
      .array(
        z
          .object({
            code: text(64),
            name: text(200).nullable(),
            discountMinor: minor,
            unverified: z.boolean(),
          })
          .strict(),
      )
      .max(100),
    pointsUsed: z.number().finite(),
    pointsMoneyMinor: minor,
    creditMinor: minor,
    pointsEarned: z.number().finite().nullable(),
    toPayMinor: minor,
    store: z.object({ id: text(64), name: text(200).nullable() }).strict(),
    cashdesk: z.number().int().min(0).max(99_999),
    cashier: text(200),
    vat: z
      .array(
        z
          .object({
            ratePercent: z.number().min(0).max(100),
            baseMinor: minor,
            vatMinor: minor,
            grossMinor: minor,
          })
          .strict(),
      )
      .max(20),
    pointsBalance: z.number().finite().nullable(),
  })
  .strict();

/** Receipts kept before the cash desk had one spelling carry `cashDesk`. */
function respelled(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('cashDesk' in value)) return value;
  const { cashDesk, ...rest } = value;
  return 'cashdesk' in rest ? value : { ...rest, cashdesk: cashDesk };
}

const fileSchema = z.array(z.preprocess(respelled, receiptSchema)).max(1_000);

export class ReceiptFile {
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'receipts.json');
  }

  /** The kept receipts, oldest first; a missing file is none, one that does not check is set aside. */
  read(): Receipt[] {
    let content: string;
    try {
      content = readFileSync(this.#file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(content));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: set aside below.
    }
    try {
      renameSync(this.#file, `${this.#file}.unreadable-${Date.now()}`);
    } catch {
      // Nothing more to do: the next write replaces it.
    }
    return [];
  }

  /** Saves the list in place of the one kept; resolves once it is on disk, rejects when it cannot be written. */
  async save(receipts: Receipt[]): Promise<void> {
    const kept = receipts.map((r) => ({
      ...r,
      cardNumber: r.cardNumber === null ? null : maskedCard(r.cardNumber),
    }));
    replacePrivateFile(this.#file, JSON.stringify(kept));
  }
}
