import { describe, expect, it } from 'vitest';
import type { Product } from '../../shared/checkout/catalogue.ts';
import { plainPreview } from '../../shared/checkout/bill.ts';
import { TerminalState } from '../../renderer/src/state/terminal.svelte.ts';
import type { SessionStatus } from '../../shared/ipc/index.ts';
import { alice, aliceCard, fakeMain, fail, ok } from './fake-main.ts';

const bread: Product = {
  plu: '8594001022007',
  pluList: 'EAN',
  name: 'Chléb',
  unitPriceMinor: 5490,
  vatRate: 12,
  purchaseItemTypeId: 'store_purchase',
  loyaltyOff: false,
  barcodes: [],
  weighed: false,
};
const status = (role: 'cashier' | 'manager'): SessionStatus => ({
  demo: true,
  operator: { id: 'o', name: 'Op', role },
  store: null,
  cashdeskNumber: '1',
  language: 'cs',
  timeZone: 'Europe/Prague',
  lockedUntil: null,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function terminalAs(role: 'cashier' | 'manager') {
  const main = fakeMain({
    'session.status': () => ok(status(role)),
    'checkout.catalogue': () => ok({ currency: 'CZK', quickKeys: [bread], cashRoundingMinor: 100 }),
    'checkout.recent': () => ok([]),
    'checkout.product': ({ code }) => ok(code === bread.plu ? bread : null),
    'checkout.preview': ({ cart }) =>
      ok({ current: true, preview: plainPreview(cart as never), refusals: [], offline: false }),
    'customers.identifyByCard': ({ cardNumber }) =>
      cardNumber === aliceCard.number
        ? ok({ customer: alice, card: aliceCard, fromCache: true })
        : fail('unknown_card'),
    'customers.profile': () => ok({ customer: alice, cards: [aliceCard], fromCache: true }),
    'customers.points': () =>
      ok({ available: 10, earned: 10, redeemed: 0, moneyValue: null, canPayWithPoints: true, asOf: null }),
    'customers.credits': () => ok({ byCurrency: [], asOf: null }),
    'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
    'customers.rewards': () => ok({ rewards: [], asOf: null }),
    'queue.list': () =>
      ok({
        entries: [],
        total: 0,
        counts: { pending: 0, sending: 0, synced: 0, rejected: 0, voided: 0 },
        oldestPendingAgeMs: null,
        next: null,
        previous: null,
        last: null,
      }),
    'audit.list': () => ok({ records: [], total: 0 }),
  });
  const terminal = new TerminalState(main.pos, { sale: { debounceMs: 0 } });
  terminal.start();
  return { main, terminal };
}

describe('the terminal at the sale', () => {
  it('puts scanned products on the bill, attaches a scanned card, and takes other codes as vouchers', async () => {
    const { terminal } = terminalAs('cashier');
    await settle();
    terminal.openSale();
    expect(terminal.screen).toBe('sale');
    await terminal.acceptScan({
      kind: 'product',
      code: bread.plu,
      source: 'wedge',
      deviceId: null,
      decidedBy: 'rule',
    });
    await terminal.acceptScan({
      kind: 'unknown',
      code: aliceCard.number,
      source: 'wedge',
      deviceId: null,
      decidedBy: 'fallback',
    });
    await terminal.acceptScan({
      kind: 'unknown',
      code: 'DEMO100',
      source: 'wedge',
      deviceId: null,
      decidedBy: 'fallback',
    });
    expect(terminal.sale.cart.lines.map((l) => l.plu)).toEqual([bread.plu]);
    expect(terminal.sale.customer).toMatchObject({ customer: { id: alice.id }, fromCache: true });
    expect(terminal.sale.voucherCodes).toEqual(['DEMO100']);
    expect(terminal.sale.notice).toBeNull();
  });

  it('brings the customer on the panel into the sale, and keeps the queue for managers', async () => {
    const { terminal } = terminalAs('cashier');
    await settle();
    await terminal.acceptScan({
      kind: 'loyalty_card',
      code: aliceCard.number,
      source: 'hid',
      deviceId: null,
      decidedBy: 'rule',
    });
    expect(terminal.screen).toBe('customer');
    terminal.openSale();
    expect(terminal.sale.customer?.customer.id).toBe(alice.id);
    await terminal.openQueue();
    expect(terminal.screen).toBe('sale');
    terminal.openVoucherCheck();
    expect(terminal.screen).toBe('vouchers');
    terminal.back();
    expect(terminal.screen).toBe('sale');
  });

  it('opens the queue with its audit log for a manager', async () => {
    const { terminal, main } = terminalAs('manager');
    await settle();
    await terminal.openQueue();
    expect(terminal.screen).toBe('queue');
    expect(main.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['queue.list', 'audit.list']));
    expect(terminal.queue.page.value?.total).toBe(0);
  });
});
