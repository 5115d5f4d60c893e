// Sign-up at the lane: the form as the screens send it, its checks (the same in the
// renderer and in main), and the answers. Plain TypeScript: no Node, no DOM, no zod
// (the renderer bundles this; the payload schema is in the IPC contract).
import type { CardSummary, CustomerSummary } from './customers.ts';
import { careCloudPhone } from './phone.ts';

/**
 * Off, offered (a button on the lookup and the sale), or required: a free card shown at a sale is signed up before it
 * joins the sale.
 */
export const SIGNUP_MODES = ['off', 'offered', 'required'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const CARD = /^[\x21-\x7e]{1,64}$/;

export function isEmail(text: string): boolean {
  return text.length <= EMAIL_MAX && EMAIL.test(text);
}

/** The form as the screens send it; checked by `signupFormSchema` in the IPC contract. */
export interface SignupForm {
  /**
   * The form's own id, fixed when it opens: a second press of "Sign up" sends the same one and gets the same answer.
   */
  requestId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: string;
  /** `YYYY-MM-DD`, or empty. */
  birthdate: string;
  consents: { agreementId: string; given: boolean }[];
  cardNumber: string;
  /** The one-time code request the phone was verified with (`signup.verifyCode`). */
  verificationId: string | null;
}

export type SignupField =
  | 'firstName'
  | 'lastName'
  | 'contact'
  | 'email'
  | 'phone'
  | 'birthdate'
  | 'language'
  | 'cardNumber'
  | 'consents';
export type SignupReason =
  | 'required'
  | 'too_long'
  | 'invalid'
  | 'in_future'
  | 'already_registered'
  | 'card_not_free'
  | 'card_unknown'
  | 'not_verified'
  | 'cannot_verify_offline'
  | 'unknown_consent';

export interface SignupProblem {
  field: SignupField;
  reason: SignupReason;
}

/** `2024-02-30` is not a day: the date must come back the same from the calendar. */
function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text && Number(match[1]) >= 1900;
}

/**
 * What is wrong with a form before anything is asked of CareCloud. `today` is the terminal's
 * `YYYY-MM-DD`; `storeCountry` gives a local phone number its prefix.
 */
export function signupProblems(
  form: Omit<SignupForm, 'requestId' | 'verificationId'>,
  today: string,
  storeCountry: string | null = null,
): SignupProblem[] {
  const problems: SignupProblem[] = [];
  const name = (field: 'firstName' | 'lastName', value: string) => {
    const text = value.trim();
    if (text === '') problems.push({ field, reason: 'required' });
    else if (text.length > NAME_MAX) problems.push({ field, reason: 'too_long' });
    else if (/[\p{Cc}<>]/u.test(text)) problems.push({ field, reason: 'invalid' });
  };
  name('firstName', form.firstName);
  name('lastName', form.lastName);
  const email = form.email.trim();
  const phone = form.phone.trim();
  if (email === '' && phone === '') problems.push({ field: 'contact', reason: 'required' });
  if (email !== '' && !isEmail(email)) problems.push({ field: 'email', reason: 'invalid' });
  if (phone !== '' && careCloudPhone(phone, storeCountry) === null)
    problems.push({ field: 'phone', reason: 'invalid' });
  if (!/^[a-z]{2}$/.test(form.language)) problems.push({ field: 'language', reason: 'required' });
  const birthdate = form.birthdate.trim();
  if (birthdate !== '') {
    if (!isCalendarDay(birthdate)) problems.push({ field: 'birthdate', reason: 'invalid' });
    else if (birthdate > today) problems.push({ field: 'birthdate', reason: 'in_future' });
  }
  const card = form.cardNumber.trim();
  if (card !== '' && !CARD.test(card)) problems.push({ field: 'cardNumber', reason: 'invalid' });
  return problems;
}

/** The consents a form shows: CareCloud's own texts, each with its own tick. */
export interface SignupAgreement {
  id: string;
  name: string;
  text: string;
}

export interface SignupSetup {
  mode: SignupMode;
  /** A phone number is confirmed with a one-time code before the customer is created. */
  verifyPhone: boolean;
  /** Null when they were never downloaded and CareCloud cannot be asked now: no sign-up until it can. */
  agreements: SignupAgreement[] | null;
  /** Language ids CareCloud offers for customers (`cs`, `en`, ...). */
  languages: string[];
  /** CareCloud cannot be asked now: the sign-up is kept and sent later. */
  offline: boolean;
}

export type SignupOutcome =
  /** CareCloud has the customer (and the card, when one was given and it took it). */
  | { outcome: 'registered'; customer: CustomerSummary; card: CardSummary | null; cardRefused: boolean }
  /** Kept in the journal and sent when CareCloud answers; the sale carries the card number meanwhile. */
  | { outcome: 'saved_offline'; firstName: string; lastName: string; cardNumber: string | null }
  /** Nothing was created: what to change. */
  | { outcome: 'refused'; problems: SignupProblem[] };

/** The answer to a single e-mail or phone checked before the customer leaves. */
export interface IdentifierCheck {
  /** True when CareCloud says nobody has it yet; null when CareCloud cannot be asked now. */
  free: boolean | null;
}
