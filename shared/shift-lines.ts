// A shift report as labelled lines in a language: the one reading the screen, the CSV,
// the PDF and the printed report share, so they never disagree.
import { formatMoney, translate, type Language, type MessageKey } from './i18n/index.ts';
import { formatDateTime } from './i18n/time.ts';
import type { ShiftReport } from './shift.ts';

export type ReportValue = { money: number } | { count: number } | { text: string };

export interface ReportLine {
  section: MessageKey;
  label: string;
  value: ReportValue;
}

/** The report as labelled lines, in order: the one reading the CSV, the PDF and the print share. */
export function reportLines(report: ShiftReport, language: Language, timeZone: string): ReportLine[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const lines: ReportLine[] = [];
  const add = (section: MessageKey, label: string, value: ReportValue) =>
    lines.push({ section, label, value });
  const money = (minor: number): ReportValue => ({ money: minor });
  const count = (n: number): ReportValue => ({ count: n });
  const when = (iso: string) => ({ text: formatDateTime(language, new Date(iso), timeZone) });

  const head: MessageKey = 'shift.report.section.shift';
  add(head, t('shift.report.kind'), {
    text: report.kind === 'Z' ? t('shift.report.z') : t('shift.report.x'),
  });
  add(head, t('shift.report.number'), count(report.id));
  add(head, t('shift.report.store'), { text: report.storeId });
  add(head, t('shift.report.cashdesk'), count(report.cashdesk));
  add(head, t('shift.report.openedBy'), { text: report.openedBy });
  add(head, t('shift.report.openedAt'), when(report.openedAt));
  if (report.closedBy && report.closedAt) {
    add(head, t('shift.report.closedBy'), { text: report.closedBy });
    add(head, t('shift.report.closedAt'), when(report.closedAt));
  }
  add(head, t('shift.report.madeBy'), { text: report.madeBy });
  add(head, t('shift.report.madeAt'), when(report.madeAt));

  const sales: MessageKey = 'shift.report.section.sales';
  add(sales, t('shift.report.sales'), count(report.sales.count));
  add(sales, t('shift.report.salesTotal'), money(report.sales.totalMinor));
  add(sales, t('shift.report.salesPaid'), money(report.sales.paidMinor));
  add(sales, t('shift.report.cancellations'), count(report.cancellations.count));
  add(sales, t('shift.report.cancellationsPaid'), money(report.cancellations.paidMinor));
  add(sales, t('shift.report.voided'), count(report.voided));
  add(sales, t('shift.report.rejected'), count(report.rejected));
  add(sales, t('shift.report.waiting'), count(report.waiting));

  const tenders: MessageKey = 'shift.report.section.tenders';
  add(tenders, t('shift.report.card'), money(report.tenders.cardMinor));
  add(tenders, t('shift.report.cash'), money(report.tenders.cashMinor));
  add(tenders, t('shift.report.cashTendered'), money(report.tenders.cashTenderedMinor));
  add(tenders, t('shift.report.change'), money(report.tenders.changeMinor));
  add(tenders, t('shift.report.rounding'), money(report.tenders.roundingMinor));

  const loyalty: MessageKey = 'shift.report.section.loyalty';
  add(loyalty, t('shift.report.discounts'), money(report.discountsMinor));
  add(loyalty, t('shift.report.vouchers'), count(report.vouchers.count));
  add(loyalty, t('shift.report.vouchersValue'), money(report.vouchers.valueMinor));
  add(loyalty, t('shift.report.pointsUsed'), count(report.points.used));
  add(loyalty, t('shift.report.pointsIssued'), count(report.points.issued));
  add(loyalty, t('shift.report.pointsAwaiting'), count(report.points.awaiting));
  add(loyalty, t('shift.report.credit'), money(report.creditMinor));

  const vat: MessageKey = 'shift.report.section.vat';
  for (const rate of report.vat) {
    add(vat, t('shift.report.vatGross', { rate: rate.rate }), money(rate.grossMinor));
    add(vat, t('shift.report.vatIncluded', { rate: rate.rate }), money(rate.vatMinor));
  }

  const cashiers: MessageKey = 'shift.report.section.cashiers';
  for (const cashier of report.cashiers) {
    add(cashiers, t('shift.report.cashierSales', { name: cashier.operator }), count(cashier.sales));
    add(cashiers, t('shift.report.cashierPaid', { name: cashier.operator }), money(cashier.paidMinor));
    add(cashiers, t('shift.report.cashierCash', { name: cashier.operator }), money(cashier.cashMinor));
    add(cashiers, t('shift.report.cashierCard', { name: cashier.operator }), money(cashier.cardMinor));
    add(
      cashiers,
      t('shift.report.cashierCancellations', { name: cashier.operator }),
      count(cashier.cancellations),
    );
  }

  const drawer: MessageKey = 'shift.report.section.drawer';
  add(drawer, t('shift.report.float'), money(report.cash.openingFloatMinor));
  add(drawer, t('shift.report.cashTaken'), money(report.cash.cashTakenMinor));
  add(drawer, t('shift.report.cashRefunded'), money(report.cash.cashRefundedMinor));
  add(drawer, t('shift.report.cashIn'), money(report.cash.cashInMinor));
  add(drawer, t('shift.report.cashOut'), money(report.cash.cashOutMinor));
  add(drawer, t('shift.report.expected'), money(report.cash.expectedMinor));
  if (report.close) {
    add(drawer, t('shift.report.counted'), money(report.close.countedMinor));
    add(drawer, t('shift.report.difference'), money(report.close.differenceMinor));
    if (report.close.approvedBy) add(drawer, t('shift.report.approvedBy'), { text: report.close.approvedBy });
  }
  return lines;
}

/** A line's value as the language writes it (money with its currency). */
export function reportValueText(value: ReportValue, language: Language, currency: string): string {
  if ('money' in value) return formatMoney(language, value.money, currency);
  if ('count' in value) return String(value.count);
  return value.text;
}
