// The sandbox's Customer API on the wire: its own root and tokens, the interface
// refusals in CareCloud's shape, one customer's data only, and the seed's logins.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { cheatsheet } from '../../sandbox/cheatsheet.ts';
import { Project } from '../../sandbox/project.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { reasons } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  // 2026-12-20 in Prague: the seeded points (earned 2026-01-05 to 2026-01-15) expire next month.
  sandbox = await startTestSandbox({ clock: () => new Date('2026-12-20T09:00:00Z') });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.reset();
  sandbox.control.setRateLimit(null);
});

let devices = 0;
async function deviceToken(): Promise<string> {
  devices += 1;
  const res = await sandbox.customerCall<OkBody<'postToken'>>('POST', '/tokens', {
    body: {
      device: {
        device_id: `wire-${devices}`,
        device_system: 'Linux',
        device_name: 'Kiosk',
        device_type: 'kiosk',
      },
      setup: { language_id: 'en', allowed_gps: false, allowed_notifications: false },
      external_application_id: KIOSK_APPLICATION_ID,
    },
  });
  expect(res.status).toBe(201);
  return res.body.data.token_id;
}

async function loggedIn(n: number, card = demo.cards.regular): Promise<string> {
  const token = await deviceToken();
  const res = await sandbox.customerCall('POST', `/tokens/${token}/actions/login`, {
    token,
    body: { login_type: 'card', login_value: card, password: customerPasswords[n]!.password },
  });
  expect(res.status).toBe(200);
  return token;
}

describe('the Customer API root', () => {
  it('refuses an Enterprise-only resource with CareCloud’s interface answer, and the reverse', async () => {
    const token = await deviceToken();
    const users = await sandbox.customerCall<{ error: Record<string, unknown> }>(
      'POST',
      '/users/actions/login',
      { token, body: sandbox.credentials },
    );
    expect(users.status).toBe(403);
    expect(users.body.error).toMatchObject({
      type: 'interface_not_allowed_exception',
      title: 'Customer API is not allowed for this resource',
      error_data: { invalid_resource_name: 'users', interface: 'Customer' },
    });
    const english = await sandbox.customerCall<{ error: { detail: string } }>(
      'GET',
      '/customers/actions/search-customers',
      { token, headers: { 'Accept-Language': 'en' } },
    );
    expect(english.body.error.detail).toBe('Resource name "customers" is not allowed in Customer API');

    const tokens = await sandbox.call<{ error: Record<string, unknown> }>('POST', '/tokens', {
      body: {},
      headers: { 'Accept-Language': 'en' },
    });
    expect(tokens.status).toBe(403);
    expect(tokens.body.error).toMatchObject({
      type: 'interface_not_allowed_exception',
      detail: 'Resource name "tokens" is not allowed in Enterprise API',
      error_data: { invalid_resource_name: 'tokens', interface: 'Enterprise' },
    });
  });

  it('takes only device tokens; the Enterprise API takes none of them', async () => {
    const token = await deviceToken();
    const enterpriseToken = await sandbox.token();
    expect((await sandbox.customerCall('GET', '/agreements', { token: enterpriseToken })).status).toBe(401);
    expect((await sandbox.customerCall('GET', '/agreements')).status).toBe(401);
    expect((await sandbox.call('GET', '/agreements', { token })).status).toBe(401);
    expect((await sandbox.customerCall('GET', '/agreements', { token })).status).toBe(200);
  });

  it('validates POST /tokens against the contract and the project', async () => {
    const missing = await sandbox.customerCall('POST', '/tokens', {
      body: {
        setup: { language_id: 'en', allowed_gps: false, allowed_notifications: false },
        external_application_id: KIOSK_APPLICATION_ID,
      },
    });
    expect(reasons(missing.body)).toEqual(['device:required']);
    const app = await sandbox.customerCall('POST', '/tokens', {
      body: {
        device: { device_id: 'd', device_system: 's', device_name: 'n', device_type: 't' },
        setup: { language_id: 'en', allowed_gps: false, allowed_notifications: false },
        external_application_id: 'nope',
      },
    });
    expect(app.status).toBe(403);
  });

  it('a new token for the same device replaces the old one', async () => {
    const body = {
      device: {
        device_id: 'same-device',
        device_system: 'Linux',
        device_name: 'Kiosk',
        device_type: 'kiosk',
      },
      setup: { language_id: 'en', allowed_gps: false, allowed_notifications: false },
      external_application_id: KIOSK_APPLICATION_ID,
    };
    const first = (await sandbox.customerCall<OkBody<'postToken'>>('POST', '/tokens', { body })).body.data
      .token_id;
    const second = (await sandbox.customerCall<OkBody<'postToken'>>('POST', '/tokens', { body })).body.data
      .token_id;
    expect(second).not.toBe(first);
    expect((await sandbox.customerCall('GET', '/agreements', { token: first })).status).toBe(401);
    expect((await sandbox.customerCall('GET', '/agreements', { token: second })).status).toBe(200);
  });

  it('the path’s token must be the one the request is made with', async () => {
    const token = await deviceToken();
    const other = await deviceToken();
    const res = await sandbox.customerCall('POST', `/tokens/${other}/actions/login`, {
      token,
      body: { login_type: 'card', login_value: demo.cards.regular, password: customerPasswords[1]!.password },
    });
    expect(reasons(res.body)).toEqual(['token_id:not_allowed_value']);
  });

  it('rate-limits per device token with Retry-After', async () => {
    const token = await deviceToken();
    sandbox.control.setRateLimit({ perSecond: 0.5, burst: 2 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await sandbox.customerCall('GET', '/agreements', { token }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(Number(answers[2]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 when CareCloud is failing, in its envelope', async () => {
    const token = await deviceToken();
    sandbox.control.failNext(503, 1);
    const res = await sandbox.customerCall('GET', '/agreements', { token });
    expect(res.status).toBe(503);
  });
});

describe('one customer’s data', () => {
  it('needs a customer logged in on the token, and only theirs', async () => {
    const anonymous = await deviceToken();
    expect(
      (await sandbox.customerCall('GET', `/customers/${demo.customers.regular}`, { token: anonymous }))
        .status,
    ).toBe(401);
    const token = await loggedIn(1);
    expect(
      (await sandbox.customerCall('GET', `/customers/${demo.customers.regular}/cards`, { token })).status,
    ).toBe(200);
    for (const [path, query] of [
      [`/customers/${demo.customers.otherCustomer}`, {}],
      [`/customers/${demo.customers.otherCustomer}/vouchers`, {}],
      [`/customers/no-such-customer/rewards`, {}],
      ['/wallet/actions/points-overview', { customer_id: demo.customers.otherCustomer }],
      ['/wallet/actions/points-expiration-overview', { customer_id: demo.customers.otherCustomer }],
    ] as const) {
      const res = await sandbox.customerCall('GET', path, { token, query });
      expect(reasons(res.body), path).toEqual(['customer_id:not_belong_to_logged_in_customer']);
    }
    const othersVoucher = new Project().voucherByCode('OTHERCUST')!;
    const voucher = await sandbox.customerCall('GET', `/vouchers/${othersVoucher.voucher_id}`, { token });
    expect(reasons(voucher.body)).toEqual(['voucher_id:not_belong_to_logged_in_customer']);
  });

  it('each create-voucher call makes one voucher and spends the reward’s points once', async () => {
    const token = await loggedIn(3, demo.cards.manyPoints);
    const points = async () =>
      (
        await sandbox.customerCall<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
          token,
          query: { customer_id: demo.customers.manyPoints },
        })
      ).body.data.available_points;
    const vouchers = async () =>
      (
        await sandbox.customerCall<OkBody<'getSubCustomerVouchers'>>(
          'GET',
          `/customers/${demo.customers.manyPoints}/vouchers`,
          { token },
        )
      ).body.data.total_items;
    const reward = new Project().data.rewards.find((r) => r.code === 'SLEVA100')!;
    const [before, countBefore] = [await points(), await vouchers()];
    for (let i = 0; i < 2; i++) {
      const res = await sandbox.customerCall('POST', `/rewards/${reward.reward_id}/actions/create-voucher`, {
        token,
        body: { customer_id: demo.customers.manyPoints },
      });
      expect(res.status).toBe(201);
    }
    expect(await points()).toBe(before - 2 * reward.points_cost);
    expect(await vouchers()).toBe(countBefore + 2);
  });

  it('says when points expire: a year after they were earned, the oldest spent first', async () => {
    const token = await loggedIn(1);
    const res = await sandbox.customerCall<OkBody<'getWalletPointsExpiration'>>(
      'GET',
      '/wallet/actions/points-expiration-overview',
      { token, query: { customer_id: demo.customers.regular } },
    );
    // Jana earned 45 points on 2026-01-05, 12 on 2026-01-12 and 1250 on 2026-01-15, and spent none.
    expect(res.body.data).toEqual({ next_amount: 45, next_date: '2027-01-05', current_month_amount: 0 });
  });

  it('a logout leaves the token anonymous', async () => {
    const token = await loggedIn(1);
    expect((await sandbox.customerCall('POST', `/tokens/${token}/actions/logout`, { token })).status).toBe(
      204,
    );
    expect(
      (await sandbox.customerCall('GET', `/customers/${demo.customers.regular}`, { token })).status,
    ).toBe(401);
    expect((await sandbox.customerCall('GET', '/agreements', { token })).status).toBe(200);
  });
});

describe('the control API for the Customer API', () => {
  it('mints a login code as the mobile app would, over the control listener', async () => {
    const mint = (body: unknown) =>
      fetch(`${sandbox.controlUrl}/customer-api/app-login-code`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.controlToken}` },
        body: JSON.stringify(body),
      });
    const minted = await mint({ card_number: demo.cards.regular });
    expect(minted.status).toBe(200);
    const code = (await minted.json()) as {
      authentication_token: string;
      token_request_id: string;
      code: string;
    };
    expect(code.code).toBe(`${code.token_request_id}:${code.authentication_token}`);
    const token = await deviceToken();
    const login = await sandbox.customerCall<OkBody<'postTokenAuthTokenLogin'>>(
      'POST',
      `/tokens/${token}/actions/authentication-token-login`,
      {
        token,
        body: {
          application_id: KIOSK_APPLICATION_ID,
          token: code.authentication_token,
          token_request_id: code.token_request_id,
        },
      },
    );
    expect(login.body.data.customer_id).toBe(demo.customers.regular);
    expect((await mint({ card_number: '2000000099999' })).status).toBe(404);
    expect((await mint({})).status).toBe(400);
  });
});

describe('the seed’s logins', () => {
  it('keeps no password in the clear, even in a state file', () => {
    const state = new Project().toJson();
    for (const { password } of Object.values(customerPasswords)) expect(state).not.toContain(password);
  });

  it('are listed in the README and the cheat sheet as the sandbox has them', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const sheet = cheatsheet(new Project(), demo.credentials, null).customer_api;
    for (const login of sheet.logins) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${login.password}\``));
      expect(row, login.password).toBeDefined();
      expect(row).toContain(`\`${login.card_number}\``);
      expect(row).toContain(login.customer);
    }
    expect(readme).toContain(sheet.application_id);
  });
});
