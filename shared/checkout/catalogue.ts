// The products a till can sell by barcode or quick key. CareCloud keeps no product
// list for the till; a deployment supplies its own, the demo ships one.
import { z } from 'zod';
import { STORE_ITEM_TYPE } from './product-line.ts';

export { productLine, STORE_ITEM_TYPE } from './product-line.ts';

const barcode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/);

export const productSchema = z
  .object({
    plu: z.string().trim().min(1).max(64),
    pluList: z.string().trim().min(1).max(32).default('EAN'),
    name: z.string().trim().min(1).max(200),
    /** Price of one unit in minor units of the catalogue's currency. */
    unitPriceMinor: z.int().min(0).max(1_000_000_000),
    vatRate: z.number().min(0).max(100),
    /** CareCloud's purchase item type: its `text_id` (resolved from GET /purchase-item-types) or its `type_id`. */
    purchaseItemTypeId: z.string().trim().min(1).max(64).default(STORE_ITEM_TYPE),
    loyaltyOff: z.boolean().default(false),
    barcodes: z.array(barcode).max(20).default([]),
    /** Position on the quick-key pad, 1 upwards. */
    quickKey: z.int().min(1).max(99).optional(),
    /** Sold by weight: the scale or the cashier gives the quantity. */
    weighed: z.boolean().default(false),
  })
  .strict();

export const catalogueSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    products: z.array(productSchema).max(100_000),
  })
  .strict()
  .superRefine((value, ctx) => {
    const codes = new Map<string, string>();
    const keys = new Set<number>();
    value.products.forEach((p, i) => {
      for (const code of [p.plu, ...p.barcodes]) {
        const owner = codes.get(code);
        if (owner !== undefined && owner !== p.plu)
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'barcodes'],
            message: `code ${code} belongs to two products`,
          });
        codes.set(code, p.plu);
      }
      if (p.quickKey !== undefined) {
        if (keys.has(p.quickKey))
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'quickKey'],
            message: `quick key ${p.quickKey} is taken twice`,
          });
        keys.add(p.quickKey);
      }
    });
  });

export type Product = z.infer<typeof productSchema>;
export type CatalogueData = z.infer<typeof catalogueSchema>;

export class Catalogue {
  readonly currency: string;
  readonly #byCode = new Map<string, Product>();
  readonly #quickKeys: Product[];
  readonly #all: readonly Product[];

  constructor(data: CatalogueData) {
    this.currency = data.currency;
    this.#all = data.products;
    for (const product of data.products) {
      this.#byCode.set(product.plu, product);
      for (const code of product.barcodes) this.#byCode.set(code, product);
    }
    this.#quickKeys = data.products
      .filter((p) => p.quickKey !== undefined)
      .sort((a, b) => a.quickKey! - b.quickKey!);
  }

  /** The product a scanned barcode or typed PLU names. */
  byCode(code: string): Product | null {
    return this.#byCode.get(code.trim()) ?? null;
  }

  /** Every product, in the list's order. */
  all(): Product[] {
    return [...this.#all];
  }

  quickKeys(): Product[] {
    return [...this.#quickKeys];
  }

  get size(): number {
    return new Set(this.#byCode.values()).size;
  }
}
