// The settings screen's "scan a test code": waits for one scan from any scanner, keeps it
// from every screen (the sale, the customer lookup, the focused field), and says what
// arrived and what it shows about the scanner's setup.
import type { ScanEvent } from '../../../shared/ipc/index.ts';
import type { WedgeAttachment } from './attach.ts';
import {
  endKeyOf,
  isTestScanKey,
  readHidTestScan,
  readKeyboardTestScan,
  type TestKey,
  type TestScanReport,
} from './calibration.ts';
import type { WedgeKey } from './wedge-detector.ts';

/** listening: armed; done: a scan arrived (see `report`); nothing: the wait ran out. */
export type TestScanPhase = 'idle' | 'listening' | 'done' | 'nothing';

export interface TestScanTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ScannerCalibrationOptions {
  waitMs?: number;
  timers?: TestScanTimers;
}

/** Longer than any key gap the settings allow: keys that stop this long without Enter or Tab had no end key. */
const NO_END_KEY_AFTER_MS = 600;

const browserTimers: TestScanTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ScannerCalibration {
  /** How long a test scan is waited for. */
  readonly waitMs: number;
  #phase = $state<TestScanPhase>('idle');
  #report = $state.raw<TestScanReport | null>(null);
  readonly #timers: TestScanTimers;
  #keyboard: WedgeAttachment | null = null;
  /** The keystrokes lent for the test scan under way, and the settings they are read by. */
  #capture: { release(): void; settings: WedgeAttachment['settings'] } | null = null;
  #keys: TestKey[] = [];
  #wait: unknown = null;
  #pause: unknown = null;

  constructor(options: ScannerCalibrationOptions = {}) {
    this.waitMs = options.waitMs ?? 20_000;
    this.#timers = options.timers ?? browserTimers;
  }

  get phase(): TestScanPhase {
    return this.#phase;
  }
  /** What the last test scan showed; null until one arrived. */
  get report(): TestScanReport | null {
    return this.#report;
  }

  /** The window's keystrokes (its keyboard-wedge attachment) serve test scans until the returned function is called. */
  useKeyboard(attachment: WedgeAttachment): () => void {
    this.#keyboard = attachment;
    return () => {
      if (this.#keyboard !== attachment) return;
      this.cancel();
      this.#keyboard = null;
    };
  }

  /** Waits for one scan: keystrokes go here instead of the screens, HID scans through `take`. */
  start(): void {
    this.#stop();
    this.#keys = [];
    this.#report = null;
    this.#phase = 'listening';
    const keyboard = this.#keyboard;
    this.#capture = keyboard
      ? { ...keyboard.testScan((key) => this.#key(key)), settings: keyboard.settings }
      : null;
    this.#wait = this.#timers.setTimeout(() => {
      this.#stop();
      this.#phase = 'nothing';
    }, this.waitMs);
  }

  /** A scan from main (HID, or classified keystrokes): true when the test scan takes it and nothing else may. */
  take(scan: ScanEvent): boolean {
    if (this.#phase !== 'listening') return false;
    if (scan.source === 'hid') this.#done(readHidTestScan(scan));
    return true;
  }

  /** Esc or the Cancel button: nothing is waited for, nothing is shown. */
  cancel(): void {
    this.#stop();
    this.#report = null;
    this.#phase = 'idle';
  }

  #key(key: WedgeKey): void {
    if (key.code === 'Escape') {
      this.cancel();
      return;
    }
    if (!isTestScanKey(key)) return;
    if (endKeyOf(key)) {
      // An end key before any code is a person's Enter (on a button), not a scan.
      if (this.#keys.length > 0) this.#finish(key);
      return;
    }
    this.#keys.push(key);
    if (this.#pause !== null) this.#timers.clearTimeout(this.#pause);
    this.#pause = this.#timers.setTimeout(() => this.#finish(null), NO_END_KEY_AFTER_MS);
  }

  #finish(end: TestKey | null): void {
    if (this.#capture) this.#done(readKeyboardTestScan(this.#keys, end, this.#capture.settings));
  }

  #done(report: TestScanReport): void {
    this.#stop();
    this.#report = report;
    this.#phase = 'done';
  }

  #stop(): void {
    this.#capture?.release();
    this.#capture = null;
    for (const timer of [this.#wait, this.#pause]) if (timer !== null) this.#timers.clearTimeout(timer);
    this.#wait = null;
    this.#pause = null;
  }
}
