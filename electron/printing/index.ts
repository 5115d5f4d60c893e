// The printer, for anything in main that prints: build a PaperDocument with PaperBuilder
// (shared/printing/document.ts) and hand it to `Printing.print`.
export {
  PrintService,
  sendTo,
  type Printing,
  type PrintJob,
  type PrintServiceOptions,
} from './print-service.ts';
export { paperSvg, printerBytes } from './render.ts';
export { PaperBuilder, type PaperDocument } from '../../shared/printing/document.ts';
export type { PrinterStatus, PrintOutcome, PrinterProblem, PrintKind } from '../../shared/printing/status.ts';
