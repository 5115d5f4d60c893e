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
      invoke: (channel) => (channel === 'session.status' ? Promise.reject(new Error('bridge gone')) : Promise.resolve({ ok: true, value: null })),
      subscribe: (event) => {
        events.push(event);
        return () => {};
      },
    });
    global.window = { pos: preloadApi };
    const { pos, ready } = connectPos();
    await ready;
    expect(await pos.session.status()).toEqual({ ok: false, error: { code: 'internal', message: 'bridge gone' } });
    expect(await pos.operator.signOut()).toEqual({ ok: true, value: null });
    pos.on('sync.status', () => {});
    expect(events).toEqual(['sync.status']);
  });
});
