// The web preview host: static files with the app's CSP, and `window.pos` over a
// WebSocket that only the page's own origin may open, with a single-use ticket
// bought with this run's token.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPosApi } from '../../shared/ipc/api.ts';
import { createWireClient, parseWireMessage } from '../../shared/ipc/wire.ts';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/preview-host.ts';
import { fileInside } from '../../electron/preview/static-files.ts';
import { cashierPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status it was refused with. */
function connect(
  url: string,
  origin: string | undefined,
  onMessage?: (text: string) => void,
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    // Listening from the start: the host sends the current status as soon as the socket opens.
    if (onMessage) socket.on('message', (data) => onMessage(data.toString()));
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** POSTs the token for a socket ticket, sending exactly the Origin given; the status, and the ticket when given. */
function buyTicket(
  hostOrigin: string,
  token: string,
  origin: string | null = hostOrigin,
): Promise<{ status: number; ticket: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${hostOrigin}/pos/ticket`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(origin === null ? {} : { Origin: origin }) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const ticket = res.statusCode === 200 ? (JSON.parse(body) as { ticket?: unknown }).ticket : null;
          resolve({ status: res.statusCode ?? 0, ticket: typeof ticket === 'string' ? ticket : null });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ token }));
  });
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('web preview host', () => {
  let fixture: Fixture;
  let host: PreviewHost;
  let rendererDir: string;
  let socketBase: string;
  let token: string;
  /** A socket address with a fresh ticket. */
  const socketUrl = async (): Promise<string> => {
    const { ticket } = await buyTicket(host.origin, token);
    if (ticket === null) throw new Error('no ticket');
    return `${socketBase}?ticket=${ticket}`;
  };

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'ccpos-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ccpos</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, '..', 'outside-secret.txt'), 'secret');
    fixture = await openTerminal();
    host = await startPreviewHost({ terminal: fixture.terminal, rendererDir });
    const page = new URL(host.url);
    socketBase = `ws://${page.host}/pos`;
    token = page.searchParams.get('token') ?? '';
  });
  afterAll(async () => {
    await host.close();
    await fixture.close();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(join(rendererDir, '..', 'outside-secret.txt'), { force: true });
  });

  it('listens on 127.0.0.1 on a random port, with a long token in the URL', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(url.searchParams.get('token')?.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with the app CSP and nothing outside its folder', async () => {
    const page = await get(host.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>ccpos</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get(`${host.origin}/assets/app.js`)).headers['content-type']).toContain('javascript');
    expect((await get(`${host.origin}/../outside-secret.txt`)).status).toBe(404);
    expect((await get(`${host.origin}/%2e%2e/outside-secret.txt`)).status).toBe(404);
    expect((await get(`${host.origin}/missing.js`)).status).toBe(404);
    expect(fileInside('/srv/r', '/%2e%2e%2fetc/passwd')).toBeNull();
    expect(fileInside('/srv/r', '/a%00b')).toBeNull();
  });

  it('answers only requests addressed to 127.0.0.1 by its port (no DNS rebinding)', async () => {
    expect((await get(host.url, { Host: `evil.example:${new URL(host.url).port}` })).status).toBe(421);
  });

  it('refuses a socket without a ticket, with a wrong one, or from another origin', async () => {
    const base = socketBase;
    expect(await connect(base, host.origin)).toBe(403);
    expect(await connect(`${base}?ticket=wrong`, host.origin)).toBe(403);
    expect(await connect(`${base}?ticket=${'x'.repeat(32)}`, host.origin)).toBe(403);
    expect(await connect(await socketUrl(), 'https://evil.example')).toBe(403);
    expect(await connect(await socketUrl(), `http://localhost:${new URL(host.url).port}`)).toBe(403);
    expect(await connect(await socketUrl(), undefined)).toBe(403);
    expect(await connect((await socketUrl()).replace('/pos?', '/other?'), host.origin)).toBe(404);
  });

  it('sells tickets only for the token, to the page’s own origin', async () => {
    expect((await buyTicket(host.origin, token)).status).toBe(200);
    expect(await buyTicket(host.origin, 'wrong')).toEqual({ status: 403, ticket: null });
    expect((await buyTicket(host.origin, token, 'https://evil.example')).status).toBe(403);
    expect((await buyTicket(host.origin, token, null)).status).toBe(403);
    expect((await get(`${host.origin}/pos/ticket`)).status).toBe(405);
  });

  it('gives the page the typed contract over the socket, with status events on connect', async () => {
    const events: string[] = [];
    let socket: WebSocket | number | null = null;
    const client = createWireClient((text) => (socket as WebSocket).send(text));
    socket = await connect(await socketUrl(), host.origin, (text) => {
      const message = parseWireMessage(text);
      if (message?.type === 'event') events.push(message.event);
      client.receive(text);
    });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const pos = createPosApi(client.transport);
    expect(await pos.session.status()).toMatchObject({ ok: true, value: { demo: false, operator: null } });
    expect(await pos.customers.search({ query: 'Nov' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(await pos.operator.signIn({ pin: cashierPin })).toMatchObject({
      ok: true,
      value: { role: 'cashier' },
    });
    expect(await pos.settings.get()).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    expect(await pos.operator.signIn({ pin: 'abc' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(events).toEqual(expect.arrayContaining(['session.changed', 'devices.status']));
    await pos.operator.signOut();
    socket.close();
    await closed(socket);
  });

  it('closes a socket that sends a malformed or binary frame', async () => {
    const first = await connect(await socketUrl(), host.origin);
    if (typeof first === 'number') throw new Error('refused');
    first.send('{"type":"request","id":1,"channel":"settings.password"}');
    expect(await closed(first)).toBe(1008);
    const second = await connect(await socketUrl(), host.origin);
    if (typeof second === 'number') throw new Error('refused');
    second.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await closed(second)).toBe(1003);
  });

  it('closes a socket that sends an oversized frame', async () => {
    const socket = await connect(await socketUrl(), host.origin);
    if (typeof socket === 'number') throw new Error('refused');
    socket.send(
      JSON.stringify({
        type: 'request',
        id: 1,
        channel: 'customers.search',
        payload: { query: 'x'.repeat(100_000) },
      }),
    );
    expect(await closed(socket)).toBe(1009);
  });
});
