// The web preview's wire format: the page POSTs the token from its URL to
// `/pos/ticket` (JSON `{ token }`, answered `{ ticket }`), then opens one WebSocket at
// `ws://127.0.0.1:<port>/pos?ticket=<ticket>`: a ticket opens one socket, once, soon.
// JSON text frames over it.
import { isEventName, isRequestChannel, type EventName, type RequestChannel } from './channels.ts';
import type { PosTransport } from './api.ts';
import type { Result } from './result.ts';

export const previewSocketPath = '/pos';
export const previewTokenParam = 'token';
export const previewTicketPath = '/pos/ticket';
export const previewTicketParam = 'ticket';

export interface WireRequest {
  type: 'request';
  id: number;
  channel: RequestChannel;
  payload: unknown;
}
export interface WireResponse {
  type: 'response';
  id: number;
  result: Result<unknown>;
}
export interface WireEvent {
  type: 'event';
  event: EventName;
  payload: unknown;
}
export type WireMessage = WireRequest | WireResponse | WireEvent;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return (
    value.ok === false &&
    isRecord(value.error) &&
    typeof value.error.code === 'string' &&
    typeof value.error.message === 'string'
  );
}

/** Parses one frame; anything malformed is null, never a throw. */
export function parseWireMessage(text: string): WireMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const id = value.id;
  const validId = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
  switch (value.type) {
    case 'request':
      return validId && isRequestChannel(value.channel)
        ? { type: 'request', id: id as number, channel: value.channel, payload: value.payload }
        : null;
    case 'response':
      return validId && isResult(value.result)
        ? { type: 'response', id: id as number, result: value.result }
        : null;
    case 'event':
      return isEventName(value.event) ? { type: 'event', event: value.event, payload: value.payload } : null;
    default:
      return null;
  }
}

export interface WireClient {
  transport: PosTransport;
  /** Feed every incoming text frame here. */
  receive(text: string): void;
  /** Call when the socket closes: pending and later requests fail with code `internal`. */
  close(reason: string): void;
}

/** The browser side of the wire, independent of any WebSocket implementation. */
export function createWireClient(send: (text: string) => void): WireClient {
  let nextId = 1;
  let closed: string | null = null;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const transport: PosTransport = {
    invoke(channel, payload) {
      if (closed !== null)
        return Promise.resolve({ ok: false, error: { code: 'internal', message: closed } });
      const id = nextId++;
      const request: WireRequest = { type: 'request', id, channel, payload };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send(JSON.stringify(request));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return {
    transport,
    receive(text) {
      const message = parseWireMessage(text);
      if (message?.type === 'response') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message?.type === 'event') {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    },
    close(reason) {
      closed = reason;
      for (const resolve of pending.values())
        resolve({ ok: false, error: { code: 'internal', message: reason } });
      pending.clear();
    },
  };
}
