import { describe, expect, it } from 'vitest';
import type { PreviewAnswer, PayOutcome } from '../../shared/checkout/answers.ts';
import { plainPreview } from '../../shared/checkout/bill.ts';
import type { Product } from '../../shared/checkout/catalogue.ts';
import { Sale } from '../../renderer/src/state/sale.svelte.ts';
import { filterOf, emptyFilter } from '../../renderer/src/state/manager-queue.svelte.ts';
import { typedMinorUnits, typedQuantity } from '../../renderer/src/typed-amounts.ts';
import { alice, aliceCard, deferred, fakeMain, fail, ok, type Handlers } from './fake-main.ts';

const coffee: Product = {
  plu: '8594005650015',
  pluList: 'EAN',
  name: 'Káva',
  unitPriceMinor: 42900,
  vatRate: 12,
  purchaseItemTypeId: 'store_purchase',
  loyaltyOff: false,
  barcodes: ['8594005650015'],
  weighed: false,
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let ids = 0;

function saleWith(handlers: Handlers) {
  const main = fakeMain({
    'checkout.product': ({ code }) => ok(code === coffee.plu ? coffee : null),
    'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
    'customers.profile': () => ok({ customer: alice, cards: [aliceCard], fromCache: false }),
    'customers.points': () =>
      ok({ available: 500, earned: 500, redeemed: 0, moneyValue: null, canPayWithPoints: true, asOf: null }),
    'customers.credits': () => ok({ byCurrency: [], asOf: null }),
    'customers.vouchers': () => ok({ vouchers: [], asOf: null }),
    'customers.rewards': () => ok({ rewards: [], asOf: null }),
    ...handlers,
  });
  return { main, sale: new Sale(main.pos, { debounceMs: 0, newSaleId: () => `sale-test-${++ids}` }) };
}

describe('the sale', () => {
  it('keeps totals in minor units from the cart model and says when a code is no product', async () => {
    const { sale } = saleWith({
      'checkout.preview': ({ cart }) =>
        ok({ current: true, preview: plainPreview(cart as never), refusals: [], offline: false }),
    });
    expect(await sale.addByCode(coffee.plu)).toBe(true);
    expect(await sale.addByCode(coffee.plu)).toBe(true);
    expect(sale.cart.lines).toHaveLength(1);
    expect(sale.totals.totalMinor).toBe(85800);
    expect(await sale.addByCode('123')).toBe(false);
    expect(sale.notice).toEqual({ kind: 'unknownProduct', code: '123' });
    expect(sale.setQuantity(sale.cart.lines[0]!.lineId, 0.0001)).toBe(false);
    expect(sale.notice).toEqual({ kind: 'invalidQuantity' });
    sale.step(sale.cart.lines[0]!.lineId, -1);
    sale.step(sale.cart.lines[0]!.lineId, -1);
    expect(sale.cart.lines).toEqual([]);
  });

  it('shows only the newest preview; an older answer arriving late is dropped', async () => {
    const answers: ReturnType<typeof deferred<PreviewAnswer>>[] = [];
    const { sale } = saleWith({
      'checkout.preview': async () => {
        const answer = deferred<PreviewAnswer>();
        answers.push(answer);
        return ok(await answer.promise);
      },
    });
    sale.addProduct(coffee);
    await settle();
    sale.addProduct(coffee);
    await settle();
    expect(answers).toHaveLength(2);
    const preview = (toPay: number) => ({
      current: true as const,
      preview: { ...plainPreview(sale.cart), toPayMinor: toPay },
      refusals: [],
      offline: false,
    });
    answers[1]!.resolve(preview(80000));
    await settle();
    answers[0]!.resolve(preview(1));
    await settle();
    expect(sale.toPayMinor).toBe(80000);
  });

  it('pays once however often it is pressed, without the vouchers CareCloud refused', async () => {
    const pays: unknown[] = [];
    const paid = deferred<PayOutcome>();
    const { sale } = saleWith({
      'checkout.preview': ({ cart }) =>
        ok({
          current: true,
          preview: plainPreview(cart as never),
          refusals: [{ subject: 'USED1', reason: 'voucher_already_used' }],
          offline: false,
        }),
      'checkout.pay': async (payload) => {
        pays.push(payload);
        return ok(await paid.promise);
      },
    });
    sale.addProduct(coffee);
    await sale.attachCard('2000000000015');
    sale.addVoucher('USED1');
    const first = sale.pay('cash');
    const second = sale.pay('cash');
    expect(sale.phase).toBe('paying');
    await settle();
    await settle();
    const receipt = {
      saleId: sale.saleId,
      billId: 'B1',
      paymentTime: '2026-11-28 12:00:00',
      currency: 'CZK',
      cardNumber: null,
      settlement: {
        dueMinor: 42900,
        cardMinor: 0,
        cashDueMinor: 42900,
        cashToPayMinor: 42900,
        roundingMinor: 0,
        cashTenderedMinor: 42900,
        changeMinor: 0,
        paidMinor: 42900,
      },
      customerId: alice.id,
      lines: [],
      totalMinor: 42900,
      discountMinor: 0,
      vouchers: [],
      pointsUsed: 0,
      pointsMoneyMinor: 0,
      creditMinor: 0,
      pointsEarned: null,
      toPayMinor: 42900,
      store: { id: 'S1', name: 'Praha' },
      cashdesk: 1,
      cashier: 'Cashier',
      vat: [],
      pointsBalance: null,
    };
    paid.resolve({ outcome: 'saved_offline', queuePosition: 1, receipt });
    expect(await second).toBeNull();
    expect((await first)?.outcome).toBe('saved_offline');
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({
      ask: { voucherCodes: [], customer: { customerId: alice.id } },
      expectedToPayMinor: 42900,
    });
    expect(sale.phase).toBe('done');
    sale.next();
    expect(sale.phase).toBe('open');
    expect(sale.cart.lines).toEqual([]);
  });

  it('moves on to the next sale when pay finds the sale already recorded, and says so', async () => {
    const { sale } = saleWith({
      'checkout.preview': ({ cart }) =>
        ok({ current: true, preview: plainPreview(cart as never), refusals: [], offline: false }),
      'checkout.pay': () =>
        ok({
          outcome: 'already_recorded',
          billId: 'B7',
          state: 'synced',
          purchaseId: 'P7',
          queuePosition: null,
        }),
    });
    sale.addProduct(coffee);
    await settle();
    const recordedSaleId = sale.saleId;
    expect((await sale.pay('cash'))?.outcome).toBe('already_recorded');
    expect(sale.phase).toBe('open');
    expect(sale.cart.lines).toEqual([]);
    expect(sale.saleId).not.toBe(recordedSaleId);
    expect(sale.notice).toEqual({ kind: 'alreadyRecorded', billId: 'B7', purchaseId: 'P7' });
  });

  it('says why a card cannot be attached and keeps the sale', async () => {
    const { sale } = saleWith({
      'customers.identifyByCard': () => fail('card_blocked'),
      'checkout.preview': ({ cart }) =>
        ok({ current: true, preview: plainPreview(cart as never), refusals: [], offline: false }),
    });
    sale.addProduct(coffee);
    expect(await sale.attachCard('123')).toBe(false);
    expect(sale.notice).toMatchObject({ kind: 'card', error: { code: 'card_blocked' } });
    expect(sale.cart.lines).toHaveLength(1);
  });
});

describe('typed amounts and the queue filter', () => {
  it('reads prices and quantities as a cashier types them', () => {
    expect(typedMinorUnits('12,90', 'CZK')).toBe(1290);
    expect(typedMinorUnits('12.9', 'CZK')).toBe(1290);
    expect(typedMinorUnits('1.234', 'CZK')).toBeNull();
    expect(typedMinorUnits('-1', 'CZK')).toBeNull();
    expect(typedQuantity('0,5')).toBe(0.5);
    expect(typedQuantity('0')).toBeNull();
  });

  it('sends only what the manager filled in, dates as the screen’s language writes them', () => {
    expect(filterOf(emptyFilter, 'Europe/Prague', 'cs')).toEqual({ filter: {}, problems: [] });
    expect(
      filterOf(
        { ...emptyFilter, state: 'rejected', search: ' 7K3QX ', from: '28. 11. 2026' },
        'Europe/Prague',
        'cs',
      ),
    ).toEqual({
      filter: { states: ['rejected'], search: '7K3QX', from: '2026-11-27T23:00:00.000Z' },
      problems: [],
    });
    // A date that cannot be read is said, not dropped into "any day".
    expect(
      filterOf({ ...emptyFilter, from: '11/28/2026', to: 'nonsense' }, 'Europe/Prague', 'cs').problems,
    ).toEqual(['from', 'to']);
    expect(filterOf({ ...emptyFilter, from: '11/28/2026' }, 'Europe/Prague', 'en').problems).toEqual([
      'from',
    ]);
    expect(filterOf({ ...emptyFilter, from: '28/11/2026' }, 'Europe/Prague', 'en').filter).toEqual({
      from: '2026-11-27T23:00:00.000Z',
    });
    // The terminal's day, whatever zone the screens run in.
    expect(
      filterOf({ ...emptyFilter, from: '1. 7. 2026', to: '2026-07-01' }, 'America/New_York', 'cs').filter,
    ).toEqual({ from: '2026-07-01T04:00:00.000Z', to: '2026-07-02T04:00:00.000Z' });
  });
});
