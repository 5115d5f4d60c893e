// One sentence for the cashier for every error the main process can answer with.
// The main process's own message is English and for logs; it is never shown.
import { reasonSentence, type Language, type MessageKey } from '../../../shared/i18n/index.ts';
import type { ErrorCode, PosError } from '../../../shared/ipc/index.ts';
import type { Locale } from './locale.svelte.ts';

const keyByCode: Readonly<Record<ErrorCode, MessageKey>> = {
  invalid_payload: 'error.invalidPayload',
  unknown_channel: 'error.internal',
  forbidden_sender: 'error.internal',
  not_signed_in: 'error.notSignedIn',
  forbidden_role: 'error.managerOnly',
  not_demo: 'error.notDemo',
  wrong_pin: 'pin.refused',
  locked: 'error.locked',
  unknown_card: 'error.unknownCard',
  card_blocked: 'error.cardBlocked',
  customer_deleted: 'error.customerDeleted',
  customer_not_found: 'error.notFound',
  offline: 'error.offline',
  wrong_credentials: 'error.wrongCredentials',
  carecloud_rejected: 'error.rejected',
  carecloud_unavailable: 'error.server',
  not_configured: 'error.notConfigured',
  invalid_settings: 'error.invalid',
  not_found: 'error.notFound',
  invalid_state: 'error.invalidState',
  maybe_in_carecloud: 'error.maybeInCareCloud',
  journal_unavailable: 'error.journalUnavailable',
  no_open_shift: 'error.noOpenShift',
  shift_open: 'error.shiftOpen',
  shift_closed: 'error.shiftClosed',
  internal: 'error.internal',
};

/** CareCloud's reasons as sentences, or null when the error carries none. */
export function reasonsSentence(language: Language, error: PosError): string | null {
  if (!error.reasons || error.reasons.length === 0) return null;
  const sentences = error.reasons.map((reason) => reasonSentence(language, reason));
  return [...new Set(sentences)].join(' ');
}

export function errorSentence(locale: Locale, error: PosError): string {
  if (error.code === 'carecloud_rejected') {
    const reasons = reasonsSentence(locale.language, error);
    if (reasons) return reasons;
  }
  return locale.t(keyByCode[error.code] ?? 'error.internal');
}

/** True for the answers every PIN prompt words as a refused PIN: wrong, or PINs locked here. */
export function isPinRefusal(error: PosError): boolean {
  return error.code === 'wrong_pin' || error.code === 'locked';
}

/**
 * The error, when it is a refused PIN (wrong, or PINs locked here); anything else is the action's own outcome.
 * Every prompt (sign-in, manager PINs, unlock, the shift's close, settings) asks this, so they agree.
 */
export function pinRefusalOf(
  result: { ok: true } | { ok: false; error: PosError } | null | undefined,
): PosError | null {
  if (!result || result.ok) return null;
  return isPinRefusal(result.error) ? result.error : null;
}

/** PINs locked here: until when, when the time is known and readable. */
export function lockedSentence(
  locale: Locale,
  until: Date | string | null | undefined,
  now: Date = new Date(),
): string {
  const end = until === null || until === undefined ? null : new Date(until);
  return end && !Number.isNaN(end.getTime())
    ? locale.t('pin.locked', { time: locale.time(end, now) })
    : locale.t('error.locked');
}

/** The one sentence for a refused PIN at every prompt: sign-in, manager PINs, unlock. */
export function pinRefusalSentence(locale: Locale, error: PosError, now: Date = new Date()): string {
  if (error.code === 'locked') return lockedSentence(locale, error.until, now);
  if (error.code !== 'wrong_pin') return errorSentence(locale, error);
  if (error.attemptsLeft === 1) return locale.t('pin.refusedLast');
  if (typeof error.attemptsLeft === 'number')
    return locale.t('pin.refusedLeft', { remaining: error.attemptsLeft });
  return locale.t('pin.refused');
}
