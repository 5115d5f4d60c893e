// Czech and English for every screen: `translate` fills `{name}` placeholders,
// the formatters give money, dates and ages in the cashier's language.
import { en, type MessageKey } from './messages/en.ts';
import { cs } from './messages/cs.ts';
import { locale, type Language } from './language.ts';
import { isPlural, pluralForm, type Message } from './plural.ts';

export { languages, isLanguage, acceptLanguage, locale, type Language } from './language.ts';
export { reasonSentence, knownReasons, type InvalidParam } from './reasons.ts';
export type { MessageKey } from './messages/en.ts';
export {
  plural,
  isPlural,
  pluralCategory,
  pluralCategories,
  type Plural,
  type PluralCategory,
  type Message,
} from './plural.ts';
export { formatTime, formatDateTime, formatDate, instantOf, dayStartIn } from './time.ts';

const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, Message>>>> = { en, cs };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Whether a text (e.g. one that came over IPC) names a message of the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The catalogue's entry for a key: a sentence, or the forms of a plural message. */
export function message(language: Language, key: MessageKey): Message {
  return catalogues[language][key];
}

/**
 * The sentence for a key with its `{name}` placeholders filled. A plural message takes
 * the form its number's category asks for (cs 2 -> few: "2 záznamy"), and that number
 * is written as the language writes numbers ("1 500").
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return fillMessage(language, catalogues[language][key], params);
}

/** `translate` for an entry of another catalogue (the kiosk's): the same forms and placeholders. */
export function fillMessage(language: Language, entry: Message, params?: MessageParams): string {
  const text = isPlural(entry) ? pluralForm(language, entry, params?.[entry.by]) : entry;
  if (!params) return text;
  const counted = isPlural(entry) ? entry.by : null;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return name === counted && typeof value === 'number' ? formatNumber(language, value) : String(value);
  });
}

/** Money from integer minor units, e.g. 12950 CZK -> "129,50 Kč". */
export function formatMoney(language: Language, minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(locale(language), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/**
 * A line quantity as the cart holds it: pieces, or kilograms to the gram (at most three decimals), never rounded
 * further.
 */
export function formatQuantity(language: Language, value: number): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 3 }).format(value);
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** How long ago, in the largest whole unit: "42 s", "3 min", "5 h", "2 d". */
export function formatAge(language: Language, milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return translate(language, 'age.seconds', { n: seconds });
  if (seconds < 3600) return translate(language, 'age.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return translate(language, 'age.hours', { n: Math.floor(seconds / 3600) });
  return translate(language, 'age.days', { n: Math.floor(seconds / 86_400) });
}
