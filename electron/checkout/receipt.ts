// The receipt summary the screen shows after pay, from the same cart and preview as the bill sent.
import type { BenefitPreview } from '../../shared/checkout/bill.ts';
import { cartTotals, type Cart } from '../../shared/checkout/cart.ts';
import type { Settlement, Tender, ReceiptLine, Receipt } from '../../shared/checkout/answers.ts';

export type { Tender, ReceiptLine, Receipt };

export function receiptOf(input: { saleId: string; billId: string; paymentTime: string; settlement: Settlement; customerId: string | null; cardNumber: string | null; cart: Cart; preview: BenefitPreview; offline: boolean }): Receipt {
  const totals = cartTotals(input.cart);
  const { preview } = input;
  return {
    saleId: input.saleId,
    billId: input.billId,
    paymentTime: input.paymentTime,
    currency: input.cart.currency,
    settlement: input.settlement,
    customerId: input.customerId,
    cardNumber: input.cardNumber,
    lines: input.cart.lines.map((line, i) => {
      const amounts = totals.lines[i]!;
      const loyalty = preview.lineDiscounts.filter((d) => d.lineId === line.lineId).reduce((s, d) => s + d.discountMinor, 0);
      return { lineId: line.lineId, name: line.name, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, priceMinor: amounts.priceMinor, discountMinor: amounts.priceMinor - amounts.paidMinor + loyalty };
    }),
    totalMinor: preview.totalMinor,
    discountMinor: preview.discountMinor,
    vouchers: preview.vouchers.map((v) => ({ code: v.code, name: v.name, discountMinor: v.discountMinor, unverified: v.unverified === true })),
    pointsUsed: preview.pointsUsed,
    pointsMoneyMinor: preview.pointsMoneyMinor,
    creditMinor: preview.creditMinor,
    pointsEarned: input.offline ? null : preview.pointsEarned,
    toPayMinor: preview.toPayMinor,
  };
}
