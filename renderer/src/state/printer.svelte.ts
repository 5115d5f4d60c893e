// The receipt printer as the screens see it: its last pushed status (for the status bar
// and the receipt's notice), a sale's kept receipt with its paper, reprints and the test page.
import type { Receipt } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import type { PrinterSettings } from '../../../shared/settings.ts';
import type { PrinterStatus, PrintOutcome } from '../../../shared/printing/status.ts';

export type PrintNotice =
  | { billId: string; outcome: PrintOutcome; reprint: boolean }
  | { billId: string; error: PosError; reprint: boolean };

export class PrinterState {
  readonly #pos: Pick<PosApi, 'printing'>;
  #status = $state.raw<PrinterStatus | null>(null);
  #reprinting = $state<string | null>(null);
  #lastReprint = $state.raw<PrintNotice | null>(null);
  #testing = $state(false);
  #test = $state.raw<{ result: PrintOutcome; svg: string } | { error: PosError } | null>(null);

  constructor(pos: Pick<PosApi, 'printing'>) {
    this.#pos = pos;
  }

  get status(): PrinterStatus | null {
    return this.#status;
  }

  apply(status: PrinterStatus): void {
    this.#status = status;
  }

  /** Asks main for the status now (pushes only come when something prints). */
  async refresh(): Promise<void> {
    const result = await this.#pos.printing.status();
    if (result.ok) this.#status = result.value;
  }

  /** A printer is set: receipts print and can be printed again. */
  get configured(): boolean {
    return this.#status !== null && this.#status.connection !== 'none';
  }

  /** How the print of this sale's receipt ended, as main last reported; null while it is on its way or unknown. */
  printedFor(billId: string): 'printed' | 'failed' | null {
    const last = this.#status?.last;
    if (!last || last.kind !== 'receipt' || last.label !== billId) return null;
    return last.outcome;
  }

  get reprinting(): string | null {
    return this.#reprinting;
  }

  get lastReprint(): PrintNotice | null {
    return this.#lastReprint;
  }

  /** The sale's receipt as kept in main (CareCloud's points added once it said them) and its paper image. */
  async receipt(billId: string): Promise<{ receipt: Receipt; paper: string } | null> {
    const result = await this.#pos.printing.receipt({ billId });
    return result.ok ? result.value : null;
  }

  /** Prints a kept receipt again; one at a time, however often the button is pressed. */
  async reprint(billId: string): Promise<void> {
    if (this.#reprinting) return;
    this.#reprinting = billId;
    try {
      const result = await this.#pos.printing.reprint({ billId });
      this.#lastReprint = result.ok
        ? { billId, outcome: result.value, reprint: true }
        : { billId, error: result.error, reprint: true };
    } finally {
      this.#reprinting = null;
    }
  }

  get testing(): boolean {
    return this.#testing;
  }

  get test(): { result: PrintOutcome; svg: string } | { error: PosError } | null {
    return this.#test;
  }

  /** The test page on the printer as the settings form has it now (saved or not). */
  async testPrint(printer: PrinterSettings): Promise<void> {
    if (this.#testing) return;
    this.#testing = true;
    this.#test = null;
    try {
      const result = await this.#pos.printing.test({ printer });
      this.#test = result.ok ? result.value : { error: result.error };
    } finally {
      this.#testing = false;
    }
  }
}
