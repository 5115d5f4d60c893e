// What a card scan leaves in the terminal's customer cache and when it writes it, and what
// the points claim asks of CareCloud, on the terminal's own wiring against the sandbox:
// the renderer's panel and claim form drive the dispatcher, as the screens do.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CustomerPanel } from '../../renderer/src/state/customer.svelte.ts';
import { PointsClaimForm } from '../../renderer/src/state/rewards.svelte.ts';
import type { PosApi } from '../../shared/ipc/api.ts';
import { CustomerCache } from '../../electron/customers/cache.ts';
import { demo } from '../../sandbox/seed.ts';
import type { TestSandbox } from '../support/sandbox.ts';
import type { Fixture } from '../ipc/terminal-fixture.ts';
import { openSandboxLane, type SandboxLane } from './sandbox-lane.ts';

describe('a card scan and the customer cache', () => {
  let lane: SandboxLane;
  let sandbox: TestSandbox;
  let fixture: Fixture;
  let pos: PosApi;

  beforeAll(async () => {
    lane = await openSandboxLane();
    ({ sandbox, fixture, pos } = lane);
  });
  afterAll(() => lane?.close());

  /** The operations the sandbox answered while `act` ran (a search after it marks the end). */
  async function received(act: () => Promise<void>): Promise<string[]> {
    const before = sandbox.control.requests().at(-1)?.seq ?? 0;
    // Each answer waits as long after its request is handled: what went out first is answered first.
    sandbox.control.setLatency(20);
    try {
      await act();
      // Everything `act` sent went out before this search, so it is answered before the search is.
      await pos.customers.search({ query: 'nobody-at-all@example.com' });
    } finally {
      sandbox.control.setLatency(0);
    }
    const after = sandbox.control.requests().filter((r) => r.seq > before);
    return after.map((r) => r.operation_id ?? '').filter((op) => op !== 'getCustomers');
  }
  const panelOperations = [
    'getSubCustomerCards',
    'getSubCustomerStatus',
    'getWalletPoints',
    'getWalletCredits',
    'getSubCustomerVouchers',
    'getSubCustomerRewards',
  ];
  const count = (operations: string[], operation: string) => operations.filter((o) => o === operation).length;

  it('keeps the scanned customer and their wallet in one write, made after the scan was answered', async () => {
    const backend = fixture.stores.customerCache;
    const writes = vi.spyOn(backend, 'set');
    const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.regular });
    if (!found.ok) throw new Error(found.error.message);
    // The cashier has the customer before the terminal writes anything of them.
    expect(writes).not.toHaveBeenCalled();
    const panel = new CustomerPanel(pos);
    await panel.show(found.value);
    for (const part of [panel.profile, panel.points, panel.credits, panel.vouchers, panel.rewards])
      expect(part.state.status).toBe('ready');

    await vi.waitFor(() => expect(writes).toHaveBeenCalled(), { timeout: 10_000 });
    expect(writes).toHaveBeenCalledTimes(1);
    // What a restart of the terminal reads, as the offline lookup would find it.
    const restarted = new CustomerCache(backend);
    expect(restarted.byCardNumber(demo.cards.regular)?.customer.id).toBe(demo.customers.regular);
    expect(restarted.byId(demo.customers.regular)?.customer.statusName).toBe('Stříbro');
    for (const part of ['points', 'credits', 'vouchers', 'rewards'] as const)
      expect(restarted.knownPart(demo.customers.regular, part), part).not.toBeNull();
    expect(restarted.knownPart(demo.customers.regular, 'points')?.value).toMatchObject({
      available: panel.points.value?.available,
    });
    writes.mockRestore();
  });

  it('the points claim asks CareCloud for the card and its customer only, not the customer panel', async () => {
    const form = new PointsClaimForm(pos);
    form.card = demo.cards.manyPoints;
    const operations = await received(() => form.findCard((c) => `${c.firstName} ${c.lastName}`));
    expect(form.customer?.id).toBeTruthy();
    expect(count(operations, 'getCards')).toBe(1);
    expect(count(operations, 'getCustomer')).toBe(1);
    expect(operations.filter((o) => panelOperations.includes(o))).toEqual([]);
  });

  it('a scan for the customer panel asks for the whole panel with the customer', async () => {
    const operations = await received(async () => {
      const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.manyPoints });
      if (!found.ok) throw new Error(found.error.message);
    });
    expect(count(operations, 'getCards')).toBe(1);
    expect(count(operations, 'getCustomer')).toBe(1);
    for (const operation of panelOperations) expect(count(operations, operation), operation).toBe(1);
  });

  it('closing the terminal writes what a scan left unsaved', async () => {
    const backend = fixture.stores.customerCache;
    const known = (card: string) => new CustomerCache(backend).byCardNumber(card)?.customer.id;
    // The scan before has been written by now.
    await vi.waitFor(() => expect(known(demo.cards.manyPoints)).toBeTruthy(), { timeout: 10_000 });
    const found = await pos.customers.identifyByCard({ cardNumber: demo.cards.credits });
    if (!found.ok) throw new Error(found.error.message);
    expect(known(demo.cards.credits)).toBeUndefined();
    await fixture.terminal.close();
    expect(known(demo.cards.credits)).toBe(found.value.customer.id);
  });
});
