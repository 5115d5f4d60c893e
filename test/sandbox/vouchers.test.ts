import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { currencyIds, demo, demoProducts, storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment, reasons } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  // A fixed day, so vouchers created now are valid for the bills below.
  sandbox = await startTestSandbox({ clock: () => new Date('2026-03-01T08:00:00Z') });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const v = demo.vouchers;
async function refusal(
  codes: string[],
  options: {
    card?: string;
    store?: string;
    price?: number;
    at?: string;
    loyaltyOff?: boolean;
    currency?: string;
  } = {},
) {
  const res = await sandbox.call('POST', '/purchases/actions/accept-payment', {
    body: acceptPayment(
      [{ price: options.price ?? 1500, loyaltyOff: options.loyaltyOff ?? false }],
      {
        benefit_codes: codes,
        store_id: options.store ?? storeIds.praha,
        ...(options.card === '' ? {} : { card_number: options.card ?? demo.cards.regular }),
      },
      { payment_time: options.at ?? '2026-03-02 10:30:00', currency_id: options.currency ?? currencyIds.czk },
    ),
  });
  return res.status === 200 ? 'accepted' : reasons(res.body).join(',');
}

describe('voucher refusals carry the documented reason', () => {
  it.each([
    ['voucher_expired', [v.expired], {}],
    ['voucher_already_used', [v.used], {}],
    ['voucher_already_used', [v.giftEmpty], {}],
    ['voucher_assigned_to_another_customer', [v.otherCustomer], {}],
    ['voucher_cant_be_used_in_store', [v.otherStore], {}],
    ['voucher_not_allowed_in_store', [v.storeBound], { store: storeIds.brno }],
    ['voucher_cant_be_applied_by_validity_days', [v.weekend], { at: '2026-03-02 10:30:00' }],
    ['insufficient_amount_of_purchase', [v.minimumPurchase], { price: 999 }],
    ['voucher_cant_be_applied_by_date', [v.notYetValid], {}],
    ['voucher_cant_be_applied_by_time', [v.happyHour], { at: '2026-03-02 10:30:00' }],
    ['unauthorized_use_vouchers', [v.value100], { card: '' }],
    ['voucher_already_applied', [v.value100, v.value100], {}],
    ['max_number_of_voucher_exceeded', [v.value100, v.percent10, v.giftFull, v.giftPartly], {}],
    ['not_enough_items_for_voucher', [v.percent10], { loyaltyOff: true }],
    [
      'voucher_invalid_type_of_usage',
      [v.euro],
      { card: demo.cards.euroCustomer, store: storeIds.bratislava },
    ],
    ['not_enough_points_for_voucher', [v.pointsAtTill], {}],
    ['voucher_cant_be_applied_by_segment', [v.goldOnly], {}],
    ['not_found', ['NO-SUCH-CODE'], {}],
  ] as const)('%s', async (reason, codes, options) => {
    expect(await refusal([...codes], options)).toBe(`benefit_codes:${reason}`);
  });

  it('checks product conditions and bonus items, and discounts only the bonus', async () => {
    const { coffee, croissant } = demoProducts;
    const preview = (items: Parameters<typeof acceptPayment>[0]) =>
      sandbox.call<OkBody<'postPurchaseAcceptPayment'>>('POST', '/purchases/actions/accept-payment', {
        body: acceptPayment(items, { card_number: demo.cards.regular, benefit_codes: [v.productCondition] }),
      });
    expect(
      reasons(
        (
          await preview([
            { plu: coffee, price: 60 },
            { plu: croissant, price: 45 },
          ])
        ).body,
      ),
    ).toEqual(['benefit_codes:voucher_condition_count_not_satisfied']);
    expect(reasons((await preview([{ plu: coffee, price: 120, quantity: 2 }])).body)).toEqual([
      'benefit_codes:voucher_bonus_count_not_satisfied',
    ]);
    const ok = await preview([
      { plu: coffee, price: 120, quantity: 2 },
      { plu: croissant, price: 90, quantity: 2 },
      { price: 300 },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.data.vouchers[0]).toMatchObject({ code: v.productCondition, discount_value: 45 });
    const reward = (
      await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', { query: { code: 'COFFEE' } })
    ).body.data.rewards[0]!;
    expect(reward).toMatchObject({
      has_product_condition: true,
      has_product_bonus: true,
      reward_product_relation_conditions: [{ related_to: 'product', count: 2 }],
    });
  });

  it('accepts each voucher where its conditions hold', async () => {
    expect(await refusal([v.minimumPurchase], { price: 1000 })).toBe('accepted');
    expect(await refusal([v.happyHour], { at: '2026-03-02 15:00:00' })).toBe('accepted');
    expect(await refusal([v.otherStore], { store: storeIds.brno })).toBe('accepted');
    expect(await refusal([v.storeBound])).toBe('accepted');
    expect(await refusal([v.weekend], { at: '2026-03-07 10:30:00' })).toBe('accepted');
    expect(await refusal([v.giftFull], { card: '' })).toBe('accepted');
    expect(
      await refusal([v.euro], {
        card: demo.cards.euroCustomer,
        store: storeIds.bratislava,
        currency: currencyIds.eur,
      }),
    ).toBe('accepted');
  });
});

describe('vouchers', () => {
  it('lists, filters and gets vouchers', async () => {
    const mine = await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', {
      query: { customer_id: demo.customers.regular, without_stores: true },
    });
    expect(mine.body.data.vouchers.map((x) => x.code)).not.toContain(v.otherStore);
    const one = await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', {
      query: { code: v.percent10 },
    });
    const voucher = one.body.data.vouchers[0]!;
    expect(voucher.reward.name).toBe('Sleva 10 %');
    const byId = await sandbox.call<OkBody<'getVoucher'>>('GET', `/vouchers/${voucher.voucher_id}`, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(byId.body.data.reward.name).toBe('10% off');
    expect((await sandbox.call('GET', '/vouchers/nope')).status).toBe(404);
    const paged = await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', {
      query: { count: 5, offset: 5, sort_field: 'code', sort_direction: 'ASC' },
    });
    expect(paged.body.data.vouchers).toHaveLength(5);
    const codes = paged.body.data.vouchers.map((x) => x.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('applies a voucher once, in an allowed store', async () => {
    const id = (
      await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', { query: { code: v.value100 } })
    ).body.data.vouchers[0]!.voucher_id;
    const applied = await sandbox.call('POST', `/vouchers/${id}/actions/apply-voucher`, {
      body: { store_id: storeIds.praha, date_applied: '2026-03-02 12:00:00' },
    });
    expect(applied.status).toBe(204);
    const again = await sandbox.call('POST', `/vouchers/${id}/actions/apply-voucher`, {
      body: { date_applied: '2026-03-02 12:00:00' },
    });
    expect(reasons(again.body)).toEqual(['benefit_codes:voucher_already_used']);
    const brnoId = (
      await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', { query: { code: v.otherStore } })
    ).body.data.vouchers[0]!.voucher_id;
    const wrongStore = await sandbox.call('POST', `/vouchers/${brnoId}/actions/apply-voucher`, {
      body: { store_id: storeIds.praha, date_applied: '2026-03-02 12:00:00' },
    });
    expect(reasons(wrongStore.body)).toEqual(['benefit_codes:voucher_cant_be_used_in_store']);
    const badDate = await sandbox.call('POST', `/vouchers/${brnoId}/actions/apply-voucher`, {
      body: { date_applied: 'noon' },
    });
    expect(reasons(badDate.body)).toEqual(['date_applied:invalid_value_format']);
  });

  it('tells a gift card balance by code or id, and refuses other vouchers', async () => {
    const byCode = await sandbox.call<OkBody<'postVoucherGiftCardBalance'>>(
      'POST',
      '/vouchers/actions/gift-card-balance',
      { body: { code: v.giftPartly } },
    );
    expect(byCode.body.data).toMatchObject({ current_balance: 120, original_balance: 1000 });
    const byId = await sandbox.call<OkBody<'postVoucherGiftCardBalance'>>(
      'POST',
      '/vouchers/actions/gift-card-balance',
      { body: { voucher_id: byCode.body.data.voucher_id } },
    );
    expect(byId.body.data.current_balance).toBe(120);
    expect(
      reasons(
        (await sandbox.call('POST', '/vouchers/actions/gift-card-balance', { body: { code: v.value100 } }))
          .body,
      ),
    ).toEqual(['code:voucher_invalid_type_of_usage']);
    expect(
      reasons((await sandbox.call('POST', '/vouchers/actions/gift-card-balance', { body: {} })).body),
    ).toEqual(['code:required']);
    expect(
      reasons(
        (await sandbox.call('POST', '/vouchers/actions/gift-card-balance', { body: { code: 'NOPE' } })).body,
      ),
    ).toEqual(['code:not_found']);
  });
});

describe('rewards', () => {
  it('lists and filters rewards, gets one', async () => {
    const all = await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards');
    expect(all.body.data.total_items).toBe(12);
    const automated = await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', {
      query: { is_automated: true },
    });
    expect(automated.body.data.rewards.map((r) => r.code)).toEqual(['AUTO5']);
    const catalog = await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', {
      query: { reward_group: 1, store_id: storeIds.brno },
    });
    expect(catalog.body.data.rewards.map((r) => r.code)).toContain('BRNO50R');
    expect(catalog.body.data.rewards.map((r) => r.code)).not.toContain('EUR5');
    const named = await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', {
      query: { name: 'gift' },
      headers: { 'Accept-Language': 'en' },
    });
    expect(named.body.data.rewards.map((r) => r.code)).toEqual(['GIFT']);
    const byCost = await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', {
      query: { sort_field: 'points_cost', sort_direction: 'DESC', count: 1 },
    });
    expect(byCost.body.data.rewards[0]!.code).toBe('PARTY50');
    const one = await sandbox.call<OkBody<'getReward'>>(
      'GET',
      `/rewards/${all.body.data.rewards[0]!.reward_id}`,
    );
    expect(one.body.data.code).toBe(all.body.data.rewards[0]!.code);
    expect((await sandbox.call('GET', '/rewards/nope')).status).toBe(404);
  });

  it('turns points into a voucher the customer can then use', async () => {
    const reward = (
      await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', { query: { code: demo.rewards.value100 } })
    ).body.data.rewards[0]!;
    const before = (
      await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
        query: { customer_id: demo.customers.regular },
      })
    ).body.data.available_points;
    const created = await sandbox.call<OkBody<'postRewardCreateVoucher'>>(
      'POST',
      `/rewards/${reward.reward_id}/actions/create-voucher`,
      { body: { customer_id: demo.customers.regular, code: 'MYREWARD' } },
    );
    expect(created.status).toBe(201);
    const after = (
      await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
        query: { customer_id: demo.customers.regular },
      })
    ).body.data;
    expect(after.available_points).toBe(before - 500);
    expect(after.redeemed_points).toBe(500);
    const voucher = await sandbox.call<OkBody<'getVoucher'>>(
      'GET',
      `/vouchers/${created.body.data.voucher_id}`,
    );
    expect(voucher.body.data).toMatchObject({
      code: 'MYREWARD',
      customer_id: demo.customers.regular,
      value: 100,
    });
    expect(await refusal(['MYREWARD'])).toBe('accepted');
    expect(
      reasons(
        (
          await sandbox.call('POST', `/rewards/${reward.reward_id}/actions/create-voucher`, {
            body: { customer_id: demo.customers.regular, code: 'MYREWARD' },
          })
        ).body,
      ),
    ).toEqual(['code:already_exists']);
    const poor = await sandbox.call('POST', `/rewards/${reward.reward_id}/actions/create-voucher`, {
      body: { customer_id: demo.customers.otherCustomer },
    });
    expect(reasons(poor.body)).toEqual(['reward_id:not_enough_points_for_voucher']);
  });
});

describe('reference data', () => {
  it('answers every list with names in the asked language and its filters', async () => {
    const currencies = await sandbox.call<OkBody<'getCurrencies'>>('GET', '/currencies', {
      query: { currency_code: 'eur' },
    });
    expect(currencies.body.data.currencies).toEqual([
      { currency_id: currencyIds.eur, name: 'Euro', code: 'EUR' },
    ]);
    const countries = await sandbox.call<OkBody<'getCountries'>>('GET', '/countries', {
      headers: { 'Accept-Language': 'en' },
      query: { country_name: 'slov' },
    });
    expect(countries.body.data.countries.map((c) => c.name)).toEqual(['Slovakia']);
    const payment = await sandbox.call<OkBody<'getPaymentTypes'>>('GET', '/payment-types', {
      query: { count: 2 },
    });
    expect(payment.body.data).toMatchObject({ total_items: 4 });
    expect(payment.body.data.payment_types).toHaveLength(2);
    const purchaseTypes = await sandbox.call<OkBody<'getPurchaseTypes'>>('GET', '/purchase-types', {
      query: { text_id: 'eshop' },
    });
    expect(purchaseTypes.body.data.purchase_types.map((t) => t.name)).toEqual(['Nákup v e-shopu']);
    const statuses = await sandbox.call<OkBody<'getStatuses'>>('GET', '/statuses', {
      query: { sort_field: 'discount', sort_direction: 'DESC' },
    });
    expect(statuses.body.data.statuses[0]!.text_id).toBe('gold');
    const cardTypes = await sandbox.call<OkBody<'getCardTypes'>>('GET', '/card-types', {
      query: { text_id: 'staff' },
    });
    expect(cardTypes.body.data.card_types.map((t) => t.prefix)).toEqual(['299']);
    const languages = await sandbox.call<OkBody<'getLanguages'>>('GET', '/languages', {
      query: { default_language: true },
    });
    expect(languages.body.data.languages.map((l) => l.language_id)).toEqual(['cs']);
    const sources = await sandbox.call<OkBody<'getCustomerSources'>>('GET', '/customer-sources', {
      query: { customer_source_text_id: 'web' },
    });
    expect(sources.body.data.total_items).toBe(1);
    const visible = await sandbox.call<OkBody<'getStores'>>('GET', '/stores', {
      query: { visible_for_customer: 1 },
    });
    expect(visible.body.data.total_items).toBe(3);
    const store = await sandbox.call<OkBody<'getStore'>>('GET', `/stores/${storeIds.brno}`);
    expect(store.body.data.store_code).toBe('BRN01');
    expect(store.headers.get('cache-control')).toBe('max-age=3600');
    expect((await sandbox.call('GET', '/stores/nope')).status).toBe(404);
  });
});
