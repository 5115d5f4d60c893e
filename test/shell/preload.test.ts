// The built preload (`out/preload/preload.cjs`) run as a sandboxed preload against a
// contextBridge stand-in: it exposes `window.pos` and nothing else, one method per
// contract channel plus `on`, and needs no Node module.
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext, runInContext } from 'node:vm';
import { eventNames, requestChannels } from '../../shared/ipc/channels.ts';
import { ipcEventName, ipcRequestName } from '../../electron/ipc/electron-channels.ts';
import { ensureShellBuilt } from '../support/electron-stand-in/build.ts';
import { preloadScript, type PreloadRecord } from '../support/electron-stand-in/preload.ts';

interface World {
  pos: Record<string, unknown> & { on(event: string, listener: (payload: unknown) => void): () => void };
  __standInPreload: PreloadRecord;
  __standInEmit(channel: string, payload: unknown): void;
}

function runPreload(invoke: (channel: string, args: unknown[]) => Promise<unknown>): World {
  const world = createContext({ __standInInvoke: invoke, structuredClone });
  runInContext(preloadScript(), world, { filename: 'preload.cjs' });
  return world as unknown as World;
}

beforeAll(() => ensureShellBuilt(), 240_000);

describe('the preload bundle', () => {
  it('needs only electron and exposes exactly window.pos', () => {
    const world = runPreload(async () => ({ ok: true, value: null }));
    expect(world.__standInPreload.required).toEqual(['electron']);
    expect(world.__standInPreload.exposed).toEqual(['pos']);
    const own = Object.keys(world).filter((key) => !key.startsWith('__standIn') && key !== 'structuredClone');
    expect(own).toEqual(['pos']);
  });

  it('has one method per contract channel, grouped by feature, and `on`', () => {
    const { pos } = runPreload(async () => ({ ok: true, value: null }));
    const expected = new Map<string, string[]>();
    for (const channel of requestChannels) {
      const [namespace, method] = channel.split('.') as [string, string];
      expected.set(namespace, [...(expected.get(namespace) ?? []), method]);
    }
    expect(Object.keys(pos).sort()).toEqual([...expected.keys(), 'on'].sort());
    for (const [namespace, methods] of expected) {
      const group = pos[namespace] as Record<string, unknown>;
      expect({ namespace, methods: Object.keys(group).sort() }).toEqual({
        namespace,
        methods: [...methods].sort(),
      });
      for (const method of methods) expect(typeof group[method]).toBe('function');
    }
    expect(typeof pos.on).toBe('function');
  });

  it('sends each request on its own Electron channel with the payload alone', async () => {
    const sent: { channel: string; args: unknown[] }[] = [];
    const { pos } = runPreload(async (channel, args) => {
      sent.push({ channel, args });
      return { ok: true, value: channel };
    });
    for (const channel of requestChannels) {
      const [namespace, method] = channel.split('.') as [string, string];
      const call = (pos[namespace] as Record<string, (payload?: unknown) => Promise<unknown>>)[method]!;
      expect(await call({ probe: channel })).toEqual({ ok: true, value: ipcRequestName(channel) });
    }
    expect(sent).toEqual(
      requestChannels.map((channel) => ({ channel: ipcRequestName(channel), args: [{ probe: channel }] })),
    );
  });

  it('hands listeners the event payload only, stops on unsubscribe and refuses unknown events', () => {
    const world = runPreload(async () => ({ ok: true, value: null }));
    for (const event of eventNames) {
      const heard: unknown[] = [];
      const stop = world.pos.on(event, (...args: unknown[]) => heard.push(args));
      world.__standInEmit(ipcEventName(event), { event, n: 1 });
      stop();
      world.__standInEmit(ipcEventName(event), { event, n: 2 });
      expect(heard).toEqual([[{ event, n: 1 }]]);
    }
    expect(world.__standInPreload.listening).toEqual(eventNames.map(ipcEventName));
    expect(() => world.pos.on('electron-store-get-data', () => {})).toThrow(/Unknown event/);
  });
});
