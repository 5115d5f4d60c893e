// The control API's own listener: it stays reachable while the API listener refuses
// connections, and answers only a local Host carrying its token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl, type SandboxControl } from './control.ts';
import { listen, readBody } from './http.ts';

export interface ControlListener {
  server: Server;
  /** `http://HOST:PORT/__sandbox` */
  url: string;
  /** Every control request carries it as `Authorization: Bearer <token>`. */
  token: string;
}

export async function startControlListener(
  control: SandboxControl,
  host: string,
  port: number,
): Promise<ControlListener> {
  const token = randomBytes(24).toString('base64url');
  let boundPort = 0;
  const server = createServer((req, res) => {
    // A web page on this machine can reach 127.0.0.1 (DNS rebinding); it knows neither the token nor a local Host.
    const refusal = controlRefusal(req, token, boundPort);
    if (refusal) {
      req.resume();
      res.writeHead(refusal.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: refusal.error }));
      return;
    }
    readBody(req)
      .then((text) => handleControl(control, req.method ?? 'GET', req.url ?? '/', text))
      .then(({ status, body }) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      });
  });
  await listen(server, port, host);
  boundPort = (server.address() as AddressInfo).port;
  return { server, url: `http://${host}:${boundPort}/__sandbox`, token };
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a control request is refused: a Host that is not this machine, or a missing or wrong token. */
function controlRefusal(
  req: IncomingMessage,
  token: string,
  port: number,
): { status: number; error: string } | null {
  const hostHeader = req.headers.host ?? '';
  const match = /^(\[::1\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match || !LOCAL_HOSTS.has(match[1]!) || Number(match[2] ?? 80) !== port)
    return { status: 403, error: 'the control API answers only to a local Host' };
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return { status: 401, error: 'the control API needs its token: Authorization: Bearer <token>' };
  return null;
}
