// `window.pos`: one method per contract channel, grouped by feature
// (`pos.customers.search({ query })`), plus `on(event, listener)` for pushed
// events. Built from the channel list over any transport: Electron IPC in the
// preload, a WebSocket in the web preview.
import { eventNames, isEventName, requestChannels, type EventName, type RequestChannel } from './channels.ts';
import type { EventPayloadOf, PayloadOf, ResponseOf } from './contract.ts';
import type { Result } from './result.ts';

export interface PosTransport {
  invoke(channel: RequestChannel, payload: unknown): Promise<Result<unknown>>;
  /** Returns a function that stops listening. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type NamespaceOf<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Invoke<C extends RequestChannel> = (
  ...payload: undefined extends PayloadOf<C> ? [payload?: PayloadOf<C>] : [payload: PayloadOf<C>]
) => Promise<Result<ResponseOf<C>>>;
type MethodsOf<N extends string> = {
  [C in RequestChannel as C extends `${N}.${infer M}` ? M : never]: Invoke<C>;
};

export type PosApi = { readonly [N in NamespaceOf<RequestChannel>]: Readonly<MethodsOf<N>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
};

export function createPosApi(transport: PosTransport): PosApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of requestChannels) {
    const [namespace, method] = channel.split('.') as [string, string];
    const group = (api[namespace] ??= {});
    group[method] = (payload?: unknown) => transport.invoke(channel, payload);
  }
  for (const group of Object.values(api)) Object.freeze(group);
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event))
      throw new TypeError(`Unknown event ${String(event)}; known: ${eventNames.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    return transport.subscribe(event, listener);
  };
  return Object.freeze({ ...api, on }) as unknown as PosApi;
}
