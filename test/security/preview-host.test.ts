// Attacks on the web preview host's socket: the page's token replayed as a session
// key, a ticket used twice, more sockets than the cap, a request flood, and one
// socket riding on another's sign-in. All against the real host over a real terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPosApi } from '../../shared/ipc/api.ts';
import { createWireClient } from '../../shared/ipc/wire.ts';
import {
  previewCloseCodes,
  startPreviewHost,
  type PreviewHost,
} from '../../electron/preview/preview-host.ts';
import { cashierPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

/** Opens a socket: the socket once open, or the HTTP status it was refused with. */
function connect(url: string, origin: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

describe('preview host socket attacks', () => {
  let fixture: Fixture;
  let host: PreviewHost;
  let rendererDir: string;
  let token: string;
  let base: string;
  const opened: WebSocket[] = [];

  async function ticket(): Promise<string> {
    const response = await fetch(`${host.origin}/pos/ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: host.origin },
      body: JSON.stringify({ token }),
    });
    const body = (await response.json()) as { ticket: string };
    return body.ticket;
  }

  async function open(): Promise<WebSocket> {
    const socket = await connect(`${base}?ticket=${await ticket()}`, host.origin);
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    opened.push(socket);
    return socket;
  }

  function posOver(socket: WebSocket) {
    const client = createWireClient((text) => socket.send(text));
    socket.on('message', (data) => client.receive(data.toString()));
    return createPosApi(client.transport);
  }

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'ccpos-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ccpos</title>');
    fixture = await openTerminal();
    host = await startPreviewHost({ terminal: fixture.terminal, rendererDir });
    const page = new URL(host.url);
    token = page.searchParams.get('token') ?? '';
    base = `ws://${page.host}/pos`;
  });
  afterEach(async () => {
    const closing = opened.splice(0).filter((s) => s.readyState !== WebSocket.CLOSED);
    await Promise.all(closing.map((s) => (s.close(), closed(s))));
  });
  afterAll(async () => {
    await host.close();
    await fixture.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('refuses the page token on the socket: only a ticket opens one', async () => {
    expect(await connect(`${base}?token=${token}`, host.origin)).toBe(403);
    expect(await connect(`${base}?ticket=${token}`, host.origin)).toBe(403);
  });

  it('refuses a ticket the second time', async () => {
    const once = await ticket();
    const first = await connect(`${base}?ticket=${once}`, host.origin);
    expect(first).toBeInstanceOf(WebSocket);
    opened.push(first as WebSocket);
    expect(await connect(`${base}?ticket=${once}`, host.origin)).toBe(403);
  });

  it('closes sockets past the connection cap with 1013', async () => {
    for (let i = 0; i < 4; i += 1) await open();
    const extra = await open();
    expect(await closed(extra)).toEqual({
      code: previewCloseCodes.tooManyConnections,
      reason: 'too many preview connections',
    });
    expect(host.sessions()).toHaveLength(4);
  });

  it('closes a socket that floods requests', async () => {
    const socket = await open();
    const end = closed(socket);
    for (let id = 1; id <= 2_000; id += 1)
      socket.send(JSON.stringify({ type: 'request', id, channel: 'session.status' }));
    expect(await end).toEqual({ code: previewCloseCodes.tooManyRequests, reason: 'request rate exceeded' });
  });

  it('gives each socket its own sign-in', async () => {
    const first = posOver(await open());
    const second = posOver(await open());
    expect(await first.operator.signIn({ pin: cashierPin })).toMatchObject({
      ok: true,
      value: { role: 'cashier' },
    });
    expect(await first.session.status()).toMatchObject({
      ok: true,
      value: { operator: { role: 'cashier' } },
    });
    expect(await second.session.status()).toMatchObject({ ok: true, value: { operator: null } });
    expect(await second.customers.search({ query: 'Nov' })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(fixture.terminal.session.operator).toBeNull();
  });
});
