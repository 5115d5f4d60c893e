// Online or offline, and what waits in the journal, as the main process last reported.
import type { SyncStatus } from '../../../shared/ipc/index.ts';
import type { Clock } from './clock.svelte.ts';

export class SyncState {
  readonly #clock: Clock;
  #status = $state<SyncStatus | null>(null);
  #receivedAt = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Null until the first report: the screens say "connecting". */
  get known(): boolean {
    return this.#status !== null;
  }
  get online(): boolean {
    return this.#status?.online ?? false;
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
    this.#receivedAt = Date.now();
    this.#status = status;
  }
}
