// A sign-up problem as a sentence of the screen's language.
import type { MessageKey } from '../../../../shared/i18n/index.ts';
import type { SignupProblem } from '../../../../shared/signup.ts';
import type { Locale } from '../../state/locale.svelte.ts';

const sentences: Record<SignupProblem['reason'], MessageKey> = {
  required: 'signup.problem.required',
  too_long: 'signup.problem.tooLong',
  invalid: 'signup.problem.invalid',
  in_future: 'signup.problem.inFuture',
  already_registered: 'signup.problem.alreadyRegistered',
  card_not_free: 'signup.problem.cardNotFree',
  card_unknown: 'signup.problem.cardUnknown',
  not_verified: 'signup.problem.notVerified',
  cannot_verify_offline: 'signup.problem.cannotVerifyOffline',
  unknown_consent: 'signup.problem.unknownConsent',
};

export function signupProblemText(locale: Locale, problem: SignupProblem): string {
  if (problem.field === 'contact') return locale.t('signup.problem.contact');
  return locale.t(sentences[problem.reason]);
}
