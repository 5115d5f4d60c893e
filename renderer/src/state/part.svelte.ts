// One piece of a screen fetched on its own: loading, ready with a value, or failed.
import type { PosError, Result } from '../../../shared/ipc/index.ts';

export type PartState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: PosError };

export class Part<T> {
  #state = $state.raw<PartState<T>>({ status: 'idle' });
  #generation = 0;

  get state(): PartState<T> {
    return this.#state;
  }
  get value(): T | null {
    return this.#state.status === 'ready' ? this.#state.value : null;
  }

  /**
   * Starts a fetch; an answer that arrives after a newer load or a reset is dropped.
   * `quiet` keeps what is shown until the answer lands (a refresh after a pushed event).
   */
  async load(fetch: () => Promise<Result<T>>, options: { quiet?: boolean } = {}): Promise<void> {
    const generation = ++this.#generation;
    if (!options.quiet || this.#state.status !== 'ready') this.#state = { status: 'loading' };
    let result: Result<T>;
    try {
      result = await fetch();
    } catch (error) {
      result = {
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      };
    }
    if (generation !== this.#generation) return;
    this.#state = result.ok
      ? { status: 'ready', value: result.value }
      : { status: 'failed', error: result.error };
  }

  /** Replaces a ready value with a newer reading of the same thing (names filled in), keeping later loads in charge. */
  set(value: T): void {
    if (this.#state.status === 'ready') this.#state = { status: 'ready', value };
  }

  reset(): void {
    this.#generation++;
    this.#state = { status: 'idle' };
  }
}
