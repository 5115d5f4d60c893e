// What the screens may ask of the printer: its status, a test page, a receipt again.
// Receipts are printed from the receipt the sale closed with (kept in ReceiptStore),
// never rebuilt from anything else.
import type { Receipt } from '../../shared/checkout/answers.ts';
import type { Language } from '../../shared/i18n/language.ts';
import type { PrinterStatus, PrintOutcome } from '../../shared/printing/status.ts';
import type { PrinterSettings } from '../../shared/settings.ts';
import type { PaperDocument } from '../../shared/printing/document.ts';
import { paperSvg } from './render.ts';
import type { Printing } from './print-service.ts';
import { testPage } from './test-page.ts';

export interface PrintingDesk {
  status(): PrinterStatus;
  /** The test page on `printer` (a draft from the settings screen) or on the saved printer. */
  test(printer: PrinterSettings | null, language: Language): Promise<{ result: PrintOutcome; svg: string }>;
  /** A kept receipt again, marked as a copy; null when this terminal keeps none for the bill. */
  reprint(billId: string, language: Language): Promise<PrintOutcome | null>;
  /**
   * A sale's receipt as printed (with CareCloud's points once it said them) and its paper as SVG; null when none is
   * kept.
   */
  receipt(billId: string, language: Language): Promise<{ receipt: Receipt; paper: string } | null>;
}

export interface PrintingDeskOptions {
  printing: Printing;
  printer: () => PrinterSettings;
  place: () => { storeName: string | null; cashdesk: number; timeZone: string };
  /** A kept receipt printed again; null when none is kept for the bill. */
  reprint: (billId: string, language: Language) => Promise<PrintOutcome | null>;
  receipt: (billId: string) => Promise<Receipt | null>;
  /** The paper of a receipt in a language (the same document the printer gets). */
  paper: (receipt: Receipt, language: Language) => PaperDocument;
  /** The cashier's name as the screens show it in a language (demo operators have one per language). */
  cashierName?: (stored: string, language: Language) => string;
  now?: () => Date;
}

export function printingDesk(options: PrintingDeskOptions): PrintingDesk {
  return {
    status: () => options.printing.status(),
    async test(printer, language) {
      const target = printer ?? options.printer();
      const place = options.place();
      const document = testPage(target, {
        language,
        timeZone: place.timeZone,
        storeName: place.storeName,
        cashdesk: place.cashdesk,
        now: options.now?.() ?? new Date(),
      });
      const result = await options.printing.print({
        kind: 'test',
        label: 'test',
        document,
        ...(printer ? { printer } : {}),
      });
      return { result, svg: paperSvg(document, target.charsPerLine) };
    },
    reprint: (billId, language) => options.reprint(billId, language),
    async receipt(billId, language) {
      const receipt = await options.receipt(billId);
      if (!receipt) return null;
      const shown = {
        ...receipt,
        cashier: options.cashierName?.(receipt.cashier, language) ?? receipt.cashier,
      };
      return {
        receipt: shown,
        paper: paperSvg(options.paper(receipt, language), options.printer().charsPerLine),
      };
    },
  };
}
