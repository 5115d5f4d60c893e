// A product as a cart line, apart from the catalogue's schema so the sale screen
// does not load the schema library to add a line.
import type { NewLine } from './cart.ts';

/** What a line takes from a catalogue product (catalogue.ts's `Product`, whose schema this file must not load). */
export type LineProduct = Pick<
  NewLine,
  'plu' | 'pluList' | 'name' | 'vatRate' | 'unitPriceMinor' | 'purchaseItemTypeId' | 'loyaltyOff'
>;

/** The `text_id` of CareCloud's standard in-store item type, every line's type unless the catalogue says otherwise. */
export const STORE_ITEM_TYPE = 'store_purchase';

/** The cart line for a product. */
export function productLine(product: LineProduct, quantity = 1): NewLine {
  return {
    plu: product.plu,
    pluList: product.pluList,
    name: product.name,
    vatRate: product.vatRate,
    quantity,
    unitPriceMinor: product.unitPriceMinor,
    purchaseItemTypeId: product.purchaseItemTypeId,
    loyaltyOff: product.loyaltyOff,
  };
}
