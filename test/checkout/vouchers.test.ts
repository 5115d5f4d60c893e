// Every voucher refusal the sandbox can give, both where the cashier adds a voucher
// (the benefit preview) and on the read-only voucher check, each with its sentence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { knownReasons, reasonSentence, translate, type MessageKey } from '../../shared/i18n/index.ts';
import { demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from './fixture.ts';

const regular = { customerId: demo.customers.regular, cardNumber: demo.cards.regular };

/** The sentence a screen shows for a refusal, in both languages; never the unknown-reason fallback. */
function sentences(reason: string): string[] {
  const own = `checkout.refusal.${reason}` as MessageKey;
  if (!knownReasons.includes(reason)) return [translate('en', own), translate('cs', own)];
  return [
    reasonSentence('en', { name: 'benefit_codes', reason }),
    reasonSentence('cs', { name: 'benefit_codes', reason }),
  ];
}

describe('voucher refusals', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  const cases: [string, BenefitAsk['customer'], string][] = [
    [demo.vouchers.expired, regular, 'voucher_expired'],
    [demo.vouchers.used, regular, 'voucher_already_used'],
    [demo.vouchers.otherStore, regular, 'voucher_cant_be_used_in_store'],
    [
      demo.vouchers.euro,
      { customerId: 'x', cardNumber: demo.cards.euroCustomer },
      'voucher_not_allowed_in_store',
    ],
    [demo.vouchers.otherCustomer, regular, 'voucher_assigned_to_another_customer'],
    [demo.vouchers.minimumPurchase, regular, 'insufficient_amount_of_purchase'],
    [demo.vouchers.notYetValid, regular, 'voucher_cant_be_applied_by_date'],
    [demo.vouchers.giftEmpty, null, 'voucher_already_used'],
    [demo.vouchers.value100, null, 'unauthorized_use_vouchers'],
    ['NOSUCHCODE', regular, 'not_found'],
  ];

  it.each(cases)(
    '%s is refused in the preview with its reason and sentence',
    async (code, customer, reason) => {
      const cart = await cartOf(f, [barcodes.chocolate]);
      // The euro customer is found by card: resolve the id the way the till does.
      let who = customer;
      if (who?.customerId === 'x')
        who = {
          customerId: (await f.ok('customers.identifyByCard', { cardNumber: who.cardNumber! })).customer.id,
          cardNumber: who.cardNumber,
        };
      const answer = await f.ok('checkout.preview', {
        saleId: newSaleId(),
        cart,
        ask: { customer: who, voucherCodes: [code], points: 0, credit: 0 },
      });
      if (!answer.current) throw new Error('not current');
      expect(answer.refusals).toEqual([{ subject: code, reason }]);
      expect(answer.preview.vouchers).toEqual([]);
      for (const sentence of sentences(reason)) {
        // The fallback for a reason without a sentence quotes the code.
        expect(sentence).not.toContain(reason);
        expect(sentence.length).toBeGreaterThan(10);
      }
    },
  );

  it('keeps the good voucher when others on the bill are refused', async () => {
    const cart = await cartOf(f, [barcodes.coffee]);
    const answer = await f.ok('checkout.preview', {
      saleId: newSaleId(),
      cart,
      ask: {
        customer: regular,
        voucherCodes: [demo.vouchers.expired, demo.vouchers.value100, demo.vouchers.used],
        points: 0,
        credit: 0,
      },
    });
    if (!answer.current) throw new Error('not current');
    expect(answer.refusals).toEqual([
      { subject: demo.vouchers.expired, reason: 'voucher_expired' },
      { subject: demo.vouchers.used, reason: 'voucher_already_used' },
    ]);
    expect(answer.preview.vouchers.map((v) => v.code)).toEqual([demo.vouchers.value100]);
  });

  it('refuses a fourth voucher on one bill', async () => {
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const codes = [
      demo.vouchers.value100,
      demo.vouchers.percent10,
      demo.vouchers.storeBound,
      demo.vouchers.giftFull,
    ];
    const answer = await f.ok('checkout.preview', {
      saleId: newSaleId(),
      cart,
      ask: { customer: regular, voucherCodes: codes, points: 0, credit: 0 },
    });
    if (!answer.current) throw new Error('not current');
    expect(answer.refusals).toEqual([
      { subject: demo.vouchers.giftFull, reason: 'max_number_of_voucher_exceeded' },
    ]);
    expect(answer.preview.vouchers.map((v) => v.code)).toEqual(codes.slice(0, 3));
  });

  it('counts only applied vouchers toward the limit: refused codes keep their own reasons', async () => {
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const codes = [
      demo.vouchers.value100,
      demo.vouchers.expired,
      demo.vouchers.otherStore,
      'NOSUCHCODE',
      demo.vouchers.percent10,
    ];
    const answer = await f.ok('checkout.preview', {
      saleId: newSaleId(),
      cart,
      ask: { customer: regular, voucherCodes: codes, points: 0, credit: 0 },
    });
    if (!answer.current) throw new Error('not current');
    expect(answer.refusals.map((r) => [r.subject, r.reason])).toEqual([
      [demo.vouchers.expired, 'voucher_expired'],
      [demo.vouchers.otherStore, 'voucher_cant_be_used_in_store'],
      ['NOSUCHCODE', expect.not.stringMatching(/max_number/)],
    ]);
    expect(answer.preview.vouchers.map((v) => v.code)).toEqual([
      demo.vouchers.value100,
      demo.vouchers.percent10,
    ]);
  });

  it('refuses points to a customer whose status cannot pay with them, and keeps the rest of the preview', async () => {
    const customer = (await f.ok('customers.identifyByCard', { cardNumber: demo.cards.cannotPayByPoints }))
      .customer;
    const cart = await cartOf(f, [barcodes.coffee]);
    const answer = await f.ok('checkout.preview', {
      saleId: newSaleId(),
      cart,
      ask: {
        customer: { customerId: customer.id, cardNumber: null },
        voucherCodes: [],
        points: 100,
        credit: 0,
      },
    });
    if (!answer.current) throw new Error('not current');
    expect(answer.refusals).toEqual([{ subject: 'points', reason: 'customer_cant_pay_by_points' }]);
    expect(answer.preview.pointsUsed).toBe(0);
    expect(answer.preview.pointsEarned).toBeGreaterThan(0);
  });

  it('shows the newest preview only: an older answer arriving late is not current', async () => {
    const cart = await cartOf(f, [barcodes.coffee]);
    const saleId = newSaleId();
    f.sandbox.control.setLatency(60);
    try {
      const older = f.ok('checkout.preview', {
        saleId,
        cart,
        ask: { customer: regular, voucherCodes: [], points: 0, credit: 0 },
      });
      const newer = f.ok('checkout.preview', {
        saleId,
        cart,
        ask: { customer: regular, voucherCodes: [demo.vouchers.value100], points: 0, credit: 0 },
      });
      const [first, second] = await Promise.all([older, newer]);
      expect(first).toEqual({ current: false });
      if (!second.current) throw new Error('the newest preview is not current');
      expect(second.preview.vouchers.map((v) => v.code)).toEqual([demo.vouchers.value100]);
    } finally {
      f.sandbox.control.setLatency(0);
    }
  });

  describe('voucher check', () => {
    it('shows value, owner, dates and stores of a usable voucher', async () => {
      const check = await f.ok('vouchers.check', {
        code: demo.vouchers.value100,
        customerId: demo.customers.regular,
      });
      expect(check).toMatchObject({
        found: true,
        kind: 'value',
        valueMinor: 10_000,
        customerId: demo.customers.regular,
        usedAt: null,
        refusals: [],
        giftCard: null,
      });
      expect(check.validTo).toMatch(/^\d{4}-\d{2}-\d{2}/);
    });

    it('shows a gift card balance', async () => {
      const check = await f.ok('vouchers.check', { code: demo.vouchers.giftPartly, customerId: null });
      expect(check).toMatchObject({
        found: true,
        kind: 'gift_card',
        giftCard: { balanceMinor: 12_000, originalMinor: 100_000, usage: 'partly' },
        usedAt: '2026-01-10 12:00:00',
        refusals: [],
      });
      expect(await f.ok('vouchers.check', { code: demo.vouchers.giftEmpty, customerId: null })).toMatchObject(
        {
          giftCard: { balanceMinor: 0, originalMinor: 30_000, usage: 'spent' },
          usedAt: expect.any(String),
          refusals: ['voucher_already_used'],
        },
      );
      // A whole card has not been used, and says so.
      expect(await f.ok('vouchers.check', { code: demo.vouchers.giftFull, customerId: null })).toMatchObject({
        giftCard: { balanceMinor: 50_000, originalMinor: 50_000, usage: 'unused' },
        usedAt: null,
        refusals: [],
      });
    });

    it.each([
      [demo.vouchers.expired, demo.customers.regular, ['voucher_expired']],
      [demo.vouchers.used, demo.customers.regular, ['voucher_already_used']],
      [demo.vouchers.otherStore, demo.customers.regular, ['voucher_cant_be_used_in_store']],
      [demo.vouchers.euro, null, ['voucher_not_allowed_in_store']],
      [demo.vouchers.otherCustomer, demo.customers.regular, ['voucher_assigned_to_another_customer']],
      [demo.vouchers.notYetValid, demo.customers.regular, ['voucher_cant_be_applied_by_date']],
      ['NOSUCHCODE', null, ['not_found']],
    ])('%s: %j', async (code, customerId, refusals) => {
      const check = await f.ok('vouchers.check', { code, customerId });
      expect(check.refusals).toEqual(refusals);
      for (const reason of refusals)
        for (const sentence of sentences(reason)) expect(sentence).not.toContain(reason);
    });

    it('names the stores a store-limited voucher is valid in', async () => {
      const check = await f.ok('vouchers.check', { code: demo.vouchers.otherStore, customerId: null });
      expect(check.stores.map((s) => s.id)).toEqual([demo.stores.brno]);
    });
  });

  it('lets only a manager sync the offline voucher list', async () => {
    expect(await f.call('vouchers.syncOffline', undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_role' },
    });
    await f.signIn(managerPin);
    const synced = await f.ok('vouchers.syncOffline', undefined);
    expect(synced.count).toBeGreaterThan(0);
    await f.signIn(cashierPin);
  });
});
