// The cashier's cart: lines with everything send-purchase needs, amounts in integer
// minor units. Pure functions over immutable values, so the screen and the main process
// compute the same totals from the same lines.
import { MAX_MINOR_UNITS, sumMinorUnits, type MinorUnits } from '../money.ts';

export interface CartLine {
  /** `bill_item_id`: unique within the bill, kept when the quantity changes. */
  lineId: string;
  /** The product code (`plu_ids[0].code`) and the code list it comes from (`list_code`, e.g. EAN). */
  plu: string;
  pluList: string;
  name: string;
  /** VAT in percent, e.g. 21. */
  vatRate: number;
  /** Pieces, or kilograms for weighed goods: at most three decimals. */
  quantity: number;
  unitPriceMinor: MinorUnits;
  /** A discount the till itself gives this line (not a loyalty benefit), in minor units. */
  lineDiscountMinor: MinorUnits;
  purchaseItemTypeId: string;
  /** Excluded from loyalty: earns no points and takes no voucher discount. */
  loyaltyOff: boolean;
}

export interface Cart {
  /** ISO 4217 code of the bill. */
  currency: string;
  lines: CartLine[];
}

export interface LineAmounts {
  lineId: string;
  /** `price`: unit price times quantity. */
  priceMinor: MinorUnits;
  /** `paid_amount`: the price less the till's own line discount. */
  paidMinor: MinorUnits;
}

export interface CartTotals {
  lines: LineAmounts[];
  /** Sum of prices before any discount. */
  grossMinor: MinorUnits;
  /** `total_price`: what the bill costs before loyalty benefits. */
  totalMinor: MinorUnits;
  itemCount: number;
}

export const MAX_CART_LINES = 500;

export class CartError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CartError';
  }
}

function isQuantity(value: number): boolean {
  return (
    Number.isFinite(value) &&
    value > 0 &&
    value <= 100_000 &&
    Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6
  );
}

/** Unit price times quantity, rounded half away from zero to whole minor units. */
export function lineAmounts(line: CartLine): LineAmounts {
  if (!isQuantity(line.quantity))
    throw new CartError(`Line ${line.lineId}: quantity must be positive with at most three decimals`);
  if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0)
    throw new CartError(`Line ${line.lineId}: unit price must be whole minor units`);
  if (!Number.isSafeInteger(line.lineDiscountMinor) || line.lineDiscountMinor < 0)
    throw new CartError(`Line ${line.lineId}: discount must be whole minor units`);
  // Thousandths keep the product exact in integers for any realistic price.
  const milli = Math.round(line.quantity * 1000);
  const priceMinor = Math.floor((line.unitPriceMinor * milli + 500) / 1000);
  if (priceMinor > MAX_MINOR_UNITS) throw new CartError(`Line ${line.lineId}: amount too large`);
  if (line.lineDiscountMinor > priceMinor)
    throw new CartError(`Line ${line.lineId}: discount exceeds the price`);
  return { lineId: line.lineId, priceMinor, paidMinor: priceMinor - line.lineDiscountMinor };
}

/** The totals, computed once: the screen shows these and the bill sends these. */
export function cartTotals(cart: Cart): CartTotals {
  const ids = new Set<string>();
  for (const line of cart.lines) {
    if (ids.has(line.lineId)) throw new CartError(`Two lines share the id ${line.lineId}`);
    ids.add(line.lineId);
  }
  const lines = cart.lines.map(lineAmounts);
  return {
    lines,
    grossMinor: sumMinorUnits(lines.map((l) => l.priceMinor)),
    totalMinor: sumMinorUnits(lines.map((l) => l.paidMinor)),
    itemCount: cart.lines.length,
  };
}

export function emptyCart(currency: string): Cart {
  return { currency, lines: [] };
}

function nextLineId(cart: Cart): string {
  let max = 0;
  for (const line of cart.lines) {
    const n = Number(line.lineId);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

export type NewLine = Omit<CartLine, 'lineId' | 'lineDiscountMinor'> & { lineDiscountMinor?: MinorUnits };

/** Adds a line; the same product at the same price adds to the existing line's quantity. */
export function addLine(cart: Cart, input: NewLine): Cart {
  const same = cart.lines.find(
    (l) =>
      l.plu === input.plu &&
      l.pluList === input.pluList &&
      l.unitPriceMinor === input.unitPriceMinor &&
      l.lineDiscountMinor === 0 &&
      !input.lineDiscountMinor &&
      l.name === input.name,
  );
  if (same) return setQuantity(cart, same.lineId, Math.round((same.quantity + input.quantity) * 1000) / 1000);
  if (cart.lines.length >= MAX_CART_LINES)
    throw new CartError(`A bill holds at most ${MAX_CART_LINES} lines`);
  const line: CartLine = {
    ...input,
    lineDiscountMinor: input.lineDiscountMinor ?? 0,
    lineId: nextLineId(cart),
  };
  lineAmounts(line);
  return { ...cart, lines: [...cart.lines, line] };
}

export function setQuantity(cart: Cart, lineId: string, quantity: number): Cart {
  if (!cart.lines.some((l) => l.lineId === lineId)) throw new CartError(`No line ${lineId}`);
  const lines = cart.lines.map((l) => (l.lineId === lineId ? { ...l, quantity } : l));
  lines.forEach(lineAmounts);
  return { ...cart, lines };
}

export function removeLine(cart: Cart, lineId: string): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.lineId !== lineId) };
}

export function clearCart(cart: Cart): Cart {
  return { ...cart, lines: [] };
}
