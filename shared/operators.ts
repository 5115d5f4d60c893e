// Who works at the terminal and the session the screens follow: what main's operators and
// session services answer, and what the screens show of them.
import type { Language } from './i18n/language.ts';
import type { TerminalMode } from './settings.ts';

export type Role = 'cashier' | 'manager';

export interface Operator {
  id: string;
  name: string;
  role: Role;
}

export interface SessionStatus {
  demo: boolean;
  operator: Operator | null;
  store: { id: string; name: string } | null;
  cashdeskNumber: string | null;
  language: Language;
  /** The terminal's time zone setting (IANA): every time a screen shows is on this clock. */
  timeZone: string;
  /** ISO instant until which PIN sign-in is locked after too many wrong PINs. */
  lockedUntil: string | null;
  /** Absent on a till; `kiosk` when the screens must show the kiosk (its channels are `kiosk.*`). */
  mode?: TerminalMode;
}
