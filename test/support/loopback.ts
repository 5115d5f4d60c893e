// A tiny scriptable HTTP server on 127.0.0.1:0 for client tests: each route answers
// from a queue of responders (the last one repeats), and every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  rawUrl: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Responder = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface Loopback {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  requests: RecordedRequest[];
  /** Answers `METHOD path` (path relative to `prefix`) with these responders in turn; the last repeats. */
  on(method: string, path: string, ...responders: Responder[]): Loopback;
  count(method: string, path: string): number;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return (_request, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
}

export function text(
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): Responder {
  return (_request, res) => {
    res.writeHead(status, {
      ...(contentType ? { 'content-type': contentType } : {}),
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };
}

/** Never answers; the socket is destroyed when the server closes. */
export const hang: Responder = () => new Promise<void>(() => {});

/** Headers and part of the body, then the connection is cut. */
export const resetMidBody: Responder = (_request, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('{"data":{"customers":[');
  setTimeout(() => res.socket?.destroy(), 10);
};

export const PREFIX = '/webservice/rest-api/enterprise-interface/v1.0';

export async function startLoopback(prefix = PREFIX): Promise<Loopback> {
  const routes = new Map<string, Responder[]>();
  const served = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        rawUrl: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const key = `${recorded.method} ${path}`;
      const queue = routes.get(key);
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      const responder =
        queue?.[Math.min(index, queue.length - 1)] ??
        json(404, {
          error: { type: 'x', exception: 'not_found_exception', title: 'Not found', detail: key },
        });
      Promise.resolve(responder(recorded, res)).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const loopback: Loopback = {
    origin: `http://127.0.0.1:${port}`,
    requests,
    on(method, path, ...responders) {
      routes.set(`${method} ${path}`, responders);
      served.delete(`${method} ${path}`);
      return loopback;
    },
    count(method, path) {
      return requests.filter((r) => r.method === method && r.path === path).length;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return loopback;
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
