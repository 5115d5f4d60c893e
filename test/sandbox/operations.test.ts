// Every operation of the trimmed contract answers, and its answer conforms to the
// contract (the helper checks each response), so the sandbox cannot drift from it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadContract } from '../../sandbox/contract.ts';
import { customerPasswords, emailChannelId, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { cardTypeIds, demo, storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment, sendPurchase } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: () => new Date('2026-03-01T08:00:00Z') });
});
afterAll(() => sandbox.close());

it('implements every operation of the contract with conforming answers', async () => {
  const customer = demo.customers.regular;
  const get = async <T = unknown>(path: string, query: Record<string, string | number | boolean> = {}) => {
    const res = await sandbox.call<T>('GET', path, { query });
    expect(res.status, path).toBe(200);
    return res.body;
  };
  const post = async <T = unknown>(path: string, body: unknown, status = 200) => {
    const res = await sandbox.call<T>('POST', path, { body });
    expect(res.status, path).toBe(status);
    return res.body;
  };

  await post('/users/actions/login', sandbox.credentials);
  await get('/tests/connection', { test_string: 'x' });
  const card = (await get<OkBody<'getCards'>>('/cards', { card_number: demo.cards.regular })).data.cards[0]!;
  await get(`/cards/${card.card_id}`);
  await post('/cards/actions/validate-free-card', { card_number: demo.cards.free });
  await post('/cards/actions/assign-free-card', { card_type_id: cardTypeIds.loyalty, customer_id: customer });
  await get('/customers', { count: 3 });
  await get(`/customers/${customer}`);
  await get('/customers/actions/search-customers', { last_name: 'Nováková' });
  await get(`/customers/${customer}/cards`);
  await get(`/customers/${customer}/vouchers`);
  await get(`/customers/${customer}/rewards`);
  const status = await get<OkBody<'getSubCustomerStatus'>>(`/customers/${customer}/status-records`, {
    valid_now: true,
  });
  expect(status.data.status_records?.map((r) => r.status_id)).toEqual([expect.any(String)]);
  const source = (await get<OkBody<'getCustomerSources'>>('/customer-sources')).data.customer_sources[0]!;
  await post(
    '/customers',
    {
      customer: { personal_information: { language_id: 'en' } },
      customer_source: { customer_source_id: source.customer_source_id },
      autologin: false,
    },
    201,
  );
  await post('/customers/actions/check-registration-ability', {
    type: 'email',
    value: 'nobody.yet@example.cz',
  });
  const app = sandbox.credentials.user_external_application_id;
  const otp = await post<OkBody<'postSendOtp'>>('/one-time-password/actions/send', {
    external_application_id: app,
    communication_channel_id: 2,
    recipient: '420777000111',
    otp_type: 2,
  });
  await post('/one-time-password/actions/verify', {
    external_application_id: app,
    request_id: otp.data.request_id,
    verification_code: 'WRONG1',
  });
  await get('/wallet/actions/points-overview', { customer_id: customer });
  await get('/wallet/actions/credits-overview', { customer_id: demo.customers.credits });
  const voucher = (await get<OkBody<'getVouchers'>>('/vouchers', { code: demo.vouchers.percent10 })).data
    .vouchers[0]!;
  await get(`/vouchers/${voucher.voucher_id}`);
  await post(
    `/vouchers/${voucher.voucher_id}/actions/apply-voucher`,
    { store_id: storeIds.praha, date_applied: '2026-03-01 10:00:00' },
    204,
  );
  await post('/vouchers/actions/gift-card-balance', { code: demo.vouchers.giftFull });
  await post(
    '/purchases/actions/accept-payment',
    acceptPayment([{ price: 400 }], {
      card_number: demo.cards.regular,
      benefit_codes: [demo.vouchers.value100],
      payment_type: 'A',
    }),
  );
  await post('/purchases/actions/recommended-best-rewards', {
    store_id: storeIds.praha,
    cashdesk_number: 1,
    card_number: demo.cards.regular,
    reward_list_type: 'F',
    bill: acceptPayment([{ price: 400 }]).bill,
  });
  const sent = await post<OkBody<'postPurchaseSend'>>(
    '/purchases/actions/send-purchase',
    sendPurchase(
      'OPS-1',
      [{ price: 400 }],
      { card_number: demo.cards.regular },
      { payment_recap: { vouchers: [{ code: demo.vouchers.value100 }] } },
    ),
    201,
  );
  await post('/purchases/actions/send-purchase', sendPurchase('OPS-2', [{ price: 100 }]), 201);
  await post(
    '/purchases/actions/assign-customer',
    { store_id: storeIds.praha, external_purchase_id: 'OPS-2', customer_id: demo.customers.regular },
    204,
  );
  await get('/purchases', { purchase_items_extension: true });
  await get(`/purchases/${sent.data.purchase_id}`);
  await get(`/purchases/${sent.data.purchase_id}/actions/payment-summary`);
  const reward = (await get<OkBody<'getRewards'>>('/rewards')).data.rewards[0]!;
  await get(`/rewards/${reward.reward_id}`);
  await post(
    `/rewards/${reward.reward_id}/actions/create-voucher`,
    { customer_id: demo.customers.manyPoints },
    201,
  );
  await get('/stores');
  await get(`/stores/${storeIds.praha}`);
  for (const path of [
    '/payment-types',
    '/purchase-types',
    '/purchase-item-types',
    '/currencies',
    '/languages',
    '/countries',
    '/statuses',
    '/card-types',
  ])
    await get(path);
  await get('/agreements');
  await get('/wallet/actions/points-expiration-overview', { customer_id: customer });

  // The Customer API's own operations, on its own root with a device token.
  const created = await sandbox.customerCall<OkBody<'postToken'>>('POST', '/tokens', {
    body: {
      device: { device_id: 'ops-kiosk', device_system: 'Linux', device_name: 'Kiosk', device_type: 'kiosk' },
      setup: { language_id: 'cs', allowed_gps: false, allowed_notifications: false },
      external_application_id: KIOSK_APPLICATION_ID,
    },
  });
  expect(created.status).toBe(201);
  const device = created.body.data.token_id;
  const asKiosk = async <T = unknown>(
    method: string,
    path: string,
    status: number,
    options: { body?: unknown; query?: Record<string, string | number> } = {},
  ) => {
    const res = await sandbox.customerCall<T>(method, `/tokens/${device}${path}`, {
      token: device,
      ...options,
    });
    expect(res.status, path).toBe(status);
    return res.body;
  };
  await asKiosk('POST', '/actions/login', 200, {
    body: { login_type: 'card', login_value: demo.cards.regular, password: customerPasswords[1]!.password },
  });
  const code = await asKiosk<OkBody<'getTokenAuthentication'>>('GET', '/actions/auth-token', 200, {
    query: { external_application_id: KIOSK_APPLICATION_ID, token_type: 1 },
  });
  await asKiosk('POST', '/actions/logout', 204);
  await asKiosk('POST', '/actions/authentication-token-login', 200, {
    body: {
      application_id: KIOSK_APPLICATION_ID,
      token: code.data.authentication_token,
      token_request_id: code.data.token_request_id,
    },
  });
  await asKiosk('POST', '/actions/send-password-setup-email', 204, {
    body: { communication_channel_id: emailChannelId, recipient: 'jana.novakova@example.cz' },
  });
  await asKiosk('POST', '/actions/logout', 204);

  const token = await sandbox.token();
  const out = await sandbox.call('POST', '/users/actions/logout', {
    body: {
      user_external_application_id: sandbox.credentials.user_external_application_id,
      bearer_token: token,
    },
  });
  expect(out.status).toBe(204);
  sandbox.forgetToken();

  const contract = await loadContract();
  const missing = contract.routes
    .map((r) => r.operationId)
    .filter((id) => !sandbox.checkedOperations.has(id));
  expect(missing).toEqual([]);
});
