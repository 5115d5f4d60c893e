// How many CareCloud round trips one after another a card scan costs, counted on the
// sandbox's log of what it received: the card, then everything of its customer side by
// side. The renderer's own panel and sale state drive the terminal's dispatcher, as the
// screen does. CareCloud is put some distance away so calls sent together overlap.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CustomerLookup } from '../../renderer/src/state/lookup.svelte.ts';
import { CustomerPanel } from '../../renderer/src/state/customer.svelte.ts';
import { Sale } from '../../renderer/src/state/sale.svelte.ts';
import type { PosApi } from '../../shared/ipc/api.ts';
import { roundTripDepth, type ReceivedRequest } from '../../sandbox/received.ts';
import { demo } from '../../sandbox/seed.ts';
import type { TestSandbox } from '../support/sandbox.ts';
import { openSandboxLane, type SandboxLane } from './sandbox-lane.ts';

/** Long enough that calls the terminal sends together always overlap at the sandbox. */
const distanceMs = 60;

describe('a card scan against the sandbox, CareCloud some distance away', () => {
  let lane: SandboxLane;
  let sandbox: TestSandbox;
  let pos: PosApi;

  beforeAll(async () => {
    lane = await openSandboxLane();
    ({ sandbox, pos } = lane);
    // The terminal's login and the reference lists it keeps are behind it before the scans.
    const warm = new CustomerPanel(pos);
    const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.credits });
    if (!found.ok) throw new Error(found.error.message);
    await warm.show(found.value);
  });
  afterAll(() => lane?.close());
  beforeEach(() => {
    sandbox.control.clearFaults();
    sandbox.control.setLatency(distanceMs);
  });

  /** What the sandbox received while `scan` ran. */
  async function received(scan: () => Promise<void>): Promise<ReceivedRequest[]> {
    const before = sandbox.control.requests().at(-1)?.seq ?? 0;
    await scan();
    return sandbox.control.requests().filter((r) => r.seq > before);
  }

  const operations = (requests: ReceivedRequest[]) => requests.map((r) => r.operation_id).sort();

  it('fills the lookup\u2019s customer panel in two round trips: the card, then customer and wallet', async () => {
    const panel = new CustomerPanel(pos);
    let shown: Promise<void> = Promise.resolve();
    const lookup = new CustomerLookup(pos, (found) => (shown = panel.show(found)));
    const requests = await received(async () => {
      await lookup.identifyCard(demo.cards.regular);
      await shown;
    });
    for (const part of [panel.profile, panel.points, panel.credits, panel.vouchers, panel.rewards])
      expect(part.state.status).toBe('ready');
    expect(panel.customer?.id).toBe(demo.customers.regular);
    expect(panel.profile.value?.customer.statusName).toBe('Stříbro');
    expect(
      roundTripDepth(requests),
      JSON.stringify(requests.map((r) => [r.operation_id, r.arrived_ms, r.answered_ms])),
    ).toBe(2);
    // Each of the customer's calls once: the panel's asks were answered by the scan's read-ahead.
    expect(new Set(operations(requests)).size).toBe(requests.length);
  });

  it('puts the customer\u2019s points on the sale in two round trips', async () => {
    const sale = new Sale(pos);
    const requests = await received(async () => {
      expect(await sale.attachCard(demo.cards.regular)).toBe(true);
      while (sale.wallet.points.state.status === 'loading')
        await new Promise((resolve) => setTimeout(resolve, 5));
    });
    expect(sale.wallet.points.state).toMatchObject({
      status: 'ready',
      value: { available: expect.any(Number), canPayWithPoints: true, asOf: null },
    });
    expect(
      roundTripDepth(
        requests.filter(
          (r) =>
            r.arrived_ms <=
            Math.max(
              ...requests.filter((q) => q.operation_id === 'getWalletPoints').map((q) => q.answered_ms ?? 0),
            ),
        ),
      ),
    ).toBe(2);
  });

  it('asks CareCloud again when the panel is read again after the scan', async () => {
    const panel = new CustomerPanel(pos);
    const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.regular });
    if (!found.ok) throw new Error(found.error.message);
    await panel.show(found.value);
    const again = await received(() => panel.refreshWallet());
    expect(operations(again)).toEqual(
      expect.arrayContaining(['getSubCustomerRewards', 'getSubCustomerVouchers', 'getWalletPoints']),
    );
  });

  it('checks a gift card in two round trips (the voucher, then its balance) and another voucher in one', async () => {
    const gift = await received(async () => {
      expect(await pos.vouchers.check({ code: demo.vouchers.giftPartly, customerId: null })).toMatchObject({
        ok: true,
        value: { found: true, kind: 'gift_card', giftCard: { usage: 'partly' } },
      });
    });
    expect(roundTripDepth(gift)).toBe(2);
    const plain = await received(async () => {
      expect(await pos.vouchers.check({ code: demo.vouchers.value100, customerId: null })).toMatchObject({
        ok: true,
        value: { found: true, giftCard: null },
      });
    });
    expect(roundTripDepth(plain)).toBe(1);
  });

  it('shows the panel without the one part CareCloud did not answer, and says so for that part', async () => {
    sandbox.control.dropNext(10, 'getSubCustomerRewards');
    const panel = new CustomerPanel(pos);
    const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.manyPoints });
    if (!found.ok) throw new Error(found.error.message);
    await panel.show(found.value);
    for (const part of [panel.profile, panel.points, panel.credits, panel.vouchers])
      expect(part.state.status).toBe('ready');
    // Never seen on this terminal: nothing to show in its place, and the reason is CareCloud's silence.
    expect(panel.rewards.state).toMatchObject({ status: 'failed', error: { code: 'offline' } });
    expect(
      sandbox.control
        .requests()
        .filter((r) => r.operation_id === 'getSubCustomerRewards' && r.outcome === 'dropped').length,
    ).toBeGreaterThan(0);
  });
});
