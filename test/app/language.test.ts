// One language: CareCloud is asked in the language the screens speak. The saved language
// by default; after F4 (`session.language`) every call made for that session, until its
// sign-out. Run against the sandbox, which names stores and words `detail` per
// Accept-Language, through a recording proxy that sees what the terminal really sent.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus, StoreOption } from '../../shared/ipc/contract.ts';
import { demo } from '../../sandbox/seed.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { demoOperators } from '../../electron/operators/demo-operators.ts';
import { openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const managerPin = demoOperators.find((o) => o.role === 'manager')!.pin;

interface Seen {
  path: string;
  language: string;
  status: number;
  detail: string | null;
  /** The order it was sent in (`seen` is in the order answers came back). */
  sent: number;
}

/** Forwards every request to the sandbox and writes down its Accept-Language and any error detail. */
async function recordingProxy(
  target: string,
): Promise<{ url: string; seen: Seen[]; sent(): number; close(): Promise<void> }> {
  const seen: Seen[] = [];
  let sent = 0;
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    const order = sent++;
    const upstream = httpRequest(
      {
        host: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          let detail: string | null = null;
          if ((answer.statusCode ?? 0) >= 400) {
            try {
              detail =
                (JSON.parse(body.toString('utf8')) as { error?: { detail?: string } }).error?.detail ?? null;
            } catch {
              detail = null;
            }
          }
          seen.push({
            path: (req.url ?? '').split('?')[0]!,
            language: String(req.headers['accept-language'] ?? ''),
            status: answer.statusCode ?? 0,
            detail,
            sent: order,
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    sent: () => sent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('CareCloud in the screens\u2019 language', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let backend: DemoBackend;

  beforeAll(async () => {
    fixture = await openTerminal({
      settings: { language: 'cs' },
      startDemo: async () => {
        backend = await startSandboxBackend({ rateLimit: null });
        proxy = await recordingProxy(backend.projectUrl);
        return {
          ...backend,
          projectUrl: proxy.url,
          setOutage: (on) => backend.setOutage(on),
          get outage() {
            return backend.outage;
          },
          close: async () => {
            await proxy.close();
            await backend.close();
          },
        };
      },
    });
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
  }, 30_000);
  afterAll(() => fixture.close());

  const status = async (): Promise<SessionStatus> => {
    const answer = await dispatch('session.status', undefined, sender);
    if (!answer.ok) throw new Error('no status');
    return answer.value as SessionStatus;
  };
  const eventually = async <T>(read: () => Promise<T>, wanted: T): Promise<void> => {
    for (let tries = 0; tries < 200; tries += 1) {
      if ((await read()) === wanted) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await read()).toBe(wanted);
  };
  const storeNames = async (): Promise<string[]> => {
    const answer = await dispatch('settings.stores', undefined, sender);
    if (!answer.ok) throw new Error('no stores');
    return (answer.value as StoreOption[]).map((s) => s.name);
  };
  /** Asks CareCloud for a customer it does not have: the sandbox's refusal carries a `detail`. */
  const refusedDetail = async (): Promise<Seen> => {
    const before = proxy.seen.length;
    const answer = await dispatch('customers.profile', { customerId: 'no-such-customer' }, sender);
    expect(answer.ok).toBe(false);
    const refused = proxy.seen.slice(before).find((s) => s.status >= 400 && s.detail !== null);
    if (!refused) throw new Error('CareCloud refused nothing');
    return refused;
  };

  it('asks in the saved language, and names the store and the demo operator in it', async () => {
    expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({
      ok: true,
      value: { name: 'Ukázkový vedoucí' },
    });
    await eventually(async () => (await status()).store?.name, 'Praha Centrum');
    expect(await storeNames()).toContain('Praha Centrum');
    const refused = await refusedDetail();
    expect(refused.language.startsWith('cs')).toBe(true);
    expect(refused.detail).toMatch(/[áčďéěíňóřšťúůýž]/);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.filter((s) => !s.language.startsWith('cs'))).toEqual([]);
  });

  it('asks in English after the screens switch to it, for every call, and refreshes the names', async () => {
    // A call sent before the switch may still be answered after it.
    const from = proxy.sent();
    const switched = await dispatch('session.language', { language: 'en' }, sender);
    expect(switched).toMatchObject({
      ok: true,
      value: { language: 'cs', operator: { name: 'Demo Manager', role: 'manager' } },
    });
    // The store's name comes again from CareCloud's list, now read in English.
    await eventually(async () => (await status()).store?.name, 'Prague City Centre');
    expect(await storeNames()).toEqual(expect.arrayContaining(['Prague City Centre', 'Online shop']));
    const refused = await refusedDetail();
    expect(refused.detail).not.toMatch(/[áčďéěíňóřšťúůýž]/);
    expect(refused.detail).not.toBe('');
    const identified = await dispatch('customers.identifyByCard', { cardNumber: demo.cards.regular }, sender);
    expect(identified.ok).toBe(true);
    const since = proxy.seen.filter((s) => s.sent >= from);
    expect(since.length).toBeGreaterThanOrEqual(3);
    expect(since.filter((s) => !s.language.startsWith('en'))).toEqual([]);
  });

  it('goes back to the saved language at sign-out', async () => {
    await dispatch('operator.signOut', undefined, sender);
    expect(await status()).toMatchObject({ operator: null, language: 'cs' });
    await dispatch('operator.signIn', { pin: managerPin }, sender);
    expect((await status()).operator?.name).toBe('Ukázkový vedoucí');
    const refused = await refusedDetail();
    expect(refused.language.startsWith('cs')).toBe(true);
    expect(refused.detail).toMatch(/[áčďéěíňóřšťúůýž]/);
  });

  it('names the demo manager in the audit log in the screen\u2019s language, as recorded in its export', async () => {
    expect(await dispatch('audit.export', { format: 'json', pin: managerPin }, sender)).toMatchObject({
      ok: true,
    });
    const actors = async (): Promise<string[]> => {
      const answer = await dispatch('audit.list', { page: { offset: 0, limit: 50 } }, sender);
      if (!answer.ok) throw new Error('no audit');
      return (answer.value as { records: { actor: string; action: string }[] }).records
        .filter((r) => r.action === 'audit-export')
        .map((r) => r.actor);
    };
    await dispatch('session.language', { language: 'cs' }, sender);
    expect(await actors()).toEqual(['Ukázkový vedoucí']);
    await dispatch('session.language', { language: 'en' }, sender);
    expect(await actors()).toEqual(['Demo Manager']);
    await dispatch('session.language', { language: 'cs' }, sender);
  });

  it('keeps answers of one language out of the other', async () => {
    // The store list was read in both languages above; neither copy answers for the other.
    expect(await storeNames()).toContain('Praha Centrum');
    await dispatch('session.language', { language: 'en' }, sender);
    expect(await storeNames()).toContain('Prague City Centre');
    await dispatch('session.language', { language: 'cs' }, sender);
    expect(await storeNames()).toContain('Praha Centrum');
  });
});
