// HID POS barcode scanner input reports (usage page 0x8C), as node-hid delivers them:
// [0] report id, [1] data length, AIM id at data offset 0 or 1, data, [61] vendor
// code id, [63] bit 0 "more reports follow".
import { isAimId } from './aim.ts';

export const HID_POS_REPORT_ID = 0x02;
export const HID_POS_REPORT_SIZE = 64;
/** Decoded-data bytes one report can carry. */
export const HID_POS_CHUNK = 56;

export interface HidPosReport {
  aim: string;
  data: Uint8Array;
  continued: boolean;
  /** Vendor symbology byte (Honeywell "Code ID"), 0 when absent. */
  codeId: number;
}

export interface HidPosFormat {
  /** False when the transport strips the report id (WebHID): every offset is one lower. */
  withReportId: boolean;
}

const DEFAULT_FORMAT: HidPosFormat = { withReportId: true };

/** One report, or null when it is not a well-formed HID POS scanned-data report. */
export function parseHidPosReport(
  report: Uint8Array,
  format: HidPosFormat = DEFAULT_FORMAT,
): HidPosReport | null {
  const base = format.withReportId ? 1 : 0;
  const size = HID_POS_REPORT_SIZE - 1 + base;
  if (report.length !== size) return null;
  if (format.withReportId && report[0] !== HID_POS_REPORT_ID) return null;
  const length = report[base]!;
  const trailer = base + 60;
  // Some devices put one extra byte before the AIM id.
  let aimAt = base + 1;
  if (!isAimId(report[aimAt]!, report[aimAt + 1]!, report[aimAt + 2]!)) {
    aimAt += 1;
    if (!isAimId(report[aimAt]!, report[aimAt + 1]!, report[aimAt + 2]!)) return null;
  }
  const dataAt = aimAt + 3;
  const room = trailer - dataAt;
  if (length > room) return null;
  const continued = (report[size - 1]! & 0x01) === 1;
  // A report that says more follow must be full; a short one means the chain is broken.
  if (continued && length !== room) return null;
  return {
    aim: String.fromCharCode(report[aimAt]!, report[aimAt + 1]!, report[aimAt + 2]!),
    data: report.slice(dataAt, dataAt + length),
    continued,
    codeId: report[trailer]!,
  };
}

const ANY_AIM = '*';

export interface AssembledBarcode {
  aim: string;
  text: string;
  codeId: number;
}

export type AssemblerResult =
  | { type: 'barcode'; barcode: AssembledBarcode; dropped: string | null }
  | { type: 'dropped'; reason: string }
  | { type: 'pending' };

export interface AssemblerLimits {
  /** Longest barcode accepted, in bytes; longer chains are dropped whole. */
  maxBytes: number;
  /** A continuation arriving later than this after the previous report starts over. */
  maxGapMs: number;
}

export const DEFAULT_ASSEMBLER_LIMITS: AssemblerLimits = { maxBytes: 4096, maxGapMs: 250 };

/** Joins continued reports into whole barcodes; anything broken is dropped whole, never half-passed on. */
export class HidPosAssembler {
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  #aim = '';
  #lastAt = 0;
  /** AIM id of a broken chain whose remaining reports are being thrown away. */
  #discarding: string | null = null;
  readonly #limits: AssemblerLimits;
  readonly #format: HidPosFormat;

  constructor(limits: AssemblerLimits = DEFAULT_ASSEMBLER_LIMITS, format: HidPosFormat = DEFAULT_FORMAT) {
    this.#limits = limits;
    this.#format = format;
  }

  get pending(): boolean {
    return this.#chunks.length > 0;
  }

  /** Forget a half-received barcode (after a reconnect). */
  reset(): void {
    this.#clear();
    this.#discarding = null;
  }

  /**
   * Reports were lost: anything up to the next report that ends a barcode may be the tail of a
   * chain whose head is gone, so it is thrown away (a whole scan lost is better than half of one).
   */
  resync(at: number): void {
    this.#clear();
    this.#discarding = ANY_AIM;
    this.#lastAt = at;
  }

  push(bytes: Uint8Array, at: number): AssemblerResult {
    const report = parseHidPosReport(bytes, this.#format);
    let dropped: string | null = null;
    if (at - this.#lastAt > this.#limits.maxGapMs) {
      if (this.pending) dropped = 'the rest of a long barcode never arrived';
      this.reset();
    }
    this.#lastAt = at;
    if (!report) {
      if (this.pending) {
        // The rest of this chain must not come out as a barcode of its own.
        this.#discarding = this.#aim;
        this.#clear();
        return { type: 'dropped', reason: 'a malformed report broke a long barcode' };
      }
      // A damaged scanned-data report may have been the head of a chain; other report ids are not ours.
      if (!this.#format.withReportId || bytes[0] === HID_POS_REPORT_ID) this.#discarding = ANY_AIM;
      return { type: 'dropped', reason: dropped ?? 'not a scanned-data report' };
    }
    if (this.#discarding !== null) {
      const tail = report.aim === this.#discarding || this.#discarding === ANY_AIM;
      if (tail && report.continued) return { type: 'dropped', reason: 'the rest of a broken long barcode' };
      this.#discarding = null;
      if (tail) return { type: 'dropped', reason: 'the rest of a broken long barcode' };
    }
    if (this.pending && report.aim !== this.#aim) {
      this.#clear();
      dropped = 'a long barcode was cut off by another scan';
    }
    if (this.#bytes + report.data.length > this.#limits.maxBytes) {
      this.#clear();
      if (report.continued) this.#discarding = report.aim;
      return { type: 'dropped', reason: `a barcode longer than ${this.#limits.maxBytes} bytes` };
    }
    this.#aim = report.aim;
    this.#chunks.push(report.data);
    this.#bytes += report.data.length;
    if (report.continued) return dropped ? { type: 'dropped', reason: dropped } : { type: 'pending' };
    const text = decodeScanBytes(this.#chunks, this.#bytes);
    this.#clear();
    return { type: 'barcode', barcode: { aim: report.aim, text, codeId: report.codeId }, dropped };
  }

  #clear(): void {
    this.#chunks = [];
    this.#bytes = 0;
    this.#aim = '';
  }
}

/** Bytes to text, one character per byte, without the trailing CR/LF a scanner may append. */
export function decodeScanBytes(chunks: readonly Uint8Array[], total: number): string {
  let end = total;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  while (end > 0 && (joined[end - 1] === 0x0d || joined[end - 1] === 0x0a)) end--;
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(joined[i]!);
  return text;
}

/** Builds the reports a scanner would send for a barcode: for fixtures, benchmarks and the device simulator. */
export function encodeHidPosReports(
  aim: string,
  text: string,
  options: { extraByte?: boolean; codeId?: number } = {},
): Uint8Array[] {
  const bytes = Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  const chunk = HID_POS_CHUNK - (options.extraByte ? 1 : 0);
  const reports: Uint8Array[] = [];
  for (let start = 0; start === 0 || start < bytes.length; start += chunk) {
    const part = bytes.slice(start, start + chunk);
    const report = new Uint8Array(HID_POS_REPORT_SIZE);
    report[0] = HID_POS_REPORT_ID;
    report[1] = part.length;
    let at = 2;
    if (options.extraByte) report[at++] = 0x00;
    for (let i = 0; i < 3; i++) report[at++] = aim.charCodeAt(i);
    report.set(part, at);
    report[61] = options.codeId ?? 0;
    report[63] = start + chunk < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
