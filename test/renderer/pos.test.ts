import { afterEach, describe, expect, it } from 'vitest';
import { createPosApi } from '../../shared/ipc/index.ts';
import { connectPos } from '../../renderer/src/pos.ts';

const global = globalThis as { window?: unknown };

afterEach(() => {
  delete global.window;
});

describe('window.pos access', () => {
  it('uses the preload’s window.pos, and turns a rejected call into a failed result', async () => {
    const events: string[] = [];
    const preloadApi = createPosApi({
      invoke: (channel) =>
        channel === 'session.status'
          ? Promise.reject(new Error('bridge gone'))
          : Promise.resolve({ ok: true, value: null }),
      subscribe: (event) => {
        events.push(event);
        return () => {};
      },
    });
    global.window = { pos: preloadApi };
    const { pos, ready } = connectPos();
    await ready;
    expect(await pos.session.status()).toEqual({
      ok: false,
      error: { code: 'internal', message: 'bridge gone' },
    });
    expect(await pos.operator.signOut()).toEqual({ ok: true, value: null });
    pos.on('sync.status', () => {});
    expect(events).toEqual(['sync.status']);
  });
});

describe('web preview socket', () => {
  const globals = globalThis as { window?: unknown; location?: unknown };
  let server: import('ws').WebSocketServer | null = null;

  afterEach(async () => {
    delete globals.location;
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  async function previewServer(): Promise<{ port: number; paths: string[] }> {
    const { WebSocketServer } = await import('ws');
    const { createServer } = await import('node:http');
    const paths: string[] = [];
    const http = createServer((request, response) => {
      paths.push(`${request.method} ${request.url}`);
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ ticket: `t${paths.length}` }));
    });
    server = new WebSocketServer({ server: http });
    server.on('close', () => http.close());
    server.on('connection', (socket, request) => {
      paths.push(request.url ?? '');
      socket.send(
        JSON.stringify({
          type: 'event',
          event: 'sync.status',
          payload: {
            online: true,
            since: '2026-11-28T10:00:00.000Z',
            queueSize: 3,
            oldestPendingAgeMs: 5,
            needsAttention: 0,
          },
        }),
      );
      socket.on('message', (data) => {
        const request = JSON.parse(String(data)) as { id: number; channel: string };
        socket.send(
          JSON.stringify({ type: 'response', id: request.id, result: { ok: true, value: request.channel } }),
        );
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const address = http.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return { port: address.port, paths };
  }

  function earlySocket(url: string) {
    const socket = new WebSocket(url);
    const early: string[] = [];
    const keep = (event: MessageEvent) => typeof event.data === 'string' && early.push(event.data);
    socket.addEventListener('message', keep);
    return { socket, adopt: () => (socket.removeEventListener('message', keep), early.splice(0)) };
  }

  it('adopts the early socket with the frames it kept, and requests flow over it', async () => {
    const { port, paths } = await previewServer();
    globals.location = new URL(`http://127.0.0.1:${port}/?token=abc`);
    const early = earlySocket(`ws://127.0.0.1:${port}/pos?ticket=early`);
    await new Promise((resolve) => early.socket.addEventListener('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    globals.window = { ccposEarlySocket: Promise.resolve(early) };
    const { pos, ready } = connectPos();
    await ready;
    const statuses: unknown[] = [];
    pos.on('sync.status', (status) => statuses.push(status));
    expect(await pos.session.status()).toEqual({ ok: true, value: 'session.status' });
    expect(statuses).toHaveLength(1);
    expect(paths).toEqual(['/pos?ticket=early']);
    early.socket.close();
  });

  it('opens its own socket when the early one went elsewhere', async () => {
    const { port, paths } = await previewServer();
    globals.location = new URL(`http://127.0.0.1:${port}/?token=abc`);
    const stray = earlySocket(`ws://127.0.0.1:${port}/elsewhere?ticket=early`);
    globals.window = { ccposEarlySocket: Promise.resolve(stray) };
    const { pos, ready } = connectPos();
    await ready;
    expect(await pos.operator.signOut()).toEqual({ ok: true, value: 'operator.signOut' });
    expect(paths).toEqual(expect.arrayContaining(['POST /pos/ticket', '/pos?ticket=t1']));
    expect(stray.socket.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
  });
});
