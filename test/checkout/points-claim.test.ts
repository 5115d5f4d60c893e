// Points claimed later: an anonymous sale given to a customer afterwards through the
// terminal's channel, journaled like every write; online, offline then replayed after its
// sale, and each refusal with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEntrySummary } from '../../shared/checkout/answers.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { parseBillId } from '../../shared/checkout/sale-reference.ts';
import { demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  pointsOf,
  type CheckoutFixture,
} from './fixture.ts';

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function anonymousSale(
  f: CheckoutFixture,
  codes: string[],
): Promise<{ billId: string; outcome: string }> {
  const cart = await cartOf(f, codes);
  const paid = await f.ok('checkout.pay', {
    saleId: newSaleId(),
    cart,
    ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
    tender: 'card',
    expectedToPayMinor: cartTotals(cart).totalMinor,
  });
  if (paid.outcome !== 'closed' && paid.outcome !== 'saved_offline')
    throw new Error(`sale not closed: ${paid.outcome}`);
  return { billId: paid.receipt.billId, outcome: paid.outcome };
}

async function sandboxPurchase(
  f: CheckoutFixture,
  billId: string,
): Promise<{ customer_id?: string | null; purchase_id: string } | undefined> {
  const res = await f.sandbox.call<{
    data: { purchases: { customer_id?: string | null; purchase_id: string }[] };
  }>('GET', '/purchases', { query: { external_purchase_id: billId } });
  if (res.status !== 200) throw new Error(`GET /purchases answered ${res.status}`);
  return res.body.data.purchases[0];
}

const customerId = demo.customers.regular;

/** The assignments of one sale as the manager's queue lists them. */
async function assignments(f: CheckoutFixture, billId: string): Promise<QueueEntrySummary[]> {
  await f.signIn(managerPin);
  try {
    const page = await f.ok('queue.list', {
      filter: { kind: 'customer-assignment' },
      page: { limit: 200 },
    });
    return page.entries.filter((e) => e.assigns === billId);
  } finally {
    await f.signIn(cashierPin);
  }
}

describe('points claimed later', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('gives an anonymous sale, named by its short reference, to a customer, who collects its points', async () => {
    const { billId } = await anonymousSale(f, [barcodes.wine, barcodes.wine]);
    const before = await pointsOf(f.sandbox, customerId);
    const code = parseBillId(billId)!.code;
    const answer = await f.ok('purchases.assignCustomer', {
      sale: `Praha · 1 · 12:00 · ${code}`,
      customerId,
    });
    expect(answer).toEqual({ outcome: 'assigned', billId });
    expect((await sandboxPurchase(f, billId))?.customer_id).toBe(customerId);
    expect(await pointsOf(f.sandbox, customerId)).toBeGreaterThan(before);
    // Journaled like every write: the manager's queue lists it, synced, naming its sale.
    expect((await assignments(f, billId)).map((e) => [e.kind, e.state, e.customerId])).toEqual([
      ['customer-assignment', 'synced', customerId],
    ]);
    // The manager opens it like any entry.
    const [listed] = await assignments(f, billId);
    await f.signIn(managerPin);
    try {
      const shown = await f.ok('queue.show', { id: listed!.id });
      expect(shown.entry).toMatchObject({ kind: 'customer-assignment', assigns: billId, state: 'synced' });
    } finally {
      await f.signIn(cashierPin);
    }
  });

  it('refuses a second assignment of a sale in the screen language, without asking CareCloud twice', async () => {
    const { billId } = await anonymousSale(f, [barcodes.coffee]);
    expect(await f.ok('purchases.assignCustomer', { sale: billId, customerId })).toMatchObject({
      outcome: 'assigned',
    });
    const other = await f.ok('purchases.assignCustomer', {
      sale: billId,
      customerId: demo.customers.otherCustomer,
    });
    expect(other).toEqual({ outcome: 'refused', billId, reason: 'already_assigned', reasons: [] });
    expect(await assignments(f, billId)).toHaveLength(1);
  });

  it('refuses a sale that already had a customer, a cancelled sale and a reference nobody knows', async () => {
    const cart = await cartOf(f, [barcodes.coffee]);
    const saleId = newSaleId();
    const ask = {
      customer: { customerId, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const withCustomer = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (withCustomer.outcome !== 'closed') throw new Error(`not closed: ${withCustomer.outcome}`);
    expect(
      await f.ok('purchases.assignCustomer', { sale: withCustomer.receipt.billId, customerId }),
    ).toMatchObject({ outcome: 'refused', reason: 'already_assigned' });

    const { billId } = await anonymousSale(f, [barcodes.coffee]);
    await f.signIn(managerPin);
    await f.ok('checkout.cancel', { billId, pin: managerPin });
    await f.signIn(cashierPin);
    expect(await f.ok('purchases.assignCustomer', { sale: billId, customerId })).toMatchObject({
      outcome: 'refused',
      reason: 'sale_cancelled',
    });

    expect(await f.ok('purchases.assignCustomer', { sale: 'ZZZZZ', customerId })).toEqual({
      outcome: 'refused',
      billId: null,
      reason: 'unknown_sale',
      reasons: [],
    });
    expect(await f.ok('purchases.assignCustomer', { sale: '???', customerId })).toMatchObject({
      outcome: 'refused',
      reason: 'unknown_sale',
    });
  });

  it("a receipt of a bill CareCloud does not know is refused by CareCloud's not_found", async () => {
    const answer = await f.ok('purchases.assignCustomer', { sale: 'OTHER-TILL-BILL-0001', customerId });
    expect(answer).toMatchObject({
      outcome: 'refused',
      billId: 'OTHER-TILL-BILL-0001',
      reason: 'unknown_sale',
      reasons: [expect.objectContaining({ name: 'external_purchase_id', reason: 'not_found' })],
    });
  });

  it('offline: the assignment waits in the journal behind its sale and both reach CareCloud in order', async () => {
    await f.signIn(managerPin);
    await f.setOutage(true);
    await f.signIn(cashierPin);
    let billId = '';
    try {
      const sale = await anonymousSale(f, [barcodes.wine]);
      expect(sale.outcome).toBe('saved_offline');
      billId = sale.billId;
      const answer = await f.ok('purchases.assignCustomer', { sale: billId, customerId });
      expect(answer).toEqual({ outcome: 'queued', billId, why: 'offline' });
      expect((await assignments(f, billId)).map((e) => e.state)).toEqual(['pending']);
      expect(f.sandbox.control.purchases().some((p) => p.bill_id === billId && p.purchase_id)).toBe(false);
    } finally {
      await f.signIn(managerPin);
      await f.setOutage(false);
      await f.signIn(cashierPin);
    }
    await until(
      'the sale and then its assignment are in CareCloud',
      async () => (await assignments(f, billId))[0]?.state === 'synced',
    );
    expect(f.sandbox.control.purchases().filter((p) => p.bill_id === billId && p.purchase_id)).toHaveLength(
      1,
    );
    expect((await sandboxPurchase(f, billId))?.customer_id).toBe(customerId);
  });
});
