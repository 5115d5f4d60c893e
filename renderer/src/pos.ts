// The one way the screens reach the main process. In Electron the preload has
// put the typed contract on `window.pos`; in the web preview the page connects
// to the preview host's WebSocket with a single-use ticket bought with the token
// from its own URL.
import {
  createPosApi,
  createWireClient,
  previewSocketPath,
  previewTicketParam,
  previewTicketPath,
  previewTokenParam,
  type EventName,
  type PosApi,
  type PosTransport,
  type Result,
} from '../../shared/ipc/index.ts';

/** The socket `public/preconnect.js` opened before this module ran, with the frames it kept. */
interface EarlySocket {
  socket: WebSocket;
  adopt(): string[];
}
/** Settles with the early socket, or null when it could not get a ticket. */
type EarlyConnection = Promise<EarlySocket | null>;

declare global {
  interface Window {
    pos?: PosApi;
    ccposEarlySocket?: EarlyConnection;
  }
}

export class PosUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PosUnavailableError';
  }
}

export interface PosConnection {
  pos: PosApi;
  /** Settles when requests can flow; rejects when the terminal service cannot be reached at all. */
  ready: Promise<void>;
}

/**
 * `window.pos` at once; in the preview, a `pos` whose requests wait for the socket,
 * so the screens mount while it opens rather than after.
 */
export function connectPos(onDisconnect: (reason: string) => void = () => {}): PosConnection {
  if (window.pos) return { pos: createPosApi(neverRejecting(window.pos)), ready: Promise.resolve() };
  const token = new URLSearchParams(location.search).get(previewTokenParam);
  if (token) return connectPreview(token, onDisconnect);
  const reason = 'No terminal service: not in the app, and the page URL has no preview token.';
  const client = createWireClient(() => {});
  client.close(reason);
  return { pos: createPosApi(client.transport), ready: Promise.reject(new PosUnavailableError(reason)) };
}

/** A single-use socket ticket for the page's token; the host checks the page's origin. */
async function socketTicket(token: string): Promise<string> {
  const response = await fetch(new URL(previewTicketPath, location.href), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
    cache: 'no-store',
  });
  const body: unknown = response.ok ? await response.json() : null;
  const ticket =
    typeof body === 'object' && body !== null ? (body as { ticket?: unknown }).ticket : undefined;
  if (typeof ticket !== 'string')
    throw new PosUnavailableError(`The preview host refused the token (${response.status})`);
  return ticket;
}

/** The early socket when it went to the address the wire format names and is still usable; a new one otherwise. */
async function previewSocket(token: string): Promise<{ socket: WebSocket; early: string[] }> {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const base = `${scheme}//${location.host}${previewSocketPath}?${previewTicketParam}=`;
  const pending = window.ccposEarlySocket;
  delete window.ccposEarlySocket;
  const early = pending ? await pending.catch(() => null) : null;
  if (early && early.socket.url.startsWith(base) && early.socket.readyState <= WebSocket.OPEN)
    return { socket: early.socket, early: early.adopt() };
  early?.socket.close();
  const ticket = await socketTicket(token);
  return { socket: new WebSocket(`${base}${encodeURIComponent(ticket)}`), early: [] };
}

function connectPreview(token: string, onDisconnect: (reason: string) => void): PosConnection {
  let socket: WebSocket | null = null;
  const waiting: string[] = [];
  const client = createWireClient((text) =>
    socket?.readyState === WebSocket.OPEN ? socket.send(text) : waiting.push(text),
  );
  const status = rememberingStatus(client.transport);
  const ready = previewSocket(token).then(
    (opened) =>
      new Promise<void>((resolve, reject) => {
        const current = opened.socket;
        socket = current;
        current.addEventListener('message', (event) => {
          if (typeof event.data === 'string') client.receive(event.data);
        });
        for (const text of opened.early) client.receive(text);
        let open = current.readyState === WebSocket.OPEN;
        const flush = (): void => {
          for (const text of waiting.splice(0)) current.send(text);
        };
        if (open) {
          flush();
          resolve();
        }
        current.addEventListener('open', () => {
          open = true;
          flush();
          resolve();
        });
        current.addEventListener('close', (event) => {
          const reason = event.reason || `preview connection closed (${event.code})`;
          client.close(reason);
          if (open) onDisconnect(reason);
          else reject(new PosUnavailableError(`The preview host refused the connection: ${reason}`));
        });
      }),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      client.close(reason);
      throw error instanceof PosUnavailableError
        ? error
        : new PosUnavailableError(`The preview host could not be reached: ${reason}`);
    },
  );
  return { pos: createPosApi(status), ready };
}

/**
 * The host replays the current status events as soon as the socket opens, which
 * can be before the screens subscribe: keep the last of each and hand it to a
 * late subscriber. Scans are never replayed.
 */
function rememberingStatus(transport: PosTransport): PosTransport {
  const last = new Map<EventName, unknown>();
  for (const event of ['sync.status', 'devices.status', 'session.changed'] as const) {
    transport.subscribe(event, (payload) => last.set(event, payload));
  }
  return {
    invoke: (channel, payload) => transport.invoke(channel, payload),
    subscribe(event, listener) {
      const stop = transport.subscribe(event, listener);
      const remembered = last.get(event);
      if (remembered !== undefined) queueMicrotask(() => listener(remembered));
      return stop;
    },
  };
}

/** The screens branch on results only: a rejected call (a broken bridge) becomes a failed result. */
function neverRejecting(api: PosApi): PosTransport {
  const methods = api as unknown as Record<
    string,
    Record<string, (payload: unknown) => Promise<Result<unknown>>>
  >;
  return {
    async invoke(channel, payload) {
      const [namespace, method] = channel.split('.') as [string, string];
      try {
        return await methods[namespace]![method]!(payload);
      } catch (error) {
        return {
          ok: false,
          error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
        };
      }
    },
    subscribe: (event, listener) => api.on(event, listener as never),
  };
}
