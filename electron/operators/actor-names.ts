// Who the audit log names, as the asking screen's language says it: the demo's operators and
// the PIN refused while nobody was signed in are recorded in English and shown in either.
import type { Language } from '../../shared/i18n/language.ts';
import { demoOperatorName } from './demo-operators.ts';

/** The audit's actor for a PIN typed while no operator is signed in. */
export const NOBODY_SIGNED_IN = 'nobody signed in';
const nobodySignedIn: Record<Language, string> = { en: NOBODY_SIGNED_IN, cs: 'nikdo nepřihlášen' };

export function actorName(recorded: string, language: Language): string {
  return recorded === NOBODY_SIGNED_IN ? nobodySignedIn[language] : demoOperatorName(recorded, language);
}
