// The customer panel's wallet as the terminal answers it, against the demo sandbox:
// the status by name, points valued only in the store's currency and not at all for a
// status that cannot pay with them, credits per currency, vouchers usable here or not
// with why, inactive customers flagged, and last-known values with their age offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { demoOperators } from '../../electron/operators/demo-operators.ts';
import { openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const managerPin = demoOperators.find((o) => o.role === 'manager')?.pin ?? '';

describe('the customer panel against the demo sandbox', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  let online: { available: number } | undefined;

  beforeAll(async () => {
    fixture = await openTerminal({
      startDemo: async (): Promise<DemoBackend> => startSandboxBackend({ rateLimit: null }),
    });
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
    await dispatch('operator.signIn', { pin: managerPin }, sender);
  });
  afterAll(() => fixture.close());

  it('names the status and flags an inactive customer', async () => {
    expect(await dispatch('customers.profile', { customerId: demo.customers.regular }, sender)).toMatchObject(
      { ok: true, value: { customer: { statusName: 'Stříbro', inactive: false } } },
    );
    expect(
      await dispatch('customers.profile', { customerId: demo.customers.inactive }, sender),
    ).toMatchObject({ ok: true, value: { customer: { inactive: true } } });
  });

  it('values points in the store currency only, and not at all for a status that cannot pay with them', async () => {
    const regular = await dispatch('customers.points', { customerId: demo.customers.regular }, sender);
    expect(regular).toMatchObject({
      ok: true,
      value: {
        available: expect.any(Number),
        moneyValue: { currency: 'CZK', amount: expect.any(Number) },
        canPayWithPoints: true,
        asOf: null,
      },
    });
    if (regular.ok) online = regular.value as { available: number };
    const basic = await dispatch(
      'customers.points',
      { customerId: demo.customers.cannotPayByPoints },
      sender,
    );
    expect(basic).toMatchObject({
      ok: true,
      value: { available: expect.any(Number), moneyValue: null, canPayWithPoints: false },
    });
  });

  it('keeps credits per currency, never summed', async () => {
    expect(await dispatch('customers.credits', { customerId: demo.customers.credits }, sender)).toMatchObject(
      {
        ok: true,
        value: {
          byCurrency: expect.arrayContaining([
            { amount: 50000, currency: 'CZK' },
            { amount: 2000, currency: 'EUR' },
          ]),
          asOf: null,
        },
      },
    );
  });

  it('says which vouchers cannot be used in this store now, and why', async () => {
    const answer = await dispatch('customers.vouchers', { customerId: demo.customers.regular }, sender);
    if (!answer.ok) throw new Error(answer.error.message);
    const refusals = new Map(
      (answer.value as { vouchers: { code: string; refusals: string[] }[] }).vouchers.map((v) => [
        v.code,
        v.refusals,
      ]),
    );
    expect(refusals.get(demo.vouchers.value100)).toEqual([]);
    expect(refusals.get(demo.vouchers.storeBound)).toEqual([]);
    expect(refusals.get(demo.vouchers.otherStore)).toEqual(['voucher_cant_be_used_in_store']);
    const euro = await dispatch('customers.vouchers', { customerId: demo.customers.euroCustomer }, sender);
    expect(euro).toMatchObject({
      ok: true,
      value: {
        vouchers: [
          expect.objectContaining({ code: demo.vouchers.euro, refusals: ['voucher_not_allowed_in_store'] }),
        ],
      },
    });
  });

  it('offline, answers the last values CareCloud gave with when; says offline for a wallet never seen', async () => {
    const before = Date.now();
    await dispatch('customers.rewards', { customerId: demo.customers.regular }, sender);
    expect(await dispatch('demo.setOutage', { on: true }, sender)).toMatchObject({ ok: true });
    while (fixture.terminal.sync.online) await fixture.terminal.sync.probe();
    const points = await dispatch('customers.points', { customerId: demo.customers.regular }, sender);
    expect(points).toMatchObject({
      ok: true,
      value: { available: online?.available, moneyValue: { currency: 'CZK' }, asOf: expect.any(String) },
    });
    if (points.ok)
      expect(Date.parse((points.value as { asOf: string }).asOf)).toBeGreaterThanOrEqual(before - 60_000);
    expect(await dispatch('customers.credits', { customerId: demo.customers.credits }, sender)).toMatchObject(
      { ok: true, value: { asOf: expect.any(String) } },
    );
    expect(
      await dispatch('customers.vouchers', { customerId: demo.customers.regular }, sender),
    ).toMatchObject({ ok: true, value: { asOf: expect.any(String) } });
    expect(await dispatch('customers.rewards', { customerId: demo.customers.regular }, sender)).toMatchObject(
      { ok: true, value: { asOf: expect.any(String) } },
    );
    expect(
      await dispatch('customers.points', { customerId: demo.customers.manyPoints }, sender),
    ).toMatchObject({ ok: false, error: { code: 'offline' } });
    await dispatch('demo.setOutage', { on: false }, sender);
  });
});
