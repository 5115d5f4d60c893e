// Receipts after pay: each closed sale's receipt is completed with what CareCloud says
// once the purchase exists (points earned from payment-summary, the new points balance),
// kept for reprints, and printed. All of it runs after pay has answered: the sale is
// safe in the journal before anything here starts, and nothing here can undo it.
import type { Receipt } from '../../shared/checkout/answers.ts';
import { receiptPaper } from '../../shared/checkout/receipt-paper.ts';
import type { Language } from '../../shared/i18n/language.ts';
import type { PaperDocument } from '../../shared/printing/document.ts';
import type { PrintOutcome } from '../../shared/printing/status.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import type { Printing } from './print-service.ts';
import type { ReceiptFile } from './receipt-file.ts';
import type { LogFields } from '../log/logger.ts';

const KEPT_RECEIPTS = 200;
const SAVE_DELAY_MS = 2_000;

export interface ReceiptPrinterOptions {
  printing: Printing;
  client: () => CareCloudClient;
  online: () => boolean;
  timeZone: () => string;
  /** How long CareCloud may take to say the points before the receipt prints without the balance. */
  lookupMs: () => number;
  /** The cashier's name as the screens show it in a language (demo operators have one per language). */
  cashierName?: (stored: string, language: Language) => string;
  log?: (event: string, fields: LogFields) => void;
  /** Where printed receipts are kept across restarts (absent: in memory only). */
  file?: ReceiptFile;
}

interface Kept {
  receipt: Promise<Receipt>;
  printed: Promise<PrintOutcome>;
}

export class ReceiptPrinter {
  readonly #o: ReceiptPrinterOptions;
  readonly #kept = new Map<string, Kept>();

  constructor(options: ReceiptPrinterOptions) {
    this.#o = options;
    for (const receipt of options.file?.read() ?? []) {
      this.#kept.set(receipt.billId, {
        receipt: Promise.resolve(receipt),
        printed: Promise.resolve({ outcome: 'no_printer' }),
      });
    }
  }

  /** A sale closed (or was saved offline): complete, keep and print its receipt. Returns at once. */
  closed(
    receipt: Receipt,
    sale: { purchaseId: string | null; cashTendered: boolean; language: Language },
  ): void {
    const completed = this.#complete(receipt, sale.purchaseId);
    const printed = completed
      .then((final) =>
        this.#o.printing.print({
          kind: 'receipt',
          label: final.billId,
          document: this.#paper(final, sale.language, false),
          openDrawer: sale.cashTendered,
        }),
      )
      // The sale is closed whatever happens here: a receipt that cannot be laid out is reported, never thrown.
      .catch((error: unknown): PrintOutcome => {
        this.#o.log?.('receipt.unprintable', {
          billId: receipt.billId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        return { outcome: 'failed', problem: 'unprintable' };
      });
    this.#kept.delete(receipt.billId);
    this.#kept.set(receipt.billId, { receipt: completed, printed });
    if (this.#kept.size > KEPT_RECEIPTS) this.#kept.delete(this.#kept.keys().next().value as string);
    // Kept on disk a moment after the print, once for a run of sales, so the write never competes with the next sale.
    if (this.#o.file) void printed.then(() => this.#scheduleSave());
  }

  #saveTimer: NodeJS.Timeout | null = null;

  #scheduleSave(): void {
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      void this.#save();
    }, SAVE_DELAY_MS);
    this.#saveTimer.unref();
  }

  async #save(): Promise<void> {
    const file = this.#o.file;
    if (!file) return;
    try {
      await file.save(await Promise.all([...this.#kept.values()].map((kept) => kept.receipt)));
    } catch (error) {
      this.#o.log?.('receipts.unsaved', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  /** The receipt as printed (with CareCloud's points once it said them); null when none is kept. */
  async receipt(billId: string): Promise<Receipt | null> {
    return (await this.#kept.get(billId)?.receipt) ?? null;
  }

  /** How the first print of this sale's receipt ended; null when none is kept. */
  async printed(billId: string): Promise<PrintOutcome | null> {
    return (await this.#kept.get(billId)?.printed) ?? null;
  }

  async reprint(billId: string, language: Language): Promise<PrintOutcome | null> {
    const kept = this.#kept.get(billId);
    if (!kept) return null;
    const receipt = await kept.receipt;
    try {
      return await this.#o.printing.print({
        kind: 'receipt',
        label: billId,
        document: this.#paper(receipt, language, true),
      });
    } catch {
      return { outcome: 'failed', problem: 'unprintable' };
    }
  }

  /** The receipt's paper in a language, as the printer gets it. */
  paper(receipt: Receipt, language: Language, copy = false): PaperDocument {
    return this.#paper(receipt, language, copy);
  }

  #paper(receipt: Receipt, language: Language, copy: boolean): PaperDocument {
    return receiptPaper(receipt, {
      language,
      timeZone: this.#o.timeZone(),
      copy,
      cashierName: this.#o.cashierName?.(receipt.cashier, language) ?? receipt.cashier,
    });
  }

  async #complete(receipt: Receipt, purchaseId: string | null): Promise<Receipt> {
    if (purchaseId === null || !this.#o.online()) return receipt;
    const client = this.#o.client();
    const options = { retry: false as const, timeoutMs: this.#o.lookupMs() };
    const [summary, points] = await Promise.allSettled([
      client.purchases.paymentSummary(purchaseId, options),
      receipt.customerId
        ? client.wallet.pointsOverview(receipt.customerId, {}, { ...options, fresh: true })
        : Promise.resolve(null),
    ]);
    const earned = summary.status === 'fulfilled' ? summary.value?.earned_points : undefined;
    const balance = points.status === 'fulfilled' ? points.value?.available_points : undefined;
    if (summary.status === 'rejected' || points.status === 'rejected')
      this.#o.log?.('receipt.points.unknown', { billId: receipt.billId });
    return {
      ...receipt,
      pointsEarned: typeof earned === 'number' && Number.isFinite(earned) ? earned : receipt.pointsEarned,
      pointsBalance:
        receipt.customerId && typeof balance === 'number' && Number.isFinite(balance) ? balance : null,
    };
  }
}
