// The terminal's printer: one print at a time in the order asked, never in the way of a
// sale (callers do not wait unless they want the outcome), every outcome reported as the
// `printing.status` the status bar follows. Receipts, the shift's reports and the test
// page all come here as paper documents.
import type { PaperDocument } from '../../shared/printing/document.ts';
import type { PrinterStatus, PrintKind, PrintOutcome } from '../../shared/printing/status.ts';
import type { PrinterSettings } from '../../shared/settings.ts';
import { sendToNetworkPrinter, type SendResult } from './network.ts';
import { printerBytes } from './render.ts';
import type { LogFields } from '../log/logger.ts';
import { sendToSpooler } from './spooler.ts';

export interface PrintJob {
  kind: PrintKind;
  /** What the status bar and the log name: the sale's reference, the report's title. */
  label: string;
  document: PaperDocument;
  /** Kick the cash drawer (a cash sale); only when the printer setting allows it. */
  openDrawer?: boolean;
  /** Another printer than the saved one (the settings screen's test before saving). */
  printer?: PrinterSettings;
}

/** What others in main need from the printer. */
export interface Printing {
  /** Prints when the printer is free; resolves with the outcome and never rejects. */
  print(job: PrintJob): Promise<PrintOutcome>;
  status(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
}

export interface PrintServiceOptions {
  printer: () => PrinterSettings;
  /** Where the bytes go; the app's are the network and the spooler (tests may record them). */
  send?: (printer: PrinterSettings, bytes: Buffer) => Promise<SendResult>;
  now?: () => Date;
  log?: (event: string, fields: LogFields) => void;
}

export function sendTo(printer: PrinterSettings, bytes: Buffer): Promise<SendResult> {
  if (printer.connection === 'network') {
    if (printer.host === '') return Promise.resolve({ ok: false, problem: 'not_configured' });
    return sendToNetworkPrinter(
      { host: printer.host.replace(/^\[|\]$/g, ''), port: printer.port, timeoutMs: printer.timeoutMs },
      bytes,
    );
  }
  if (printer.connection === 'spooler')
    return sendToSpooler({ queue: printer.queue, timeoutMs: printer.timeoutMs }, bytes);
  return Promise.resolve({ ok: false, problem: 'not_configured' });
}

export class PrintService implements Printing {
  readonly #o: PrintServiceOptions;
  readonly #listeners = new Set<(status: PrinterStatus) => void>();
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  #printing = false;
  #last: PrinterStatus['last'] = null;
  #problem: PrinterStatus['problem'] = null;
  #paperLow = false;

  constructor(options: PrintServiceOptions) {
    this.#o = options;
  }

  status(): PrinterStatus {
    return {
      connection: this.#o.printer().connection,
      state: this.#printing ? 'printing' : this.#problem ? 'failed' : 'idle',
      problem: this.#problem,
      paperLow: this.#paperLow,
      last: this.#last,
      waiting: this.#waiting,
    };
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  print(job: PrintJob): Promise<PrintOutcome> {
    const printer = job.printer ?? this.#o.printer();
    // A receipt with no printer set is simply not printed; a test page asks for one.
    if (printer.connection === 'none' && job.kind !== 'test')
      return Promise.resolve({ outcome: 'no_printer' });
    this.#waiting += 1;
    const run = this.#tail.then(() => this.#run(job, printer));
    this.#tail = run;
    this.#publish();
    return run;
  }

  async #run(job: PrintJob, printer: PrinterSettings): Promise<PrintOutcome> {
    this.#waiting -= 1;
    this.#printing = true;
    this.#publish();
    let outcome: PrintOutcome;
    let bytes: Buffer | null = null;
    try {
      bytes = printerBytes(job.document, printer, { openDrawer: job.openDrawer === true && printer.drawer });
    } catch (error) {
      this.#o.log?.('print.unprintable', {
        kind: job.kind,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
    if (bytes === null) outcome = { outcome: 'failed', problem: 'unprintable' };
    else {
      try {
        const sent = await (this.#o.send ?? sendTo)(printer, bytes);
        outcome = sent.ok
          ? { outcome: 'printed', paperLow: sent.paperLow }
          : { outcome: 'failed', problem: sent.problem };
      } catch (error) {
        this.#o.log?.('print.error', {
          kind: job.kind,
          error: error instanceof Error ? error.name : 'unknown',
        });
        outcome = { outcome: 'failed', problem: 'spooler_failed' };
      }
    }
    this.#printing = false;
    // A test of a printer not saved yet says nothing about the saved one.
    if (!job.printer) {
      this.#problem = outcome.outcome === 'failed' ? outcome.problem : null;
      this.#paperLow = outcome.outcome === 'printed' && outcome.paperLow;
      this.#last = {
        kind: job.kind,
        label: job.label,
        at: (this.#o.now?.() ?? new Date()).toISOString(),
        outcome: outcome.outcome === 'printed' ? 'printed' : 'failed',
      };
    }
    this.#o.log?.('print.done', {
      kind: job.kind,
      outcome: outcome.outcome,
      ...(outcome.outcome === 'failed' ? { problem: outcome.problem } : {}),
    });
    this.#publish();
    return outcome;
  }

  #publish(): void {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }
}
