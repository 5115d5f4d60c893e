// What a request came to: its value, or a refusal with a code the screens translate. The
// services that answer with such codes (customer lookups, the kiosk) return it, and every
// IPC answer is one (shared/ipc/result.ts): the renderer branches on `ok`, never on thrown errors.
export type ErrorCode =
  // transport and access
  | 'invalid_payload'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'not_signed_in'
  | 'forbidden_role'
  | 'not_demo'
  // PINs: one answer for every refused PIN, whatever made it wrong
  | 'wrong_pin'
  | 'locked'
  // customers
  | 'unknown_card'
  | 'card_blocked'
  | 'customer_deleted'
  | 'customer_not_found'
  | 'offline'
  // the kiosk: CareCloud refused the customer's card, e-mail or phone with that password, or the QR token
  | 'wrong_credentials'
  // CareCloud and settings
  | 'carecloud_rejected'
  | 'carecloud_unavailable'
  | 'not_configured'
  | 'invalid_settings'
  // checkout and the manager's queue
  | 'not_found'
  | 'invalid_state'
  | 'maybe_in_carecloud'
  | 'journal_unavailable'
  // the lane's shift
  | 'no_open_shift'
  | 'shift_open'
  | 'shift_closed'
  | 'internal';

/** One invalid parameter as CareCloud or our validation reported it. */
export interface ErrorReason {
  name: string;
  reason: string;
  message: string;
}

export interface PosError {
  code: ErrorCode;
  /** A plain English sentence for logs and fallbacks; screens translate by `code`/`reasons`. */
  message: string;
  reasons?: ErrorReason[];
  /** ISO instant the terminal unlocks (code `locked`). */
  until?: string;
  /** Wrong PINs left at this prompt before it locks (code `wrong_pin`). */
  attemptsLeft?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T = never>(
  code: ErrorCode,
  message: string,
  extra: Omit<PosError, 'code' | 'message'> = {},
): Result<T> {
  return { ok: false, error: { code, message, ...extra } };
}
