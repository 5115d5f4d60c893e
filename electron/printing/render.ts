// One paper document to printer bytes and to SVG, both by ReceiptLine (see docs/ARCHITECTURE.md).
import { transform } from 'receiptline';
import { toMarkup, type PaperDocument } from '../../shared/printing/document.ts';
import type { PrinterSettings } from '../../shared/settings.ts';

/** ESC p 0 t1 t2: a pulse on drawer pin 2 (25 × 2 ms on, 250 × 2 ms off), the usual drawer kick. */
const DRAWER_KICK = '{command:\\x1bp\\x00\\x19\\xfa}';

export interface PrintOptions {
  /** Open the cash drawer before the paper comes out. */
  openDrawer: boolean;
}

/** The bytes the printer is sent: ReceiptLine writes them as a binary (latin1) string. */
export function printerBytes(
  document: PaperDocument,
  printer: PrinterSettings,
  options: PrintOptions,
): Buffer {
  const markup = (options.openDrawer ? `${DRAWER_KICK}\n` : '') + toMarkup(document);
  const commands = transform(markup, {
    cpl: printer.charsPerLine,
    encoding: printer.codePage,
    command: printer.commandSet,
    cutting: printer.cut,
    gradient: false,
  });
  return Buffer.from(commands, 'latin1');
}

/** The same document as the printer would print it, as an SVG image without web fonts. */
export function paperSvg(document: PaperDocument, charsPerLine: number): string {
  const svg = transform(toMarkup(document), { cpl: charsPerLine, encoding: 'multilingual', command: 'svg' });
  // The library asks a web font service for its font; the terminal never reaches out for one.
  return svg.replace(/@import url\([^)]*\);?/g, '');
}
