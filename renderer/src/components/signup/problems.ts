// A sign-up problem as a sentence of the screen's language.
import type { Language } from '../../../../shared/i18n/language.ts';
import { signupFormWords, type SignupFormKey } from '../../../../shared/i18n/messages/signup-form.ts';
import type { SignupProblem } from '../../../../shared/signup.ts';

const sentences: Record<SignupProblem['reason'], SignupFormKey> = {
  required: 'problem.required',
  too_long: 'problem.tooLong',
  invalid: 'problem.invalid',
  in_future: 'problem.inFuture',
  already_registered: 'problem.alreadyRegistered',
  card_not_free: 'problem.cardNotFree',
  card_unknown: 'problem.cardUnknown',
  not_verified: 'problem.notVerified',
  cannot_verify_offline: 'problem.cannotVerifyOffline',
  unknown_consent: 'problem.unknownConsent',
};

export function signupProblemText(language: Language, problem: SignupProblem): string {
  return signupFormWords[language][
    problem.field === 'contact' ? 'problem.contact' : sentences[problem.reason]
  ];
}
