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
} from '../../shared/ipc/index.ts';

declare global {
  interface Window {
    pos?: PosApi;
  }
}

export class PosUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PosUnavailableError';
  }
}

/** Resolves once `window.pos` (or the preview socket) can take requests. */
export function connectPos(onDisconnect: (reason: string) => void = () => {}): Promise<PosApi> {
  if (window.pos) return Promise.resolve(window.pos);
  const token = new URLSearchParams(location.search).get(previewTokenParam);
  if (!token) return Promise.reject(new PosUnavailableError('No terminal service: not in the app, and the page URL has no preview token.'));
  return connectPreview(token, onDisconnect);
}

function connectPreview(token: string, onDisconnect: (reason: string) => void): Promise<PosApi> {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}${previewSocketPath}?${previewTokenParam}=${encodeURIComponent(token)}`);
  const client = createWireClient((text) => socket.send(text));
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') client.receive(event.data);
  });
  return new Promise((resolve, reject) => {
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      resolve(createPosApi(rememberingStatus(client.transport)));
    });
    socket.addEventListener('close', (event) => {
      const reason = event.reason || `preview connection closed (${event.code})`;
      client.close(reason);
      if (opened) onDisconnect(reason);
      else reject(new PosUnavailableError(`The preview host refused the connection: ${reason}`));
    });
  });
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
