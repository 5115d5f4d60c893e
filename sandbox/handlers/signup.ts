// Sign-up at the lane: whether an e-mail or phone is still free, and one-time codes (kept
// in memory; a test reads them through the control API). The consents are agreements.ts.
import { randomBytes, randomInt } from 'node:crypto';
import { invalid } from '../errors.ts';
import { localDateTime } from '../time.ts';
import { bodyOf, ok, type Handler, type HandlerContext } from './context.ts';

const OTP_VALID_MS = 3_600_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\d{6,15}$/;

export const postCustomersCheckRegistrationAbility: Handler = (ctx) => {
  const body = bodyOf<'postCustomersCheckRegistrationAbility'>(ctx);
  if (body.type === 'email') {
    if (!EMAIL.test(body.value))
      throw invalid('value', 'invalid_value_format', body.value, 'Not an e-mail address.');
    return ok({ registration_ability: ctx.project.customerByEmail(body.value) === undefined });
  }
  if (!PHONE.test(body.value))
    throw invalid(
      'value',
      'invalid_value_format',
      body.value,
      'A phone number is digits with the international prefix.',
    );
  return ok({ registration_ability: ctx.project.customerByPhone(body.value) === undefined });
};

function checkApplication(ctx: HandlerContext, applicationId: string): void {
  if (applicationId !== ctx.auth.credentials.user_external_application_id)
    throw invalid(
      'external_application_id',
      'not_found',
      applicationId,
      'No external application with this id.',
    );
}

export const postSendOtp: Handler = (ctx) => {
  const body = bodyOf<'postSendOtp'>(ctx);
  checkApplication(ctx, body.external_application_id);
  if (body.communication_channel_id === 1 && !EMAIL.test(body.recipient))
    throw invalid('recipient', 'invalid_value_format', body.recipient, 'Not an e-mail address.');
  if (body.communication_channel_id === 2 && !PHONE.test(body.recipient))
    throw invalid(
      'recipient',
      'invalid_value_format',
      body.recipient,
      'A phone number is digits with the international prefix.',
    );
  if (body.communication_channel_id === 4 || body.communication_channel_id === 5)
    throw invalid(
      'communication_channel_id',
      'not_allowed_value',
      body.communication_channel_id,
      'This project sends codes by e-mail and text message only.',
    );
  const numeric = (body.otp_type ?? 1) === 2;
  const code = numeric
    ? String(randomInt(0, 1_000_000)).padStart(6, '0')
    : randomBytes(4).toString('hex').slice(0, 6).toUpperCase();
  const requestId = randomBytes(20).toString('hex');
  ctx.project.oneTimePasswords.set(requestId, {
    requestId,
    code,
    recipient: body.recipient,
    channel: body.communication_channel_id,
    validTo: localDateTime(new Date(ctx.auth.nowMs + OTP_VALID_MS), ctx.auth.timeZone),
    used: false,
  });
  return ok({ request_id: requestId });
};

export const postVerifyOtp: Handler = (ctx) => {
  const body = bodyOf<'postVerifyOtp'>(ctx);
  checkApplication(ctx, body.external_application_id);
  const sent = ctx.project.oneTimePasswords.get(body.request_id);
  if (!sent)
    throw invalid(
      'request_id',
      'not_found',
      body.request_id,
      'No one-time password was sent with this request id.',
    );
  const valid =
    !sent.used &&
    sent.validTo >= ctx.now &&
    sent.code.toUpperCase() === body.verification_code.trim().toUpperCase();
  if (valid) sent.used = true;
  return ok({ is_valid: valid });
};
