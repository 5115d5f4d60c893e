// The settings screen's "scan a test code": listens while the manager scans a few codes,
// then offers the measured threshold.
import type { CalibrationOutcome } from './calibration.ts';
import type { WedgeAttachment } from './attach.ts';

export type CalibrationPhase = 'idle' | 'listening' | 'done';

export class ScannerCalibration {
  #phase = $state<CalibrationPhase>('idle');
  #scans = $state(0);
  #outcome = $state.raw<CalibrationOutcome | null>(null);
  #session: { finish(): CalibrationOutcome } | null = null;

  get phase(): CalibrationPhase {
    return this.#phase;
  }
  get scans(): number {
    return this.#scans;
  }
  get outcome(): CalibrationOutcome | null {
    return this.#outcome;
  }

  start(attachment: WedgeAttachment): void {
    this.#session?.finish();
    this.#scans = 0;
    this.#outcome = null;
    this.#phase = 'listening';
    this.#session = attachment.calibrate((scans) => (this.#scans = scans));
  }

  /** Ends listening and returns the proposal (or why there is none). */
  finish(): CalibrationOutcome | null {
    if (!this.#session) return this.#outcome;
    this.#outcome = this.#session.finish();
    this.#session = null;
    this.#phase = 'done';
    return this.#outcome;
  }

  cancel(): void {
    this.#session?.finish();
    this.#session = null;
    this.#phase = 'idle';
  }
}
