// The web preview: the built renderer over HTTP and `window.pos` over a WebSocket,
// both on 127.0.0.1, backed by the same dispatcher and services as the app. A
// development and test tool: random port unless given, a token generated for this
// run in the URL, and only the page's own origin may open the socket. The token
// only buys tickets: each socket needs a fresh single-use ticket, so a token seen in
// a URL, a log or the history gives no socket by itself replaying an old one.
// Sockets are capped in number and in request rate, and each has its own sign-in.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  parseWireMessage,
  previewSocketPath,
  previewTicketParam,
  previewTicketPath,
  previewTokenParam,
  type WireEvent,
  type WireResponse,
} from '../../shared/ipc/wire.ts';
import type { AppTerminal } from '../app/terminal.ts';
import type { TerminalSession } from '../operators/session.ts';
import { previewSenderCheck } from '../ipc/sender.ts';
import { securityHeaders, serveFile } from './static-files.ts';

export interface PreviewHostOptions {
  /** A till or a kiosk: each socket gets a session of its own. */
  terminal: Pick<AppTerminal, 'openSession' | 'events'>;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 (the default) for a free port. */
  port?: number;
  /** Sockets open at once; one more is closed with code 1013. */
  maxConnections?: number;
  /** Requests a socket may send in a burst, refilled at `requestsPerSecond`; past it the socket is closed with 1008. */
  requestBurst?: number;
  requestsPerSecond?: number;
}

export interface PreviewHost {
  /** The page to open, with the token. */
  url: string;
  origin: string;
  /** The sign-ins of the sockets open now, one each. */
  sessions(): TerminalSession[];
  close(): Promise<void>;
}

const maxFrameBytes = 64 * 1024;
const maxTicketRequestBytes = 1024;
const ticketLifetimeMs = 30_000;
const maxOutstandingTickets = 32;
export const previewCloseCodes = { tooManyConnections: 1013, tooManyRequests: 1008 } as const;

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: 400 | 403 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function answer(response: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response
    .writeHead(status, {
      ...securityHeaders,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
    })
    .end(text);
}

function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

function tokenOf(text: string | null): string | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { token?: unknown }).token === 'string'
    )
      return (value as { token: string }).token;
  } catch {
    // Not JSON: no token.
  }
  return null;
}

/** A token bucket: `take()` is false once the burst is spent faster than the rate refills it. */
function requestBudget(burst: number, perSecond: number): { take(): boolean } {
  let tokens = burst;
  let last = performance.now();
  return {
    take() {
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = randomBytes(24).toString('base64url');
  const maxConnections = options.maxConnections ?? 4;
  const requestBurst = options.requestBurst ?? 200;
  const requestsPerSecond = options.requestsPerSecond ?? 100;
  const accepted = new Set<number>();
  const trustSender = previewSenderCheck(accepted);
  const open = new Map<number, TerminalSession>();
  /** Ticket → when it expires (monotonic ms). */
  const tickets = new Map<string, number>();
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
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path === previewTicketPath) {
      if (request.method !== 'POST')
        return void response.writeHead(405, { ...securityHeaders, Allow: 'POST' }).end();
      if (request.headers.origin !== origin) return answer(response, 403);
      void readBody(request, maxTicketRequestBytes).then((body) => {
        if (!sameToken(tokenOf(body), token)) return answer(response, 403);
        const now = performance.now();
        for (const [ticket, expires] of tickets) if (expires <= now) tickets.delete(ticket);
        if (tickets.size >= maxOutstandingTickets) return answer(response, 429);
        const ticket = randomBytes(24).toString('base64url');
        tickets.set(ticket, now + ticketLifetimeMs);
        answer(response, 200, { ticket });
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
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
    if (!redeem(url.searchParams.get(previewTicketParam))) return refuse(socket, 403, 'Forbidden');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (accepted.size >= maxConnections)
        return ws.close(previewCloseCodes.tooManyConnections, 'too many preview connections');
      connect(ws);
    });
  });

  /** True once for a ticket this host issued and that has not expired; it is gone afterwards. */
  function redeem(ticket: string | null): boolean {
    if (ticket === null) return false;
    const expires = tickets.get(ticket);
    if (expires === undefined) return false;
    tickets.delete(ticket);
    return performance.now() < expires;
  }

  function connect(ws: WebSocket): void {
    const connectionId = nextConnection++;
    accepted.add(connectionId);
    const own = options.terminal.openSession(trustSender);
    open.set(connectionId, own.session);
    const budget = requestBudget(requestBurst, requestsPerSecond);
    const send = (message: WireResponse | WireEvent): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    // The terminal's own sign-in is not this socket's: its session events come from its own session.
    const disconnect = options.terminal.events.connect((event, payload) => {
      if (event !== 'session.changed') send({ type: 'event', event, payload });
    });
    const stopSession = own.session.onChange((status) =>
      send({ type: 'event', event: 'session.changed', payload: status }),
    );
    send({ type: 'event', event: 'session.changed', payload: own.session.status() });
    ws.on('message', (data, isBinary) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!budget.take()) return ws.close(previewCloseCodes.tooManyRequests, 'request rate exceeded');
      if (isBinary) return ws.close(1003, 'text frames only');
      const message = parseWireMessage(data.toString());
      if (message?.type !== 'request') return ws.close(1008, 'malformed request');
      void own
        .dispatch(message.channel, message.payload, { transport: 'preview', connectionId, origin })
        .then((result) => send({ type: 'response', id: message.id, result }));
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      accepted.delete(connectionId);
      open.delete(connectionId);
      disconnect();
      stopSession();
      own.close();
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
    sessions: () => [...open.values()],
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
