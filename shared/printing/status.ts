// What the screens learn about the receipt printer: plain data pushed as `printing.status`
// and answered by the printing channels. Problems are codes; the screens word them.

export type PrintKind = 'receipt' | 'report' | 'test';

/** Why a print did not happen; `not_configured` means the terminal has no printer set. */
export type PrinterProblem =
  | 'not_configured'
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'paper_out'
  | 'cover_open'
  | 'offline'
  | 'spooler_failed'
  | 'not_found'
  /** The document could not be turned into printer commands (a bug, never the printer's fault). */
  | 'unprintable';

export type PrintOutcome =
  | { outcome: 'printed'; paperLow: boolean }
  | { outcome: 'failed'; problem: PrinterProblem }
  /** No printer is set: nothing was sent, which is no failure. */
  | { outcome: 'no_printer' };

export interface PrinterStatus {
  connection: 'none' | 'network' | 'spooler';
  /** `failed`: the last print did not happen (see `problem`); the next print tries again. */
  state: 'idle' | 'printing' | 'failed';
  problem: PrinterProblem | null;
  /** The printer said its roll is nearly used up (ESC/POS paper sensor). */
  paperLow: boolean;
  /** The last print: what, which sale or report, when (ISO) and how it ended. */
  last: { kind: PrintKind; label: string; at: string; outcome: 'printed' | 'failed' } | null;
  /** Prints waiting behind the one on its way. */
  waiting: number;
}
