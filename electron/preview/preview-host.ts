// The web preview: the built renderer over HTTP and `window.pos` over a WebSocket,
// both on 127.0.0.1, backed by the same dispatcher and services as the app. A
// development and test tool: random port unless given, a token generated for this
// run in the URL, and only the page's own origin may open the socket.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseWireMessage, previewSocketPath, previewTokenParam, type WireEvent, type WireResponse } from '../../shared/ipc/wire.ts';
import type { Terminal } from '../app/terminal.ts';
import { previewSenderCheck } from '../ipc/sender.ts';
import { securityHeaders, serveFile } from './static-files.ts';

export interface PreviewHostOptions {
  terminal: Terminal;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 (the default) for a free port. */
  port?: number;
}

export interface PreviewHost {
  /** The page to open, with the token. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const maxFrameBytes = 64 * 1024;

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: 400 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = randomBytes(24).toString('base64url');
  const accepted = new Set<number>();
  const dispatch = options.terminal.dispatcher(previewSenderCheck(accepted));
  let nextConnection = 1;
  let origin = '';
  let hosts = new Set<string>();

  // A page on another site could point a socket at 127.0.0.1 too (DNS rebinding):
  // only requests addressed to this host by its own name are answered.
  const addressedHere = (request: IncomingMessage): boolean => hosts.has(request.headers.host ?? '');

  const server = createServer((request, response) => {
    if (!addressedHere(request)) {
      response.writeHead(421, securityHeaders).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', origin).pathname;
    serveFile(options.rendererDir, path, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, securityHeaders);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== previewSocketPath) return refuse(socket, 404, 'Not Found');
    if (!addressedHere(request) || request.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    if (!sameToken(url.searchParams.get(previewTokenParam), token)) return refuse(socket, 403, 'Forbidden');
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const connectionId = nextConnection++;
    accepted.add(connectionId);
    const send = (message: WireResponse | WireEvent): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const disconnect = options.terminal.events.connect((event, payload) => send({ type: 'event', event, payload }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      const message = parseWireMessage(data.toString());
      if (message?.type !== 'request') return ws.close(1008, 'malformed request');
      void dispatch(message.channel, message.payload, { transport: 'preview', connectionId, origin }).then((result) =>
        send({ type: 'response', id: message.id, result }),
      );
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      accepted.delete(connectionId);
      disconnect();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`]);

  return {
    url: `${origin}/?${previewTokenParam}=${token}`,
    origin,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
