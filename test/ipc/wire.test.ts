import { describe, expect, it } from 'vitest';
import { createPosApi } from '../../shared/ipc/api.ts';
import { requestChannels } from '../../shared/ipc/channels.ts';
import { createWireClient, parseWireMessage } from '../../shared/ipc/wire.ts';

describe('preview wire format', () => {
  it('parses the three frame kinds and nothing else', () => {
    expect(parseWireMessage('{"type":"request","id":3,"channel":"session.status"}')).toEqual({
      type: 'request',
      id: 3,
      channel: 'session.status',
      payload: undefined,
    });
    expect(parseWireMessage('{"type":"response","id":3,"result":{"ok":true,"value":null}}')).toMatchObject({
      type: 'response',
      id: 3,
    });
    expect(parseWireMessage('{"type":"event","event":"sync.status","payload":{}}')).toMatchObject({
      type: 'event',
      event: 'sync.status',
    });
    for (const text of [
      'not json',
      '[]',
      'null',
      '{"type":"request","id":-1,"channel":"session.status"}',
      '{"type":"request","id":1.5,"channel":"session.status"}',
      '{"type":"request","id":1,"channel":"ipc.invoke"}',
      '{"type":"response","id":1,"result":{"ok":false}}',
      '{"type":"event","event":"secret.token"}',
      '{"type":"other"}',
    ]) {
      expect(parseWireMessage(text), text).toBeNull();
    }
  });

  it('matches answers to requests by id, delivers events, fails pending requests when the socket closes', async () => {
    const sent: string[] = [];
    const client = createWireClient((text) => sent.push(text));
    const pos = createPosApi(client.transport);
    const events: unknown[] = [];
    const stop = pos.on('sync.status', (status) => events.push(status));
    const first = pos.session.status();
    const second = pos.customers.search({ query: 'Nov' });
    const [a, b] = sent.map((text) => parseWireMessage(text));
    expect(a).toMatchObject({ type: 'request', channel: 'session.status' });
    expect(b).toMatchObject({ type: 'request', channel: 'customers.search', payload: { query: 'Nov' } });
    client.receive(
      JSON.stringify({
        type: 'response',
        id: b?.type === 'request' ? b.id : 0,
        result: { ok: false, error: { code: 'not_signed_in', message: 'Sign in first' } },
      }),
    );
    expect(await second).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    client.receive(JSON.stringify({ type: 'event', event: 'sync.status', payload: { online: true } }));
    stop();
    client.receive(JSON.stringify({ type: 'event', event: 'sync.status', payload: { online: false } }));
    expect(events).toEqual([{ online: true }]);
    client.close('connection lost');
    expect(await first).toMatchObject({ ok: false, error: { code: 'internal', message: 'connection lost' } });
    expect(await pos.session.status()).toMatchObject({ ok: false });
  });

  it('window.pos has exactly one method per contract channel, frozen, and refuses unknown events', () => {
    const pos = createPosApi({ invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} });
    const methods = Object.entries(pos)
      .filter(([key]) => key !== 'on')
      .flatMap(([namespace, group]) =>
        Object.keys(group as object).map((method) => `${namespace}.${method}`),
      );
    expect(methods.sort()).toEqual([...requestChannels].sort());
    expect(Object.isFrozen(pos)).toBe(true);
    expect(Object.isFrozen(pos.customers)).toBe(true);
    expect(() => pos.on('secret.token' as never, () => {})).toThrow(TypeError);
  });
});
