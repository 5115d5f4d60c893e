// The settings screen's test page: the store, the printer as set, every Czech letter and a
// ruler the width of the paper, so a wrong code page or line width shows at a glance.
import { formatDateTime, translate, type Language } from '../../shared/i18n/index.ts';
import { PaperBuilder, type PaperDocument } from '../../shared/printing/document.ts';
import type { PrinterSettings } from '../../shared/settings.ts';

export interface TestPageContext {
  language: Language;
  timeZone: string;
  storeName: string | null;
  cashdesk: number;
  now: Date;
}

export function printerName(printer: PrinterSettings): string {
  if (printer.connection === 'network') return `${printer.host}:${printer.port}`;
  if (printer.connection === 'spooler') return printer.queue;
  return '—';
}

export function testPage(printer: PrinterSettings, context: TestPageContext): PaperDocument {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(context.language, key, params);
  const page = new PaperBuilder().text(t('paper.testTitle'), { align: 'center', size: 'wide', bold: true });
  if (context.storeName) page.text(context.storeName, { align: 'center' });
  return page
    .text(t('paper.desk', { desk: context.cashdesk }), { align: 'center' })
    .text(formatDateTime(context.language, context.now, context.timeZone), { align: 'center' })
    .rule()
    .text(t('paper.testPrinter', { printer: printerName(printer) }))
    .text(t('paper.testWidth', { chars: printer.charsPerLine, codePage: printer.codePage }))
    .text(t('paper.testLetters'))
    .text('ÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ áčďéěíňóřšťúůýž')
    .text(t('paper.testRuler'))
    .text('1234567890'.repeat(Math.ceil(printer.charsPerLine / 10)).slice(0, printer.charsPerLine))
    .build();
}
