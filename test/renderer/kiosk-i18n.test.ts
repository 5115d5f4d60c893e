// The kiosk's own catalogue: both languages alike, every plural complete, every count read right.
import { describe, expect, it } from 'vitest';
import { isPlural, languages, pluralCategories, type Message } from '../../shared/i18n/index.ts';
import { kioskCs, kioskEn, translateKiosk, type KioskMessageKey } from '../../shared/i18n/kiosk.ts';

const texts = (message: Message): string[] => (isPlural(message) ? Object.values(message.forms) : [message]);
const placeholders = (message: Message) =>
  [
    ...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))),
  ].sort();
const keys = Object.keys(kioskEn) as KioskMessageKey[];
const samples = [0, 1, 2, 5, 21] as const;

// What each count-bearing message reads for 0, 1, 2, 5 and 21.
const declensions: Partial<Record<KioskMessageKey, Record<'cs' | 'en', readonly string[]>>> = {
  'kiosk.customer.expiring': {
    cs: [
      '0 bodů vyprší DATE',
      '1 bod vyprší DATE',
      '2 body vyprší DATE',
      '5 bodů vyprší DATE',
      '21 bodů vyprší DATE',
    ],
    en: [
      '0 points expire on DATE',
      '1 point expires on DATE',
      '2 points expire on DATE',
      '5 points expire on DATE',
      '21 points expire on DATE',
    ],
  },
  'kiosk.customer.rewardCost': {
    cs: ['0 bodů', '1 bod', '2 body', '5 bodů', '21 bodů'],
    en: ['0 points', '1 point', '2 points', '5 points', '21 points'],
  },
  'kiosk.redeem.confirmBody': {
    cs: [
      'Z vašeho účtu se odečte 0 bodů a dostanete poukázku.',
      'Z vašeho účtu se odečte 1 bod a dostanete poukázku.',
      'Z vašeho účtu se odečtou 2 body a dostanete poukázku.',
      'Z vašeho účtu se odečte 5 bodů a dostanete poukázku.',
      'Z vašeho účtu se odečte 21 bodů a dostanete poukázku.',
    ],
    en: [
      '0 points will be taken from your account and you get a voucher.',
      '1 point will be taken from your account and you get a voucher.',
      '2 points will be taken from your account and you get a voucher.',
      '5 points will be taken from your account and you get a voucher.',
      '21 points will be taken from your account and you get a voucher.',
    ],
  },
  'kiosk.idle.body': {
    cs: [
      'Za 0 sekund vás odhlásíme.',
      'Za 1 sekundu vás odhlásíme.',
      'Za 2 sekundy vás odhlásíme.',
      'Za 5 sekund vás odhlásíme.',
      'Za 21 sekund vás odhlásíme.',
    ],
    en: [
      'You will be signed out in 0 seconds.',
      'You will be signed out in 1 second.',
      'You will be signed out in 2 seconds.',
      'You will be signed out in 5 seconds.',
      'You will be signed out in 21 seconds.',
    ],
  },
};

describe("the kiosk's catalogue", () => {
  it('has the same keys and placeholders in Czech and English, none empty', () => {
    expect(Object.keys(kioskCs).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(placeholders(kioskCs[key]), key).toEqual(placeholders(kioskEn[key]));
      for (const text of [...texts(kioskCs[key]), ...texts(kioskEn[key])])
        expect(text.trim(), key).not.toBe('');
    }
  });

  it('gives every plural message exactly the forms its language has', () => {
    for (const [language, catalogue] of [
      ['cs', kioskCs],
      ['en', kioskEn],
    ] as const) {
      for (const [key, message] of Object.entries(catalogue) as [KioskMessageKey, Message][]) {
        if (!isPlural(message)) continue;
        expect(Object.keys(message.forms).sort(), `${language} ${key}`).toEqual(
          [...pluralCategories(language)].sort(),
        );
      }
    }
  });

  it('renders every message that takes a count as the table says, in both languages', () => {
    const counting = keys.filter((key) => isPlural(kioskEn[key]));
    expect(counting.sort()).toEqual(Object.keys(declensions).sort());
    for (const key of counting) {
      const by = (kioskEn[key] as { by: string }).by;
      for (const language of languages) {
        const rendered = samples.map((n) => {
          const params: Record<string, string | number> = {};
          for (const name of placeholders(kioskEn[key])) params[name] = name === by ? n : name.toUpperCase();
          return translateKiosk(language, key, params);
        });
        expect(rendered, `${language} ${key}`).toEqual(declensions[key]![language]);
      }
    }
  });
});
