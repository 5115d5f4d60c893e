// The kiosk's language: the till's Locale (formats, error sentences) plus the kiosk's own catalogue.
import { translateKiosk, type KioskMessageKey } from '../../../shared/i18n/kiosk.ts';
import type { MessageParams } from '../../../shared/i18n/index.ts';
import { Locale } from './locale.svelte.ts';

export class KioskLocale extends Locale {
  /** A kiosk sentence in the language shown now; reading it in markup follows every switch. */
  k = (key: KioskMessageKey, params?: MessageParams): string => translateKiosk(this.language, key, params);
}
