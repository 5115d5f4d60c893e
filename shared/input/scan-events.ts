// One event API for classified scans, whichever process they come from.
import type { ScanClassifier } from './classify.ts';
import type { ClassifiedScan, RawScan, RejectedRead } from './scan.ts';

export type ScanEvent = { type: 'scan'; scan: ClassifiedScan } | { type: 'rejected'; read: RejectedRead };
export type ScanListener = (event: ScanEvent) => void;

export class ScanEvents {
  readonly #listeners = new Set<ScanListener>();
  readonly #onListenerError: (error: unknown) => void;

  /** A listener that throws is reported through onListenerError and never stops the others. */
  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  subscribe(listener: ScanListener): () => void {
    // Wrapped so the same function subscribed twice unsubscribes independently.
    const entry: ScanListener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  publish(event: ScanEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

/**
 * Classifies scans and publishes them in arrival order; a scan the rules settle goes out at once unless a lookup is
 * ahead of it.
 */
export class ScanPipeline {
  #queue: Promise<void> = Promise.resolve();
  #waiting = 0;
  readonly #classifier: ScanClassifier;
  readonly #events: ScanEvents;

  constructor(classifier: ScanClassifier, events: ScanEvents) {
    this.#classifier = classifier;
    this.#events = events;
  }

  submit(scan: RawScan): void {
    if (this.#waiting === 0) {
      const decided = this.#classifier.decide(scan);
      if (decided) {
        this.#events.publish({ type: 'scan', scan: decided });
        return;
      }
    }
    this.#enqueue(async () => {
      const resolved = await this.#classifier.resolve(scan);
      this.#events.publish({ type: 'scan', scan: resolved });
    });
  }

  reject(read: RejectedRead): void {
    if (this.#waiting === 0) this.#events.publish({ type: 'rejected', read });
    else this.#enqueue(async () => this.#events.publish({ type: 'rejected', read }));
  }

  /** Resolves once every scan submitted so far has been published. */
  settled(): Promise<void> {
    return this.#queue;
  }

  #enqueue(step: () => Promise<void>): void {
    this.#waiting++;
    // resolve() never rejects and publish() isolates listeners, so the chain cannot break.
    this.#queue = this.#queue.then(step).finally(() => {
      this.#waiting--;
    });
  }
}
