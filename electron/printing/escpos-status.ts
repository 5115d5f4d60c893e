// ESC/POS real-time status (DLE EOT n), asked before a print so a printer without paper or
// with its cover open is reported instead of silently keeping the receipt. ReceiptLine
// only writes documents, so these two questions and their bits are ours.
import type { PrinterProblem } from '../../shared/printing/status.ts';

/** DLE EOT 2 (offline cause) then DLE EOT 4 (roll paper sensor). */
export const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

/** Every status byte has bit 1 and bit 4 set, bits 0 and 7 clear. */
function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export interface PaperState {
  problem: PrinterProblem | null;
  paperLow: boolean;
}

/** The answer to STATUS_QUERY (two bytes); null when it is not one (a printer that does not answer status). */
export function readStatus(answer: Uint8Array): PaperState | null {
  if (answer.length < 2) return null;
  const cause = answer[0]!;
  const paper = answer[1]!;
  if (!isStatusByte(cause) || !isStatusByte(paper)) return null;
  const paperOut = (paper & 0x60) !== 0 || (cause & 0x20) !== 0;
  const problem: PrinterProblem | null =
    (cause & 0x04) !== 0 ? 'cover_open' : paperOut ? 'paper_out' : (cause & 0x40) !== 0 ? 'offline' : null;
  return { problem, paperLow: (paper & 0x0c) !== 0 };
}
