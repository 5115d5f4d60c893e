// Boot keyboard reports from keyboard-mode scanners and card readers: [0] modifiers,
// [1] reserved, [2-7] pressed keys; one more leading byte when the device numbers reports.
import {
  GROUP_SEPARATOR,
  SUFFIX_USAGES,
  characterForUsage,
  keyForCharacter,
  type KeyboardLayout,
  type SuffixKey,
} from './keyboard-layout.ts';

const LEFT_CTRL = 0x01;
const LEFT_SHIFT = 0x02;
const LEFT_ALT = 0x04;
const LEFT_GUI = 0x08;
const RIGHT_CTRL = 0x10;
const RIGHT_SHIFT = 0x20;
const RIGHT_ALT = 0x40;
const RIGHT_GUI = 0x80;
const ERROR_ROLL_OVER = 0x01;
const BRACKET_RIGHT = 0x30;

export interface KeyboardReport {
  modifiers: number;
  keys: number[];
}

/** A boot keyboard report, or null when it has the wrong size or id. */
export function parseKeyboardReport(
  report: Uint8Array,
  reportId: number | null = null,
): KeyboardReport | null {
  const base = reportId === null ? 0 : 1;
  if (report.length !== 8 + base) return null;
  if (reportId !== null && report[0] !== reportId) return null;
  const keys: number[] = [];
  for (let i = base + 2; i < base + 8; i++) if (report[i] !== 0) keys.push(report[i]!);
  return { modifiers: report[base]!, keys };
}

export interface KeyboardDecoderOptions {
  /** The keyboard country the scanner is configured for. */
  layout: KeyboardLayout;
  suffixes: readonly SuffixKey[];
  reportId: number | null;
  /** Longest scan accepted; longer input is rejected whole. */
  maxLength: number;
  /** A pause longer than this between keys drops what was typed so far. */
  maxGapMs: number;
}

export const DEFAULT_KEYBOARD_DECODER: KeyboardDecoderOptions = {
  layout: 'us',
  suffixes: ['Enter', 'Tab'],
  reportId: null,
  maxLength: 512,
  maxGapMs: 250,
};

export type KeyboardDecodeResult = { type: 'scan'; text: string } | { type: 'rejected'; reason: string };

const NOTHING: readonly KeyboardDecodeResult[] = [];

/** Turns key-down edges into characters and hands on whole scans that end with the suffix key. */
export class KeyboardReportDecoder {
  #held = new Set<number>();
  #text = '';
  #problem: string | null = null;
  #lastAt = 0;
  readonly #options: KeyboardDecoderOptions;

  constructor(options: Partial<KeyboardDecoderOptions> = {}) {
    this.#options = { ...DEFAULT_KEYBOARD_DECODER, ...options };
  }

  get pending(): boolean {
    return this.#text.length > 0 || this.#problem !== null;
  }

  reset(): void {
    this.#held.clear();
    this.#text = '';
    this.#problem = null;
  }

  /** Reports were lost: whatever comes before the next end key is rejected, not passed on. */
  resync(at: number): void {
    this.reset();
    this.#problem = 'keyboard reports were lost during this scan';
    this.#lastAt = at;
  }

  push(bytes: Uint8Array, at: number): readonly KeyboardDecodeResult[] {
    const report = parseKeyboardReport(bytes, this.#options.reportId);
    const results: KeyboardDecodeResult[] = [];
    if (this.pending && at - this.#lastAt > this.#options.maxGapMs) {
      this.reset();
      results.push({ type: 'rejected', reason: 'a scan stopped before its end key' });
    }
    this.#lastAt = at;
    if (!report) {
      // Keys may have been lost with it: the scan it fell into is rejected at its end key.
      this.reset();
      this.#problem = 'a malformed keyboard report broke a scan';
      return results;
    }
    // Too many keys at once: the report lists only error codes, so it says nothing about keys.
    if (report.keys.includes(ERROR_ROLL_OVER)) return results.length > 0 ? results : NOTHING;
    const pressed = new Set(report.keys);
    for (const usage of report.keys) {
      if (this.#held.has(usage)) continue;
      const result = this.#press(usage, report.modifiers);
      if (result) results.push(result);
    }
    this.#held = pressed;
    return results.length > 0 ? results : NOTHING;
  }

  #press(usage: number, modifiers: number): KeyboardDecodeResult | null {
    const suffix = SUFFIX_USAGES[usage];
    if (suffix && this.#options.suffixes.includes(suffix)) return this.#finish();
    let char: string | null;
    if (modifiers & (LEFT_CTRL | RIGHT_CTRL)) {
      char = usage === BRACKET_RIGHT ? GROUP_SEPARATOR : null;
    } else if (modifiers & (LEFT_ALT | RIGHT_ALT | LEFT_GUI | RIGHT_GUI)) {
      char = null;
    } else {
      char = characterForUsage(usage, (modifiers & (LEFT_SHIFT | RIGHT_SHIFT)) !== 0, this.#options.layout);
    }
    if (this.#problem) return null;
    if (char === null) {
      this.#problem =
        `key 0x${usage.toString(16).padStart(2, '0')} has no ` +
        `character on the ${this.#options.layout.toUpperCase()} layout`;
    } else if (this.#text.length >= this.#options.maxLength) {
      this.#problem = `a scan longer than ${this.#options.maxLength} characters`;
      this.#text = '';
    } else {
      this.#text += char;
    }
    return null;
  }

  #finish(): KeyboardDecodeResult | null {
    const { problem, text } = { problem: this.#problem, text: this.#text };
    this.#text = '';
    this.#problem = null;
    if (problem) return { type: 'rejected', reason: problem };
    return text.length > 0 ? { type: 'scan', text } : null;
  }
}

/** The reports a keyboard-mode scanner sends for a text: key down, then release, per character. */
export function encodeKeyboardReports(
  text: string,
  layout: KeyboardLayout,
  suffix: SuffixKey | null,
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const press = (usage: number, modifiers: number) => {
    const down = new Uint8Array(8);
    down[0] = modifiers;
    down[2] = usage;
    reports.push(down, new Uint8Array(8));
  };
  for (const char of text) {
    if (char === GROUP_SEPARATOR) {
      press(BRACKET_RIGHT, LEFT_CTRL);
      continue;
    }
    const key = keyForCharacter(char, layout);
    if (!key) throw new Error(`"${char}" cannot be typed on the ${layout} layout`);
    press(key.usage, key.shift ? LEFT_SHIFT : 0);
  }
  if (suffix) press(suffix === 'Enter' ? 0x28 : 0x2b, 0);
  return reports;
}
