// The languages the terminal speaks, and how a CareCloud request asks for them.
export const languages = ['cs', 'en'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The Accept-Language header the main process sends CareCloud for the chosen language. */
export function acceptLanguage(language: Language): string {
  return language === 'cs' ? 'cs, en;q=0.5' : 'en, cs;q=0.5';
}

/** BCP 47 locale for Intl formatting. */
export function locale(language: Language): string {
  return language === 'cs' ? 'cs-CZ' : 'en-GB';
}
