// The kiosk's privacy timer: after a while with no touch a countdown shows, which the
// customer can extend; when it runs out the customer is signed out.
export interface IdleClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: IdleClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class KioskIdle {
  readonly #clock: IdleClock;
  readonly #onExpire: () => void;
  #afterSeconds = 60;
  #countdownSeconds = 20;
  #timer: unknown = null;
  #running = $state(false);
  /** Seconds left on the countdown; null while it is not showing. */
  #secondsLeft = $state<number | null>(null);

  constructor(onExpire: () => void, clock: IdleClock = realClock) {
    this.#onExpire = onExpire;
    this.#clock = clock;
  }

  get counting(): boolean {
    return this.#secondsLeft !== null;
  }
  get secondsLeft(): number | null {
    return this.#secondsLeft;
  }
  get running(): boolean {
    return this.#running;
  }

  configure(afterSeconds: number, countdownSeconds: number): void {
    this.#afterSeconds = Math.max(5, Math.round(afterSeconds));
    this.#countdownSeconds = Math.max(5, Math.round(countdownSeconds));
    if (this.#running && !this.counting) this.#wait();
  }

  /** A customer is signed in: the timer runs from now. */
  start(): void {
    this.#running = true;
    this.#wait();
  }

  /** A touch or a key: time starts again, unless the countdown shows (only "more time" ends it). */
  touch(): void {
    if (this.#running && !this.counting) this.#wait();
  }

  /** "More time": the countdown goes away and the wait starts again. */
  extend(): void {
    if (!this.#running) return;
    this.#secondsLeft = null;
    this.#wait();
  }

  stop(): void {
    this.#running = false;
    this.#secondsLeft = null;
    this.#cancel();
  }

  #wait(): void {
    this.#cancel();
    this.#timer = this.#clock.setTimeout(() => this.#tick(this.#countdownSeconds), this.#afterSeconds * 1000);
  }

  #tick(left: number): void {
    this.#timer = null;
    if (left <= 0) {
      this.stop();
      this.#onExpire();
      return;
    }
    this.#secondsLeft = left;
    this.#timer = this.#clock.setTimeout(() => this.#tick(left - 1), 1000);
  }

  #cancel(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
