// The one receipt of a sale: the screen shows it and the printer prints it (shared/checkout/receipt-paper.ts),
// from the same cart and preview as the bill sent.
import type { BenefitPreview } from '../../shared/checkout/bill.ts';
import { cartTotals, type Cart } from '../../shared/checkout/cart.ts';
import type { Settlement, Tender, ReceiptLine, Receipt } from '../../shared/checkout/answers.ts';
import { vatSummary } from '../../shared/checkout/vat.ts';

export type { Tender, ReceiptLine, Receipt };

export interface ReceiptPlace {
  storeId: string;
  storeName: string | null;
  cashdesk: number;
  cashier: string;
}

export function receiptOf(input: {
  saleId: string;
  billId: string;
  paymentTime: string;
  settlement: Settlement;
  customerId: string | null;
  cardNumber: string | null;
  cart: Cart;
  preview: BenefitPreview;
  offline: boolean;
  place: ReceiptPlace;
}): Receipt {
  const totals = cartTotals(input.cart);
  const { preview } = input;
  const lines = input.cart.lines.map((line, i) => {
    const amounts = totals.lines[i]!;
    const loyalty = preview.lineDiscounts
      .filter((d) => d.lineId === line.lineId)
      .reduce((s, d) => s + d.discountMinor, 0);
    return {
      lineId: line.lineId,
      name: line.name,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      priceMinor: amounts.priceMinor,
      discountMinor: amounts.priceMinor - amounts.paidMinor + loyalty,
    };
  });
  return {
    saleId: input.saleId,
    billId: input.billId,
    paymentTime: input.paymentTime,
    currency: input.cart.currency,
    settlement: input.settlement,
    customerId: input.customerId,
    cardNumber: input.cardNumber,
    lines,
    totalMinor: preview.totalMinor,
    discountMinor: preview.discountMinor,
    vouchers: preview.vouchers.map((v) => ({
      code: v.code,
      name: v.name,
      discountMinor: v.discountMinor,
      unverified: v.unverified === true,
    })),
    pointsUsed: preview.pointsUsed,
    pointsMoneyMinor: preview.pointsMoneyMinor,
    creditMinor: preview.creditMinor,
    pointsEarned: input.offline ? null : preview.pointsEarned,
    toPayMinor: preview.toPayMinor,
    store: { id: input.place.storeId, name: input.place.storeName },
    cashdesk: input.place.cashdesk,
    cashier: input.place.cashier,
    vat: vatSummary(
      input.cart.lines.map((line, i) => ({
        vatRate: line.vatRate,
        amountMinor: lines[i]!.priceMinor - lines[i]!.discountMinor,
      })),
      preview.toPayMinor,
    ),
    pointsBalance: null,
  };
}
