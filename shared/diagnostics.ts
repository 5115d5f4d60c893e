// The doctor's findings ("Test connection"), in English for `ccpos doctor` and the log and
// as catalogue sentences for the screens.
import type { MessageKey } from './i18n/index.ts';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** A sentence of the screens' catalogue (`shared/i18n`) and its values. */
export interface SaidSentence {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface DiagnosticCheck {
  id: string;
  title: string;
  status: CheckStatus;
  /** English, for `ccpos doctor` and the log. */
  detail: string;
  /** The same finding as sentences the screens show in their language. */
  said?: SaidSentence[];
}

export interface DiagnosticsReport {
  checks: DiagnosticCheck[];
  /** Overall: fail if any check failed. */
  ok: boolean;
}
