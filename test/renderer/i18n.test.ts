import { readFileSync } from 'node:fs';
import { contractPaths, type ReasonCodes } from '../../scripts/contract/build.ts';
import { describe, expect, it } from 'vitest';
import { acceptLanguage, formatAge, formatMoney, knownReasons, reasonSentence, translate } from '../../shared/i18n/index.ts';
import { cs } from '../../shared/i18n/messages/cs.ts';
import { en } from '../../shared/i18n/messages/en.ts';

// Every reason code in CareCloud's conventions (the generic list and the purchase closure list), as data.
const codes: ReasonCodes = JSON.parse(readFileSync(contractPaths.reasons, 'utf8'));
const documentedReasons = [...new Set([...codes.generic, ...codes.purchase.map((p) => p.reason)])];
const documentedPairs = codes.purchase.filter((p) => codes.generic.includes(p.reason)).map((p) => [p.name, p.reason] as const);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('has the same keys and placeholders in Czech and English, none empty', () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(cs[key].trim(), key).not.toBe('');
      expect(placeholders(cs[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'lookup.unknownCard', { card: '123' })).toContain('card 123');
    expect(translate('cs', 'status.queue', { count: 3 })).toBe('Čeká na odeslání: 3');
    expect(translate('en', 'status.queue')).toBe('Waiting to send: {count}');
  });

  it('formats money from minor units and ages in whole units', () => {
    expect(formatMoney('cs', 12950, 'CZK').replace(/\s/g, ' ')).toBe('129,50 Kč');
    expect(formatMoney('en', 1999, 'EUR')).toBe('€19.99');
    expect(formatAge('en', 42_000)).toBe('42 s');
    expect(formatAge('cs', 3 * 60_000 + 5_000)).toBe('3 min');
    expect(formatAge('en', 5 * 3_600_000)).toBe('5 h');
    expect(formatAge('en', -10)).toBe('0 s');
  });

  it('asks CareCloud for the chosen language first', () => {
    expect(acceptLanguage('cs').startsWith('cs')).toBe(true);
    expect(acceptLanguage('en').startsWith('en')).toBe(true);
  });
});

describe('CareCloud reason sentences', () => {
  it('has its own sentence for every documented reason in both languages', () => {
    const generic = { en: reasonSentence('en', { reason: 'no_such_reason' }), cs: reasonSentence('cs', { reason: 'no_such_reason' }) };
    for (const reason of documentedReasons) {
      expect(knownReasons, reason).toContain(reason);
      for (const language of ['en', 'cs'] as const) {
        const sentence = reasonSentence(language, { name: 'benefit_codes', reason });
        expect(sentence, `${language} ${reason}`).toMatch(/^[A-ZČŘŠŽÚ].*\.$/u);
        if (reason.includes('_')) expect(sentence).not.toContain(reason);
        expect(sentence).not.toBe(generic[language].replace('no_such_reason', reason));
      }
    }
  });

  it('tells apart what one reason means for different parameters', () => {
    expect(reasonSentence('en', { name: 'bill_id', reason: 'already_exists' })).toBe('This sale has already been sent to CareCloud.');
    expect(reasonSentence('en', { name: 'email', reason: 'already_exists' })).toBe('This email address is already registered in CareCloud.');
    expect(reasonSentence('cs', { name: 'store_id', reason: 'not_found' })).toContain('prodejnu');
    for (const [name, reason] of documentedPairs) {
      expect(reasonSentence('en', { name, reason })).not.toBe(reasonSentence('en', { name: 'x', reason }));
    }
  });

  it('names an undocumented reason rather than hiding it', () => {
    expect(reasonSentence('en', { name: 'foo', reason: 'brand_new_reason' })).toBe('CareCloud refused the request (brand_new_reason).');
  });
});
