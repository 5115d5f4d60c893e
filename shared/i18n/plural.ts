// A message whose words follow a number: Czech has one (1), few (2–4), many (fractions)
// and other (0, 5+); English one and other. The form is chosen by Intl.PluralRules.
import { locale, type Language } from './language.ts';

export type PluralCategory = Intl.LDMLPluralRule;

export interface Plural {
  /** The placeholder whose number picks the form. */
  readonly by: string;
  readonly forms: Readonly<Partial<Record<PluralCategory, string>>> & { readonly other: string };
}

export type Message = string | Plural;

export function plural(by: string, forms: Plural['forms']): Plural {
  return { by, forms };
}

export function isPlural(message: Message): message is Plural {
  return typeof message !== 'string';
}

const rules = new Map<Language, Intl.PluralRules>();

/** The plural category of `count` in `language`, e.g. cs 2 -> few, cs 21 -> other. */
export function pluralCategory(language: Language, count: number): PluralCategory {
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(locale(language));
    rules.set(language, rule);
  }
  return rule.select(count);
}

/** The categories a language's numbers fall into, as Intl knows them. */
export function pluralCategories(language: Language): readonly PluralCategory[] {
  return new Intl.PluralRules(locale(language)).resolvedOptions().pluralCategories;
}

/** The text of a plural message for `count`; a number that is missing or not finite takes `other`. */
export function pluralForm(language: Language, message: Plural, count: unknown): string {
  if (typeof count !== 'number' || !Number.isFinite(count)) return message.forms.other;
  return message.forms[pluralCategory(language, count)] ?? message.forms.other;
}
