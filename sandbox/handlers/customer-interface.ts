// The Customer API: what a kiosk or a mobile app may do with a device token, and with
// the customer logged in on it. Everything about a customer is answered only for that
// customer: another's id is `not_belong_to_logged_in_customer`, whether it exists or not.
// Operations not listed here answer 403 `interface_not_allowed_exception` on this
// interface (Enterprise-only by the vendor, or not allowed in this project).
import type { CustomerApiState, DeviceRecord } from '../customer-api.ts';
import { agreements, emailChannelId, passwordHash } from '../customer-seed.ts';
import { invalid, noCustomerLoggedIn, unknownApplication } from '../errors.ts';
import type { Customer } from '../model.ts';
import { localDateTime } from '../time.ts';
import { bodyOf, ok, str, type Handler, type HandlerContext } from './context.ts';
import {
  getCustomer,
  getSubCustomerCards,
  getSubCustomerRewards,
  getSubCustomerVouchers,
  postCustomer,
} from './customers.ts';
import { postAssignCard, postValidateFreeCard } from './cards.ts';
import { getCardTypes, getCurrencies, getCustomerSources } from './reference.ts';
import { getTestsConnection } from './users.ts';
import { getReward, getRewards, postRewardCreateVoucher } from './rewards.ts';
import { getConsents } from './agreements.ts';
import { getWalletPointsExpiration } from './points-expiration.ts';
import { getVoucher } from './vouchers.ts';
import { getWalletCredits, getWalletPoints } from './wallet.ts';

function state(ctx: HandlerContext): CustomerApiState {
  if (!ctx.customerApi) throw new Error('the Customer API state is missing');
  return ctx.customerApi;
}

function device(ctx: HandlerContext): DeviceRecord {
  if (!ctx.device) throw new Error('a Customer API operation ran without its device token');
  return ctx.device;
}

/** The `{token_id}` of the path must be the token the request is authorised with. */
function pathDevice(ctx: HandlerContext): DeviceRecord {
  const current = device(ctx);
  if (ctx.params.token_id !== current.token)
    throw invalid(
      'token_id',
      'not_allowed_value',
      '',
      'The token in the path is not the token in the Authorization header.',
    );
  return current;
}

/** The customer logged in on this token; 401 when none is (or they were deleted since). */
export function loggedInCustomer(ctx: HandlerContext): Customer {
  const current = device(ctx);
  const customer = current.customerId ? ctx.project.customer(current.customerId) : undefined;
  if (!customer || customer.state === 0) {
    current.customerId = null;
    throw noCustomerLoggedIn();
  }
  return customer;
}

/** `given` must be the logged-in customer's id. */
function own(ctx: HandlerContext, given: string | undefined, name = 'customer_id'): Customer {
  const customer = loggedInCustomer(ctx);
  if (given !== customer.customer_id)
    throw invalid(
      name,
      'not_belong_to_logged_in_customer',
      given ?? '',
      'The value does not belong to the logged-in customer.',
    );
  return customer;
}

const forOwnPath =
  (handler: Handler): Handler =>
  (ctx) => {
    own(ctx, ctx.params.customer_id);
    return handler(ctx);
  };

/** The customer's record with the consents they gave at sign-up. */
const withAgreements =
  (handler: Handler): Handler =>
  async (ctx) => {
    const reply = await handler(ctx);
    const given = ctx.project.agreementsOf(ctx.params.customer_id ?? '');
    const data = (reply.body as { data?: { personal_information?: Record<string, unknown> } } | undefined)
      ?.data;
    if (given && data?.personal_information) data.personal_information.agreement = given;
    return reply;
  };

const forOwnQuery =
  (handler: Handler): Handler =>
  (ctx) => {
    own(ctx, str(ctx.query, 'customer_id'));
    return handler(ctx);
  };

export const postToken: Handler = (ctx) => {
  const body = bodyOf<'postToken'>(ctx);
  if (!state(ctx).applications.has(body.external_application_id)) throw unknownApplication();
  if (!ctx.project.data.languages.some((l) => l.language_id === body.setup.language_id))
    throw invalid('language_id', 'not_allowed_value', body.setup.language_id);
  const record = state(ctx).createToken(
    body.device.device_id,
    body.external_application_id,
    body.setup.language_id,
  );
  return ok({ token_id: record.token }, 201);
};

function customerByLogin(ctx: HandlerContext, type: 'email' | 'phone' | 'card', value: string): Customer {
  const { project } = ctx;
  let customer: Customer | undefined;
  if (type === 'card') {
    const card = project.cardByNumber(value.trim());
    if (card?.customer_id && card.state === 0)
      throw invalid('login_value', 'card_is_blocked', '', 'The card is blocked.');
    customer = card?.customer_id ? project.customer(card.customer_id) : undefined;
  } else if (type === 'email') {
    customer = project.customerByEmail(value.trim());
  } else {
    customer = project.customerByPhone(value);
  }
  // A deleted account cannot log in; the answer does not say it ever existed.
  if (!customer || customer.state === 0)
    throw invalid('login_value', 'not_found', '', 'No customer with this login.');
  return customer;
}

export const postTokenLogin: Handler = (ctx) => {
  const current = pathDevice(ctx);
  const body = bodyOf<'postTokenLogin'>(ctx);
  const customer = customerByLogin(ctx, body.login_type, body.login_value);
  const stored = ctx.project.passwordHash(customer.customer_id);
  if (!stored || stored !== passwordHash(customer.customer_id, body.password))
    throw invalid('password', 'not_allowed_value', '', 'The password is wrong.');
  current.customerId = customer.customer_id;
  return ok({ customer_id: customer.customer_id });
};

export const getTokenAuthentication: Handler = (ctx) => {
  pathDevice(ctx);
  const customer = loggedInCustomer(ctx);
  const applicationId = str(ctx.query, 'external_application_id') ?? '';
  if (!state(ctx).applications.has(applicationId))
    throw invalid('external_application_id', 'not_found', applicationId);
  const code = state(ctx).issueAppLoginCode(
    customer.customer_id,
    applicationId,
    ctx.auth.nowMs,
    ctx.query.token_type === 2 ? 'numeric' : 'alphanumeric',
  );
  return ok({
    authentication_token: code.token,
    token_request_id: code.requestId,
    valid_to: localDateTime(new Date(code.expiresAtMs), ctx.auth.timeZone),
  });
};

export const postTokenAuthTokenLogin: Handler = (ctx) => {
  const current = pathDevice(ctx);
  const body = bodyOf<'postTokenAuthTokenLogin'>(ctx);
  const api = state(ctx);
  if (body.application_id !== current.applicationId)
    throw invalid(
      'application_id',
      'not_allowed_value',
      body.application_id,
      'The code is for another application.',
    );
  const code = api.appLoginCode(body.token);
  if (!code)
    throw invalid('token', 'not_found', '', 'No such authentication token (or it was used already).');
  if (code.expiresAtMs <= ctx.auth.nowMs) {
    api.useAppLoginCode(body.token);
    throw invalid('token', 'not_allowed_value', '', 'The authentication token has expired.');
  }
  if (code.requestId !== body.token_request_id)
    throw invalid('token_request_id', 'not_allowed_value', '', 'The request id does not match the token.');
  if (code.applicationId !== body.application_id)
    throw invalid(
      'application_id',
      'not_allowed_value',
      body.application_id,
      'The code is for another application.',
    );
  const customer = ctx.project.customer(code.customerId);
  api.useAppLoginCode(body.token);
  if (!customer || customer.state === 0)
    throw invalid('token', 'not_found', '', 'No such authentication token.');
  current.customerId = customer.customer_id;
  return ok({ customer_id: customer.customer_id });
};

export const postTokenLogout: Handler = (ctx) => {
  pathDevice(ctx).customerId = null;
  return { status: 204 };
};

export const postTokenSendPasswordSetup: Handler = (ctx) => {
  pathDevice(ctx);
  const body = bodyOf<'postTokenSendPasswordSetup'>(ctx);
  let recipient: string;
  if (body.communication_channel_id !== undefined || body.recipient !== undefined) {
    if (body.communication_channel_id === undefined) throw invalid('communication_channel_id', 'required');
    if (body.recipient === undefined) throw invalid('recipient', 'required');
    if (body.communication_channel_id !== emailChannelId)
      throw invalid('communication_channel_id', 'not_found', body.communication_channel_id);
    recipient = body.recipient;
  } else if (body.email !== undefined) {
    recipient = body.email;
  } else {
    throw invalid(
      'communication_channel_id',
      'required',
      '',
      'Give communication_channel_id and recipient (or the deprecated email).',
    );
  }
  // The answer is the same whether or not a customer has this address: nobody learns who is a member.
  const customer = ctx.project.customerByEmail(recipient.trim());
  state(ctx).outbox.push({
    at: ctx.now,
    channel_id: emailChannelId,
    recipient: recipient.trim(),
    customer_id: customer && customer.state !== 0 ? customer.customer_id : null,
    kind: 'password_setup',
  });
  return { status: 204 };
};

const COMMON_PASSWORDS = new Set([
  'password1',
  'password123',
  'abc12345',
  'qwerty123',
  'heslo123',
  '12345678a',
]);

/** CareCloud's rule: at least 8 characters, a number and an uppercase letter, not a common password. */
function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'The password must have at least 8 characters.';
  if (!/\d/.test(password)) return 'The password must contain a number.';
  if (!/\p{Lu}/u.test(password)) return 'The password must contain an uppercase letter.';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'The password is too common.';
  return null;
}

export const postCustomerSignUp: Handler = async (ctx) => {
  const current = device(ctx);
  const body = bodyOf<'postCustomer'>(ctx);
  if (body.autologin && body.password === undefined)
    throw invalid('password', 'required', '', 'autologin needs a password.');
  if (body.password !== undefined) {
    const problem = passwordProblem(body.password);
    if (problem) throw invalid('password', 'invalid_value_format', '', problem);
  }
  const agreement = body.customer.personal_information.agreement;
  for (const custom of agreement?.custom_agreements ?? []) {
    if (!agreements.some((a) => a.agreement_id === custom.agreement_id))
      throw invalid('agreement_id', 'not_found', custom.agreement_id, 'No consent with this id.');
  }
  const reply = await postCustomer(ctx);
  const customerId = (reply.body as { data: { customer_id: string } }).data.customer_id;
  if (agreement) ctx.project.setAgreements(customerId, agreement);
  if (body.password !== undefined)
    ctx.project.setPasswordHash(customerId, passwordHash(customerId, body.password));
  if (body.autologin) current.customerId = customerId;
  return reply;
};

export const getOwnVoucher: Handler = (ctx) => {
  const customer = loggedInCustomer(ctx);
  const voucher = ctx.project.voucher(ctx.params.voucher_id ?? '');
  if (voucher && voucher.customer_id !== customer.customer_id)
    throw invalid(
      'voucher_id',
      'not_belong_to_logged_in_customer',
      voucher.voucher_id,
      'The value does not belong to the logged-in customer.',
    );
  return getVoucher(ctx);
};

export const postOwnCard: Handler = (ctx) => {
  own(ctx, bodyOf<'postAssignCard'>(ctx).customer_id);
  return postAssignCard(ctx);
};

export const postOwnRewardVoucher: Handler = (ctx) => {
  own(ctx, bodyOf<'postRewardCreateVoucher'>(ctx).customer_id);
  return postRewardCreateVoucher(ctx);
};

/** Every operation the sandbox serves on the Customer API, by operationId. */
export const customerHandlers: Record<string, Handler> = {
  postToken,
  postTokenLogin,
  postTokenAuthTokenLogin,
  getTokenAuthentication,
  postTokenLogout,
  postTokenSendPasswordSetup,
  getConsents,
  postCustomer: postCustomerSignUp,
  getCustomer: forOwnPath(withAgreements(getCustomer)),
  getSubCustomerCards: forOwnPath(getSubCustomerCards),
  getSubCustomerVouchers: forOwnPath(getSubCustomerVouchers),
  getSubCustomerRewards: forOwnPath(getSubCustomerRewards),
  getWalletPoints: forOwnQuery(getWalletPoints),
  getWalletCredits: forOwnQuery(getWalletCredits),
  getWalletPointsExpiration: forOwnQuery(getWalletPointsExpiration),
  getVoucher: getOwnVoucher,
  postRewardCreateVoucher: postOwnRewardVoucher,
  getRewards,
  getReward,
  getCustomerSources,
  getCurrencies,
  getCardTypes,
  getTestsConnection,
  postValidateFreeCard,
  postAssignCard: postOwnCard,
};
