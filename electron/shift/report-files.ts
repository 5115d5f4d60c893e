// A kept X/Z report as the files a manager takes away: one list of labelled lines in the
// asking screen's language, written as CSV (the queue export's cell quoting) and as PDF
// (pdfkit with DejaVu Sans embedded, which has every Czech letter). Amounts in the CSV are
// plain decimals for spreadsheets; the PDF writes money as the language does.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { translate, type Language, type MessageKey } from '../../shared/i18n/index.ts';
import { reportLines, reportValueText } from '../../shared/shift-lines.ts';
import { currencyDecimals, fromMinorUnits } from '../../shared/money.ts';
import type { ShiftReport } from '../../shared/shift.ts';
import { csvCell } from '../sync/export.ts';

/** section,item,value,currency; money as a plain decimal, counts as whole numbers. */
export function reportCsv(report: ShiftReport, language: Language, timeZone: string): string {
  const t = (key: MessageKey) => translate(language, key);
  const decimals = currencyDecimals(report.currency);
  const rows = reportLines(report, language, timeZone).map((line) => {
    const value =
      'money' in line.value
        ? fromMinorUnits(line.value.money, decimals).toFixed(decimals)
        : 'count' in line.value
          ? line.value.count
          : line.value.text;
    return [t(line.section), line.label, value, 'money' in line.value ? report.currency : null]
      .map((cell) => csvCell(typeof cell === 'number' ? cell : cell === null ? null : String(cell)))
      .join(',');
  });
  return (
    [
      [
        t('shift.report.col.section'),
        t('shift.report.col.item'),
        t('shift.report.col.value'),
        t('shift.report.col.currency'),
      ].join(','),
      ...rows,
    ].join('\r\n') + '\r\n'
  );
}

const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** An A4 page or more: the title, then each section's lines with their values to the right. */
export function reportPdf(report: ShiftReport, language: Language, timeZone: string): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
  const title = t(report.kind === 'Z' ? 'shift.report.zTitle' : 'shift.report.xTitle', { id: report.id });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title, Creator: 'ccpos' },
    lang: language,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontFile);
  doc.registerFont('bold', boldFontFile);
  doc.font('bold').fontSize(16).text(title);
  doc.moveDown(0.5);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  let section: MessageKey | null = null;
  for (const line of reportLines(report, language, timeZone)) {
    if (line.section !== section) {
      section = line.section;
      doc.moveDown(0.6).font('bold').fontSize(11).text(t(section), left);
    }
    const y = doc.y;
    doc
      .font('body')
      .fontSize(10)
      .text(line.label, left, y, { width: width * 0.65 });
    const after = doc.y;
    doc.text(reportValueText(line.value, language, report.currency), left + width * 0.65, y, {
      width: width * 0.35,
      align: 'right',
    });
    doc.y = Math.max(after, doc.y);
  }
  doc.end();
  return done;
}
