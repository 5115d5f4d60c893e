// A sale's receipt on paper: the Receipt the screen shows, laid out as a paper document
// (shared/printing/document.ts) in the cashier's language and the terminal's time zone.
// Main prints it (ESC/POS) and can show it (SVG); nothing else describes a receipt.
import {
  formatDateTime,
  formatMoney,
  formatQuantity,
  instantOf,
  translate,
  type Language,
  type MessageKey,
} from '../i18n/index.ts';
import { PaperBuilder, type PaperDocument } from '../printing/document.ts';
import type { Receipt } from './answers.ts';
import { saleReference } from './sale-reference.ts';
import { maskedCard } from './loyalty-card.ts';

export interface PaperContext {
  language: Language;
  timeZone: string;
  /** A reprint: the paper says it is a copy. */
  copy?: boolean;
  /** The cashier's name as the screens show it (demo operators have one per language). */
  cashierName?: string;
}

export function receiptPaper(receipt: Receipt, context: PaperContext): PaperDocument {
  const { language, timeZone } = context;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const money = (minor: number) => formatMoney(language, minor, receipt.currency);
  const minus = (minor: number) => `-${money(minor)}`;
  const paid = receipt.settlement;
  const page = new PaperBuilder();

  page.text(receipt.store.name ?? receipt.store.id, { align: 'center', size: 'wide', bold: true });
  page.text(
    `${t('paper.desk', { desk: receipt.cashdesk })} · ` +
      `${t('paper.cashier', { name: context.cashierName ?? receipt.cashier })}`,
    { align: 'center' },
  );
  const at = instantOf(receipt.paymentTime, timeZone);
  if (at) page.text(formatDateTime(language, at, timeZone), { align: 'center' });
  // Store, desk and time are on the lines above: the sale's short code is what is left of its reference.
  const reference = saleReference(receipt.billId, { language, timeZone });
  page.text(t('paper.sale', { reference: reference.code ?? receipt.billId }), {
    align: 'center',
    bold: true,
  });
  if (context.copy) page.text(t('paper.copy'), { align: 'center', size: 'wide', bold: true });
  page.rule();

  for (const line of receipt.lines) {
    page.pair(line.name, money(line.priceMinor));
    page.text(
      `  ${t('paper.item', { quantity: formatQuantity(language, line.quantity), price: money(line.unitPriceMinor) })}`,
    );
    if (line.discountMinor > 0) page.pair(`  ${t('paper.lineDiscount')}`, minus(line.discountMinor));
  }
  page.rule();

  page.pair(t('sale.subtotal'), money(receipt.totalMinor));
  if (receipt.discountMinor > 0) page.pair(t('sale.discounts'), minus(receipt.discountMinor));
  for (const voucher of receipt.vouchers)
    page.pair(`${voucher.name ?? voucher.code} ${voucher.code}`.trim(), minus(voucher.discountMinor));
  if (receipt.pointsUsed > 0)
    page.pair(t('sale.pointsUsed', { points: receipt.pointsUsed }), minus(receipt.pointsMoneyMinor));
  if (receipt.creditMinor > 0) page.pair(t('sale.creditUsed'), minus(receipt.creditMinor));
  page.pair(t('sale.toPay'), money(receipt.toPayMinor), { bold: true, size: 'tall' });
  page.rule();

  if (paid.cardMinor > 0) page.pair(t('sale.tender.card'), money(paid.cardMinor));
  if (paid.roundingMinor !== 0) page.pair(t('sale.rounding'), money(paid.roundingMinor));
  if (paid.cashToPayMinor > 0 || paid.cashTenderedMinor > 0) {
    page.pair(t('sale.cashToPay'), money(paid.cashToPayMinor));
    page.pair(t('sale.tendered'), money(paid.cashTenderedMinor));
    page.pair(t('sale.change'), money(paid.changeMinor));
  }
  page.pair(t('sale.paid'), money(paid.paidMinor), { bold: true });

  if (receipt.vat.length > 0) {
    page.rule().text(t('paper.vatTitle'), { bold: true });
    for (const vat of receipt.vat) {
      page.columns([
        t('paper.vatRate', { rate: vat.ratePercent }),
        { text: money(vat.baseMinor), align: 'right' },
        { text: money(vat.vatMinor), align: 'right' },
        { text: money(vat.grossMinor), align: 'right' },
      ]);
    }
  }

  if (receipt.customerId || receipt.cardNumber) {
    page.rule();
    if (receipt.cardNumber) page.text(t('paper.card', { card: maskedCard(receipt.cardNumber) }));
    if (receipt.pointsEarned !== null) {
      page.text(t('sale.pointsEarned', { points: receipt.pointsEarned }));
      if (receipt.pointsBalance !== null)
        page.text(t('paper.pointsBalance', { points: receipt.pointsBalance }));
    } else page.text(t('paper.pointsLater'));
  }

  page.blank().code(receipt.billId);
  page.blank().text(t('paper.thanks'), { align: 'center' });
  return page.build();
}
