// Online or offline, and what waits in the journal, as the main process last reported.
import type { SyncStatus } from '../../../shared/ipc/index.ts';
import type { Clock } from './clock.svelte.ts';

export class SyncState {
  readonly #clock: Clock;
  #status = $state<SyncStatus | null>(null);
  #linkLost = $state(false);
  #receivedAt = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Null until the first report: the screens say "connecting". */
  get known(): boolean {
    return this.#status !== null;
  }
  /** The link to the main process is gone: the last report says nothing about now. */
  get linkLost(): boolean {
    return this.#linkLost;
  }
  get online(): boolean {
    return !this.#linkLost && (this.#status?.online ?? false);
  }
  get since(): Date | null {
    const since = this.#status ? new Date(this.#status.since) : null;
    return since && !Number.isNaN(since.getTime()) ? since : null;
  }
  get queueSize(): number {
    return this.#status?.queueSize ?? 0;
  }
  get needsAttention(): number {
    return this.#status?.needsAttention ?? 0;
  }
  /** The oldest pending sale's age, counted on from when the report arrived. */
  get oldestPendingAgeMs(): number | null {
    const age = this.#status?.oldestPendingAgeMs;
    if (age === null || age === undefined) return null;
    return age + Math.max(0, this.#clock.now - this.#receivedAt);
  }

  apply(status: SyncStatus): void {
    if (this.#linkLost) return;
    this.#receivedAt = Date.now();
    this.#status = status;
  }

  lost(): void {
    this.#linkLost = true;
  }
}
