// The one way the screens reach the main process. In Electron the preload has
// put the typed contract on `window.pos`; in the web preview the page connects
// to the preview host's WebSocket with the one-time token from its own URL.
import {
  createPosApi,
  createWireClient,
  previewSocketPath,
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

declare global {
  interface Window {
    pos?: PosApi;
    ccposEarlySocket?: EarlySocket;
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

/** The early socket when it went to the address the wire format names and is still usable; a new one otherwise. */
function previewSocket(url: string): { socket: WebSocket; early: string[] } {
  const early = window.ccposEarlySocket;
  delete window.ccposEarlySocket;
  if (early && early.socket.url === url && early.socket.readyState <= WebSocket.OPEN) return { socket: early.socket, early: early.adopt() };
  early?.socket.close();
  return { socket: new WebSocket(url), early: [] };
}

function connectPreview(token: string, onDisconnect: (reason: string) => void): PosConnection {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const { socket, early } = previewSocket(`${scheme}//${location.host}${previewSocketPath}?${previewTokenParam}=${encodeURIComponent(token)}`);
  const waiting: string[] = [];
  const client = createWireClient((text) => (socket.readyState === WebSocket.OPEN ? socket.send(text) : waiting.push(text)));
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') client.receive(event.data);
  });
  const status = rememberingStatus(client.transport);
  for (const text of early) client.receive(text);
  const ready = new Promise<void>((resolve, reject) => {
    let opened = socket.readyState === WebSocket.OPEN;
    if (opened) resolve();
    socket.addEventListener('open', () => {
      opened = true;
      for (const text of waiting.splice(0)) socket.send(text);
      resolve();
    });
    socket.addEventListener('close', (event) => {
      const reason = event.reason || `preview connection closed (${event.code})`;
      client.close(reason);
      if (opened) onDisconnect(reason);
      else reject(new PosUnavailableError(`The preview host refused the connection: ${reason}`));
    });
  });
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
  const methods = api as unknown as Record<string, Record<string, (payload: unknown) => Promise<Result<unknown>>>>;
  return {
    async invoke(channel, payload) {
      const [namespace, method] = channel.split('.') as [string, string];
      try {
        return await methods[namespace]![method]!(payload);
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    subscribe: (event, listener) => api.on(event, listener as never),
  };
}
