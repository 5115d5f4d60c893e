// Thrown errors become typed results here, and only here. Messages are ours:
// a raw error text could carry a URL, a header or a body, so it never reaches a screen.
import { failure, type ErrorReason, type Result } from '../../shared/ipc/result.ts';
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
import type { PinOutcome } from '../operators/operators.ts';
import { EncryptionUnavailableError } from '../settings/cipher.ts';
import { InvalidSettingsError } from '../settings/settings-service.ts';

/** A domain failure a service chose to report with a code the screens know. */
export class PosFailure extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? 'failure' : result.error.message);
    this.name = 'PosFailure';
  }
}

/**
 * The one answer to a refused PIN at every prompt (sign-in, cancellation, queue, settings,
 * unlock): it never says whether the PIN belongs to somebody, or to whom.
 */
export function pinFailure(outcome: Exclude<PinOutcome, { ok: true }>): Result<never> {
  if (outcome.reason === 'locked') return failure('locked', 'Too many wrong PINs; PINs are locked here for a while', { until: outcome.until.toISOString() });
  return failure('wrong_pin', 'PIN not accepted', { attemptsLeft: outcome.attemptsLeft });
}

function reasonsOf(error: CareCloudError): ErrorReason[] {
  return error.invalidParams.map((p) => ({ name: p.name, reason: p.reason, message: p.message ?? p.reason }));
}

export function errorToResult(error: unknown): Result<never> {
  if (error instanceof PosFailure) return error.result;
  if (error instanceof InvalidSettingsError) return failure('invalid_settings', 'Some settings are invalid', { reasons: error.reasons });
  if (error instanceof EncryptionUnavailableError) return failure('invalid_settings', error.message);
  if (error instanceof ConnectionError) return failure('offline', 'CareCloud cannot be reached');
  if (error instanceof RateLimitError || error instanceof ServerError || error instanceof UnexpectedResponseError) {
    return failure('carecloud_unavailable', 'CareCloud is not answering properly; try again shortly');
  }
  if (error instanceof AuthenticationError) return failure('carecloud_rejected', 'CareCloud refused the terminal\u2019s credentials');
  if (error instanceof NotFoundError) return failure('customer_not_found', 'CareCloud does not know this record');
  if (error instanceof InvalidRequestError || error instanceof CareCloudError) {
    return failure('carecloud_rejected', 'CareCloud refused the request', { reasons: reasonsOf(error) });
  }
  return failure('internal', 'Something went wrong in the terminal; the details are in its log');
}
