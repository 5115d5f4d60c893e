// What a failed send means for the journal entry: already landed, refused for
// good, or worth another try later (and whether it says CareCloud is unreachable).
import {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  CareCloudError,
} from '../carecloud/errors.ts';
import type { AttemptOutcome, EntryKind, RejectionReason } from '../journal/types.ts';

export type SendFailure =
  | { kind: 'landed'; httpStatus: number }
  | { kind: 'rejected'; reasons: RejectionReason[]; httpStatus: number | null; error: string }
  | {
      kind: 'retry';
      outcome: AttemptOutcome;
      httpStatus: number | null;
      error: string;
      retryAfterMs?: number;
      unreachable: boolean;
    };

/**
 * The refusal that proves an earlier attempt of the same write landed. Only bill_id is such
 * proof; an e-mail or card number "already exists" may be someone else's, so a repeated
 * sign-up or card assignment goes to the manager instead of being called done.
 */
function provesLanded(kind: EntryKind, error: InvalidRequestError): boolean {
  if (kind === 'purchase' || kind === 'cancellation') return error.hasReason('already_exists', 'bill_id');
  if (kind === 'card-assignment') return error.hasReason('relation_already_exists');
  return false;
}

function reasonsOf(error: CareCloudError): RejectionReason[] {
  return error.invalidParams.map((p) => ({
    name: p.name,
    reason: p.reason,
    ...(p.message ? { message: p.message } : {}),
  }));
}

export function classifySendFailure(kind: EntryKind, error: unknown): SendFailure {
  if (error instanceof InvalidRequestError) {
    if (provesLanded(kind, error)) return { kind: 'landed', httpStatus: error.status };
    return { kind: 'rejected', reasons: reasonsOf(error), httpStatus: error.status, error: error.message };
  }
  if (error instanceof RateLimitError) {
    return {
      kind: 'retry',
      outcome: 'rate-limited',
      httpStatus: error.status,
      error: error.message,
      unreachable: false,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (error instanceof ServerError) {
    return {
      kind: 'retry',
      outcome: 'server',
      httpStatus: error.status,
      error: error.message,
      unreachable: true,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (error instanceof AuthenticationError) {
    // 403: this user may not do this; it will not change by waiting. 401 after the client's own re-login: credentials
    // need fixing, keep the sale.
    if (error.status === 403)
      return { kind: 'rejected', reasons: reasonsOf(error), httpStatus: error.status, error: error.message };
    return {
      kind: 'retry',
      outcome: 'auth',
      httpStatus: error.status,
      error: error.message,
      unreachable: false,
    };
  }
  // The request is too big for CareCloud: sending it again cannot help, and says nothing about the network.
  if (error instanceof CareCloudError && error.status === 413)
    return {
      kind: 'rejected',
      reasons: [
        { name: 'bill', reason: 'payload_too_large', message: 'CareCloud refused the request as too large' },
      ],
      httpStatus: 413,
      error: error.message,
    };
  if (error instanceof NotFoundError)
    return { kind: 'rejected', reasons: reasonsOf(error), httpStatus: error.status, error: error.message };
  if (error instanceof CareCloudError)
    return {
      kind: 'retry',
      outcome: 'server',
      httpStatus: error.status,
      error: error.message,
      unreachable: error.status >= 500,
    };
  if (error instanceof ConnectionError)
    return {
      kind: 'retry',
      outcome: error.kind === 'timeout' ? 'timeout' : 'transport',
      httpStatus: null,
      error: error.message,
      unreachable: true,
    };
  if (error instanceof UnexpectedResponseError)
    return {
      kind: 'retry',
      outcome: 'unexpected',
      httpStatus: error.status,
      error: error.message,
      unreachable: true,
    };
  // Our own abort before the lease runs out: nothing came back in time.
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return {
      kind: 'retry',
      outcome: 'timeout',
      httpStatus: null,
      error: 'CareCloud did not answer before the send was abandoned',
      unreachable: true,
    };
  return {
    kind: 'retry',
    outcome: 'unexpected',
    httpStatus: null,
    error: error instanceof Error ? error.message : String(error),
    unreachable: false,
  };
}
