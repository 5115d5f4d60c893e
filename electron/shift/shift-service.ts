// The lane's shift for the cashier: open with the float, cash in and out with a reason,
// the X report at any time, and the close: the drawer counted, expected against counted,
// a manager's PIN past the set difference, and the Z report kept in the same commit.
// Answers are domain outcomes; the IPC edge turns refusals into codes.
import { basename, dirname, join } from 'node:path';
import { translate, type Language } from '../../shared/i18n/index.ts';
import { PaperBuilder } from '../../shared/printing/document.ts';
import type { PrintOutcome } from '../../shared/printing/status.ts';
import { reportLines, reportValueText } from '../../shared/shift-lines.ts';
import type { Printing } from '../printing/print-service.ts';
import { InvalidInput, NotConfigured } from '../domain/errors.ts';
import type { Operator } from '../../shared/operators.ts';
import {
  countedTotal,
  needsManager,
  type CloseOutcome,
  type DrawerCount,
  type ShiftReport,
  type ShiftView,
} from '../../shared/shift.ts';
import type { ShiftSettings } from '../../shared/settings.ts';
import type { ManagerCheck } from '../checkout/manager-pin.ts';
import type { Journal } from '../journal/journal.ts';
import { ShiftNotFound, ShiftStateError, type ReportRow, type ShiftRow } from '../journal/shifts.ts';
import { shiftReport } from './report.ts';
import { reportCsv, reportPdf } from './report-files.ts';
import { ensurePrivateDir, replacePrivateFile } from '../config/file-modes.ts';
import type { ExportDestination } from '../checkout/manager-queue.ts';
import type { ShiftExportDone } from '../../shared/shift.ts';

export interface ShiftServiceOptions {
  journal: Journal;
  managerCheck: ManagerCheck;
  /** The lane: store and cash desk from the settings, the till's currency from the catalogue. */
  lane: () => { storeId: string; cashdesk: number; currency: string };
  settings: () => ShiftSettings;
  /** Where exports go when the screen does not choose (the data folder's exports/). */
  exportDir: string;
  /** The report files' words and times: the asking screen's language, the terminal's zone. */
  language: () => Language;
  timeZone: () => string;
  /** The receipt printer; a report prints on it as the screen shows it. */
  printing?: Pick<Printing, 'print'>;
}

/** A request the shift cannot take as asked (amounts, a count, a reason). */
export class ShiftInputError extends InvalidInput {
  override name = 'ShiftInputError';
  constructor(message: string) {
    super(message, [{ name: 'shift', reason: 'invalid', message }]);
  }
}

const MAX_AMOUNT_MINOR = 1_000_000_000;

function amount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT_MINOR)
    throw new ShiftInputError(`${what} must be whole minor units between 0 and ${MAX_AMOUNT_MINOR}`);
  return value;
}

export class ShiftService {
  readonly #o: ShiftServiceOptions;

  constructor(options: ShiftServiceOptions) {
    this.#o = options;
  }

  get #book() {
    return this.#o.journal.shifts;
  }

  /** The open shift with its movements and the drawer's expected cash now; null when none is open. */
  current(): ShiftView | null {
    const shift = this.#book.current();
    return shift ? this.#view(shift) : null;
  }

  /** Whether a sale taking cash may close now: an open shift, unless the settings let cash go without one. */
  cashAllowed(): boolean {
    return !this.#o.settings().cashNeedsOpenShift || this.#book.current() !== null;
  }

  open(operator: Operator, openingFloatMinor: number): ShiftView {
    const lane = this.#o.lane();
    if (lane.storeId === '') throw new NotConfigured('The terminal has no store set');
    const shift = this.#book.open({
      ...lane,
      operator: operator.name,
      openingFloatMinor: amount(openingFloatMinor, 'The opening float'),
    });
    return this.#view(shift);
  }

  move(operator: Operator, direction: 'in' | 'out', amountMinor: number, reason: string): ShiftView {
    const shift = this.#open();
    if (amount(amountMinor, 'A cash movement') === 0)
      throw new ShiftInputError('A cash movement is more than nothing');
    const why = reason.trim();
    if (why.length < 3) throw new ShiftInputError('A cash movement needs its reason');
    this.#book.addMovement(shift.id, direction, amountMinor, why, operator.name);
    return this.#view(this.#book.get(shift.id)!);
  }

  /** The X report: the open shift as it stands, kept for the record; the shift goes on. */
  xReport(operator: Operator): ShiftReport {
    const shift = this.#open();
    const row = this.#book.recordX(shift.id, operator.name, (id, at) =>
      shiftReport(shift, this.#book.members(shift.id), this.#book.movements(shift.id), {
        kind: 'X',
        id,
        madeBy: operator.name,
        madeAt: at,
        close: null,
      }),
    );
    return row.report as ShiftReport;
  }

  /**
   * Closes the open shift with the count. Past the difference limit a manager's PIN must come
   * with it; without one the answer says so and nothing changes. The Z report is kept with the close.
   */
  async close(operator: Operator, count: DrawerCount, pin: string | null): Promise<CloseOutcome> {
    const shift = this.#open();
    const counted = countedTotal(count, shift.currency);
    if (!counted.ok) throw new ShiftInputError(`The count cannot be read (${counted.problem})`);
    const limitMinor = this.#o.settings().countDifferenceLimitMinor;
    // The PIN is checked before the commit (it takes time and counts refusals); the difference again inside it.
    const manager = pin === null ? null : await this.#o.managerCheck(pin, 'shift-close', operator);
    return this.#book.close(shift.id, (at, reportId) => {
      const members = this.#book.members(shift.id);
      const movements = this.#book.movements(shift.id);
      const asIs = shiftReport(shift, members, movements, {
        kind: 'X',
        id: reportId,
        madeBy: operator.name,
        madeAt: at,
        close: null,
      });
      const expectedMinor = asIs.cash.expectedMinor;
      const differenceMinor = counted.totalMinor - expectedMinor;
      const approval = needsManager(differenceMinor, limitMinor);
      if (approval && manager === null)
        return {
          outcome: {
            outcome: 'needs_manager',
            expectedMinor,
            countedMinor: counted.totalMinor,
            differenceMinor,
            limitMinor,
          } as CloseOutcome,
        };
      const approvedBy = approval ? manager!.name : null;
      const report = shiftReport(shift, members, movements, {
        kind: 'Z',
        id: reportId,
        madeBy: operator.name,
        madeAt: at,
        close: { countedMinor: counted.totalMinor, count, approvedBy, closedBy: operator.name },
      });
      return {
        close: {
          closedBy: operator.name,
          expectedCashMinor: expectedMinor,
          countedCashMinor: counted.totalMinor,
          countDetail: count,
          approvedBy,
        },
        report,
        outcome: { outcome: 'closed', report } as CloseOutcome,
      };
    });
  }

  /** A kept report (an X or the Z of a closed shift) as it was made. */
  report(id: number): ShiftReport {
    const row = this.#book.report(id);
    if (!row) throw new ShiftNotFound();
    return reportOf(row);
  }

  /** The Z reports of the newest closed shifts. */
  closedShifts(limit: number): ShiftReport[] {
    return this.#book
      .recentClosed(limit)
      .map((s) => this.#book.zReportOf(s.id))
      .filter((r): r is ReportRow => r !== null)
      .map(reportOf);
  }

  /** A kept report as CSV or PDF, where the screen asked; the export is audited. */
  async export(
    id: number,
    format: 'csv' | 'pdf',
    operator: Operator,
    destination: ExportDestination = { to: 'folder' },
  ): Promise<ShiftExportDone> {
    const report = this.report(id);
    const language = this.#o.language();
    const content =
      format === 'csv'
        ? reportCsv(report, language, this.#o.timeZone())
        : await reportPdf(report, language, this.#o.timeZone());
    const name = `shift-${report.shiftId}-${report.kind}-${report.id}.${format}`;
    const audit = (delivered: string) =>
      this.#book.recordUse(operator.name, 'shift-report-export', {
        reportId: id,
        shiftId: report.shiftId,
        kind: report.kind,
        format,
        delivered,
      });
    const encoding = format === 'csv' ? 'utf8' : 'base64';
    if (destination.to === 'download') {
      audit('download');
      return {
        format,
        file: name,
        delivered: 'download',
        content: typeof content === 'string' ? content : content.toString('base64'),
        encoding,
      };
    }
    const file = destination.to === 'dialog' ? await destination.choose(name) : join(this.#o.exportDir, name);
    if (file === null) return { format, file: name, delivered: 'cancelled', content: null, encoding };
    if (destination.to === 'folder') ensurePrivateDir(dirname(file));
    replacePrivateFile(file, content);
    audit(destination.to);
    return {
      format,
      file: basename(file),
      delivered: destination.to === 'dialog' ? 'saved' : 'folder',
      content: null,
      encoding,
    };
  }

  /**
   * Prints a kept report on the receipt printer, in the asking screen's language; the outcome says whether paper came
   * out.
   */
  async print(id: number, operator: Operator): Promise<PrintOutcome> {
    const report = this.report(id);
    if (!this.#o.printing) return { outcome: 'no_printer' };
    const language = this.#o.language();
    const title = translate(language, report.kind === 'Z' ? 'shift.report.zTitle' : 'shift.report.xTitle', {
      id: report.id,
    });
    const paper = new PaperBuilder().text(title, { align: 'center', bold: true }).rule();
    let section: string | null = null;
    for (const line of reportLines(report, language, this.#o.timeZone())) {
      if (line.section !== section) {
        if (section !== null) paper.blank();
        section = line.section;
        paper.text(translate(language, line.section), { bold: true });
      }
      paper.pair(line.label, reportValueText(line.value, language, report.currency));
    }
    const outcome = await this.#o.printing.print({ kind: 'report', label: title, document: paper.build() });
    this.#book.recordUse(operator.name, 'shift-report-print', {
      reportId: id,
      shiftId: report.shiftId,
      kind: report.kind,
      outcome: outcome.outcome,
    });
    return outcome;
  }

  #open(): ShiftRow {
    const shift = this.#book.current();
    if (!shift) throw new ShiftStateError('no_open_shift');
    return shift;
  }

  #view(shift: ShiftRow): ShiftView {
    const movements = this.#book.movements(shift.id);
    const expected =
      shift.expectedCashMinor ??
      shiftReport(shift, this.#book.members(shift.id), movements, {
        kind: 'X',
        id: 0,
        madeBy: '',
        madeAt: Date.now(),
        close: null,
      }).cash.expectedMinor;
    return {
      id: shift.id,
      storeId: shift.storeId,
      cashdesk: shift.cashdesk,
      currency: shift.currency,
      openedBy: shift.openedBy,
      openedAt: new Date(shift.openedAt).toISOString(),
      openingFloatMinor: shift.openingFloatMinor,
      closedBy: shift.closedBy,
      closedAt: shift.closedAt === null ? null : new Date(shift.closedAt).toISOString(),
      movements: movements.map((m) => ({
        id: m.id,
        direction: m.direction,
        amountMinor: m.amountMinor,
        reason: m.reason,
        operator: m.operator,
        at: new Date(m.at).toISOString(),
      })),
      expectedCashMinor: expected,
    };
  }
}

function reportOf(row: ReportRow): ShiftReport {
  return row.report as ShiftReport;
}
