// CareCloud's Customer API as a kiosk uses it: no enterprise credentials, a device token
// for this installation (created once, stored encrypted by the caller, reused), and at
// most one customer logged in on it at a time. Same pipeline, retries and errors as the
// Enterprise client; every answer is checked before it is used.
//
// Customer data is never cached: every call made for the logged-in customer goes out
// fresh (no response cache, no in-flight sharing), and logout forgets the customer first.
import type { z } from 'zod';
import type { Language } from '../../shared/i18n/language.ts';
import type { AppLoginCode } from '../../shared/carecloud/app-login-code.ts';
import type { RetrySettings, Timeouts } from '../../shared/settings.ts';
import { defaultSettings } from '../../shared/settings.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { apiBaseUrl } from './client.ts';
import * as answers from './customer/answers.ts';
import { DeviceToken, type DeviceIdentity } from './device-token.ts';
import { AuthenticationError, InterfaceNotAllowedError, InvalidRequestError } from './errors.ts';
import { Pipeline, type CallOptions, type PipelineOptions, type RequestSpec } from './pipeline.ts';
import type { BodyOf, QueryOf, Schemas } from './types.ts';

export type { DeviceIdentity } from './device-token.ts';
export type {
  Agreement,
  AppLoginToken,
  CardType,
  Currency,
  CustomerSource,
  CreditsOverview,
  CustomerCard,
  CustomerRecord,
  CustomerReward,
  CustomerVoucher,
  PointsExpiration,
  PointsOverview,
} from './customer/answers.ts';

export interface CustomerApiClientOptions {
  /**
   * The project address, e.g. `https://shop.crmcarecloud.com`;
   * the client adds `/webservice/rest-api/customer-interface/v1.0`.
   */
  projectUrl: string;
  /** The kiosk's external application (its encoded id), created for the Customer API. */
  externalApplicationId: string;
  device: DeviceIdentity;
  /** The kiosk's default language: the token's set-up and `Accept-Language` outside `speaking`. */
  language: Language;
  /** A device token stored earlier (decrypted); without one, the first call creates one. */
  deviceToken?: string;
  /** Every newly created device token, for the caller to store encrypted. */
  onDeviceToken?: (token: string) => void | Promise<void>;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetrySettings>;
  logger?: Logger;
  fetch?: PipelineOptions['fetch'];
  sleep?: PipelineOptions['sleep'];
  random?: PipelineOptions['random'];
  now?: () => number;
  maxBodyBytes?: number;
}

/** How a customer logs in with a password: card number, e-mail or phone. */
export interface PasswordLogin {
  type: 'card' | 'email' | 'phone';
  value: string;
  password: string;
}

/** The customer logged in on the device token now. Holds no personal data. */
export interface CustomerSession {
  readonly customerId: string;
  readonly via: 'password' | 'app' | 'sign-up';
}

/** A sign-up on the kiosk: the new customer is logged in at once (`autologin`). */
export interface SignUp {
  personalInformation: Schemas['PersonalInformation'];
  /** Where customers signed up on this kiosk come from (CareCloud's customer source). */
  customerSourceId: string;
  password: string;
}

/** Where the password set-up message goes: a communication channel and its recipient. */
export type PasswordSetupRecipient =
  { communicationChannelId: string; recipient: string } | { email: string };

export interface Redemption {
  voucher: answers.CustomerVoucher;
  /** The voucher with this code existed already (the same redemption asked again): nothing new was created. */
  repeated: boolean;
}

/** A scanned card number that no card type of the project starts with: it cannot be one of its cards. */
export class UnknownCardTypeError extends Error {
  override name = 'UnknownCardTypeError';
  constructor() {
    super('No card type of the project has this card number’s prefix');
  }
}

/** A call for the logged-in customer made while nobody is logged in on this kiosk. */
export class NoCustomerSessionError extends Error {
  override name = 'NoCustomerSessionError';
  constructor() {
    super('No customer is logged in on this kiosk');
  }
}

const LOGOUT_TIMEOUT_MS = 3_000;

export function createCustomerApiClient(options: CustomerApiClientOptions) {
  const now = options.now ?? Date.now;
  const pipeline = new Pipeline({
    baseUrl: apiBaseUrl(options.projectUrl, 'customer-interface'),
    language: options.language,
    timeouts: { ...defaultSettings.timeouts, ...options.timeouts },
    retry: { ...defaultSettings.retry, ...options.retry },
    logger: options.logger ?? silentLogger,
    fetch: options.fetch,
    sleep: options.sleep,
    random: options.random,
    now,
    maxBodyBytes: options.maxBodyBytes,
  });

  const tokenPath = (token: string, action: string) =>
    `/tokens/${encodeURIComponent(token)}/actions/${action}`;

  const createToken = async (): Promise<string> => {
    const body = {
      device: {
        device_id: options.device.deviceId,
        device_system: options.device.system,
        device_name: options.device.name,
        device_type: options.device.type,
      },
      setup: { language_id: options.language, allowed_gps: false, allowed_notifications: false },
      external_application_id: options.externalApplicationId,
    } satisfies BodyOf<'postToken'>;
    // A lost answer may be asked again: the newer token replaces the older for this device.
    const data = await pipeline.request<unknown>({
      method: 'POST',
      path: '/tokens',
      body,
      authenticated: false,
      idempotent: true,
      purpose: 'login',
    });
    return answers.checked(answers.tokenCreated, data, 'POST', '/tokens').token_id;
  };

  const device = new DeviceToken(createToken, options.deviceToken, options.onDeviceToken);
  pipeline.useTokens(device);

  let session: (CustomerSession & { token: string }) | undefined;

  const isRefusedToken = (error: unknown): boolean =>
    error instanceof AuthenticationError &&
    error.status === 401 &&
    !(error instanceof InterfaceNotAllowedError);

  /** A call on the device token; a refused token (replaced elsewhere) is replaced once and the call made again. */
  async function withDeviceToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await device.token();
    try {
      return await call(token);
    } catch (error) {
      if (!isRefusedToken(error)) throw error;
      if (session?.token === token) forgetSession();
      return call(await device.refresh(token));
    }
  }

  function forgetSession(): void {
    session = undefined;
    pipeline.clearCache();
  }

  /** A call for the logged-in customer; a 401 means CareCloud no longer has them logged in. */
  async function asCustomer<T>(call: (customerId: string, token: string) => Promise<T>): Promise<T> {
    const current = session;
    if (!current) throw new NoCustomerSessionError();
    try {
      return await call(current.customerId, current.token);
    } catch (error) {
      if (isRefusedToken(error) && session === current) forgetSession();
      throw error;
    }
  }

  const get = async <S extends z.ZodType>(
    schema: S,
    spec: Omit<RequestSpec, 'method'>,
    token: string,
    callOptions?: CallOptions,
  ): Promise<z.infer<S>> => {
    const data = await pipeline.request<unknown>(
      { ...spec, method: 'GET', bearerToken: token },
      { ...callOptions, fresh: true },
    );
    return answers.checked(schema, data, 'GET', spec.path);
  };

  const loggedIn = (
    token: string,
    data: unknown,
    path: string,
    via: CustomerSession['via'],
  ): CustomerSession => {
    const customerId = answers.checked(answers.loggedIn, data, 'POST', path).customer_id;
    pipeline.clearCache();
    session = { customerId, via, token };
    return { customerId, via };
  };

  const customersPath = (customerId: string, sub = '') =>
    `/customers/${encodeURIComponent(customerId)}${sub}`;

  /** Reads of one customer's own data; CareCloud refuses another customer's (`not_belong_to_logged_in_customer`). */
  const customerReads = (token: string, customerId: string, callOptions?: CallOptions) => ({
    record: () => get(answers.customerRecord, { path: customersPath(customerId) }, token, callOptions),
    cards: async (query: QueryOf<'getSubCustomerCards'> = {}) =>
      (
        await get(
          answers.listOf('cards', answers.card),
          { path: customersPath(customerId, '/cards'), query },
          token,
          callOptions,
        )
      ).cards as answers.CustomerCard[],
    vouchers: async (query: QueryOf<'getSubCustomerVouchers'> = {}) =>
      (
        await get(
          answers.listOf('vouchers', answers.voucher),
          { path: customersPath(customerId, '/vouchers'), query },
          token,
          callOptions,
        )
      ).vouchers as answers.CustomerVoucher[],
    rewards: async (query: QueryOf<'getSubCustomerRewards'> = {}) =>
      (
        await get(
          answers.listOf('rewards', answers.reward),
          { path: customersPath(customerId, '/rewards'), query },
          token,
          callOptions,
        )
      ).rewards as answers.CustomerReward[],
    points: () =>
      get(
        answers.pointsOverview,
        { path: '/wallet/actions/points-overview', query: { customer_id: customerId } },
        token,
        callOptions,
      ),
    pointsExpiration: () =>
      get(
        answers.pointsExpiration,
        { path: '/wallet/actions/points-expiration-overview', query: { customer_id: customerId } },
        token,
        callOptions,
      ),
    credits: () =>
      get(
        answers.creditsOverview,
        { path: '/wallet/actions/credits-overview', query: { customer_id: customerId } },
        token,
        callOptions,
      ),
  });

  return {
    pipeline,
    device: {
      /** The device token, created now when none is held. */
      token: (): Promise<string> => device.token(),
      /** The token held now, if any; the caller stores it encrypted when `onDeviceToken` reports a new one. */
      get current(): string | undefined {
        return device.current;
      },
    },

    /** The customer logged in now, or undefined. */
    session: (): CustomerSession | undefined =>
      session ? { customerId: session.customerId, via: session.via } : undefined,

    /** Logs a customer in with card, e-mail or phone and their password. */
    login: (by: PasswordLogin, callOptions?: CallOptions): Promise<CustomerSession> =>
      withDeviceToken(async (token) => {
        const path = tokenPath(token, 'login');
        const body = {
          login_type: by.type,
          login_value: by.value,
          password: by.password,
        } satisfies BodyOf<'postTokenLogin'>;
        const data = await pipeline.request<unknown>(
          { method: 'POST', path, body, bearerToken: token, idempotent: true, purpose: 'login' },
          callOptions,
        );
        return loggedIn(token, data, path, 'password');
      }),

    /** Logs a customer in with the code their mobile app shows (no password). */
    loginWithAppCode: (code: AppLoginCode, callOptions?: CallOptions): Promise<CustomerSession> =>
      withDeviceToken(async (token) => {
        const path = tokenPath(token, 'authentication-token-login');
        const body = {
          application_id: options.externalApplicationId,
          token: code.token,
          token_request_id: code.tokenRequestId,
        } satisfies BodyOf<'postTokenAuthTokenLogin'>;
        // Not repeated: CareCloud may take the code as used by the first attempt.
        const data = await pipeline.request<unknown>(
          { method: 'POST', path, body, bearerToken: token, purpose: 'login' },
          callOptions,
        );
        return loggedIn(token, data, path, 'app');
      }),

    /**
     * Logs the customer out. The customer is forgotten here first, whatever CareCloud
     * answers; when the logout cannot be confirmed the device token is dropped too, so
     * the next call replaces it and that ends the login at CareCloud as well.
     */
    logout: async (): Promise<void> => {
      const current = session;
      forgetSession();
      if (!current) return;
      try {
        await pipeline.request<void>(
          {
            method: 'POST',
            path: tokenPath(current.token, 'logout'),
            bearerToken: current.token,
            idempotent: true,
            purpose: 'login',
          },
          { timeoutMs: LOGOUT_TIMEOUT_MS },
        );
      } catch (error) {
        device.discard(current.token);
        throw error;
      }
    },

    /** Sends the customer a message with a link to set up (or reset) their password. */
    sendPasswordSetup: (to: PasswordSetupRecipient, callOptions?: CallOptions): Promise<void> =>
      withDeviceToken(async (token) => {
        const body: BodyOf<'postTokenSendPasswordSetup'> =
          'email' in to
            ? { email: to.email }
            : { communication_channel_id: to.communicationChannelId, recipient: to.recipient };
        await pipeline.request<void>(
          {
            method: 'POST',
            path: tokenPath(token, 'send-password-setup-email'),
            body,
            bearerToken: token,
            purpose: 'closure',
          },
          callOptions,
        );
      }),

    /** Creates a customer and logs them in (`autologin`); consents go in `personalInformation.agreement`. */
    signUp: (input: SignUp, callOptions?: CallOptions): Promise<CustomerSession> =>
      withDeviceToken(async (token) => {
        const body = {
          customer: { personal_information: input.personalInformation },
          customer_source: { customer_source_id: input.customerSourceId },
          password: input.password,
          autologin: true,
        } satisfies BodyOf<'postCustomer'>;
        // Not repeated: a second attempt would make a second customer (or meet `already_exists`).
        const data = await pipeline.request<unknown>(
          { method: 'POST', path: '/customers', body, bearerToken: token, purpose: 'closure' },
          callOptions,
        );
        const customerId = answers.checked(answers.customerCreated, data, 'POST', '/customers').customer_id;
        pipeline.clearCache();
        session = { customerId, via: 'sign-up', token };
        return { customerId, via: 'sign-up' as const };
      }),

    /** The consents a sign-up asks for, with their texts in the asked language. */
    agreements: (callOptions?: CallOptions): Promise<answers.Agreement[]> =>
      withDeviceToken(async (token) => {
        const data = await pipeline.request<unknown>(
          { method: 'GET', path: '/agreements', query: { count: 100 }, bearerToken: token },
          callOptions,
        );
        return answers.checked(answers.listOf('agreements', answers.agreement), data, 'GET', '/agreements')
          .agreements as answers.Agreement[];
      }),

    /** Where customers come from; a sign-up names one (the kiosk's, by its code). */
    customerSources: (callOptions?: CallOptions): Promise<answers.CustomerSource[]> =>
      withDeviceToken(async (token) => {
        const data = await pipeline.request<unknown>(
          { method: 'GET', path: '/customer-sources', query: { count: 100 }, bearerToken: token },
          callOptions,
        );
        return answers.checked(
          answers.listOf('customer_sources', answers.customerSource),
          data,
          'GET',
          '/customer-sources',
        ).customer_sources as answers.CustomerSource[];
      }),

    /** The project's currencies (money values name them by id). */
    currencies: (callOptions?: CallOptions): Promise<answers.Currency[]> =>
      withDeviceToken(async (token) => {
        const data = await pipeline.request<unknown>(
          { method: 'GET', path: '/currencies', query: { count: 100 }, bearerToken: token },
          callOptions,
        );
        return answers.checked(answers.listOf('currencies', answers.currency), data, 'GET', '/currencies')
          .currencies as answers.Currency[];
      }),

    /** The project's card types, each with the prefix its numbers start with. */
    cardTypes: (callOptions?: CallOptions): Promise<answers.CardType[]> =>
      withDeviceToken(async (token) => {
        const data = await pipeline.request<unknown>(
          { method: 'GET', path: '/card-types', query: { count: 100 }, bearerToken: token },
          callOptions,
        );
        return answers.checked(answers.listOf('card_types', answers.cardType), data, 'GET', '/card-types')
          .card_types as answers.CardType[];
      }),

    /** Whether the Customer API answers at all: CareCloud's connection test, no token needed. */
    testConnection: async (callOptions?: CallOptions): Promise<void> => {
      const data = await pipeline.request<unknown>(
        { method: 'GET', path: '/tests/connection', query: { test_string: 'kiosk' }, authenticated: false },
        { ...callOptions, fresh: true },
      );
      answers.checked(answers.connection, data, 'GET', '/tests/connection');
    },

    /** Whether a scanned card is free to be given to a customer. */
    isFreeCard: (cardNumber: string, callOptions?: CallOptions): Promise<boolean> =>
      withDeviceToken(async (token) => {
        const body = { card_number: cardNumber } satisfies BodyOf<'postValidateFreeCard'>;
        const data = await pipeline.request<unknown>(
          {
            method: 'POST',
            path: '/cards/actions/validate-free-card',
            body,
            bearerToken: token,
            idempotent: true,
            purpose: 'lookup',
          },
          callOptions,
        );
        return answers.checked(answers.freeCard, data, 'POST', '/cards/actions/validate-free-card')
          .is_free_to_use;
      }),

    /**
     * Gives the logged-in customer a free card they scanned (its type from the number's
     * prefix). Not repeated: CareCloud's refusal (`already_exists`, `card_is_blocked`,
     * `not_found`) comes back as it is.
     */
    assignFreeCard: (cardNumber: string, callOptions?: CallOptions): Promise<string> =>
      asCustomer(async (customerId, token) => {
        const data = await pipeline.request<unknown>(
          { method: 'GET', path: '/card-types', query: { count: 100 }, bearerToken: token },
          callOptions,
        );
        const types = answers.checked(
          answers.listOf('card_types', answers.cardType),
          data,
          'GET',
          '/card-types',
        ).card_types as answers.CardType[];
        const type = types
          .filter((t) => t.prefix !== '' && cardNumber.startsWith(t.prefix))
          .sort((a, b) => b.prefix.length - a.prefix.length)[0];
        if (!type) throw new UnknownCardTypeError();
        const body = {
          card_number: cardNumber,
          card_type_id: type.card_type_id,
          customer_id: customerId,
        } satisfies BodyOf<'postAssignCard'>;
        const path = '/cards/actions/assign-free-card';
        const assigned = await pipeline.request<unknown>(
          { method: 'POST', path, body, bearerToken: token, purpose: 'closure' },
          { ...callOptions, retry: false },
        );
        return answers.checked(answers.cardAssigned, assigned, 'POST', path).card_id;
      }),

    /** The logged-in customer's own account. Each call throws NoCustomerSessionError when nobody is logged in. */
    account: {
      record: (o?: CallOptions) => asCustomer((id, token) => customerReads(token, id, o).record()),
      cards: (query?: QueryOf<'getSubCustomerCards'>, o?: CallOptions) =>
        asCustomer((id, token) => customerReads(token, id, o).cards(query)),
      vouchers: (query?: QueryOf<'getSubCustomerVouchers'>, o?: CallOptions) =>
        asCustomer((id, token) => customerReads(token, id, o).vouchers(query)),
      rewards: (query?: QueryOf<'getSubCustomerRewards'>, o?: CallOptions) =>
        asCustomer((id, token) => customerReads(token, id, o).rewards(query)),
      points: (o?: CallOptions) => asCustomer((id, token) => customerReads(token, id, o).points()),
      pointsExpiration: (o?: CallOptions) =>
        asCustomer((id, token) => customerReads(token, id, o).pointsExpiration()),
      credits: (o?: CallOptions) => asCustomer((id, token) => customerReads(token, id, o).credits()),
      /** A code for logging in to another application (what a mobile app turns into its QR code). */
      appLoginToken: (externalApplicationId: string, o?: CallOptions): Promise<answers.AppLoginToken> =>
        asCustomer((_id, token) =>
          get(
            answers.appLoginToken,
            {
              path: tokenPath(token, 'auth-token'),
              query: { external_application_id: externalApplicationId, token_type: 1 },
            },
            token,
            o,
          ),
        ),
    },

    /**
     * Turns a reward into a voucher for the logged-in customer, spending its points. Never
     * repeated by the client. With a `code` of the caller's (one per confirmation), asking
     * again finds CareCloud's `already_exists` and answers the voucher made the first time.
     */
    redeemReward: (
      rewardId: string,
      redemption: { code?: string; note?: string } = {},
      callOptions?: CallOptions,
    ): Promise<Redemption> =>
      asCustomer(async (customerId, token) => {
        const body: BodyOf<'postRewardCreateVoucher'> = {
          customer_id: customerId,
          ...(redemption.code ? { code: redemption.code } : {}),
          ...(redemption.note ? { note: redemption.note } : {}),
        };
        const path = `/rewards/${encodeURIComponent(rewardId)}/actions/create-voucher`;
        const reads = customerReads(token, customerId, callOptions);
        let voucherId: string;
        try {
          const data = await pipeline.request<unknown>(
            { method: 'POST', path, body, bearerToken: token, purpose: 'closure' },
            { ...callOptions, retry: false },
          );
          voucherId = answers.checked(answers.voucherCreated, data, 'POST', path).voucher_id;
        } catch (error) {
          if (!(
            redemption.code &&
            error instanceof InvalidRequestError &&
            error.hasReason('already_exists', 'code')
          ))
            throw error;
          const [earlier] = await reads.vouchers({ code: redemption.code, count: 1 });
          if (!earlier) throw error;
          return { voucher: earlier, repeated: true };
        }
        const voucher = await get(
          answers.voucher,
          { path: `/vouchers/${encodeURIComponent(voucherId)}` },
          token,
          callOptions,
        );
        return { voucher, repeated: false };
      }),

    /** Reads of a customer named by id, for checks and tests; CareCloud answers only for the logged-in one. */
    customer: (customerId: string, o?: CallOptions) => {
      const reads = async <T>(pick: (r: ReturnType<typeof customerReads>) => Promise<T>) =>
        pick(customerReads(await device.token(), customerId, o));
      return {
        record: () => reads((r) => r.record()),
        cards: () => reads((r) => r.cards()),
        vouchers: () => reads((r) => r.vouchers()),
        rewards: () => reads((r) => r.rewards()),
        points: () => reads((r) => r.points()),
      };
    },
  };
}

export type CustomerApiClient = ReturnType<typeof createCustomerApiClient>;
