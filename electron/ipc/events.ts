// Pushed events from services to every connected screen (Electron windows, preview sockets).
import type { EventName } from '../../shared/ipc/channels.ts';
import type { EventPayloadOf } from '../../shared/ipc/contract.ts';

export type EventSink = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void;

export class EventHub {
  readonly #sinks = new Set<EventSink>();
  readonly #last = new Map<EventName, unknown>();

  publish<E extends EventName>(event: E, payload: EventPayloadOf<E>): void {
    if (event !== 'input.scan') this.#last.set(event, payload);
    for (const sink of this.#sinks) {
      try {
        sink(event, payload);
      } catch {
        // One broken connection must not stop the others from hearing the event.
      }
    }
  }

  /** Status events are replayed to a new sink so a fresh screen starts current; scans are not. */
  connect(sink: EventSink): () => void {
    this.#sinks.add(sink);
    for (const [event, payload] of this.#last) sink(event, payload as never);
    return () => this.#sinks.delete(sink);
  }
}
