// A ticking "now" so ages and "since" times on screen stay current.
export class Clock {
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  get now(): number {
    return this.#now;
  }

  start(everyMs = 1000): () => void {
    this.stop();
    this.#timer = setInterval(() => (this.#now = Date.now()), everyMs);
    return () => this.stop();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** For tests and for a push that arrives between ticks. */
  set(now: number): void {
    this.#now = now;
  }
}
