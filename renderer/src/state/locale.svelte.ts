// The language the screens speak and the clock they show. Reading `t` or `time`
// inside markup makes the text follow every switch without a reload. Times are on the
// terminal's time zone (from the session), never the browser's.
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatQuantity,
  formatTime,
  instantOf,
  translate,
  type Language,
  type MessageKey,
  type MessageParams,
} from '../../../shared/i18n/index.ts';
import { isValidTimeZone } from '../../../shared/datetime.ts';

export class Locale {
  #language = $state<Language>('cs');
  #timeZone = $state('Europe/Prague');

  constructor(language: Language = 'cs', timeZone = 'Europe/Prague') {
    this.#language = language;
    this.timeZone = timeZone;
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

  /** The terminal's time zone setting; a zone Intl does not know is ignored. */
  get timeZone(): string {
    return this.#timeZone;
  }

  set timeZone(timeZone: string) {
    if (isValidTimeZone(timeZone)) this.#timeZone = timeZone;
  }

  t = (key: MessageKey, params?: MessageParams): string => translate(this.#language, key, params);
  money = (minorUnits: number, currency: string): string => formatMoney(this.#language, minorUnits, currency);
  number = (value: number): string => formatNumber(this.#language, value);
  quantity = (value: number): string => formatQuantity(this.#language, value);
  /** Time of day on the terminal's clock, with the date when it is not today. */
  time = (at: Date, now?: Date): string => formatTime(this.#language, at, this.#timeZone, now);
  /** An ISO instant or a CareCloud datetime as `time` shows it; text that is neither is shown as it came. */
  when = (text: string, now?: Date): string => {
    const at = instantOf(text, this.#timeZone);
    return at ? this.time(at, now) : text;
  };
  /** Date and time on the terminal's clock, from an ISO instant or a CareCloud datetime. */
  dateTime = (text: string): string => {
    const at = instantOf(text, this.#timeZone);
    return at ? formatDateTime(this.#language, at, this.#timeZone) : text;
  };
  date = (careCloudDate: string): string => formatDate(this.#language, careCloudDate);
  age = (milliseconds: number): string => formatAge(this.#language, milliseconds);
}
