// The live benefit preview: accept-payment through the main process whenever the sale
// changes, debounced; only the newest request may change the screen.
import type { BenefitAsk } from '../../../shared/checkout/bill.ts';
import type { Cart } from '../../../shared/checkout/cart.ts';
import type { PreviewAnswer } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';

export interface PreviewRequest {
  saleId: string;
  cart: Cart;
  ask: BenefitAsk;
}

export type CurrentPreview = Extract<PreviewAnswer, { current: true }>;

export type PreviewState =
  | { status: 'idle' }
  | { status: 'waiting'; last: CurrentPreview | null }
  | { status: 'ready'; answer: CurrentPreview }
  | { status: 'failed'; error: PosError; last: CurrentPreview | null };

type PreviewPort = Pick<PosApi, 'checkout'>;

const keyOf = (request: PreviewRequest) => JSON.stringify(request);

export class BenefitPreviewRunner {
  readonly #pos: PreviewPort;
  readonly #debounceMs: number;
  readonly #request: () => PreviewRequest | null;
  #state = $state.raw<PreviewState>({ status: 'idle' });
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;
  /** The request the shown answer is for, and the run for the newest request. */
  #answeredKey: string | null = null;
  #running: { key: string; done: Promise<void> } | null = null;

  constructor(pos: PreviewPort, request: () => PreviewRequest | null, debounceMs = 150) {
    this.#pos = pos;
    this.#request = request;
    this.#debounceMs = debounceMs;
  }

  get state(): PreviewState {
    return this.#state;
  }
  /** The newest answer shown, even while a newer one is on its way. */
  get latest(): CurrentPreview | null {
    const s = this.#state;
    return s.status === 'ready' ? s.answer : s.status === 'idle' ? null : s.last;
  }

  /** The sale changed: ask again after a short pause, so a burst of scans costs one call. */
  schedule(): void {
    this.#cancelTimer();
    const request = this.#request();
    if (!request) {
      this.reset();
      return;
    }
    this.#generation++;
    this.#state = { status: 'waiting', last: this.latest };
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, this.#debounceMs);
  }

  /** The answer for the sale as it is now, asking at once if needed (pay waits on this). */
  async settle(): Promise<CurrentPreview | null> {
    // `current: false` only when a newer request overtook ours; a few rounds settle it.
    for (let round = 0; round < 5; round++) {
      const request = this.#request();
      if (!request) return null;
      const key = keyOf(request);
      if (this.#state.status === 'ready' && this.#answeredKey === key && this.#timer === null)
        return this.#state.answer;
      if (this.#state.status === 'failed' && this.#answeredKey === key && this.#timer === null) return null;
      this.#cancelTimer();
      if (this.#running?.key !== key) {
        this.#generation++;
        void this.#run();
      }
      await this.#running?.done;
      if (this.#answeredKey === key) return this.#state.status === 'ready' ? this.#state.answer : null;
    }
    return null;
  }

  reset(): void {
    this.#cancelTimer();
    this.#generation++;
    this.#running = null;
    this.#answeredKey = null;
    this.#state = { status: 'idle' };
  }

  #run(): Promise<void> {
    const request = this.#request();
    if (!request) {
      this.reset();
      return Promise.resolve();
    }
    const generation = this.#generation;
    const key = keyOf(request);
    const done = this.#ask(request).then((result) => {
      if (generation !== this.#generation) return;
      this.#running = null;
      if (result === 'stale') return;
      this.#answeredKey = key;
      if (result.ok) this.#state = { status: 'ready', answer: result.value };
      else this.#state = { status: 'failed', error: result.error, last: this.latest };
    });
    this.#running = { key, done };
    if (this.#state.status !== 'waiting') this.#state = { status: 'waiting', last: this.latest };
    return done;
  }

  async #ask(
    request: PreviewRequest,
  ): Promise<'stale' | { ok: true; value: CurrentPreview } | { ok: false; error: PosError }> {
    try {
      const result = await this.#pos.checkout.preview(request);
      if (!result.ok) return result;
      return result.value.current ? { ok: true, value: result.value } : 'stale';
    } catch (error) {
      return {
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      };
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
