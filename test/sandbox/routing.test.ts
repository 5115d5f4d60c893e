import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment, reasons, sendPurchase } from './bills.ts';

let sandbox: TestSandbox;
let now = new Date('2026-03-02T09:00:00Z');
beforeAll(async () => {
  sandbox = await startTestSandbox({ tokenLifetimeSeconds: 60, clock: () => now });
});
afterAll(() => sandbox.close());

describe('routing', () => {
  it('answers 404 for unknown paths and 405 for wrong verbs, in the error envelope', async () => {
    const unknown = await sandbox.call('GET', '/no-such-resource');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { type: 'about:blank', exception: 'not_found_exception' } });
    const outside = await fetch(`${sandbox.projectUrl}/elsewhere`);
    expect(outside.status).toBe(404);
    const wrongVerb = await sandbox.call('DELETE', '/customers');
    expect(wrongVerb.status).toBe(405);
    expect(wrongVerb.body).toMatchObject({
      error: { exception: 'method_not_allowed_exception', error_data: { http_method: 'DELETE' } },
    });
  });

  it('routes action paths before the id template', async () => {
    const res = await sandbox.call<OkBody<'getCustomerSearch'>>(
      'GET',
      '/customers/actions/search-customers',
      { query: { last_name: 'Nováková', first_name: 'Jana' } },
    );
    expect(res.status).toBe(200);
    expect(res.body.data.strict[0]).toEqual({ customer_id: demo.customers.regular, match: 100 });
  });
});

describe('authentication', () => {
  it('logs in with the demo credentials and reports valid_to in project time', async () => {
    const res = await sandbox.call<OkBody<'postUserLogin'>>('POST', '/users/actions/login', {
      token: false,
      body: sandbox.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.bearer_token).toMatch(/^[0-9A-F]{32}$/);
    // 09:00 UTC + 60 s is 10:01 in Prague in March.
    expect(res.body.data.valid_to).toBe('2026-03-02 10:01:00');
  });

  it('refuses bad credentials', async () => {
    const wrongPassword = await sandbox.call('POST', '/users/actions/login', {
      token: false,
      body: { ...sandbox.credentials, password: 'x' },
    });
    expect(reasons(wrongPassword.body)).toEqual(['password:not_allowed_value']);
    const wrongLogin = await sandbox.call('POST', '/users/actions/login', {
      token: false,
      body: { ...sandbox.credentials, login: 'x' },
    });
    expect(reasons(wrongLogin.body)).toEqual(['login:not_found']);
    const wrongApp = await sandbox.call('POST', '/users/actions/login', {
      token: false,
      body: { ...sandbox.credentials, user_external_application_id: 'x' },
    });
    expect(wrongApp.status).toBe(403);
    const missing = await sandbox.call('POST', '/users/actions/login', {
      token: false,
      body: { login: 'demo' },
    });
    expect(reasons(missing.body)).toEqual(['user_external_application_id:required']);
  });

  it('answers 401 without a token, with an unknown token and with an expired one', async () => {
    const none = await sandbox.call('GET', '/cards', { token: false });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { exception: 'unauthorized_exception' } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await sandbox.call('GET', '/cards', { token: 'NOPE' })).status).toBe(401);
    const basic = await fetch(`${sandbox.baseUrl}/cards`, {
      headers: { Authorization: 'Basic ZGVtbzpkZW1v' },
    });
    expect(basic.status).toBe(401);
    await basic.body?.cancel();

    const token = await sandbox.token();
    expect((await sandbox.call('GET', '/cards', { token })).status).toBe(200);
    now = new Date(now.getTime() + 61_000);
    const expired = await sandbox.call('GET', '/cards', { token, headers: { 'Accept-Language': 'en' } });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { detail: 'The bearer token has expired.' } });
    sandbox.forgetToken();
  });

  it('keeps the operations the contract marks public open', async () => {
    expect(
      (await sandbox.call('GET', '/tests/connection', { token: false, query: { test_string: 'ping' } })).body,
    ).toEqual({ data: { test_string: 'ping' } });
    expect((await sandbox.call('GET', '/languages', { token: false })).status).toBe(200);
  });

  it('logs out: the token stops working', async () => {
    const token = await sandbox.token();
    const out = await sandbox.call('POST', '/users/actions/logout', {
      body: {
        user_external_application_id: sandbox.credentials.user_external_application_id,
        bearer_token: token,
      },
    });
    expect(out.status).toBe(204);
    expect((await sandbox.call('GET', '/cards', { token })).status).toBe(401);
    sandbox.forgetToken();
    const again = await sandbox.call('POST', '/users/actions/logout', {
      body: {
        user_external_application_id: sandbox.credentials.user_external_application_id,
        bearer_token: token,
      },
    });
    expect(reasons(again.body)).toEqual(['bearer_token:not_found']);
  });
});

describe('request validation', () => {
  it('maps a missing field to required, with the field name', async () => {
    const body = sendPurchase('V-1', [{ price: 10 }]) as Record<string, unknown> & {
      bill: Record<string, unknown>;
    };
    delete body.bill.bill_id;
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', { body });
    expect(res.status).toBe(400);
    expect(reasons(res.body)).toEqual(['bill_id:required']);
    const item = sendPurchase('V-2', [{ price: 10 }]);
    delete (item.bill.bill_items[0] as Partial<(typeof item.bill.bill_items)[0]>).bill_item_id;
    expect(
      reasons((await sandbox.call('POST', '/purchases/actions/send-purchase', { body: item })).body),
    ).toEqual(['bill_item_id:required']);
    expect(reasons((await sandbox.call('GET', '/wallet/actions/points-overview')).body)).toEqual([
      'customer_id:required',
    ]);
  });

  it('maps an empty string to empty', async () => {
    const body = sendPurchase('', [{ price: 10 }]);
    expect(reasons((await sandbox.call('POST', '/purchases/actions/send-purchase', { body })).body)).toEqual([
      'bill_id:empty',
    ]);
    expect(
      reasons(
        (await sandbox.call('GET', '/wallet/actions/points-overview', { query: { customer_id: '' } })).body,
      ),
    ).toEqual(['customer_id:empty']);
  });

  it('maps a wrong type or format to invalid_value_format, with the value sent', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: { ...acceptPayment([{ price: 10 }]), cashdesk_number: 'one' },
    });
    expect(res.body).toMatchObject({
      error: {
        error_data: {
          invalid_params: [{ name: 'cashdesk_number', reason: 'invalid_value_format', value: 'one' }],
        },
      },
    });
    expect(reasons((await sandbox.call('GET', '/customers', { query: { offset: 'x' } })).body)).toEqual([
      'offset:invalid_value_format',
    ]);
    const badEmail = await sandbox.call('POST', '/customers', {
      body: {
        customer: { personal_information: { language_id: 'cs', email: 'not an email' } },
        customer_source: { customer_source_id: 'x' },
        autologin: false,
      },
    });
    expect(reasons(badEmail.body)).toEqual(['email:invalid_value_format']);
    const badDate = await sandbox.call('POST', '/customers', {
      body: {
        customer: { personal_information: { language_id: 'cs', birthdate: '2001-02-30' } },
        customer_source: { customer_source_id: 'x' },
        autologin: false,
      },
    });
    expect(reasons(badDate.body)).toEqual(['birthdate:invalid_value_format']);
  });

  it('maps a value outside the enum or bounds to not_allowed_value', async () => {
    expect(
      reasons(
        (
          await sandbox.call('POST', '/purchases/actions/accept-payment', {
            body: acceptPayment([{ price: 10 }], { payment_type: 'X' }),
          })
        ).body,
      ),
    ).toEqual(['payment_type:not_allowed_value']);
    expect(
      reasons((await sandbox.call('GET', '/customers', { query: { sort_direction: 'UP' } })).body),
    ).toEqual(['sort_direction:not_allowed_value']);
    expect(reasons((await sandbox.call('GET', '/customers', { query: { count: 0 } })).body)).toEqual([
      'count:not_allowed_value',
    ]);
    expect(
      reasons((await sandbox.call('GET', '/customers', { query: { sort_field: 'shoe_size' } })).body),
    ).toEqual(['sort_field:not_allowed_value']);
  });

  it('refuses a query parameter the operation does not have, naming it', async () => {
    const res = await sandbox.call('GET', '/cards', { query: { card_numbr: '1' } });
    expect(res.body).toMatchObject({
      error: {
        error_data: { invalid_params: [{ name: 'card_numbr', reason: 'not_allowed_value', value: '1' }] },
      },
    });
  });

  it('reports every problem of a request at once', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/accept-payment', {
      body: { store_id: 5, payment_type: 'Q' },
    });
    expect(reasons(res.body).sort()).toEqual([
      'bill:required',
      'cashdesk_number:required',
      'payment_type:not_allowed_value',
      'store_id:invalid_value_format',
    ]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/accept-payment', { body: '{"store_id":' });
    expect(reasons(res.body)).toEqual(['body:invalid_value_format']);
  });

  it('maps unknown ids to not_found in a body and 404 in a path', async () => {
    expect(
      reasons(
        (await sandbox.call('GET', '/wallet/actions/points-overview', { query: { customer_id: 'nobody' } }))
          .body,
      ),
    ).toEqual(['customer_id:not_found']);
    const path = await sandbox.call('GET', '/customers/nobody');
    expect(path.status).toBe(404);
    expect(path.body).toMatchObject({
      error: { error_data: { resource_name: 'customers', resource_id: 'nobody' } },
    });
  });
});

describe('language, caching and time', () => {
  it('names things in Czech by default and in English when asked', async () => {
    const cs = await sandbox.call<OkBody<'getStores'>>('GET', '/stores');
    const en = await sandbox.call<OkBody<'getStores'>>('GET', '/stores', {
      headers: { 'Accept-Language': 'de, en-GB;q=0.8, cs;q=0.5' },
    });
    expect(cs.body.data.stores[0]!.name).toBe('Praha Centrum');
    expect(en.body.data.stores[0]!.name).toBe('Prague City Centre');
  });

  it('answers reference data with Cache-Control max-age, and live data without', async () => {
    for (const path of [
      '/stores',
      '/payment-types',
      '/purchase-types',
      '/currencies',
      '/languages',
      '/countries',
      '/statuses',
      '/card-types',
      '/customer-sources',
    ]) {
      const res = await sandbox.call('GET', path);
      expect(res.headers.get('cache-control'), path).toBe('max-age=3600');
    }
    const card = await sandbox.call('GET', '/cards', { query: { card_number: demo.cards.regular } });
    expect(card.headers.get('cache-control')).toBeNull();
  });

  it('answers datetimes as YYYY-MM-DD HH:MM:SS and accepts ISO without offset', async () => {
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('ISO-1', [{ price: 10 }], {}, { payment_time: '2026-03-02T11:12:13' }),
    });
    expect(res.status).toBe(201);
    const stored = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { external_purchase_id: 'ISO-1' },
    });
    expect(stored.body.data.purchases[0]!.payment_time).toBe('2026-03-02 11:12:13');
    expect(stored.body.data.purchases[0]!.last_change).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});

describe('strict mode', () => {
  it('checks its own responses against the contract and serves conforming ones', async () => {
    const strict = await startSandbox({ strict: true });
    try {
      const login = await fetch(`${strict.baseUrl}/users/actions/login`, {
        method: 'POST',
        body: JSON.stringify(strict.credentials),
      });
      const token = ((await login.json()) as OkBody<'postUserLogin'>).data.bearer_token;
      const res = await fetch(`${strict.baseUrl}/vouchers?customer_id=${demo.customers.regular}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    } finally {
      await strict.close();
    }
  });
});
