// One sentence for the cashier for every error the main process can answer with.
import { reasonSentence, type Language, type MessageKey } from '../../../shared/i18n/index.ts';
import type { ErrorCode, PosError } from '../../../shared/ipc/index.ts';
import type { Locale } from './locale.svelte.ts';

const keyByCode: Partial<Record<ErrorCode, MessageKey>> = {
  offline: 'error.offline',
  carecloud_unavailable: 'error.offline',
  not_signed_in: 'error.notSignedIn',
  forbidden_role: 'error.managerOnly',
  customer_not_found: 'error.notFound',
  not_configured: 'error.notConfigured',
};

export function reasonsSentence(language: Language, error: PosError): string | null {
  if (!error.reasons || error.reasons.length === 0) return null;
  const sentences = error.reasons.map((reason) => reasonSentence(language, reason));
  return [...new Set(sentences)].join(' ');
}

export function errorSentence(locale: Locale, error: PosError): string {
  if (error.code === 'carecloud_rejected' || error.code === 'invalid_settings') {
    return reasonsSentence(locale.language, error) ?? locale.t('error.invalid');
  }
  const key = keyByCode[error.code];
  if (key) return locale.t(key);
  return locale.t('error.unexpected', { detail: error.message });
}
