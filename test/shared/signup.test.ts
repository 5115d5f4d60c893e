import { describe, expect, it } from 'vitest';
import { signupProblems } from '../../shared/signup.ts';

const valid = {
  firstName: 'Alena',
  lastName: 'Malá',
  email: 'alena@example.cz',
  phone: '',
  language: 'cs',
  birthdate: '',
  consents: [],
  cardNumber: '',
};
const today = '2026-12-02';

describe('signupProblems', () => {
  it('accepts a name with an e-mail, a phone, or both', () => {
    expect(signupProblems(valid, today)).toEqual([]);
    expect(signupProblems({ ...valid, email: '', phone: '+420 601 222 333' }, today)).toEqual([]);
    expect(signupProblems({ ...valid, phone: '601222333' }, today, 'CZ')).toEqual([]);
  });

  it('wants both names, and an e-mail or a phone', () => {
    expect(signupProblems({ ...valid, firstName: '  ', lastName: '', email: '' }, today)).toEqual([
      { field: 'firstName', reason: 'required' },
      { field: 'lastName', reason: 'required' },
      { field: 'contact', reason: 'required' },
    ]);
  });

  it('refuses names too long or carrying markup or control characters', () => {
    expect(signupProblems({ ...valid, firstName: 'x'.repeat(101) }, today)).toEqual([
      { field: 'firstName', reason: 'too_long' },
    ]);
    expect(signupProblems({ ...valid, lastName: '<b>Malá</b>' }, today)).toEqual([
      { field: 'lastName', reason: 'invalid' },
    ]);
    expect(signupProblems({ ...valid, lastName: 'Ma\u0000lá' }, today)).toEqual([
      { field: 'lastName', reason: 'invalid' },
    ]);
  });

  it('checks the e-mail and phone shapes', () => {
    for (const email of ['alena', 'alena@', '@example.cz', 'a b@example.cz', 'alena@example']) {
      expect(signupProblems({ ...valid, email }, today)).toEqual([{ field: 'email', reason: 'invalid' }]);
    }
    expect(signupProblems({ ...valid, phone: '12ab' }, today)).toEqual([
      { field: 'phone', reason: 'invalid' },
    ]);
  });

  it('takes a birth date only as a real past day', () => {
    expect(signupProblems({ ...valid, birthdate: '1990-02-28' }, today)).toEqual([]);
    expect(signupProblems({ ...valid, birthdate: today }, today)).toEqual([]);
    expect(signupProblems({ ...valid, birthdate: '1990-02-30' }, today)).toEqual([
      { field: 'birthdate', reason: 'invalid' },
    ]);
    expect(signupProblems({ ...valid, birthdate: '02.03.1990' }, today)).toEqual([
      { field: 'birthdate', reason: 'invalid' },
    ]);
    expect(signupProblems({ ...valid, birthdate: '1850-01-01' }, today)).toEqual([
      { field: 'birthdate', reason: 'invalid' },
    ]);
    expect(signupProblems({ ...valid, birthdate: '2026-12-03' }, today)).toEqual([
      { field: 'birthdate', reason: 'in_future' },
    ]);
  });

  it('wants a language and a card number a scanner could send', () => {
    expect(signupProblems({ ...valid, language: '' }, today)).toEqual([
      { field: 'language', reason: 'required' },
    ]);
    expect(signupProblems({ ...valid, cardNumber: '2000 0000' }, today)).toEqual([
      { field: 'cardNumber', reason: 'invalid' },
    ]);
    expect(signupProblems({ ...valid, cardNumber: '2000000009018' }, today)).toEqual([]);
  });
});

describe('the sign-up form words', () => {
  it('has every key in Czech and English, none empty', async () => {
    const { signupFormWords } = await import('../../shared/i18n/messages/signup-form.ts');
    expect(Object.keys(signupFormWords.cs).sort()).toEqual(Object.keys(signupFormWords.en).sort());
    for (const language of ['cs', 'en'] as const)
      for (const text of Object.values(signupFormWords[language])) expect(text.trim()).not.toBe('');
  });
});
