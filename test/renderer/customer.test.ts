import { describe, expect, it } from 'vitest';
import { CustomerPanel } from '../../renderer/src/state/customer.svelte.ts';
import type { ResultOf } from '../../shared/ipc/index.ts';
import { alice, aliceCard, deferred, fail, fakeMain, ok } from './fake-main.ts';

const points = {
  available: 1250,
  earned: 2000,
  redeemed: 750,
  moneyValue: { amount: 12500, currency: 'CZK' },
  canPayWithPoints: true,
  asOf: null,
};
const credits = { byCurrency: [{ amount: 3000, currency: 'CZK' }], asOf: null };

describe('customer panel', () => {
  it('asks for all five parts at once and shows each the moment it arrives', async () => {
    const answers = {
      profile: deferred<ResultOf<'customers.profile'>>(),
      points: deferred<ResultOf<'customers.points'>>(),
      credits: deferred<ResultOf<'customers.credits'>>(),
      vouchers: deferred<ResultOf<'customers.vouchers'>>(),
      rewards: deferred<ResultOf<'customers.rewards'>>(),
    };
    const main = fakeMain({
      'customers.profile': () => answers.profile.promise,
      'customers.points': () => answers.points.promise,
      'customers.credits': () => answers.credits.promise,
      'customers.vouchers': () => answers.vouchers.promise,
      'customers.rewards': () => answers.rewards.promise,
    });
    const panel = new CustomerPanel(main.pos);
    const shown = panel.show({ customer: alice, card: null, fromCache: false });
    await Promise.resolve();
    expect(main.calls.map((c) => c.channel).sort()).toEqual([
      'customers.credits',
      'customers.points',
      'customers.profile',
      'customers.rewards',
      'customers.vouchers',
    ]);
    expect(main.calls.every((c) => (c.payload as { customerId: string }).customerId === 'c1')).toBe(true);
    expect(panel.customer).toEqual(alice);
    expect(panel.points.state.status).toBe('loading');

    answers.points.resolve(ok(points));
    await answers.points.promise;
    await Promise.resolve();
    expect(panel.points.state).toEqual({ status: 'ready', value: points });
    expect(panel.credits.state.status).toBe('loading');

    answers.credits.resolve(fail('offline', 'no network'));
    answers.vouchers.resolve(
      ok({
        vouchers: [
          {
            id: 'v1',
            code: 'SPRING',
            name: 'Spring 10 %',
            value: 10,
            validFrom: null,
            validTo: '2026-12-31',
            refusals: [],
          },
        ],
        asOf: null,
      }),
    );
    answers.rewards.resolve(ok({ rewards: [], asOf: null }));
    answers.profile.resolve(
      ok({
        customer: { ...alice, statusName: 'Platinum' },
        cards: [
          { ...aliceCard, active: false },
          { ...aliceCard, id: 'k2', number: '2000' },
        ],
        fromCache: true,
      }),
    );
    await shown;
    expect(panel.credits.state).toEqual({
      status: 'failed',
      error: { code: 'offline', message: 'no network' },
    });
    expect(panel.vouchers.value?.vouchers[0]?.code).toBe('SPRING');
    expect(panel.customer?.statusName).toBe('Platinum');
    expect(panel.card?.number).toBe('2000');
    expect(panel.fromCache).toBe(true);
  });

  it('keeps the scanned card rather than the first card of the profile', async () => {
    const main = fakeMain({
      'customers.profile': () =>
        ok({
          customer: alice,
          cards: [{ ...aliceCard, id: 'other', number: '999' }, aliceCard],
          fromCache: false,
        }),
      'customers.points': () => ok(points),
      'customers.credits': () => ok(credits),
      'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
      'customers.rewards': () => ok({ rewards: [], asOf: null }),
    });
    const panel = new CustomerPanel(main.pos);
    await panel.show({ customer: alice, card: aliceCard, fromCache: false });
    expect(panel.card?.number).toBe('10000105');
  });

  it('drops answers that arrive after the cashier moved on to the next customer', async () => {
    const late = deferred<ResultOf<'customers.points'>>();
    const main = fakeMain({
      'customers.profile': () => ok({ customer: alice, cards: [], fromCache: false }),
      'customers.points': () => late.promise,
      'customers.credits': () => ok(credits),
      'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
      'customers.rewards': () => ok({ rewards: [], asOf: null }),
    });
    const panel = new CustomerPanel(main.pos);
    const shown = panel.show({ customer: alice, card: null, fromCache: false });
    panel.close();
    late.resolve(ok(points));
    await shown;
    expect(panel.open).toBe(false);
    expect(panel.points.state).toEqual({ status: 'idle' });
    expect(panel.customer).toBeNull();
  });

  it('shows a part as failed when the transport itself throws', async () => {
    const main = fakeMain({
      'customers.profile': () => ok({ customer: alice, cards: [], fromCache: false }),
      'customers.points': () => Promise.reject(new Error('socket gone')),
      'customers.credits': () => ok(credits),
      'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
      'customers.rewards': () => ok({ rewards: [], asOf: null }),
    });
    const panel = new CustomerPanel(main.pos);
    await panel.show({ customer: alice, card: null, fromCache: false });
    expect(panel.points.state).toEqual({
      status: 'failed',
      error: { code: 'internal', message: 'socket gone' },
    });
    expect(panel.credits.state.status).toBe('ready');
  });
});
