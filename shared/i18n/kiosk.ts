// The self-service kiosk's sentences, in a catalogue of their own so the till's screens
// never carry them; filled in exactly as `translate` fills the till's.
import { fillMessage, type Language, type MessageParams } from './index.ts';
import { kioskCs } from './messages/kiosk-cs.ts';
import { kioskEn, type KioskMessageKey } from './messages/kiosk-en.ts';

export type { KioskMessageKey } from './messages/kiosk-en.ts';
export { kioskCs, kioskEn };

export function translateKiosk(language: Language, key: KioskMessageKey, params?: MessageParams): string {
  return fillMessage(language, (language === 'cs' ? kioskCs : kioskEn)[key], params);
}
