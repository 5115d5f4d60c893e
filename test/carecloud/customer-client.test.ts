// The Customer API client against the sandbox's Customer API: the device token, each way
// a customer logs in, their own account, redemption, sign-up, and every refusal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCareCloudClient } from '../../electron/carecloud/client.ts';
import {
  createCustomerApiClient,
  NoCustomerSessionError,
  UnknownCardTypeError,
  type CustomerApiClientOptions,
} from '../../electron/carecloud/customer-client.ts';
import {
  AuthenticationError,
  ConnectionError,
  InterfaceNotAllowedError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../../electron/carecloud/errors.ts';
import * as answers from '../../electron/carecloud/customer/answers.ts';
import { speaking } from '../../electron/carecloud/language.ts';
import { createLogger } from '../../electron/log/logger.ts';
import { readAppLoginCode } from '../../shared/carecloud/app-login-code.ts';
import {
  customerPasswords,
  emailChannelId,
  KIOSK_APPLICATION_ID,
  MOBILE_APPLICATION_ID,
} from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.control.reset();
  sandbox.control.setRateLimit(null);
  await sandbox.control.restoreNetwork();
});

const JANA = { type: 'card' as const, value: demo.cards.regular, password: customerPasswords[1]!.password };
let devices = 0;

interface Kiosk {
  client: ReturnType<typeof createCustomerApiClient>;
  stored: string[];
  sleeps: number[];
  logs: string[];
}

function kiosk(overrides: Partial<CustomerApiClientOptions> = {}): Kiosk {
  const stored: string[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  devices += 1;
  const client = createCustomerApiClient({
    projectUrl: sandbox.projectUrl,
    externalApplicationId: KIOSK_APPLICATION_ID,
    device: {
      deviceId: `kiosk-test-${devices}`,
      system: 'Linux',
      name: 'Kiosk at the entrance',
      type: 'kiosk',
    },
    language: 'en',
    onDeviceToken: (token) => {
      stored.push(token);
    },
    logger: createLogger((line) => logs.push(line)),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, stored, sleeps, logs };
}

const tokenCreations = () => sandbox.control.requests().filter((r) => r.operation_id === 'postToken').length;

describe('the device token', () => {
  it('is created once, handed to the caller to store, and reused by the next start', async () => {
    const first = kiosk();
    await first.client.login(JANA);
    await first.client.account.record();
    await first.client.logout();
    expect(first.stored).toHaveLength(1);
    expect(tokenCreations()).toBe(1);

    const restarted = kiosk({
      device: {
        deviceId: `kiosk-test-${devices}`,
        system: 'Linux',
        name: 'Kiosk at the entrance',
        type: 'kiosk',
      },
      deviceToken: first.stored[0],
    });
    await restarted.client.login(JANA);
    expect(restarted.stored).toEqual([]);
    expect(restarted.client.device.current).toBe(first.stored[0]);
    expect(tokenCreations()).toBe(1);
  });

  it('concurrent first calls wait for one creation', async () => {
    const k = kiosk();
    await Promise.all([k.client.agreements(), k.client.agreements(), k.client.agreements()]);
    expect(tokenCreations()).toBe(1);
    expect(k.stored).toHaveLength(1);
  });

  it('a token replaced elsewhere (or never known) is refused once, replaced, reported, the call retried', async () => {
    const unknown = kiosk({ deviceToken: 'not-a-token-carecloud-knows' });
    const session = await unknown.client.login(JANA);
    expect(session.customerId).toBe(demo.customers.regular);
    expect(unknown.stored).toHaveLength(1);

    const k = kiosk();
    await k.client.agreements();
    sandbox.control.revokeDeviceTokens();
    await k.client.login(JANA);
    expect(k.stored).toHaveLength(2);
    expect(k.stored[1]).not.toBe(k.stored[0]);
  });

  it('an external application the project does not have is refused, not retried', async () => {
    const k = kiosk({ externalApplicationId: 'no-such-app' });
    const error = await k.client.login(JANA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(403);
    expect(k.stored).toEqual([]);
  });
});

describe('logging a customer in', () => {
  it('by card, e-mail or phone with the password', async () => {
    const k = kiosk();
    expect(await k.client.login(JANA)).toEqual({ customerId: demo.customers.regular, via: 'password' });
    await k.client.logout();
    expect(
      (await k.client.login({ type: 'email', value: 'Jana.Novakova@example.cz', password: JANA.password }))
        .customerId,
    ).toBe(demo.customers.regular);
    await k.client.logout();
    expect(
      (
        await k.client.login({
          type: 'phone',
          value: '+420 601 000 003',
          password: customerPasswords[3]!.password,
        })
      ).customerId,
    ).toBe(demo.customers.manyPoints);
  });

  it('refuses a wrong password, an unknown card, a blocked card and a deleted customer', async () => {
    const k = kiosk();
    const refusal = async (by: Parameters<typeof k.client.login>[0]) => {
      const error = await k.client.login(by).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      return (error as InvalidRequestError).invalidParams.map((p) => `${p.name}:${p.reason}`);
    };
    expect(await refusal({ ...JANA, password: 'Wrong2026' })).toEqual(['password:not_allowed_value']);
    expect(await refusal({ ...JANA, value: '2000000099999' })).toEqual(['login_value:not_found']);
    expect(
      await refusal({ type: 'card', value: demo.cards.blocked, password: customerPasswords[5]!.password }),
    ).toEqual(['login_value:card_is_blocked']);
    expect(
      await refusal({
        type: 'card',
        value: demo.cards.deletedCustomer,
        password: customerPasswords[6]!.password,
      }),
    ).toEqual(['login_value:not_found']);
    // A customer without a password cannot log in with one either.
    expect(
      await refusal({ type: 'card', value: demo.cards.cannotPayByPoints, password: 'Anything1' }),
    ).toEqual(['password:not_allowed_value']);
    expect(k.client.session()).toBeUndefined();
    // The blocked card's owner still logs in by e-mail.
    expect(
      (
        await k.client.login({
          type: 'email',
          value: 'lucie.prochazkova@example.cz',
          password: customerPasswords[5]!.password,
        })
      ).via,
    ).toBe('password');
  });

  it('with the code the mobile app shows, once, and not after it expired', async () => {
    const k = kiosk();
    const minted = sandbox.control.mintAppLoginCode({ cardNumber: demo.cards.manyPoints });
    const code = readAppLoginCode(minted.code)!;
    expect(await k.client.loginWithAppCode(code)).toEqual({
      customerId: demo.customers.manyPoints,
      via: 'app',
    });
    await k.client.logout();
    const reused = await k.client.loginWithAppCode(code).catch((e: unknown) => e);
    expect((reused as InvalidRequestError).hasReason('not_found', 'token')).toBe(true);

    const late = readAppLoginCode(
      sandbox.control.mintAppLoginCode({ customerId: demo.customers.regular }).code,
    )!;
    sandbox.control.expireAppLoginCodes();
    const expired = await k.client.loginWithAppCode(late).catch((e: unknown) => e);
    expect((expired as InvalidRequestError).hasReason('not_allowed_value', 'token')).toBe(true);

    const wrongRequest = sandbox.control.mintAppLoginCode({ customerId: demo.customers.regular });
    const mismatch = await k.client
      .loginWithAppCode({ token: wrongRequest.authentication_token, tokenRequestId: 'someone-else' })
      .catch((e: unknown) => e);
    expect((mismatch as InvalidRequestError).hasReason('not_allowed_value', 'token_request_id')).toBe(true);
    expect(k.client.session()).toBeUndefined();
  });

  it('with a code the customer’s own mobile app asked CareCloud for', async () => {
    const phone = kiosk({ externalApplicationId: MOBILE_APPLICATION_ID });
    await phone.client.login(JANA);
    const issued = await phone.client.account.appLoginToken(KIOSK_APPLICATION_ID);
    const k = kiosk();
    expect(
      (
        await k.client.loginWithAppCode({
          token: issued.authentication_token,
          tokenRequestId: issued.token_request_id,
        })
      ).customerId,
    ).toBe(demo.customers.regular);
    // A code for another application is refused by this one.
    const forPhone = await phone.client.account.appLoginToken(MOBILE_APPLICATION_ID);
    const refused = await kiosk()
      .client.loginWithAppCode({
        token: forPhone.authentication_token,
        tokenRequestId: forPhone.token_request_id,
      })
      .catch((e: unknown) => e);
    expect((refused as InvalidRequestError).hasReason('not_allowed_value', 'application_id')).toBe(true);
  });
});

describe('the logged-in customer’s own account', () => {
  it('record, cards, points with their value, expiring points, credits, vouchers and rewards', async () => {
    const k = kiosk();
    await k.client.login({
      type: 'card',
      value: demo.cards.credits,
      password: customerPasswords[4]!.password,
    });
    const record = await k.client.account.record();
    expect(record.personal_information).toMatchObject({ first_name: 'Tomáš', last_name: 'Černý' });
    expect((await k.client.account.cards()).map((c) => c.card_number)).toEqual([demo.cards.credits]);
    const points = await k.client.account.points();
    expect(points.available_points).toBe(40);
    expect(points.available_points_money_value?.length).toBeGreaterThan(0);
    const expiring = await k.client.account.pointsExpiration();
    expect(expiring.next_amount).toBeGreaterThanOrEqual(0);
    const credits = await k.client.account.credits();
    expect(credits.split_by_currency?.map((c) => c.available_credits).sort()).toEqual([20, 500]);

    await k.client.logout();
    await k.client.login(JANA);
    const vouchers = await k.client.account.vouchers({ is_valid: true });
    expect(vouchers.map((v) => v.code)).toContain('DEMO100');
    expect(vouchers.map((v) => v.code)).not.toContain('EXPIRED1');
    const rewards = await k.client.account.rewards();
    expect(rewards.map((r) => r.code)).toContain('SLEVA100');
  });

  it('answers nothing without a login, and nothing after logout', async () => {
    const k = kiosk();
    await expect(k.client.account.record()).rejects.toBeInstanceOf(NoCustomerSessionError);
    await k.client.login(JANA);
    const token = k.client.device.current!;
    await k.client.logout();
    expect(k.client.session()).toBeUndefined();
    await expect(k.client.account.points()).rejects.toBeInstanceOf(NoCustomerSessionError);
    // CareCloud has logged the customer out of the token too.
    const raw = await sandbox.customerCall('GET', `/customers/${demo.customers.regular}`, { token });
    expect(raw.status).toBe(401);
  });

  it('another customer’s data is refused: not_belong_to_logged_in_customer', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    for (const read of [
      () => k.client.customer(demo.customers.otherCustomer).record(),
      () => k.client.customer(demo.customers.otherCustomer).cards(),
      () => k.client.customer(demo.customers.otherCustomer).points(),
    ]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(
        (error as InvalidRequestError).hasReason('not_belong_to_logged_in_customer', 'customer_id'),
      ).toBe(true);
    }
  });

  it('a logout CareCloud never confirms still forgets the customer and drops the device token', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    const before = k.client.device.current;
    await sandbox.control.cutNetwork('refuse');
    await expect(k.client.logout()).rejects.toBeInstanceOf(ConnectionError);
    expect(k.client.session()).toBeUndefined();
    expect(k.client.device.current).toBeUndefined();
    await sandbox.control.restoreNetwork();
    await k.client.agreements();
    expect(k.client.device.current).not.toBe(before);
    // The old token (and the customer logged in on it) is gone at CareCloud.
    expect(
      (await sandbox.customerCall('GET', `/customers/${demo.customers.regular}`, { token: before! })).status,
    ).toBe(401);
  });
});

describe('redeeming a reward', () => {
  it('spends the points and makes exactly one voucher per call; the same code again is the same voucher', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    const reward = (await k.client.account.rewards()).find((r) => r.code === 'SLEVA100')!;
    const before = (await k.client.account.points()).available_points;
    const first = await k.client.redeemReward(reward.reward_id, { code: 'KIOSK-0001' });
    expect(first).toMatchObject({
      repeated: false,
      voucher: { code: 'KIOSK-0001', customer_id: demo.customers.regular },
    });
    expect((await k.client.account.points()).available_points).toBe(before - reward.points_cost!);

    const again = await k.client.redeemReward(reward.reward_id, { code: 'KIOSK-0001' });
    expect(again).toEqual({ repeated: true, voucher: first.voucher });
    expect((await k.client.account.points()).available_points).toBe(before - reward.points_cost!);
    expect((await k.client.account.vouchers({ code: 'KIOSK-0001' })).length).toBe(1);

    const second = await k.client.redeemReward(reward.reward_id);
    expect(second.voucher.voucher_id).not.toBe(first.voucher.voucher_id);
    expect((await k.client.account.points()).available_points).toBe(before - 2 * reward.points_cost!);
  });

  it('refuses a reward the customer cannot afford and a voucher for someone else', async () => {
    const k = kiosk();
    await k.client.login({
      type: 'card',
      value: demo.cards.newCustomer,
      password: customerPasswords[7]!.password,
    });
    const reward = (await k.client.account.rewards()).find((r) => r.code === 'SLEVA100')!;
    const poor = await k.client.redeemReward(reward.reward_id).catch((e: unknown) => e);
    expect((poor as InvalidRequestError).hasReason('not_enough_points_for_voucher')).toBe(true);
    const raw = await sandbox.customerCall('POST', `/rewards/${reward.reward_id}/actions/create-voucher`, {
      token: k.client.device.current!,
      body: { customer_id: demo.customers.manyPoints },
    });
    expect(raw.status).toBe(400);
    expect(JSON.stringify(raw.body)).toContain('not_belong_to_logged_in_customer');
  });

  it('is never repeated by the client: a 503 or a rate limit comes back as it is', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    const reward = (await k.client.account.rewards()).find((r) => r.code === 'SLEVA10')!;
    const before = sandbox.control.requests().length;
    sandbox.control.failNext(503, 1);
    await expect(k.client.redeemReward(reward.reward_id, { code: 'KIOSK-0503' })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(sandbox.control.requests().length - before).toBe(1);
    sandbox.control.setRateLimit({ perSecond: 0.001, burst: 1 });
    await k.client.account.points();
    await expect(k.client.redeemReward(reward.reward_id)).rejects.toBeInstanceOf(RateLimitError);
    sandbox.control.setRateLimit(null);
    expect(await k.client.account.vouchers({ code: 'KIOSK-0503' })).toEqual([]);
  });
});

describe('signing up on the kiosk', () => {
  it('creates the customer with their consents and logs them in at once', async () => {
    const k = kiosk();
    const sources = await k.client.customerSources();
    const agreements = await k.client.agreements();
    expect(agreements.map((a) => a.text_id)).toEqual([
      'agreement_gtc',
      'agreement_marketing_communication',
      'agreement_profiling',
    ]);
    const session = await k.client.signUp({
      personalInformation: {
        first_name: 'Alena',
        last_name: 'Nová',
        email: 'alena.nova@example.cz',
        language_id: 'cs',
        agreement: { agreement_gtc: 1, agreement_marketing_communication: 0, agreement_profiling: 0 },
      },
      customerSourceId: sources[0]!.customer_source_id,
      password: 'Alena2026',
    });
    expect(session.via).toBe('sign-up');
    expect((await k.client.account.record()).personal_information.email).toBe('alena.nova@example.cz');
    const stored = await sandbox.customerCall<{ data: { personal_information: { agreement?: unknown } } }>(
      'GET',
      `/customers/${session.customerId}`,
      { token: k.client.device.current! },
    );
    expect(stored.body.data.personal_information.agreement).toEqual({
      agreement_gtc: 1,
      agreement_marketing_communication: 0,
      agreement_profiling: 0,
    });
    await k.client.logout();
    expect(
      (await k.client.login({ type: 'email', value: 'alena.nova@example.cz', password: 'Alena2026' }))
        .customerId,
    ).toBe(session.customerId);
  });

  it('refuses a weak password and an e-mail already registered', async () => {
    const k = kiosk();
    const source = (await k.client.customerSources())[0]!.customer_source_id;
    const weak = await k.client
      .signUp({
        personalInformation: { first_name: 'A', last_name: 'B', email: 'weak@example.cz', language_id: 'cs' },
        customerSourceId: source,
        password: 'short1',
      })
      .catch((e: unknown) => e);
    expect((weak as InvalidRequestError).hasReason('invalid_value_format', 'password')).toBe(true);
    const taken = await k.client
      .signUp({
        personalInformation: {
          first_name: 'J',
          last_name: 'N',
          email: 'jana.novakova@example.cz',
          language_id: 'cs',
        },
        customerSourceId: source,
        password: 'Strong2026',
      })
      .catch((e: unknown) => e);
    expect((taken as InvalidRequestError).hasReason('already_exists', 'email')).toBe(true);
    const consent = await k.client
      .signUp({
        personalInformation: {
          first_name: 'C',
          last_name: 'D',
          email: 'cd@example.cz',
          language_id: 'cs',
          agreement: { custom_agreements: [{ agreement_id: 'no-such-consent', agreement_value: 1 }] },
        },
        customerSourceId: source,
        password: 'Strong2026',
      })
      .catch((e: unknown) => e);
    expect((consent as InvalidRequestError).hasReason('not_found', 'agreement_id')).toBe(true);
    expect(k.client.session()).toBeUndefined();
  });

  it('agreements come in the language of the screen that asks', async () => {
    const k = kiosk();
    const czech = await speaking('cs', () => k.client.agreements());
    expect(czech[0]!.name).toBe('Zpracování osobních údajů');
    expect((await k.client.agreements())[0]!.name).toBe('Processing of personal data');
  });
});

describe('a free card for the new customer, currencies and the connection test', () => {
  it('checks a scanned card is free and gives it to the logged-in customer, once', async () => {
    const k = kiosk();
    expect(await k.client.isFreeCard(demo.cards.free)).toBe(true);
    expect(await k.client.isFreeCard(demo.cards.regular)).toBe(false);
    await expect(k.client.assignFreeCard(demo.cards.free)).rejects.toBeInstanceOf(NoCustomerSessionError);
    await k.client.login({
      type: 'card',
      value: demo.cards.newCustomer,
      password: customerPasswords[7]!.password,
    });
    const cardId = await k.client.assignFreeCard(demo.cards.free);
    expect((await k.client.account.cards()).map((c) => [c.card_id, c.card_number])).toContainEqual([
      cardId,
      demo.cards.free,
    ]);
    expect(await k.client.isFreeCard(demo.cards.free)).toBe(false);
    const again = await k.client.assignFreeCard(demo.cards.free).catch((e: unknown) => e);
    expect((again as InvalidRequestError).hasReason('already_exists', 'card_number')).toBe(true);
    await expect(k.client.assignFreeCard('7770000000001')).rejects.toBeInstanceOf(UnknownCardTypeError);
  });

  it('lists currencies with their codes and answers the connection test without a token', async () => {
    const k = kiosk();
    expect((await k.client.currencies()).map((c) => c.code).sort()).toEqual(['CZK', 'EUR']);
    await k.client.testConnection();
    expect(k.stored).toHaveLength(1);
    await sandbox.control.cutNetwork('refuse');
    await expect(k.client.testConnection()).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('the password set-up message', () => {
  it('goes to the address through the e-mail channel; an unknown channel is refused', async () => {
    const k = kiosk();
    await k.client.sendPasswordSetup({
      communicationChannelId: emailChannelId,
      recipient: 'jana.novakova@example.cz',
    });
    await k.client.sendPasswordSetup({
      communicationChannelId: emailChannelId,
      recipient: 'nobody@example.cz',
    });
    expect(sandbox.control.outbox().map((m) => [m.recipient, m.customer_id])).toEqual([
      ['jana.novakova@example.cz', demo.customers.regular],
      ['nobody@example.cz', null],
    ]);
    const error = await k.client
      .sendPasswordSetup({ communicationChannelId: 'sms', recipient: '420601000001' })
      .catch((e: unknown) => e);
    expect((error as InvalidRequestError).hasReason('not_found', 'communication_channel_id')).toBe(true);
  });
});

describe('the interfaces keep to their own resources', () => {
  it('an Enterprise-only resource asked on the Customer API is refused as not allowed in this interface', async () => {
    const k = kiosk();
    const token = await k.client.device.token();
    const error = await k.client.pipeline
      .request({
        method: 'GET',
        path: '/customers/actions/search-customers',
        query: { first_name: 'Jana' },
        bearerToken: token,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterfaceNotAllowedError);
    expect((error as InterfaceNotAllowedError).resourceName).toBe('customers');
    expect((error as InterfaceNotAllowedError).body.detail).toBe(
      'Resource name "customers" is not allowed in Customer API',
    );
  });

  it('and the reverse: the tokens resource on the Enterprise API', async () => {
    const enterprise = createCareCloudClient({
      projectUrl: sandbox.projectUrl,
      credentials: {
        externalApplicationId: sandbox.credentials.user_external_application_id,
        login: sandbox.credentials.login,
        password: sandbox.credentials.password,
      },
      language: 'en',
      timeZone: 'Europe/Prague',
    });
    const error = await enterprise.pipeline
      .request({
        method: 'POST',
        path: '/tokens',
        body: {
          device: { device_id: 'x', device_system: 'x', device_name: 'x', device_type: 'x' },
          setup: { language_id: 'en', allowed_gps: false, allowed_notifications: false },
          external_application_id: KIOSK_APPLICATION_ID,
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterfaceNotAllowedError);
    expect((error as InterfaceNotAllowedError).resourceName).toBe('tokens');
    expect((error as InterfaceNotAllowedError).body.error_data).toEqual({
      invalid_resource_name: 'tokens',
      interface: 'Enterprise',
    });
  });
});

describe('when CareCloud is slow to answer, refuses or is down', () => {
  it('a read waits out a 429 (Retry-After) and is answered', async () => {
    const waits: number[] = [];
    // The limit is lifted while the client waits, as it would be once the hinted second passed.
    const k = kiosk({
      sleep: async (ms) => {
        waits.push(ms);
        sandbox.control.setRateLimit(null);
      },
    });
    await k.client.login(JANA);
    sandbox.control.setRateLimit({ perSecond: 0.2, burst: 1 });
    await k.client.account.points();
    const vouchers = await k.client.account.vouchers();
    expect(vouchers.length).toBeGreaterThan(0);
    expect(waits).toHaveLength(1);
    expect(waits[0]! % 1000 === 0 && waits[0]! >= 1000 && waits[0]! <= 5000).toBe(true);
  });

  it('a login with CareCloud unreachable is a ConnectionError, and no customer is kept', async () => {
    const k = kiosk();
    await k.client.agreements();
    await sandbox.control.cutNetwork('refuse');
    const error = await k.client.login(JANA).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).kind).toBe('refused');
    expect(k.client.session()).toBeUndefined();
  });

  it('a CareCloud that accepts the connection and never answers is a timeout, and no customer is kept', async () => {
    const k = kiosk({ timeouts: { loginMs: 300, lookupMs: 300 }, retry: { maxAttempts: 1 } });
    await k.client.agreements();
    await sandbox.control.cutNetwork('hang');
    const error = await k.client.login(JANA).catch((e: unknown) => e);
    await sandbox.control.restoreNetwork();
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).kind).toBe('timeout');
    expect(k.client.session()).toBeUndefined();
  });

  it('a read through a 503 spell is retried; past it, the ServerError comes back', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    sandbox.control.failNext(503, 1);
    expect((await k.client.account.points()).available_points).toBeGreaterThan(0);
    sandbox.control.failNext(503, 20);
    await expect(k.client.account.points()).rejects.toBeInstanceOf(ServerError);
    sandbox.control.clearFaults();
  });

  it('an answer of the wrong shape is an UnexpectedResponseError, not half-read data', async () => {
    const k = kiosk({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (!url.includes('/actions/points-overview')) return response;
        return new Response(JSON.stringify({ data: { available_points: 'lots' } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await k.client.login(JANA);
    await expect(k.client.account.points()).rejects.toBeInstanceOf(UnexpectedResponseError);
  });
});

describe('what the kiosk writes to its log', () => {
  it('never a password, a device token or a login code', async () => {
    const k = kiosk();
    await k.client.login(JANA);
    const minted = sandbox.control.mintAppLoginCode({ customerId: demo.customers.manyPoints });
    await k.client.logout();
    await k.client.loginWithAppCode({
      token: minted.authentication_token,
      tokenRequestId: minted.token_request_id,
    });
    await k.client.login({ ...JANA, password: 'Wrong2026' }).catch(() => undefined);
    const text = k.logs.join('\n');
    expect(k.logs.length).toBeGreaterThan(3);
    for (const secret of [
      JANA.password,
      'Wrong2026',
      k.stored[0]!,
      minted.authentication_token,
      minted.token_request_id,
    ])
      expect(text).not.toContain(secret);
    expect(text).toContain('/tokens/***/actions/login');
  });
});

describe('the Customer API answers the kiosk checks', () => {
  it('checks a list against one schema per list, made once (zod compiles each schema at its first use)', () => {
    const vouchers = answers.listOf('vouchers', answers.voucher);
    expect(answers.listOf('vouchers', answers.voucher)).toBe(vouchers);
    expect(answers.listOf('rewards', answers.reward)).not.toBe(vouchers);
    expect(answers.listOf('codes', answers.voucher)).not.toBe(vouchers);
    expect(vouchers.safeParse({ vouchers: [{ voucher_id: 'v1' }], total_items: 1 }).success).toBe(true);
    expect(answers.listOf('codes', answers.voucher).safeParse({ vouchers: [] }).success).toBe(false);
  });
});
