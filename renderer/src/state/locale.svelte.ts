// The language the screens speak. Reading `t` inside markup makes the text
// follow every switch without a reload.
import { formatAge, formatDate, formatMoney, formatNumber, formatTime, translate, type Language, type MessageKey, type MessageParams } from '../../../shared/i18n/index.ts';

export class Locale {
  #language = $state<Language>('cs');

  constructor(language: Language = 'cs') {
    this.#language = language;
  }

  get language(): Language {
    return this.#language;
  }

  set language(language: Language) {
    this.#language = language;
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  }

  get other(): Language {
    return this.#language === 'cs' ? 'en' : 'cs';
  }

  t = (key: MessageKey, params?: MessageParams): string => translate(this.#language, key, params);
  money = (minorUnits: number, currency: string): string => formatMoney(this.#language, minorUnits, currency);
  number = (value: number): string => formatNumber(this.#language, value);
  time = (at: Date, now?: Date): string => formatTime(this.#language, at, now);
  date = (careCloudDate: string): string => formatDate(this.#language, careCloudDate);
  age = (milliseconds: number): string => formatAge(this.#language, milliseconds);
}
