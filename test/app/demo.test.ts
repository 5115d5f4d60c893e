// Demo mode: with no CareCloud project configured the terminal starts the sandbox
// in-process, signs in with its demo credentials, and the outage switch takes it
// offline and back.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/ipc/channels.ts';
import type { SyncStatus } from '../../shared/ipc/contract.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTerminal } from '../../electron/app/terminal.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { demoOperators } from '../../electron/operators/demo-operators.ts';
import { openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const pinOf = (role: 'cashier' | 'manager') => demoOperators.find((o) => o.role === role)?.pin ?? '';

describe('demo mode', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  let backends = 0;
  const events: { event: EventName; payload: unknown }[] = [];

  beforeAll(async () => {
    fixture = await openTerminal({
      startDemo: async (): Promise<DemoBackend> => {
        backends += 1;
        return startSandboxBackend({ rateLimit: null });
      },
    });
    fixture.terminal.events.connect((event, payload) => events.push({ event, payload }));
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
  });
  afterAll(() => fixture.close());

  const waitForSync = async (online: boolean): Promise<SyncStatus> => {
    for (let i = 0; i < 1_000; i++) {
      const last = events.filter((e) => e.event === 'sync.status').at(-1)?.payload as SyncStatus | undefined;
      if (last?.online === online) return last;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the terminal never reported itself ${online ? 'online' : 'offline'}`);
  };

  /** Each test signs in as the role it needs, so none depends on the one before. */
  const signInAs = async (role: 'cashier' | 'manager'): Promise<void> => {
    await dispatch('operator.signOut', undefined, sender);
    expect(await dispatch('operator.signIn', { pin: pinOf(role) }, sender)).toMatchObject({
      ok: true,
      value: { role },
    });
  };

  it('starts the sandbox once, on a local free port, and says DEMO', async () => {
    expect(backends).toBe(1);
    expect(fixture.terminal.demo).toBe(true);
    expect(fixture.terminal.demoBackend?.projectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await dispatch('operator.signOut', undefined, sender);
    expect(await dispatch('session.status', undefined, sender)).toMatchObject({
      ok: true,
      value: { demo: true, operator: null },
    });
  });

  it('seeds the demo cashier and manager with the PINs the README prints', async () => {
    expect(pinOf('cashier')).toBe('1111');
    expect(pinOf('manager')).toBe('9999');
    await signInAs('manager');
    await signInAs('cashier');
    expect(
      events.some(
        (e) => e.event === 'session.changed' && (e.payload as { operator: unknown }).operator !== null,
      ),
    ).toBe(true);
    await dispatch('operator.signOut', undefined, sender);
    expect(await dispatch('operator.signIn', { pin: '0000' }, sender)).toMatchObject({ ok: false });
  });

  it('identifies a card and fills the customer panel from the sandbox, signed in with demo credentials', async () => {
    await signInAs('cashier');
    const identified = await dispatch('customers.identifyByCard', { cardNumber: demo.cards.regular }, sender);
    expect(identified).toMatchObject({
      ok: true,
      value: {
        customer: { id: demo.customers.regular },
        card: { number: demo.cards.regular, active: true },
        fromCache: false,
      },
    });
    const [points, credits, vouchers, rewards, profile] = await Promise.all([
      dispatch('customers.points', { customerId: demo.customers.manyPoints }, sender),
      dispatch('customers.credits', { customerId: demo.customers.credits }, sender),
      dispatch('customers.vouchers', { customerId: demo.customers.regular }, sender),
      dispatch('customers.rewards', { customerId: demo.customers.regular }, sender),
      dispatch('customers.profile', { customerId: demo.customers.regular }, sender),
    ]);
    expect(points).toMatchObject({ ok: true, value: { available: expect.any(Number) } });
    if (points.ok) expect((points.value as { available: number }).available).toBeGreaterThan(0);
    // The seed gives this customer credits in both currencies, never added together.
    expect(credits).toMatchObject({
      ok: true,
      value: {
        byCurrency: expect.arrayContaining([
          expect.objectContaining({ currency: 'CZK' }),
          expect.objectContaining({ currency: 'EUR' }),
        ]),
      },
    });
    if (credits.ok)
      for (const each of (credits.value as { byCurrency: { amount: number }[] }).byCurrency)
        expect(each.amount).toBeGreaterThan(0);
    expect(vouchers).toMatchObject({
      ok: true,
      value: {
        vouchers: expect.arrayContaining([expect.objectContaining({ code: demo.vouchers.value100 })]),
        asOf: null,
      },
    });
    expect(rewards).toMatchObject({ ok: true, value: { rewards: expect.any(Array), asOf: null } });
    expect(profile).toMatchObject({
      ok: true,
      value: { cards: expect.arrayContaining([expect.objectContaining({ number: demo.cards.regular })]) },
    });
  });

  it("stands in the sandbox's first store and asks for a restart when a project is configured", async () => {
    await signInAs('manager');
    const stores = await dispatch('settings.stores', undefined, sender);
    expect(stores).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ id: demo.stores.praha, code: 'PRG01' })]),
    });
    expect(await dispatch('session.status', undefined, sender)).toMatchObject({
      ok: true,
      value: { store: { id: demo.stores.praha, name: 'Praha Centrum' } },
    });
    expect(await dispatch('settings.get', undefined, sender)).toMatchObject({
      ok: true,
      value: { storeId: demo.stores.praha, restartRequired: false },
    });
    expect(
      await dispatch(
        'settings.update',
        { patch: { projectUrl: 'https://shop.example.com' }, pin: pinOf('manager') },
        sender,
      ),
    ).toMatchObject({ ok: true, value: { restartRequired: true } });
    expect(
      await dispatch('settings.update', { patch: { projectUrl: '' }, pin: pinOf('manager') }, sender),
    ).toMatchObject({ ok: true, value: { restartRequired: false } });
  });

  it('tells unknown, blocked and deleted-customer cards apart', async () => {
    await signInAs('cashier');
    expect(await dispatch('customers.identifyByCard', { cardNumber: '9999999999999' }, sender)).toMatchObject(
      { ok: false, error: { code: 'unknown_card' } },
    );
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.blocked }, sender),
    ).toMatchObject({ ok: false, error: { code: 'card_blocked' } });
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.deletedCustomer }, sender),
    ).toMatchObject({ ok: false, error: { code: 'customer_deleted' } });
  });

  it('finds customers by e-mail and by name', async () => {
    await signInAs('cashier');
    const profile = await dispatch('customers.profile', { customerId: demo.customers.regular }, sender);
    const email = profile.ok
      ? (profile.value as { customer: { email: string | null; lastName: string | null } }).customer
      : null;
    expect(email?.email).toBeTruthy();
    expect(await dispatch('customers.search', { query: email?.email ?? '' }, sender)).toMatchObject({
      ok: true,
      value: { customers: [expect.objectContaining({ id: demo.customers.regular })], fromCache: false },
    });
    const byName = await dispatch('customers.search', { query: email?.lastName ?? '' }, sender);
    expect(byName).toMatchObject({
      ok: true,
      value: { customers: expect.arrayContaining([expect.objectContaining({ id: demo.customers.regular })]) },
    });
  });

  it('the outage switch takes the terminal offline, known cards identify from the cache, and back online', async () => {
    await signInAs('manager');
    // Seen online first, so the cache knows this card whatever ran before.
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.regular }, sender),
    ).toMatchObject({ ok: true, value: { fromCache: false } });
    expect(await dispatch('demo.setOutage', { on: true }, sender)).toMatchObject({
      ok: true,
      value: { outage: true },
    });
    const offline = await waitForSync(false);
    expect(Date.parse(offline.since)).toBeGreaterThan(0);
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.regular }, sender),
    ).toMatchObject({ ok: true, value: { fromCache: true, customer: { id: demo.customers.regular } } });
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.otherCustomer }, sender),
    ).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await dispatch('customers.points', { customerId: demo.customers.regular }, sender)).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect(await dispatch('demo.setOutage', { on: false }, sender)).toMatchObject({
      ok: true,
      value: { outage: false },
    });
    await waitForSync(true);
    expect(
      await dispatch('customers.identifyByCard', { cardNumber: demo.cards.otherCustomer }, sender),
    ).toMatchObject({ ok: true, value: { fromCache: false } });
  });
});

describe('a configured terminal', () => {
  it('does not start the sandbox and does not say DEMO', async () => {
    const fixture = await openTerminal();
    try {
      expect(fixture.terminal.demo).toBe(false);
      expect(fixture.terminal.demoBackend).toBeNull();
      expect(fixture.terminal.session.status().demo).toBe(false);
    } finally {
      await fixture.close();
    }
  });
});

describe('a terminal that cannot start', () => {
  it('closes the sandbox it had already started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccpos-broken-'));
    // A file where the data folder should be: the journal cannot open.
    const dataDir = join(dir, 'not-a-folder');
    writeFileSync(dataDir, '');
    let closed = false;
    let projectUrl = '';
    try {
      await expect(
        startTerminal({
          dataDir,
          stores: { settings: memoryBackend(), operators: memoryBackend(), customerCache: memoryBackend() },
          cipher: keyCipher(randomBytes(32)),
          startDemo: async () => {
            const backend = await startSandboxBackend({ rateLimit: null });
            projectUrl = backend.projectUrl;
            return {
              ...backend,
              close: async () => {
                closed = true;
                await backend.close();
              },
            };
          },
        }),
      ).rejects.toThrow();
      expect(closed).toBe(true);
      await expect(
        fetch(`${projectUrl}/webservice/rest-api/enterprise-interface/v1.0/tests/connection`),
      ).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
