// "Scan a test code": measures the connected scanner's key gaps and proposes the wedge threshold.
import { SUFFIX_CODES } from '../../../shared/input/keyboard-layout.ts';
import type { WedgeKey } from './wedge-detector.ts';

export interface CalibrationProposal {
  keys: number;
  medianGapMs: number;
  slowestGapMs: number;
  /** The gap threshold to save: the slowest gap seen with headroom, never below what OS jitter needs. */
  maxKeyGapMs: number;
  /** A plain warning when the scanner is about as slow as typing. */
  warning: string | null;
}

export type CalibrationOutcome = { ok: true; proposal: CalibrationProposal } | { ok: false; reason: string };

const FLOOR_MS = 20;
const CEILING_MS = 500;
const TYPING_LIKE_MS = 100;
const MODIFIERS = /^(Shift|Control|Alt|Meta)/;

/** Gaps between the keys of one or more test scans (each a run of key-down times ending with its end key). */
export function proposeThreshold(scans: readonly (readonly number[])[]): CalibrationOutcome {
  const gaps: number[] = [];
  for (const times of scans)
    for (let i = 1; i < times.length; i++) gaps.push(Math.max(0, times[i]! - times[i - 1]!));
  if (gaps.length < 4) return { ok: false, reason: 'scan a code of at least five characters' };
  const sorted = [...gaps].sort((a, b) => a - b);
  const slowest = sorted[sorted.length - 1]!;
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const maxKeyGapMs = Math.min(CEILING_MS, Math.max(FLOOR_MS, Math.ceil(slowest * 1.5 + 5)));
  const warning =
    slowest > CEILING_MS / 1.5
      ? 'This scanner pauses longer than a person types: set a shorter inter-character delay on the scanner.'
      : slowest > TYPING_LIKE_MS
        ? 'This scanner is nearly as slow as typing; ' +
          'a shorter inter-character delay on the scanner makes scans safer to tell apart.'
        : null;
  return {
    ok: true,
    proposal: {
      keys: gaps.length + scans.length,
      medianGapMs: median,
      slowestGapMs: slowest,
      maxKeyGapMs,
      warning,
    },
  };
}

/** Collects key-down times while the settings screen waits for test scans. */
export class WedgeCalibration {
  #current: number[] = [];
  readonly #scans: number[][] = [];

  /** Feed every key-down; returns true when the key ended a test scan. */
  keydown(event: Pick<WedgeKey, 'code' | 'timeStamp'>): boolean {
    if (MODIFIERS.test(event.code)) return false;
    this.#current.push(event.timeStamp);
    if (!SUFFIX_CODES[event.code]) return false;
    if (this.#current.length > 1) this.#scans.push(this.#current);
    this.#current = [];
    return true;
  }

  get scans(): number {
    return this.#scans.length;
  }

  result(): CalibrationOutcome {
    return proposeThreshold(this.#scans);
  }
}
