import { describe, expect, it } from 'vitest';
import { errorSentence } from '../../renderer/src/state/errors.ts';
import { Locale } from '../../renderer/src/state/locale.svelte.ts';

describe('error sentences', () => {
  it('shows CareCloud’s reasons as sentences, each once', () => {
    const locale = new Locale('en');
    const error = {
      code: 'carecloud_rejected' as const,
      message: 'CareCloud refused the request',
      reasons: [
        { name: 'benefit_codes', reason: 'voucher_expired', message: 'expired' },
        { name: 'benefit_codes', reason: 'voucher_expired', message: 'expired' },
        { name: 'card_number', reason: 'card_is_blocked', message: 'blocked' },
      ],
    };
    expect(errorSentence(locale, error)).toBe('This voucher has expired. This card is blocked.');
    locale.language = 'cs';
    expect(errorSentence(locale, error)).toBe('Platnost tohoto poukazu vypršela. Tato karta je zablokovaná.');
  });

  it('never shows the main process’s English message, whatever the code', () => {
    const locale = new Locale('cs');
    const secret = 'https://shop.example.com/webservice token=abc';
    for (const code of [
      'internal',
      'offline',
      'carecloud_rejected',
      'invalid_payload',
      'not_configured',
    ] as const) {
      const sentence = errorSentence(locale, { code, message: secret });
      expect(sentence).not.toContain('shop.example.com');
      expect(sentence.length).toBeGreaterThan(10);
    }
    expect(errorSentence(locale, { code: 'offline', message: secret })).toContain('CareCloud není dostupný');
  });

  it('falls back to a plain sentence for a code it does not know', () => {
    const locale = new Locale('en');
    expect(errorSentence(locale, { code: 'brand_new' as never, message: 'x' })).toBe(
      'Something went wrong in the terminal. The details are in its log.',
    );
  });
});
