// A whole sale through the IPC channels against the sandbox: card, three scanned items,
// a voucher, some points, pay; CareCloud holds the purchase once with the totals shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { cancellationBody, type SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { Journal } from '../../electron/journal/journal.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
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

describe('a sale at the till', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('closes a card sale with three items, a voucher and points exactly once, with the totals shown', async () => {
    const identified = await f.ok('customers.identifyByCard', { cardNumber: demo.cards.regular });
    const customerId = identified.customer.id;
    const pointsBefore = await pointsOf(f.sandbox, customerId);
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine, barcodes.chocolate]);
    expect(cart.lines.map((l) => l.lineId)).toEqual(['1', '2', '3']);
    const ask: BenefitAsk = {
      customer: { customerId, cardNumber: demo.cards.regular },
      voucherCodes: [demo.vouchers.value100],
      points: 50,
      credit: 0,
    };
    const saleId = newSaleId();

    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('the only preview is not current');
    expect(shown.refusals).toEqual([]);
    expect(shown.offline).toBe(false);
    expect(shown.preview.totalMinor).toBe(cartTotals(cart).totalMinor);
    expect(shown.preview.vouchers).toEqual([
      expect.objectContaining({ code: demo.vouchers.value100, discountMinor: 10_000 }),
    ]);
    expect(shown.preview.pointsUsed).toBe(50);
    expect(shown.preview.discountMinor).toBeGreaterThan(0); // silver status: 3 % off
    expect(shown.preview.toPayMinor).toBe(
      shown.preview.totalMinor - shown.preview.discountMinor - 10_000 - shown.preview.pointsMoneyMinor,
    );

    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${JSON.stringify(paid)}`);
    expect(paid.purchaseId).toEqual(expect.any(String));
    expect(paid.receipt.toPayMinor).toBe(shown.preview.toPayMinor);
    expect(paid.receipt.pointsEarned).toBe(shown.preview.pointsEarned);

    // CareCloud has it once, with the bill's total.
    const bills = f.sandbox.control.purchases().filter((b) => b.bill_id === paid.receipt.billId);
    expect(bills).toHaveLength(1);
    expect(bills[0]!.purchase_id).toBe(paid.purchaseId);
    const purchase = await f.sandbox.call<{ data: { total_price: number } }>(
      'GET',
      `/purchases/${paid.purchaseId}`,
    );
    expect(Math.round(purchase.body.data.total_price * 100)).toBe(shown.preview.totalMinor);
    expect(await pointsOf(f.sandbox, customerId)).toBe(pointsBefore - 50 + shown.preview.pointsEarned);

    // What was sent is what was shown: the journal holds the exact request.
    expect(await f.call('queue.list', { filter: {}, page: { limit: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden_role' },
    });
    await f.signIn(managerPin);
    const listed = await f.ok('queue.list', {
      filter: { billId: paid.receipt.billId },
      page: { limit: 1 },
    });
    expect(listed.entries).toHaveLength(1);
    const detail = await f.ok('queue.show', { id: listed.entries[0]!.id });
    expect(detail.entry.state).toBe('synced');
    expect(detail.request.totalMinor).toBe(shown.preview.totalMinor);
    expect(detail.request.vouchers).toEqual([{ code: demo.vouchers.value100, discountMinor: 10_000 }]);
    expect(detail.request.pointsUsed).toBe(50);
    expect(detail.request.items.map((i) => i.paidMinor)).toEqual(
      cartTotals(cart).lines.map((l) => l.paidMinor),
    );
    await f.signIn(cashierPin);
  });

  it('gives one purchase for a double press on pay', async () => {
    const cart = await cartOf(f, [barcodes.bread, barcodes.chocolate]);
    const ask: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const saleId = newSaleId();
    const total = cartTotals(cart).totalMinor;
    const payload = { saleId, cart, ask, tender: 'cash' as const, expectedToPayMinor: total };
    const [first, second] = await Promise.all([f.ok('checkout.pay', payload), f.ok('checkout.pay', payload)]);
    const third = await f.ok('checkout.pay', payload);
    expect(first).toEqual(second);
    expect(third).toEqual(first);
    if (first.outcome !== 'closed') throw new Error(`expected closed, got ${first.outcome}`);
    expect(f.sandbox.control.purchases().filter((b) => b.bill_id === first.receipt.billId)).toHaveLength(1);
    const sends = f.sandbox.control.requests().filter((r) => r.operation_id === 'postPurchaseSend');
    expect(sends.filter((r) => r.bill_id === first.receipt.billId)).toHaveLength(1);
  });

  it('refuses to send a total the screen did not show, and says what it is now', async () => {
    const cart = await cartOf(f, [barcodes.wine]);
    const ask: BenefitAsk = {
      customer: { customerId: demo.customers.regular, cardNumber: null },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const sends = () =>
      f.sandbox.control.requests().filter((r) => r.operation_id === 'postPurchaseSend').length;
    const sentBefore = sends();
    const stale = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: cartTotals(cart).totalMinor,
    });
    // Silver status takes 3 % off, so the full price is not what is due.
    if (stale.outcome !== 'totals_changed') throw new Error(`expected totals_changed, got ${stale.outcome}`);
    expect(stale.preview.toPayMinor).toBeLessThan(cartTotals(cart).totalMinor);
    expect(sends()).toBe(sentBefore);
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: stale.preview.toPayMinor,
    });
    expect(paid.outcome).toBe('closed');
  });

  it('cancels a closed purchase only with a manager PIN, through the journal, once', async () => {
    const cart = await cartOf(f, [barcodes.coffee]);
    const ask: BenefitAsk = {
      customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'cash',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(paid.outcome);
    const pointsAfterSale = await pointsOf(f.sandbox, demo.customers.regular);

    expect(await f.call('checkout.cancel', { billId: paid.receipt.billId, pin: cashierPin })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    expect(await f.call('checkout.cancel', { billId: paid.receipt.billId, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    const cancelled = await f.ok('checkout.cancel', { billId: paid.receipt.billId, pin: managerPin });
    expect(cancelled).toMatchObject({ outcome: 'closed', cancellationBillId: `C${paid.receipt.billId}` });
    expect(await f.ok('checkout.cancel', { billId: paid.receipt.billId, pin: managerPin })).toMatchObject({
      outcome: 'closed',
    });
    expect(f.sandbox.control.purchases().filter((b) => b.bill_id === `C${paid.receipt.billId}`)).toHaveLength(
      1,
    );
    expect(await pointsOf(f.sandbox, demo.customers.regular)).toBe(
      pointsAfterSale - shown.preview.pointsEarned,
    );

    const recent = await f.ok('checkout.recent', { limit: 10 });
    expect(recent[0]).toMatchObject({
      billId: paid.receipt.billId,
      state: 'synced',
      cancellation: { billId: `C${paid.receipt.billId}`, state: 'synced' },
    });
    await f.signIn(managerPin);
    const audit = await f.ok('audit.list', { page: { limit: 50, offset: 0 } });
    expect(audit.records.map((r) => [r.actor, r.action])).toEqual(
      expect.arrayContaining([
        ['Manager', 'cancel-purchase'],
        ['Cashier', 'pin-refused'],
      ]),
    );
    await f.signIn(cashierPin);
  });

  it('sends a cancellation that changes only canceled, bill_id and bill_number of the original bill', async () => {
    const cart = await cartOf(f, [barcodes.wine]);
    const ask: BenefitAsk = {
      customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(paid.outcome);
    // The cancellation is made in a later second than the sale, so a fresh payment_time would show.
    await new Promise((resolve) => setTimeout(resolve, 1_050 - (Date.now() % 1_000)));
    expect(await f.ok('checkout.cancel', { billId: paid.receipt.billId, pin: managerPin })).toMatchObject({
      outcome: 'closed',
    });

    const journal = Journal.open(journalFile(f.dataDir));
    try {
      // The synced sale keeps only a masked card number, so the cancellation names the customer by id alone.
      const { card_number: maskedCard, ...original } = journal.byBillId(paid.receipt.billId)!.request
        .body as SendPurchaseBody;
      expect(maskedCard).toMatch(/^\*+\d{4}$/);
      const cancellation = journal.byBillId(`C${paid.receipt.billId}`)!.request.body as SendPurchaseBody;
      expect(cancellation).toEqual({
        ...original,
        bill: {
          ...original.bill,
          canceled: true,
          bill_id: `C${paid.receipt.billId}`,
          bill_number: paid.receipt.billId,
        },
      });
      expect(cancellation).toEqual(
        cancellationBody(original, {
          originalBillId: paid.receipt.billId,
          cancellationBillId: `C${paid.receipt.billId}`,
        }),
      );
    } finally {
      journal.close();
    }
    expect(f.sandbox.control.purchases().find((b) => b.bill_id === `C${paid.receipt.billId}`)).toMatchObject({
      canceled: true,
      statuses: [201],
    });
  });

  it('tells how many points and how much credit this bill may use', async () => {
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const total = cartTotals(cart).totalMinor;
    const rich = (await f.ok('customers.identifyByCard', { cardNumber: demo.cards.credits })).customer.id;
    const limits = await f.ok('checkout.limits', {
      saleId: newSaleId(),
      cart,
      ask: { customer: { customerId: rich, cardNumber: null }, voucherCodes: [], points: 0, credit: 0 },
    });
    // 40 points at 1 CZK each, 500 CZK of credit: both below the bill.
    expect(limits).toMatchObject({
      maxPoints: 40,
      maxPointsMoneyMinor: 4_000,
      maxCreditMinor: 50_000,
      pointsRefusal: null,
      creditRefusal: null,
      offline: false,
    });
    const gold = (await f.ok('customers.identifyByCard', { cardNumber: demo.cards.manyPoints })).customer.id;
    const capped = await f.ok('checkout.limits', {
      saleId: newSaleId(),
      cart,
      ask: { customer: { customerId: gold, cardNumber: null }, voucherCodes: [], points: 0, credit: 0 },
    });
    // Plenty of points, so the bill caps them: what is left after the gold discount.
    expect(capped.maxPointsMoneyMinor).toBeLessThan(total);
    expect(capped.maxPointsMoneyMinor).toBeGreaterThan(total * 0.9);
    expect(capped).toMatchObject({ maxCreditMinor: 0, creditRefusal: 'customer_cant_pay_by_credits' });
    const basic = (await f.ok('customers.identifyByCard', { cardNumber: demo.cards.cannotPayByPoints }))
      .customer.id;
    expect(
      await f.ok('checkout.limits', {
        saleId: newSaleId(),
        cart,
        ask: { customer: { customerId: basic, cardNumber: null }, voucherCodes: [], points: 0, credit: 0 },
      }),
    ).toMatchObject({ maxPoints: 0, pointsRefusal: 'customer_cant_pay_by_points' });

    // Using all the credit closes with payment type C and the credit spent.
    const ask: BenefitAsk = {
      customer: { customerId: rich, cardNumber: null },
      voucherCodes: [],
      points: 0,
      credit: limits.maxCreditMinor,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    expect(shown.preview.creditMinor).toBe(50_000);
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    expect(paid).toMatchObject({
      outcome: 'closed',
      receipt: { creditMinor: 50_000, toPayMinor: total - 50_000 },
    });
  });

  it('pays points "Max" and rounds the few haléř left to no cash; CareCloud gets the amount paid', async () => {
    const identified = await f.ok('customers.identifyByCard', { cardNumber: demo.cards.regular });
    const customerId = identified.customer.id;
    const before = await pointsOf(f.sandbox, customerId);
    const cart = await cartOf(f, [barcodes.coffee]);
    const ask: BenefitAsk = {
      customer: { customerId, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 'max',
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    // 429.00 less the silver 3 % (12.87) is 416.13: 416 points leave 0.13 to pay.
    expect(shown.preview.toPayMinor).toBe(13);
    const paid = await f.ok('checkout.pay', { saleId, cart, ask, tender: 'cash', expectedToPayMinor: 13 });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${JSON.stringify(paid)}`);
    expect(paid.receipt.settlement).toEqual({
      dueMinor: 13,
      cardMinor: 0,
      cashDueMinor: 13,
      cashToPayMinor: 0,
      roundingMinor: -13,
      cashTenderedMinor: 0,
      changeMinor: 0,
      paidMinor: 0,
    });
    const purchase = await f.sandbox.call<{ data: { total_price: number } }>(
      'GET',
      `/purchases/${paid.purchaseId}`,
    );
    expect(Math.round(purchase.body.data.total_price * 100)).toBe(42_900 - 13);
    expect(await pointsOf(f.sandbox, customerId)).toBe(before - 416 + shown.preview.pointsEarned);
  });

  it('takes cash handed over, gives change and refuses cash short of the rounded amount', async () => {
    const cart = await cartOf(
      f,
      Array.from({ length: 6 }, () => barcodes.roll),
    );
    const ask: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const total = cartTotals(cart).totalMinor;
    expect(total).toBe(2340);
    const short = await f.call('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask,
      tender: { cardMinor: 0, cashTenderedMinor: 2200 },
      expectedToPayMinor: total,
    });
    expect(short).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', reasons: [{ name: 'tender', reason: 'cash_short' }] },
    });
    const paid = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask,
      tender: { cardMinor: 0, cashTenderedMinor: 10_000 },
      expectedToPayMinor: total,
    });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${paid.outcome}`);
    expect(paid.receipt.settlement).toMatchObject({
      cashToPayMinor: 2300,
      roundingMinor: -40,
      cashTenderedMinor: 10_000,
      changeMinor: 7700,
      paidMinor: 2300,
    });
    const purchase = await f.sandbox.call<{ data: { total_price: number } }>(
      'GET',
      `/purchases/${paid.purchaseId}`,
    );
    expect(Math.round(purchase.body.data.total_price * 100)).toBe(2300);
    // Split: 10 Kč by card exactly, the rest in cash rounded.
    const split = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask,
      tender: { cardMinor: 1000, cashTenderedMinor: null },
      expectedToPayMinor: total,
    });
    expect(split).toMatchObject({
      outcome: 'closed',
      receipt: {
        settlement: {
          cardMinor: 1000,
          cashDueMinor: 1340,
          cashToPayMinor: 1300,
          roundingMinor: -40,
          paidMinor: 2300,
        },
      },
    });
    // By card nothing is rounded.
    const card = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: total,
    });
    if (card.outcome !== 'closed') throw new Error(`expected closed, got ${card.outcome}`);
    const byCard = await f.sandbox.call<{ data: { total_price: number } }>(
      'GET',
      `/purchases/${card.purchaseId}`,
    );
    expect(Math.round(byCard.body.data.total_price * 100)).toBe(2340);
  });

  it('refuses to pay an empty sale, whatever the screen sends', async () => {
    const ask: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const refused = await f.call('checkout.pay', {
      saleId: newSaleId(),
      cart: { currency: 'CZK', lines: [] },
      ask,
      tender: 'cash',
      expectedToPayMinor: 0,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', reasons: [{ name: 'cart', reason: 'empty' }] },
    });
  });

  it('finds products by barcode and lists the quick keys', async () => {
    const catalogue = await f.ok('checkout.catalogue', undefined);
    expect(catalogue.currency).toBe('CZK');
    expect(catalogue.quickKeys.map((p) => p.quickKey)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await f.ok('checkout.product', { code: '0000000000000' })).toBeNull();
    expect(await f.ok('checkout.product', { code: barcodes.coffee })).toMatchObject({
      name: 'Káva zrnková 1 kg',
      unitPriceMinor: 42_900,
    });
  });
});
