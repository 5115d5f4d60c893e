// A proxy in front of the sandbox that misbehaves as networks do: it cuts big uploads without
// an answer, drops answers after CareCloud acted on the request, answers garbage (broken JSON,
// or a gateway's HTML page) after or instead of forwarding, or delays. Each request draws its
// fate from the configured chances. Used by tests and by the chaos run (bench/chaos).
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyFaults {
  /** Chance that the answer is lost after the sandbox handled the request. */
  drop: number;
  /** Chance that the answer is a 200 with a body that is not CareCloud's (broken JSON). */
  garbage: number;
  /** Chance that the answer is a gateway's HTML page after CareCloud acted on the request. */
  html: number;
  /** Chance that a captive portal answers with its HTML page and the request never reaches CareCloud. */
  intercept: number;
  /** Extra delay before forwarding, ms (0..latencyMs, uniformly). */
  latencyMs: number;
  /** Uploads larger than this are cut off without an answer (as a front server that gives up). */
  cutUploadsOver: number;
}

export interface DroppingProxy {
  url: string;
  faults: ProxyFaults;
  counts: {
    requests: number;
    dropped: number;
    garbage: number;
    html: number;
    intercepted: number;
    cut: number;
  };
  close(): Promise<void>;
}

export async function droppingProxy(
  target: string,
  faults: Partial<ProxyFaults> = {},
  random: () => number = Math.random,
): Promise<DroppingProxy> {
  const upstream = new URL(target);
  const state: ProxyFaults = {
    drop: 0,
    garbage: 0,
    html: 0,
    intercept: 0,
    latencyMs: 0,
    cutUploadsOver: Infinity,
    ...faults,
  };
  const counts = { requests: 0, dropped: 0, garbage: 0, html: 0, intercepted: 0, cut: 0 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    counts.requests += 1;
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > state.cutUploadsOver && !cut) {
        cut = true;
        counts.cut += 1;
        req.socket.destroy();
      }
      if (!cut) chunks.push(chunk);
    });
    req.on('end', () => {
      if (cut) return;
      const fate = random();
      const delay = Math.floor(random() * state.latencyMs);
      if (random() < state.intercept) {
        counts.intercepted += 1;
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<!doctype html><html><body><h1>Sign in to the guest network</h1></body></html>');
        }, delay);
        return;
      }
      setTimeout(() => forward(req, res, Buffer.concat(chunks), fate), delay);
    });
  });

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, fate: number): void {
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          if (fate < state.drop) {
            counts.dropped += 1;
            res.socket?.destroy();
            return;
          }
          if (fate < state.drop + state.garbage) {
            counts.garbage += 1;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"data": {"purchase_id": ');
            return;
          }
          if (fate < state.drop + state.garbage + state.html) {
            counts.html += 1;
            res.writeHead(fate < state.drop + state.garbage + state.html / 2 ? 502 : 200, {
              'content-type': 'text/html',
            });
            res.end(
              '<html><head><title>502 Bad Gateway</title></head>' +
                '<body><center><h1>502 Bad Gateway</h1></center></body></html>',
            );
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(parts));
        });
        answer.on('error', () => res.socket?.destroy());
      },
    );
    out.on('error', () => res.socket?.destroy());
    out.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults: state,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
