// Whether the terminal believes CareCloud is reachable. Opens after a run of
// failures that say "unreachable"; while open nothing on the cashier's path
// touches the network, and a probe on a backoff schedule decides when to close.
import { backgroundDelay, type BackgroundBackoff } from '../carecloud/retry.ts';

export interface BreakerOptions {
  /** Consecutive unreachable failures that open the breaker. */
  threshold: number;
  probe: BackgroundBackoff;
  now: () => number;
  random: () => number;
}

export class CircuitBreaker {
  #open = false;
  #since: number;
  #failures = 0;
  #probeFailures = 0;
  #nextProbeAt = 0;
  readonly #options: BreakerOptions;

  constructor(options: BreakerOptions) {
    this.#options = options;
    this.#since = options.now();
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** When the current state (online or offline) began. */
  get since(): number {
    return this.#since;
  }

  get nextProbeAt(): number | null {
    return this.#open ? this.#nextProbeAt : null;
  }

  /** CareCloud answered (any answer that is its own). Returns true when this closed the breaker. */
  recordSuccess(): boolean {
    this.#failures = 0;
    this.#probeFailures = 0;
    if (!this.#open) return false;
    this.#open = false;
    this.#since = this.#options.now();
    return true;
  }

  /** CareCloud could not be reached. Returns true when this opened the breaker. */
  recordFailure(): boolean {
    this.#failures++;
    if (this.#open) {
      this.#probeFailures++;
      this.#scheduleProbe();
      return false;
    }
    if (this.#failures < this.#options.threshold) return false;
    this.#open = true;
    this.#since = this.#options.now();
    this.#probeFailures = 1;
    this.#scheduleProbe();
    return true;
  }

  #scheduleProbe(): void {
    this.#nextProbeAt =
      this.#options.now() +
      backgroundDelay(this.#probeFailures, undefined, this.#options.random, this.#options.probe);
  }
}
