import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER_COUNT, cardTypeIds, currencyIds, demo, storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { reasons } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

type Customers = OkBody<'getCustomers'>;

describe('customers', () => {
  it('pages with count (default 100) and offset, total_items over all pages', async () => {
    const all = await sandbox.call<Customers>('GET', '/customers');
    const active = CUSTOMER_COUNT - 1; // the deleted customer is not listed
    expect(all.body.data.total_items).toBe(active);
    expect(all.body.data.customers).toHaveLength(active);
    const page = await sandbox.call<Customers>('GET', '/customers', { query: { count: 10, offset: 45 } });
    expect(page.body.data.total_items).toBe(active);
    expect(page.body.data.customers.map((c) => c.customer_id)).toEqual(
      all.body.data.customers.slice(45).map((c) => c.customer_id),
    );
    const past = await sandbox.call<Customers>('GET', '/customers', { query: { offset: 500 } });
    expect(past.body.data).toEqual({ customers: [], total_items: active });
  });

  it('sorts by a first-level field in both directions', async () => {
    const asc = await sandbox.call<Customers>('GET', '/customers', {
      query: { sort_field: 'customer_id', sort_direction: 'ASC' },
    });
    const desc = await sandbox.call<Customers>('GET', '/customers', {
      query: { sort_field: 'customer_id', sort_direction: 'DESC' },
    });
    const ids = asc.body.data.customers.map((c) => c.customer_id);
    expect(ids).toEqual([...ids].sort());
    expect(desc.body.data.customers.map((c) => c.customer_id)).toEqual([...ids].reverse());
  });

  it('filters by email, phone, name and by array filters', async () => {
    const byEmail = await sandbox.call<Customers>('GET', '/customers', {
      query: { email: 'JANA.NOVAKOVA@example.cz' },
    });
    expect(byEmail.body.data.customers.map((c) => c.customer_id)).toEqual([demo.customers.regular]);
    const byPhone = await sandbox.call<Customers>('GET', '/customers', { query: { phone: '420601000003' } });
    expect(byPhone.body.data.customers.map((c) => c.customer_id)).toEqual([demo.customers.manyPoints]);
    const byIds = await sandbox.call<Customers>('GET', '/customers', {
      query: { customer_ids: [demo.customers.regular, demo.customers.credits, 'nobody'] },
    });
    expect(byIds.body.data.total_items).toBe(2);
    const byEmails = await sandbox.call<Customers>('GET', '/customers', {
      query: { email_list: ['jana.novakova@example.cz', 'eva.dvorakova@example.cz'] },
    });
    expect(byEmails.body.data.total_items).toBe(2);
    const byName = await sandbox.call<Customers>('GET', '/customers', {
      query: { first_name: 'Jana', last_name: 'Nováková' },
    });
    expect(byName.body.data.customers[0]!.personal_information.email).toBe('jana.novakova@example.cz');
  });

  it('gets one customer, refuses a deleted one', async () => {
    const one = await sandbox.call<OkBody<'getCustomer'>>('GET', `/customers/${demo.customers.regular}`);
    expect(one.body.data.personal_information).toMatchObject({
      first_name: 'Jana',
      last_name: 'Nováková',
      language_id: 'cs',
    });
    const deleted = await sandbox.call('GET', `/customers/${demo.customers.deleted}`);
    expect(reasons(deleted.body)).toEqual(['customer_id:deleted']);
  });

  it('creates a customer, refuses a second with the same e-mail', async () => {
    const body = {
      customer: {
        personal_information: {
          first_name: 'Nová',
          last_name: 'Zákaznice',
          email: 'nova@example.cz',
          language_id: 'cs',
          birthdate: '1990-05-01',
        },
      },
      customer_source: {
        customer_source_id: (await sandbox.call<OkBody<'getCustomerSources'>>('GET', '/customer-sources'))
          .body.data.customer_sources[0]!.customer_source_id,
      },
      autologin: false,
    };
    const created = await sandbox.call<OkBody<'postCustomer'>>('POST', '/customers', { body });
    expect(created.status).toBe(201);
    const fetched = await sandbox.call<OkBody<'getCustomer'>>(
      'GET',
      `/customers/${created.body.data.customer_id}`,
    );
    expect(fetched.body.data.personal_information.email).toBe('nova@example.cz');
    expect(reasons((await sandbox.call('POST', '/customers', { body })).body)).toEqual([
      'email:already_exists',
    ]);
    const badSource = await sandbox.call('POST', '/customers', {
      body: {
        ...body,
        customer: { personal_information: { language_id: 'cs' } },
        customer_source: { customer_source_id: 'x' },
      },
    });
    expect(reasons(badSource.body)).toEqual(['customer_source_id:not_found']);
    const missing = await sandbox.call('POST', '/customers', {
      body: {
        customer: { personal_information: {} },
        customer_source: body.customer_source,
        autologin: false,
      },
    });
    expect(reasons(missing.body)).toEqual(['language_id:required']);
  });

  it('searches strictly (all four fields) or loosely with a match percentage', async () => {
    const strictMissing = await sandbox.call('GET', '/customers/actions/search-customers', {
      query: { mode: 'strict', first_name: 'Jana' },
    });
    expect(reasons(strictMissing.body)).toEqual(['last_name:required']);
    const one = await sandbox.call<OkBody<'getCustomer'>>('GET', `/customers/${demo.customers.regular}`);
    const strict = await sandbox.call<OkBody<'getCustomerSearch'>>(
      'GET',
      '/customers/actions/search-customers',
      {
        query: {
          mode: 'strict',
          first_name: 'jana',
          last_name: 'NOVÁKOVÁ',
          birthdate: one.body.data.personal_information.birthdate,
          card_number: demo.cards.regular,
        },
      },
    );
    expect(strict.body.data.strict).toEqual([{ customer_id: demo.customers.regular, match: 100 }]);
    const loose = await sandbox.call<OkBody<'getCustomerSearch'>>(
      'GET',
      '/customers/actions/search-customers',
      { query: { first_name: 'Jana', card_number: demo.cards.manyPoints } },
    );
    expect(loose.body.data.strict[0]!.match).toBe(50);
  });

  it("lists a customer's cards, vouchers and rewards", async () => {
    const cards = await sandbox.call<OkBody<'getSubCustomerCards'>>(
      'GET',
      `/customers/${demo.customers.regular}/cards`,
    );
    expect(cards.body.data.cards.map((c) => c.card_type_id).sort()).toEqual(
      [cardTypeIds.loyalty, cardTypeIds.staff].sort(),
    );
    const valid = await sandbox.call<OkBody<'getSubCustomerVouchers'>>(
      'GET',
      `/customers/${demo.customers.regular}/vouchers`,
      { query: { is_valid: true } },
    );
    const codes = valid.body.data.vouchers.map((v) => v.code);
    expect(codes).toContain(demo.vouchers.value100);
    expect(codes).not.toContain(demo.vouchers.expired);
    expect(codes).not.toContain(demo.vouchers.used);
    expect(codes).not.toContain(demo.vouchers.notYetValid);
    const applied = await sandbox.call<OkBody<'getSubCustomerVouchers'>>(
      'GET',
      `/customers/${demo.customers.regular}/vouchers`,
      { query: { is_applied: true } },
    );
    expect(applied.body.data.vouchers.map((v) => v.code)).toEqual([demo.vouchers.used]);
    const inBrno = await sandbox.call<OkBody<'getSubCustomerVouchers'>>(
      'GET',
      `/customers/${demo.customers.regular}/vouchers`,
      { query: { store_id: storeIds.praha } },
    );
    expect(inBrno.body.data.vouchers.map((v) => v.code)).not.toContain(demo.vouchers.otherStore);
    const rewards = await sandbox.call<OkBody<'getSubCustomerRewards'>>(
      'GET',
      `/customers/${demo.customers.regular}/rewards`,
      { query: { count: 2 } },
    );
    expect(rewards.body.data.rewards).toHaveLength(2);
    expect((await sandbox.call('GET', '/customers/nobody/cards')).status).toBe(404);
  });
});

describe('cards', () => {
  it('finds a card by number and tells blocked and free cards apart', async () => {
    const found = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', {
      query: { card_number: demo.cards.regular },
    });
    expect(found.body.data).toMatchObject({
      total_items: 1,
      cards: [{ card_number: demo.cards.regular, customer_id: demo.customers.regular, state: 1 }],
    });
    const blocked = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', {
      query: { card_number: demo.cards.blocked },
    });
    expect(blocked.body.data.cards[0]!.state).toBe(0);
    const none = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', { query: { card_number: '0000' } });
    expect(none.body.data).toEqual({ cards: [], total_items: 0 });
    const blockedOnly = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', { query: { state: 0 } });
    expect(blockedOnly.body.data.cards.map((c) => c.card_number)).toEqual([demo.cards.blocked]);
    const list = await sandbox.call<OkBody<'getCards'>>('GET', '/cards', {
      query: { card_number_list: [demo.cards.regular, demo.cards.manyPoints] },
    });
    expect(list.body.data.total_items).toBe(2);
    const one = await sandbox.call<OkBody<'getCard'>>('GET', `/cards/${found.body.data.cards[0]!.card_id}`);
    expect(one.body.data.card_number).toBe(demo.cards.regular);
    expect((await sandbox.call('GET', '/cards/nope')).status).toBe(404);
  });

  it('validates and assigns a free card', async () => {
    const free = await sandbox.call<OkBody<'postValidateFreeCard'>>(
      'POST',
      '/cards/actions/validate-free-card',
      { body: { card_number: demo.cards.free } },
    );
    expect(free.body.data.is_free_to_use).toBe(true);
    const taken = await sandbox.call<OkBody<'postValidateFreeCard'>>(
      'POST',
      '/cards/actions/validate-free-card',
      { body: { card_number: demo.cards.regular } },
    );
    expect(taken.body.data.is_free_to_use).toBe(false);
    expect(
      reasons(
        (await sandbox.call('POST', '/cards/actions/validate-free-card', { body: { card_number: '1' } }))
          .body,
      ),
    ).toEqual(['card_number:not_found']);

    const assigned = await sandbox.call<OkBody<'postAssignCard'>>('POST', '/cards/actions/assign-free-card', {
      body: {
        card_type_id: cardTypeIds.loyalty,
        customer_id: demo.customers.credits,
        card_number: demo.cards.free,
      },
    });
    expect(assigned.status).toBe(200);
    const card = await sandbox.call<OkBody<'getCard'>>('GET', `/cards/${assigned.body.data.card_id}`);
    expect(card.body.data.customer_id).toBe(demo.customers.credits);
    const again = await sandbox.call('POST', '/cards/actions/assign-free-card', {
      body: {
        card_type_id: cardTypeIds.loyalty,
        customer_id: demo.customers.regular,
        card_number: demo.cards.free,
      },
    });
    expect(reasons(again.body)).toEqual(['card_number:already_exists']);
    const next = await sandbox.call<OkBody<'postAssignCard'>>('POST', '/cards/actions/assign-free-card', {
      body: { card_type_id: cardTypeIds.loyalty, customer_id: demo.customers.regular },
    });
    expect(next.body.data.card_id).not.toBe(assigned.body.data.card_id);
    expect(
      reasons(
        (
          await sandbox.call('POST', '/cards/actions/assign-free-card', {
            body: { card_type_id: 'x', customer_id: demo.customers.regular },
          })
        ).body,
      ),
    ).toEqual(['card_type_id:not_found']);
  });
});

describe('wallet', () => {
  it('reports points earned, redeemed and available with money value, within a period', async () => {
    const all = await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
      query: { customer_id: demo.customers.regular },
    });
    expect(all.body.data).toMatchObject({ earned_points: 1307, redeemed_points: 0, available_points: 1307 });
    expect(all.body.data.available_points_money_value).toEqual([
      { currency_id: currencyIds.czk, value: 1307 },
      { currency_id: currencyIds.eur, value: 52.28 },
    ]);
    const period = await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
      query: { customer_id: demo.customers.regular, date_from: '2026-01-06', date_to: '2026-01-14' },
    });
    expect(period.body.data.earned_points).toBe(12);
    expect(
      reasons(
        (
          await sandbox.call('GET', '/wallet/actions/points-overview', {
            query: { customer_id: demo.customers.regular, date_from: 'soon' },
          })
        ).body,
      ),
    ).toEqual(['date_from:invalid_value_format']);
    const many = await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
      query: { customer_id: demo.customers.manyPoints },
    });
    expect(many.body.data.available_points).toBeGreaterThanOrEqual(250000);
  });

  it('reports credits per currency', async () => {
    const res = await sandbox.call<OkBody<'getWalletCredits'>>('GET', '/wallet/actions/credits-overview', {
      query: { customer_id: demo.customers.credits },
    });
    expect(res.body.data.split_by_currency).toEqual([
      { currency_id: currencyIds.czk, earned_credits: 500, redeemed_credits: 0, available_credits: 500 },
      { currency_id: currencyIds.eur, earned_credits: 20, redeemed_credits: 0, available_credits: 20 },
    ]);
    expect(res.body.data.available_credits).toBe(1000);
    const eurOnly = await sandbox.call<OkBody<'getWalletCredits'>>(
      'GET',
      '/wallet/actions/credits-overview',
      { query: { customer_id: demo.customers.credits, credit_type_id: currencyIds.eur } },
    );
    expect(eurOnly.body.data.split_by_currency).toHaveLength(1);
    expect(
      reasons(
        (
          await sandbox.call('GET', '/wallet/actions/credits-overview', {
            query: { customer_id: demo.customers.deleted },
          })
        ).body,
      ),
    ).toEqual(['customer_id:customer_was_deleted']);
  });
});
