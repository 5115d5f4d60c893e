// The lane's shift on the screen: the open shift (or none), cash in and out, the drawer
// count as typed, the X/Z report shown, the closed shifts, and the report's export.
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import {
  countedTotal,
  type CloseOutcome,
  type DrawerCount,
  type ShiftExportDone,
  type ShiftReport,
  type ShiftView,
} from '../../../shared/shift.ts';
import type { PrintOutcome } from '../../../shared/printing/status.ts';
import { pinRefusalOf } from './errors.ts';
import { deliverExport } from './export-download.ts';

type ShiftPort = Pick<PosApi, 'shift'>;
type Done<T> = { ok: true; value: T } | { ok: false; error: PosError };

export class ShiftState {
  readonly #pos: ShiftPort;
  #current = $state.raw<ShiftView | null>(null);
  #loaded = $state(false);
  #report = $state.raw<ShiftReport | null>(null);
  #history = $state.raw<ShiftReport[]>([]);
  #problem = $state.raw<PosError | null>(null);
  #pendingClose = $state.raw<Extract<CloseOutcome, { outcome: 'needs_manager' }> | null>(null);
  #exported = $state.raw<ShiftExportDone | null>(null);
  #printed = $state.raw<PrintOutcome | null>(null);
  #busy = $state(false);

  constructor(pos: ShiftPort) {
    this.#pos = pos;
  }

  get current(): ShiftView | null {
    return this.#current;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The report on screen: the X just made, or the Z of the close. */
  get report(): ShiftReport | null {
    return this.#report;
  }
  get history(): ShiftReport[] {
    return this.#history;
  }
  get problem(): PosError | null {
    return this.#problem;
  }
  /** A close waiting for a manager's PIN because the difference passed the limit. */
  get pendingClose() {
    return this.#pendingClose;
  }
  /** How the last print of the shown report ended. */
  get printed(): PrintOutcome | null {
    return this.#printed;
  }

  get exported(): ShiftExportDone | null {
    return this.#exported;
  }
  get busy(): boolean {
    return this.#busy;
  }

  async #run<T>(call: () => Promise<Done<T>>, then: (value: T) => void): Promise<boolean> {
    if (this.#busy) return false;
    this.#busy = true;
    try {
      const result = await call();
      if (!result.ok) {
        this.#problem = result.error;
        return false;
      }
      this.#problem = null;
      then(result.value);
      return true;
    } finally {
      this.#busy = false;
    }
  }

  async load(): Promise<void> {
    const [current, history] = await Promise.all([
      this.#pos.shift.current(),
      this.#pos.shift.closed({ limit: 10 }),
    ]);
    if (current.ok) this.#current = current.value;
    if (history.ok) this.#history = history.value;
    this.#problem = !current.ok ? current.error : !history.ok ? history.error : null;
    this.#loaded = true;
  }

  open(openingFloatMinor: number): Promise<boolean> {
    return this.#run(
      () => this.#pos.shift.open({ openingFloatMinor }),
      (shift) => {
        this.#current = shift;
        this.#report = null;
      },
    );
  }

  move(direction: 'in' | 'out', amountMinor: number, reason: string): Promise<boolean> {
    return this.#run(
      () => this.#pos.shift.cash({ direction, amountMinor, reason }),
      (shift) => (this.#current = shift),
    );
  }

  xReport(): Promise<boolean> {
    return this.#run(
      () => this.#pos.shift.xReport(),
      (report) => {
        this.#report = report;
        this.#exported = null;
      },
    );
  }

  /** What the count adds up to as typed; null when it cannot be read. */
  counted(count: DrawerCount): number | null {
    const currency = this.#current?.currency;
    if (!currency) return null;
    const total = countedTotal(count, currency);
    return total.ok ? total.totalMinor : null;
  }

  /**
   * Closes with the count; a difference past the limit leaves `pendingClose` for a manager's PIN. Answers a refused
   * PIN.
   */
  async close(count: DrawerCount, pin?: string): Promise<PosError | null> {
    let refused: PosError | null = null;
    await this.#run(
      async () => {
        const result = await this.#pos.shift.close(pin === undefined ? { count } : { count, pin });
        refused = pinRefusalOf(result);
        if (refused) return { ok: true as const, value: null };
        return result;
      },
      (outcome) => {
        if (outcome === null) return;
        if (outcome.outcome === 'needs_manager') {
          this.#pendingClose = outcome;
          return;
        }
        this.#pendingClose = null;
        this.#current = null;
        this.#report = outcome.report;
        this.#exported = null;
        this.#history = [outcome.report, ...this.#history];
      },
    );
    return refused;
  }

  cancelClose(): void {
    this.#pendingClose = null;
  }

  show(report: ShiftReport): void {
    this.#report = report;
    this.#exported = null;
    this.#printed = null;
  }

  /** Prints the shown report on the receipt printer. */
  print(): Promise<boolean> {
    const report = this.#report;
    if (!report) return Promise.resolve(false);
    this.#printed = null;
    return this.#run(
      () => this.#pos.shift.print({ id: report.id }),
      (outcome) => (this.#printed = outcome),
    );
  }

  export(format: 'csv' | 'pdf'): Promise<boolean> {
    const report = this.#report;
    if (!report) return Promise.resolve(false);
    return this.#run(
      () => this.#pos.shift.export({ id: report.id, format, to: 'screen' }),
      (done) => {
        deliverExport(done);
        this.#exported = done;
      },
    );
  }
}
