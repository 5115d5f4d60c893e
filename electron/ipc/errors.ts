// Thrown errors become typed results here, and only here: services throw the domain's
// refusals (electron/domain/errors.ts) and CareCloud's failures, and know no answer codes.
// Messages are ours: a raw error text could carry a URL, a header or a body, so it never
// reaches a screen.
import { CartError } from '../../shared/checkout/cart.ts';
import { failure, type ErrorCode, type ErrorReason, type Result } from '../../shared/ipc/result.ts';
import {
  AuthenticationError,
  CareCloudError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../carecloud/errors.ts';
import { NoCustomerSessionError, UnknownCardTypeError } from '../carecloud/customer-client.ts';
import {
  DomainError,
  InvalidInput,
  InvalidState,
  NotConfigured,
  NotFound,
  PinRefused,
  RefusedByCareCloud,
  Unavailable,
  type PinRefusal,
  type RefusalReason,
  type Unreachable,
} from '../domain/errors.ts';
import { SendUncertainError } from '../journal/errors.ts';
import { ShiftStateError, type ShiftRefusal } from '../journal/shifts.ts';
import { EncryptionUnavailableError } from '../settings/cipher.ts';
import { InvalidSettingsError } from '../settings/settings-service.ts';

/**
 * The one answer to a refused PIN at every prompt (sign-in, cancellation, queue, settings,
 * unlock): it never says whether the PIN belongs to somebody, or to whom.
 */
export function pinFailure(refusal: PinRefusal): Result<never> {
  if (refusal.reason === 'locked')
    return failure('locked', 'Too many wrong PINs; PINs are locked here for a while', {
      until: refusal.until.toISOString(),
    });
  return failure('wrong_pin', 'PIN not accepted', { attemptsLeft: refusal.attemptsLeft });
}

function reasonsOf(error: CareCloudError): ErrorReason[] {
  return error.invalidParams.map((p) => ({ name: p.name, reason: p.reason, message: p.message ?? p.reason }));
}

function listed(reasons: readonly RefusalReason[]): { reasons?: ErrorReason[] } {
  return reasons.length > 0
    ? { reasons: reasons.map((r) => ({ name: r.name, reason: r.reason, message: r.message })) }
    : {};
}

const shiftCodes: Record<ShiftRefusal, ErrorCode> = {
  shift_already_open: 'shift_open',
  shift_closed: 'shift_closed',
  no_open_shift: 'no_open_shift',
};

const unavailableCodes: Record<Unreachable, ErrorCode> = {
  carecloud: 'carecloud_unavailable',
  offline: 'offline',
  journal: 'journal_unavailable',
};

/** A service's refusal as the answer the screens word; the more particular kinds first. */
function domainAnswer(error: DomainError): Result<never> {
  if (error instanceof PinRefused) return pinFailure(error.refusal);
  if (error instanceof ShiftStateError) return failure(shiftCodes[error.refusal], error.message);
  if (error instanceof SendUncertainError) return failure('maybe_in_carecloud', error.message);
  if (error instanceof NotFound) return failure('not_found', error.message);
  if (error instanceof InvalidState) return failure('invalid_state', error.message);
  if (error instanceof InvalidInput) return failure('invalid_payload', error.message, listed(error.reasons));
  if (error instanceof NotConfigured) return failure('not_configured', error.message);
  if (error instanceof RefusedByCareCloud)
    return failure('carecloud_rejected', error.message, listed(error.reasons));
  if (error instanceof Unavailable) return failure(unavailableCodes[error.what], error.message);
  return failure('internal', 'Something went wrong in the terminal; the details are in its log');
}

export function errorToResult(error: unknown): Result<never> {
  if (error instanceof DomainError) return domainAnswer(error);
  if (error instanceof UnknownCardTypeError)
    return failure('unknown_card', 'No card type of the project has this card number\u2019s prefix');
  if (error instanceof NoCustomerSessionError)
    return failure('not_signed_in', 'No customer is signed in on this kiosk');
  if (error instanceof CartError)
    return failure('invalid_payload', error.message, {
      reasons: [{ name: 'cart', reason: 'invalid', message: error.message }],
    });
  if (error instanceof InvalidSettingsError)
    return failure('invalid_settings', 'Some settings are invalid', { reasons: error.reasons });
  if (error instanceof EncryptionUnavailableError) return failure('invalid_settings', error.message);
  if (error instanceof ConnectionError) return failure('offline', 'CareCloud cannot be reached');
  if (
    error instanceof RateLimitError ||
    error instanceof ServerError ||
    error instanceof UnexpectedResponseError
  ) {
    return failure('carecloud_unavailable', 'CareCloud is not answering properly; try again shortly');
  }
  if (error instanceof AuthenticationError)
    return failure('carecloud_rejected', 'CareCloud refused the terminal\u2019s credentials');
  if (error instanceof NotFoundError)
    return failure('customer_not_found', 'CareCloud does not know this record');
  if (error instanceof InvalidRequestError || error instanceof CareCloudError) {
    return failure('carecloud_rejected', 'CareCloud refused the request', { reasons: reasonsOf(error) });
  }
  return failure('internal', 'Something went wrong in the terminal; the details are in its log');
}
