import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demo, purchaseTypeIds, storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment, reasons, sendPurchase } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const jana = demo.customers.regular;
const points = async (customerId: string) =>
  (
    await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
      query: { customer_id: customerId },
    })
  ).body.data.available_points;
const voucher = async (code: string) =>
  (await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', { query: { code } })).body.data.vouchers[0]!;

describe('accept-payment', () => {
  it('computes points earned and the totals after, and persists nothing', async () => {
    const before = await points(jana);
    const res = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      {
        body: acceptPayment([{ price: 250 }, { price: 100, loyaltyOff: true }], {
          card_number: demo.cards.regular,
          benefit_codes: [demo.vouchers.value100],
        }),
      },
    );
    expect(res.status).toBe(200);
    // 250 eligible - 100 voucher = 150 CZK at 1 point per 10 CZK in Praha.
    expect(res.body.data.vouchers).toEqual([
      expect.objectContaining({ code: demo.vouchers.value100, discount_value: 100 }),
    ]);
    expect(res.body.data.credit_points_of_this_transaction).toBe(15);
    expect(res.body.data.total_credit_points).toBe(before + 15);
    expect(await points(jana)).toBe(before);
    expect((await voucher(demo.vouchers.value100)).applied_date).toBeUndefined();
  });

  it('proposes points usable up to the balance and a percent voucher on eligible items only', async () => {
    const res = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      {
        body: acceptPayment([{ price: 300 }, { price: 200, loyaltyOff: true }], {
          card_number: demo.cards.regular,
          benefit_codes: [demo.vouchers.percent10],
          max_points: 100000,
        }),
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.data.vouchers[0]!.discount_value).toBe(30);
    // 500 - 30 = 470 CZK left, one point is 1 CZK.
    expect(res.body.data.credit_points).toBe(470);
    expect(res.body.data.price_of_credit_points).toBe(470);
  });

  it('gives overall status discounts only with payment types A and D, and no points with D', async () => {
    const body = (type: string) =>
      acceptPayment([{ price: 1000 }], { card_number: demo.cards.regular, payment_type: type });
    const s = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      { body: body('S') },
    );
    const a = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      { body: body('A') },
    );
    const d = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      { body: body('D') },
    );
    expect(s.body.data.recommended_discounts).toEqual([]);
    expect(a.body.data.recommended_discounts).toEqual([
      expect.objectContaining({ bill_item_id: '1', discount_value: 30, discount_percent: 3 }),
    ]);
    expect(d.body.data.recommended_discounts).toHaveLength(1);
    expect(d.body.data.credit_points_of_this_transaction).toBe(0);
    expect(a.body.data.credit_points_of_this_transaction).toBe(97);
  });

  it('refuses points for a customer whose status cannot pay by points, and too small a purchase', async () => {
    const status = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: acceptPayment([{ price: 500 }], { card_number: demo.cards.cannotPayByPoints, max_points: 10 }),
    });
    expect(reasons(status.body)).toEqual(['max_points:customer_cant_pay_by_points']);
    const anonymous = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: acceptPayment([{ price: 500 }], { max_points: 10 }),
    });
    expect(reasons(anonymous.body)).toEqual(['max_points:customer_cant_pay_by_points']);
    const small = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: acceptPayment([{ price: 50 }], { card_number: demo.cards.regular, max_points: 10 }),
    });
    expect(reasons(small.body)).toEqual(['max_points:points_min_amount_of_purchase']);
  });

  it('uses credits with payment type C and refuses it for a customer without credits', async () => {
    const ok = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      {
        body: acceptPayment([{ price: 800 }], {
          card_number: demo.cards.credits,
          payment_type: 'C',
          max_credit: 200,
        }),
      },
    );
    expect(ok.body.data.credit).toBe(200);
    expect(ok.body.data.total_credit).toBe(300);
    const none = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: acceptPayment([{ price: 800 }], { card_number: demo.cards.regular, payment_type: 'C' }),
    });
    expect(reasons(none.body)).toEqual(['payment_type:customer_cant_pay_by_credits']);
  });

  it('refuses unknown stores, cash desks, blocked cards, deleted customers and bad items', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ store_id: 'nope' }, {}, 'store_id:not_found'],
      [{ cashdesk_number: 99 }, {}, 'cashdesk_number:not_found'],
      [{ card_number: demo.cards.blocked }, {}, 'card_number:card_is_blocked'],
      [{ card_number: '999' }, {}, 'card_number:not_found'],
      [{ card_number: demo.cards.deletedCustomer }, {}, 'customer_id:customer_was_deleted'],
      [{ customer_id: demo.customers.deleted }, {}, 'customer_id:customer_was_deleted'],
      [{}, { payment_time: '2026-13-01 10:00:00' }, 'payment_time:invalid_value_format'],
      [{}, { currency_id: 'nope' }, 'currency_id:not_found'],
    ];
    for (const [extra, billExtra, reason] of cases) {
      const res = await sandbox.call('POST', '/purchases/actions/accept-payment', {
        body: acceptPayment([{ price: 100 }], extra, billExtra),
      });
      expect(res.status, reason).toBe(400);
      expect(reasons(res.body)).toEqual([reason]);
    }
    const overpaid = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: acceptPayment([{ price: 100, paid: 120 }]),
    });
    expect(reasons(overpaid.body)).toEqual(['bill_item_id:item_price_lower_than_paid_amount']);
  });
});

describe('send-purchase', () => {
  it('persists the purchase, credits points and uses the voucher, once per bill_id', async () => {
    const before = await points(jana);
    const body = sendPurchase(
      'B-1',
      [{ price: 450 }],
      { card_number: demo.cards.regular },
      { payment_recap: { vouchers: [{ code: demo.vouchers.value100 }] } },
    );
    const first = await sandbox.call<OkBody<'postPurchaseSend'>>('POST', '/purchases/actions/send-purchase', {
      body,
    });
    expect(first.status).toBe(201);
    expect(await points(jana)).toBe(before + 35);
    expect((await voucher(demo.vouchers.value100)).applied_date).toBe('2026-03-02 10:30:00');

    const again = await sandbox.call('POST', '/purchases/actions/send-purchase', { body });
    expect(again.status).toBe(400);
    expect(reasons(again.body)).toEqual(['bill_id:already_exists']);
    expect(await points(jana)).toBe(before + 35);

    const stored = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { external_purchase_id: 'B-1', purchase_items_extension: true },
    });
    expect(stored.body.data.total_items).toBe(1);
    expect(stored.body.data.purchases[0]).toMatchObject({
      purchase_id: first.body.data.purchase_id,
      total_price: 450,
      customer_id: jana,
      cashdesk_number: '1',
    });
    expect(sandbox.control.purchases().find((p) => p.bill_id === 'B-1')).toMatchObject({
      attempts: 2,
      statuses: [201, 400],
      purchase_id: first.body.data.purchase_id,
    });

    const summary = await sandbox.call<OkBody<'getPurchasePaymentSummary'>>(
      'GET',
      `/purchases/${first.body.data.purchase_id}/actions/payment-summary`,
    );
    expect(summary.body.data).toMatchObject({ earned_points: 35, used_points: 0, used_credits: 0 });
    expect(summary.body.data.used_vouchers.map((v) => v.code)).toEqual([demo.vouchers.value100]);
    const one = await sandbox.call<OkBody<'getPurchase'>>('GET', `/purchases/${first.body.data.purchase_id}`);
    expect(one.body.data.external_purchase_id).toBe('B-1');
  });

  it('pays with points and refuses more points than the customer has', async () => {
    const before = await points(jana);
    const paid = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-2',
        [{ price: 500 }],
        { card_number: demo.cards.regular },
        { payment_recap: { credit_points: 200 } },
      ),
    });
    expect(paid.status).toBe(201);
    // 500 - 200 paid by points = 300 CZK earns 30 points.
    expect(await points(jana)).toBe(before - 200 + 30);
    const tooMany = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-3',
        [{ price: 5000 }],
        { card_number: demo.cards.regular },
        { payment_recap: { credit_points: 99999 } },
      ),
    });
    expect(reasons(tooMany.body)).toEqual(['credit_points:not_enough_points_for_payment']);
  });

  it('pays with credits only with payment type C and only what the customer has', async () => {
    const ok = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-4',
        [{ price: 300 }],
        { card_number: demo.cards.credits },
        { payment_type: 'C', payment_recap: { amount_for_credit: 100 } },
      ),
    });
    expect(ok.status).toBe(201);
    const credits = await sandbox.call<OkBody<'getWalletCredits'>>(
      'GET',
      '/wallet/actions/credits-overview',
      { query: { customer_id: demo.customers.credits } },
    );
    expect(credits.body.data.split_by_currency.find((c) => c.available_credits === 400)).toBeDefined();
    const tooMuch = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-5',
        [{ price: 3000 }],
        { card_number: demo.cards.credits },
        { payment_type: 'C', payment_recap: { amount_for_credit: 1000 } },
      ),
    });
    expect(reasons(tooMuch.body)).toEqual(['payment_type:customer_cant_pay_by_credits']);
    const wrongType = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-6',
        [{ price: 300 }],
        { card_number: demo.cards.credits },
        { payment_recap: { amount_for_credit: 10 } },
      ),
    });
    expect(reasons(wrongType.body)).toEqual(['payment_type:customer_cant_pay_by_credits']);
  });

  it('takes a gift card down by what it paid', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'B-7',
        [{ price: 200 }],
        {},
        { payment_recap: { vouchers: [{ code: demo.vouchers.giftFull }] } },
      ),
    });
    expect(res.status).toBe(201);
    const balance = await sandbox.call<OkBody<'postVoucherGiftCardBalance'>>(
      'POST',
      '/vouchers/actions/gift-card-balance',
      { body: { code: demo.vouchers.giftFull } },
    );
    expect(balance.body.data).toMatchObject({ current_balance: 300, original_balance: 500 });
    // Spent from, so used: its last use is the purchase's payment time.
    expect((await voucher(demo.vouchers.giftFull)).applied_date).toEqual(
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} /),
    );
  });

  it('charges the points a cash-desk voucher costs, and gives them back on cancellation', async () => {
    const eva = demo.customers.manyPoints;
    const before = await points(eva);
    const preview = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      {
        body: acceptPayment([{ price: 300 }], {
          card_number: demo.cards.manyPoints,
          benefit_codes: [demo.vouchers.pointsAtTillAffordable],
        }),
      },
    );
    // 300 - 50 = 250 CZK earns 25 points; the voucher costs 2000.
    expect(preview.body.data.total_credit_points).toBe(before - 2000 + 25);
    const sent = await sandbox.call<OkBody<'postPurchaseSend'>>('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'PARTY-1',
        [{ price: 300 }],
        { card_number: demo.cards.manyPoints },
        { payment_recap: { vouchers: [{ code: demo.vouchers.pointsAtTillAffordable }] } },
      ),
    });
    expect(await points(eva)).toBe(before - 2000 + 25);
    const summary = await sandbox.call<OkBody<'getPurchasePaymentSummary'>>(
      'GET',
      `/purchases/${sent.body.data.purchase_id}/actions/payment-summary`,
    );
    expect(summary.body.data).toMatchObject({ used_points: 0, used_points_total: 2000, earned_points: 25 });
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase(
        'C-PARTY-1',
        [{ price: 300 }],
        { card_number: demo.cards.manyPoints },
        { canceled: true, bill_number: 'PARTY-1' },
      ),
    });
    expect(await points(eva)).toBe(before);
  });

  it('refuses an unknown purchase type', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('B-8', [{ price: 10 }], {}, { purchase_type_id: 'nope' }),
    });
    expect(reasons(res.body)).toEqual(['purchase_type_id:not_allowed_value']);
  });

  it('cancels a purchase: points reversed, vouchers and gift balance released, only once', async () => {
    const before = await points(jana);
    const original = sendPurchase(
      'B-10',
      [{ price: 600 }],
      { card_number: demo.cards.regular },
      {
        payment_recap: {
          credit_points: 100,
          vouchers: [{ code: demo.vouchers.value100 }, { code: demo.vouchers.giftPartly }],
        },
      },
    );
    expect((await sandbox.call('POST', '/purchases/actions/send-purchase', { body: original })).status).toBe(
      201,
    );
    expect(await points(jana)).not.toBe(before);
    const cancellation = sendPurchase(
      'C-B-10',
      [{ price: 600 }],
      { card_number: demo.cards.regular },
      { canceled: true, bill_number: 'B-10' },
    );
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', { body: cancellation });
    expect(res.status).toBe(201);
    expect(await points(jana)).toBe(before);
    expect((await voucher(demo.vouchers.value100)).applied_date).toBeUndefined();
    const gift = await sandbox.call<OkBody<'postVoucherGiftCardBalance'>>(
      'POST',
      '/vouchers/actions/gift-card-balance',
      { body: { code: demo.vouchers.giftPartly } },
    );
    expect(gift.body.data.current_balance).toBe(120);
    // Still partly spent from before, so still used (the date is of the last use, cancelled or not).
    expect((await voucher(demo.vouchers.giftPartly)).applied_date).toEqual(expect.any(String));

    const twice = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: { ...cancellation, bill: { ...cancellation.bill, bill_id: 'C2-B-10' } },
    });
    expect(reasons(twice.body)).toEqual(['bill_number:already_exists']);
    const unknown = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: { ...cancellation, bill: { ...cancellation.bill, bill_id: 'C-X', bill_number: 'X' } },
    });
    expect(reasons(unknown.body)).toEqual(['bill_number:not_found']);
  });
});

describe('purchase history and recommendations', () => {
  it('filters purchases by customer, store, type and time, and pages them', async () => {
    const all = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { customer_id: jana },
    });
    expect(all.body.data.total_items).toBe(2);
    const window = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { payment_time_from: '2026-01-08', payment_time_to: '2026-01-10 00:00:00' },
    });
    expect(window.body.data.purchases.map((p) => p.external_purchase_id)).toEqual(['SEED-3', 'SEED-4']);
    const typed = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { type_id: purchaseTypeIds.eshop, store_id: storeIds.praha },
    });
    expect(typed.body.data.total_items).toBe(0);
    const bad = await sandbox.call('GET', '/purchases', { query: { payment_time_from: 'yesterday' } });
    expect(reasons(bad.body)).toEqual(['payment_time_from:invalid_value_format']);
    const missing = await sandbox.call('GET', '/purchases/nope');
    expect(missing.status).toBe(404);
  });

  it('recommends rewards the customer can use on this bill', async () => {
    const body = (type: string) => ({
      store_id: storeIds.praha,
      cashdesk_number: 1,
      card_number: demo.cards.regular,
      reward_list_type: type,
      bill: acceptPayment([{ price: 300 }]).bill,
    });
    const condensed = await sandbox.call<OkBody<'postPurchaseRecommendedRewards'>>(
      'POST',
      '/purchases/actions/recommended-best-rewards',
      { body: body('C') },
    );
    const codes = condensed.body.data.recommended_best_rewards.map((r) => r.code);
    expect(codes).toContain('SLEVA100');
    expect(codes).not.toContain('MIN200');
    expect(codes).not.toContain('BRNO50R');
    const all = await sandbox.call<OkBody<'postPurchaseRecommendedRewards'>>(
      'POST',
      '/purchases/actions/recommended-best-rewards',
      { body: body('A') },
    );
    expect(all.body.data.recommended_best_rewards.map((r) => r.code)).toContain('AUTO5');
  });
});
