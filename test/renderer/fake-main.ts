// A stand-in for the main process on the far side of the real `createPosApi`:
// each channel answers from a handler the test gives, events are emitted by hand.
import {
  createPosApi,
  type ErrorCode,
  type EventName,
  type EventPayloadOf,
  type PayloadOf,
  type PosApi,
  type RequestChannel,
  type ResultOf,
} from '../../shared/ipc/index.ts';

export type Handler<C extends RequestChannel> = (payload: PayloadOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
export type Handlers = { [C in RequestChannel]?: Handler<C> };

export interface FakeMain {
  pos: PosApi;
  calls: { channel: RequestChannel; payload: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  /** For malformed pushes: the payload as it might come off the wire. */
  emitRaw(event: EventName, payload: unknown): void;
  listenerCount(event: EventName): number;
}

export function fakeMain(handlers: Handlers): FakeMain {
  const calls: FakeMain['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const pos = createPosApi({
    async invoke(channel, payload) {
      calls.push({ channel, payload });
      const handler = handlers[channel] as ((payload: unknown) => unknown) | undefined;
      if (!handler)
        return { ok: false, error: { code: 'unknown_channel', message: `no handler for ${channel}` } };
      return (await handler(payload)) as never;
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  const emitRaw = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { pos, calls, emit: emitRaw, emitRaw, listenerCount: (event) => listeners.get(event)?.size ?? 0 };
}

/** A promise the test resolves when it chooses, to control the order answers arrive in. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const fail = (code: ErrorCode, message: string = code, extra: object = {}) => ({
  ok: false as const,
  error: { code, message, ...extra },
});

export const alice = {
  id: 'c1',
  firstName: 'Alice',
  lastName: 'Nováková',
  email: 'alice@example.com',
  phone: '+420600100200',
  statusName: 'Gold',
  inactive: false,
};
export const bob = {
  id: 'c2',
  firstName: 'Bob',
  lastName: 'Novák',
  email: 'bob@example.com',
  phone: null,
  statusName: null,
  inactive: false,
};
export const aliceCard = { id: 'k1', number: '10000105', validTo: '2027-12-31', active: true };
