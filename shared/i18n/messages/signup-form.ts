// The sign-up form's own words, loaded with the form (its chunk), not with the first screen.
// Czech and English with the same keys; plain sentences without values.
const en = {
  title: 'New customer',
  offline:
    'CareCloud cannot be reached: the sign-up is kept and sent when the terminal is online. ' +
    'E-mail and phone cannot be checked now.',
  noConsents: 'The consents have never been downloaded; sign-up needs CareCloud once.',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  language: 'Language',
  birthdate: 'Birth date (optional)',
  card: 'Loyalty card',
  cardHint: 'Scan a new card, or leave empty for none.',
  consents: 'Consents (each only if the customer agrees)',
  cancel: 'Cancel',
  submit: 'Sign up',
  submitting: 'Signing up…',
  free: 'Free to register',
  taken: 'Already registered',
  checking: 'Checking…',
  notChecked: 'Not checked: CareCloud cannot be asked now',
  sendCode: 'Send a code by text message',
  resendCode: 'Send the code again',
  code: 'Code',
  verify: 'Verify',
  verified: 'Phone number verified',
  codeWrong: 'This code is not right, or it has expired.',
  'problem.required': 'Fill this in.',
  'problem.contact': 'Give an e-mail or a phone number.',
  'problem.tooLong': 'This is too long.',
  'problem.invalid': 'This does not look right.',
  'problem.inFuture': 'A birth date cannot be in the future.',
  'problem.alreadyRegistered': 'A customer with this is already registered; find them in the search.',
  'problem.cardNotFree': 'This card already belongs to someone or is blocked.',
  'problem.cardUnknown': 'CareCloud does not know this card.',
  'problem.notVerified': 'Confirm the phone number with the code first.',
  'problem.cannotVerifyOffline':
    'The phone cannot be verified while CareCloud is unreachable; leave it out or sign up by e-mail.',
  'problem.unknownConsent': 'The consents changed; close the form and open it again.',
} as const;

export type SignupFormKey = keyof typeof en;

const cs: Readonly<Record<SignupFormKey, string>> = {
  title: 'Nový zákazník',
  offline:
    'CareCloud není dostupný: registrace se uloží a odešle, až bude pokladna online. ' +
    'E-mail a telefon teď nejde ověřit.',
  noConsents: 'Souhlasy ještě nebyly staženy; registrace potřebuje aspoň jednou CareCloud.',
  firstName: 'Jméno',
  lastName: 'Příjmení',
  email: 'E-mail',
  phone: 'Telefon',
  language: 'Jazyk',
  birthdate: 'Datum narození (nepovinné)',
  card: 'Věrnostní karta',
  cardHint: 'Naskenujte novou kartu, nebo nechte prázdné.',
  consents: 'Souhlasy (každý jen pokud zákazník souhlasí)',
  cancel: 'Zrušit',
  submit: 'Registrovat',
  submitting: 'Registruji…',
  free: 'Lze registrovat',
  taken: 'Už je registrován',
  checking: 'Ověřuji…',
  notChecked: 'Neověřeno: CareCloud se teď nedá zeptat',
  sendCode: 'Poslat kód SMS',
  resendCode: 'Poslat kód znovu',
  code: 'Kód',
  verify: 'Ověřit',
  verified: 'Telefonní číslo ověřeno',
  codeWrong: 'Kód nesouhlasí, nebo vypršel.',
  'problem.required': 'Vyplňte.',
  'problem.contact': 'Zadejte e-mail nebo telefon.',
  'problem.tooLong': 'Toto je příliš dlouhé.',
  'problem.invalid': 'Toto nevypadá správně.',
  'problem.inFuture': 'Datum narození nemůže být v budoucnosti.',
  'problem.alreadyRegistered': 'Zákazník s tímto údajem už je registrován; najděte ho ve vyhledávání.',
  'problem.cardNotFree': 'Tato karta už někomu patří nebo je blokovaná.',
  'problem.cardUnknown': 'CareCloud tuto kartu nezná.',
  'problem.notVerified': 'Nejdřív ověřte telefonní číslo kódem.',
  'problem.cannotVerifyOffline':
    'Telefon nejde ověřit, dokud je CareCloud nedostupný; vynechte ho nebo registrujte e-mailem.',
  'problem.unknownConsent': 'Souhlasy se změnily; zavřete formulář a otevřete ho znovu.',
};

export const signupFormWords: Readonly<Record<'cs' | 'en', Readonly<Record<SignupFormKey, string>>>> = {
  en,
  cs,
};
