// The one place pushed events enter the screens: each goes to the state class
// that owns it. Returns a function that unsubscribes them all.
import type { EventName, EventPayloadOf, PosApi } from '../../../shared/ipc/index.ts';

export type EventHandlers = { [E in EventName]?: (payload: EventPayloadOf<E>) => void };

export function feedEvents(pos: Pick<PosApi, 'on'>, handlers: EventHandlers): () => void {
  const stops: (() => void)[] = [];
  for (const event of Object.keys(handlers) as EventName[]) {
    const handler = handlers[event] as ((payload: unknown) => void) | undefined;
    if (handler) stops.push(pos.on(event, guarded(event, handler)));
  }
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}

/** A malformed push must not take the screen down with it. */
function guarded(event: EventName, handler: (payload: unknown) => void): (payload: unknown) => void {
  return (payload) => {
    if (typeof payload !== 'object' || payload === null) {
      console.warn(`Ignored a ${event} event without a payload`);
      return;
    }
    try {
      handler(payload);
    } catch (error) {
      console.error(`The ${event} event could not be applied`, error);
    }
  };
}
