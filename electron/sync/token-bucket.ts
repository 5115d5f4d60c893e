// Paces sends below the project's rate limit. The cashier's own sale takes a
// token without waiting (the backlog pays for it); a 429 halves the rate and
// pauses, and the rate climbs back while CareCloud stays quiet.
export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class TokenBucket {
  readonly #max: number;
  #rate: number;
  #tokens: number;
  #last: number;
  #pausedUntil = 0;
  readonly #options: TokenBucketOptions;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1))
      throw new Error('A token bucket needs a positive rate and a burst of at least one.');
    this.#options = options;
    this.#max = options.ratePerSecond;
    this.#rate = options.ratePerSecond;
    this.#tokens = options.burst;
    this.#last = options.now();
  }

  get ratePerSecond(): number {
    return this.#rate;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(this.#options.burst, this.#tokens + (elapsed * this.#rate) / 1000);
    // Recover 10% of the configured rate per second without a 429.
    if (this.#rate < this.#max && now >= this.#pausedUntil)
      this.#rate = Math.min(this.#max, this.#rate + (elapsed / 1000) * 0.1 * this.#max);
  }

  /** Takes a token now, even into debt: for the sale a cashier is waiting on. */
  takeNow(): void {
    this.#refill(this.#options.now());
    this.#tokens -= 1;
  }

  /** Waits for a token. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.#options.now();
      this.#refill(now);
      if (now < this.#pausedUntil) {
        await this.#options.sleep(this.#pausedUntil - now);
        continue;
      }
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.#options.sleep(Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.#rate)));
    }
  }

  /** CareCloud said 429: halve the rate and wait its hint (or one second) before the next token. */
  slowDown(retryAfterMs: number | undefined): void {
    const now = this.#options.now();
    this.#refill(now);
    this.#rate = Math.max(this.#max / 16, this.#rate / 2);
    this.#tokens = Math.min(this.#tokens, 0);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + (retryAfterMs ?? 1000));
  }
}
