import { readFileSync } from 'node:fs';
import { contractPaths, type ReasonCodes } from '../../scripts/contract/build.ts';
import { describe, expect, it } from 'vitest';
import {
  acceptLanguage,
  formatAge,
  formatMoney,
  isPlural,
  knownReasons,
  languages,
  pluralCategories,
  pluralCategory,
  reasonSentence,
  translate,
  type Message,
  type MessageKey,
} from '../../shared/i18n/index.ts';
import { cs } from '../../shared/i18n/messages/cs.ts';
import { en } from '../../shared/i18n/messages/en.ts';

// Every reason code in CareCloud's conventions (the generic list and the purchase closure list), as data.
const codes: ReasonCodes = JSON.parse(readFileSync(contractPaths.reasons, 'utf8'));
const documentedReasons = [...new Set([...codes.generic, ...codes.purchase.map((p) => p.reason)])];
const documentedPairs = codes.purchase
  .filter((p) => codes.generic.includes(p.reason))
  .map((p) => [p.name, p.reason] as const);

const texts = (message: Message) => (isPlural(message) ? Object.values(message.forms) : [message]);
const placeholders = (message: Message) =>
  [
    ...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))),
  ].sort();

describe('messages', () => {
  it('has the same keys and placeholders in Czech and English, none empty', () => {
    expect(Object.keys(cs).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      for (const text of [...texts(en[key]), ...texts(cs[key])]) expect(text.trim(), key).not.toBe('');
      expect(placeholders(cs[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'lookup.unknownCard', { card: '123' })).toContain('card 123');
    expect(translate('cs', 'status.queue', { count: 3 })).toBe('3 záznamy čekají na odeslání');
    expect(translate('en', 'lookup.unknownCard')).toContain('card {card}');
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

// Placeholders that carry a number of things; every message with one is rendered below.
const countNames = /^(count|points|remaining|total|n|position)$/;
const otherParams: Record<string, string> = { file: 'q.csv', from: '1', to: '20', age: '3 min' };
const samples = [0, 1, 2, 5, 21] as const;

// What each count-bearing message reads for 0, 1, 2, 5 and 21, in Czech and English.
// Messages that only put a number after a label ("Parked sales (2)") read the same for all.
const declensions: Record<string, Record<'cs' | 'en', readonly string[]>> = {
  'status.queue': {
    cs: [
      '0 záznamů čeká na odeslání',
      '1 záznam čeká na odeslání',
      '2 záznamy čekají na odeslání',
      '5 záznamů čeká na odeslání',
      '21 záznamů čeká na odeslání',
    ],
    en: [
      '0 entries waiting to send',
      '1 entry waiting to send',
      '2 entries waiting to send',
      '5 entries waiting to send',
      '21 entries waiting to send',
    ],
  },
  'status.needsAttention': {
    cs: [
      '0 záznamů čeká na vedoucího',
      '1 záznam čeká na vedoucího',
      '2 záznamy čekají na vedoucího',
      '5 záznamů čeká na vedoucího',
      '21 záznamů čeká na vedoucího',
    ],
    en: [
      '0 entries wait for a manager',
      '1 entry waits for a manager',
      '2 entries wait for a manager',
      '5 entries wait for a manager',
      '21 entries wait for a manager',
    ],
  },
  'age.seconds': {
    cs: ['0 s', '1 s', '2 s', '5 s', '21 s'],
    en: ['0 s', '1 s', '2 s', '5 s', '21 s'],
  },
  'age.minutes': {
    cs: ['0 min', '1 min', '2 min', '5 min', '21 min'],
    en: ['0 min', '1 min', '2 min', '5 min', '21 min'],
  },
  'age.hours': {
    cs: ['0 h', '1 h', '2 h', '5 h', '21 h'],
    en: ['0 h', '1 h', '2 h', '5 h', '21 h'],
  },
  'age.days': {
    cs: ['0 d', '1 d', '2 d', '5 d', '21 d'],
    en: ['0 d', '1 d', '2 d', '5 d', '21 d'],
  },
  'lookup.results': {
    cs: [
      'Nalezeno 0 zákazníků. Vyberte šipkami a potvrďte Enterem.',
      'Nalezen 1 zákazník. Vyberte šipkami a potvrďte Enterem.',
      'Nalezeni 2 zákazníci. Vyberte šipkami a potvrďte Enterem.',
      'Nalezeno 5 zákazníků. Vyberte šipkami a potvrďte Enterem.',
      'Nalezeno 21 zákazníků. Vyberte šipkami a potvrďte Enterem.',
    ],
    en: [
      '0 customers match. Select with the arrow keys and Enter.',
      '1 customer matches. Select with the arrow keys and Enter.',
      '2 customers match. Select with the arrow keys and Enter.',
      '5 customers match. Select with the arrow keys and Enter.',
      '21 customers match. Select with the arrow keys and Enter.',
    ],
  },
  'rewards.confirm': {
    cs: [
      'Proměnit 0 bodů v poukaz pro zákazníka NAME?',
      'Proměnit 1 bod v poukaz pro zákazníka NAME?',
      'Proměnit 2 body v poukaz pro zákazníka NAME?',
      'Proměnit 5 bodů v poukaz pro zákazníka NAME?',
      'Proměnit 21 bodů v poukaz pro zákazníka NAME?',
    ],
    en: [
      'Turn 0 points into a voucher for NAME?',
      'Turn 1 point into a voucher for NAME?',
      'Turn 2 points into a voucher for NAME?',
      'Turn 5 points into a voucher for NAME?',
      'Turn 21 points into a voucher for NAME?',
    ],
  },
  'rewards.usable': {
    cs: [
      'lze použít 0× v tomto nákupu',
      'lze použít 1× v tomto nákupu',
      'lze použít 2× v tomto nákupu',
      'lze použít 5× v tomto nákupu',
      'lze použít 21× v tomto nákupu',
    ],
    en: [
      'usable 0× on this bill',
      'usable 1× on this bill',
      'usable 2× on this bill',
      'usable 5× on this bill',
      'usable 21× on this bill',
    ],
  },
  'customer.rewardPoints': {
    cs: ['0 bodů', '1 bod', '2 body', '5 bodů', '21 bodů'],
    en: ['0 points', '1 point', '2 points', '5 points', '21 points'],
  },
  'checkout.savedOffline': {
    cs: [
      'Uloženo offline, odešle se později. Pořadí ve frontě: 0.',
      'Uloženo offline, odešle se později. Pořadí ve frontě: 1.',
      'Uloženo offline, odešle se později. Pořadí ve frontě: 2.',
      'Uloženo offline, odešle se později. Pořadí ve frontě: 5.',
      'Uloženo offline, odešle se později. Pořadí ve frontě: 21.',
    ],
    en: [
      'Saved offline, will sync. Position in the queue: 0.',
      'Saved offline, will sync. Position in the queue: 1.',
      'Saved offline, will sync. Position in the queue: 2.',
      'Saved offline, will sync. Position in the queue: 5.',
      'Saved offline, will sync. Position in the queue: 21.',
    ],
  },
  'sale.pointsAvailable': {
    cs: [
      'K dispozici 0 bodů',
      'K dispozici 1 bod',
      'K dispozici 2 body',
      'K dispozici 5 bodů',
      'K dispozici 21 bodů',
    ],
    en: [
      '0 points available',
      '1 point available',
      '2 points available',
      '5 points available',
      '21 points available',
    ],
  },
  'paper.pointsBalance': {
    cs: [
      'Stav bodů: 0 bodů',
      'Stav bodů: 1 bod',
      'Stav bodů: 2 body',
      'Stav bodů: 5 bodů',
      'Stav bodů: 21 bodů',
    ],
    en: [
      'Points balance: 0 points',
      'Points balance: 1 point',
      'Points balance: 2 points',
      'Points balance: 5 points',
      'Points balance: 21 points',
    ],
  },
  'sale.pointsUsed': {
    cs: ['Použito 0 bodů', 'Použit 1 bod', 'Použity 2 body', 'Použito 5 bodů', 'Použito 21 bodů'],
    en: ['0 points used', '1 point used', '2 points used', '5 points used', '21 points used'],
  },
  'sale.pointsEarned': {
    cs: [
      'Za tento nákup 0 bodů',
      'Za tento nákup 1 bod',
      'Za tento nákup 2 body',
      'Za tento nákup 5 bodů',
      'Za tento nákup 21 bodů',
    ],
    en: [
      'This purchase earns 0 points',
      'This purchase earns 1 point',
      'This purchase earns 2 points',
      'This purchase earns 5 points',
      'This purchase earns 21 points',
    ],
  },
  'park.show': {
    cs: [
      'Odložené prodeje (0)',
      'Odložené prodeje (1)',
      'Odložené prodeje (2)',
      'Odložené prodeje (5)',
      'Odložené prodeje (21)',
    ],
    en: ['Parked sales (0)', 'Parked sales (1)', 'Parked sales (2)', 'Parked sales (5)', 'Parked sales (21)'],
  },
  'park.items': {
    cs: ['0 položek', '1 položka', '2 položky', '5 položek', '21 položek'],
    en: ['0 items', '1 item', '2 items', '5 items', '21 items'],
  },
  'pin.refusedLeft': {
    cs: [
      'PIN nebyl přijat. Do zamčení PINů zbývá 0 pokusů.',
      'PIN nebyl přijat. Do zamčení PINů zbývá 1 pokus.',
      'PIN nebyl přijat. Do zamčení PINů zbývají 2 pokusy.',
      'PIN nebyl přijat. Do zamčení PINů zbývá 5 pokusů.',
      'PIN nebyl přijat. Do zamčení PINů zbývá 21 pokusů.',
    ],
    en: [
      'PIN not accepted. 0 tries left before PINs lock here.',
      'PIN not accepted. 1 try left before PINs lock here.',
      'PIN not accepted. 2 tries left before PINs lock here.',
      'PIN not accepted. 5 tries left before PINs lock here.',
      'PIN not accepted. 21 tries left before PINs lock here.',
    ],
  },
  'voucher.synced': {
    cs: [
      'Pro offline prodej je připraveno 0 poukazů.',
      'Pro offline prodej je připraven 1 poukaz.',
      'Pro offline prodej jsou připraveny 2 poukazy.',
      'Pro offline prodej je připraveno 5 poukazů.',
      'Pro offline prodej je připraveno 21 poukazů.',
    ],
    en: [
      '0 vouchers are ready for offline sales.',
      '1 voucher is ready for offline sales.',
      '2 vouchers are ready for offline sales.',
      '5 vouchers are ready for offline sales.',
      '21 vouchers are ready for offline sales.',
    ],
  },
  'queue.page': {
    cs: ['Záznamy 1–20 z 0', 'Záznamy 1–20 z 1', 'Záznamy 1–20 z 2', 'Záznamy 1–20 z 5', 'Záznamy 1–20 z 21'],
    en: [
      'Entries 1–20 of 0',
      'Entries 1–20 of 1',
      'Entries 1–20 of 2',
      'Entries 1–20 of 5',
      'Entries 1–20 of 21',
    ],
  },
  'queue.points': {
    cs: ['Použito 0 bodů', 'Použit 1 bod', 'Použity 2 body', 'Použito 5 bodů', 'Použito 21 bodů'],
    en: ['0 points used', '1 point used', '2 points used', '5 points used', '21 points used'],
  },
  'queue.exported': {
    cs: [
      '0 záznamů zapsáno do q.csv.',
      '1 záznam zapsán do q.csv.',
      '2 záznamy zapsány do q.csv.',
      '5 záznamů zapsáno do q.csv.',
      '21 záznamů zapsáno do q.csv.',
    ],
    en: [
      '0 records written to q.csv.',
      '1 record written to q.csv.',
      '2 records written to q.csv.',
      '5 records written to q.csv.',
      '21 records written to q.csv.',
    ],
  },
  // The dashboard's counts stand after a label or a colon, so no word changes with them.
  'dashboard.sales.cancelledValue': {
    cs: ['0 · AMOUNT', '1 · AMOUNT', '2 · AMOUNT', '5 · AMOUNT', '21 · AMOUNT'],
    en: ['0 · AMOUNT', '1 · AMOUNT', '2 · AMOUNT', '5 · AMOUNT', '21 · AMOUNT'],
  },
  'dashboard.drain.settledValue': {
    cs: ['SETTLED z 0', 'SETTLED z 1', 'SETTLED z 2', 'SETTLED z 5', 'SETTLED z 21'],
    en: ['SETTLED of 0', 'SETTLED of 1', 'SETTLED of 2', 'SETTLED of 5', 'SETTLED of 21'],
  },
  'dashboard.alert.waiting': {
    cs: [0, 1, 2, 5, 21].map((n) => `Záznamy čekající déle než THRESHOLD: ${n}. Nejstarší čeká 3 min.`),
    en: [0, 1, 2, 5, 21].map(
      (n) => `Entries waiting longer than THRESHOLD: ${n}. The oldest has waited 3 min.`,
    ),
  },
  'export.saved': {
    cs: [
      'Uloženo 0 záznamů jako q.csv.',
      'Uložen 1 záznam jako q.csv.',
      'Uloženy 2 záznamy jako q.csv.',
      'Uloženo 5 záznamů jako q.csv.',
      'Uloženo 21 záznamů jako q.csv.',
    ],
    en: [
      '0 records saved as q.csv.',
      '1 record saved as q.csv.',
      '2 records saved as q.csv.',
      '5 records saved as q.csv.',
      '21 records saved as q.csv.',
    ],
  },
  'export.downloaded': {
    cs: [
      'Staženo 0 záznamů jako q.csv.',
      'Stažen 1 záznam jako q.csv.',
      'Staženy 2 záznamy jako q.csv.',
      'Staženo 5 záznamů jako q.csv.',
      'Staženo 21 záznamů jako q.csv.',
    ],
    en: [
      '0 records downloaded as q.csv.',
      '1 record downloaded as q.csv.',
      '2 records downloaded as q.csv.',
      '5 records downloaded as q.csv.',
      '21 records downloaded as q.csv.',
    ],
  },
  'queue.resendWould.points': {
    cs: ['0 použitých bodů', '1 použitý bod', '2 použité body', '5 použitých bodů', '21 použitých bodů'],
    en: ['0 points used', '1 point used', '2 points used', '5 points used', '21 points used'],
  },

  'diag.crash.found': {
    cs: [
      'Ve složce FOLDER je 0 záznamů o pádech.',
      'Ve složce FOLDER je 1 záznam o pádu.',
      'Ve složce FOLDER jsou 2 záznamy o pádech.',
      'Ve složce FOLDER je 5 záznamů o pádech.',
      'Ve složce FOLDER je 21 záznamů o pádech.',
    ],
    en: [
      '0 crash reports in FOLDER.',
      '1 crash report in FOLDER.',
      '2 crash reports in FOLDER.',
      '5 crash reports in FOLDER.',
      '21 crash reports in FOLDER.',
    ],
  },
  'diag.data.open': {
    cs: [
      '0 položek v DIR mohou číst jiní místní uživatelé. ' +
        'Pokladna je při startu znepřístupní; nebo spusťte chmod -R go-rwx DIR.',
      '1 položku v DIR mohou číst jiní místní uživatelé. ' +
        'Pokladna ji při startu znepřístupní; nebo spusťte chmod -R go-rwx DIR.',
      '2 položky v DIR mohou číst jiní místní uživatelé. ' +
        'Pokladna je při startu znepřístupní; nebo spusťte chmod -R go-rwx DIR.',
      '5 položek v DIR mohou číst jiní místní uživatelé. ' +
        'Pokladna je při startu znepřístupní; nebo spusťte chmod -R go-rwx DIR.',
      '21 položek v DIR mohou číst jiní místní uživatelé. ' +
        'Pokladna je při startu znepřístupní; nebo spusťte chmod -R go-rwx DIR.',
    ],
    en: [
      '0 items in DIR may be read by other local users. ' +
        'The terminal makes them private when it starts; or run chmod -R go-rwx DIR.',
      '1 item in DIR may be read by other local users. ' +
        'The terminal makes it private when it starts; or run chmod -R go-rwx DIR.',
      '2 items in DIR may be read by other local users. ' +
        'The terminal makes them private when it starts; or run chmod -R go-rwx DIR.',
      '5 items in DIR may be read by other local users. ' +
        'The terminal makes them private when it starts; or run chmod -R go-rwx DIR.',
      '21 items in DIR may be read by other local users. ' +
        'The terminal makes them private when it starts; or run chmod -R go-rwx DIR.',
    ],
  },
  'diag.dev.found': {
    cs: [
      'Nalezená zařízení HID: 0, čtená: READ (BACKEND).',
      'Nalezená zařízení HID: 1, čtená: READ (BACKEND).',
      'Nalezená zařízení HID: 2, čtená: READ (BACKEND).',
      'Nalezená zařízení HID: 5, čtená: READ (BACKEND).',
      'Nalezená zařízení HID: 21, čtená: READ (BACKEND).',
    ],
    en: [
      'HID devices found: 0, read: READ (BACKEND).',
      'HID devices found: 1, read: READ (BACKEND).',
      'HID devices found: 2, read: READ (BACKEND).',
      'HID devices found: 5, read: READ (BACKEND).',
      'HID devices found: 21, read: READ (BACKEND).',
    ],
  },
  'diag.journal.waiting': {
    cs: [
      '0 záznamů čeká na odeslání.',
      '1 záznam čeká na odeslání.',
      '2 záznamy čekají na odeslání.',
      '5 záznamů čeká na odeslání.',
      '21 záznamů čeká na odeslání.',
    ],
    en: [
      '0 entries waiting to be sent.',
      '1 entry waiting to be sent.',
      '2 entries waiting to be sent.',
      '5 entries waiting to be sent.',
      '21 entries waiting to be sent.',
    ],
  },
};

describe('plurals', () => {
  it('knows which plural category each sample number takes', () => {
    // cs: 1 one, 2–4 few, 0 and 5+ other (21 too: Czech does not look at the last digit); en: 1 one, else other.
    expect(samples.map((n) => pluralCategory('cs', n))).toEqual(['other', 'one', 'few', 'other', 'other']);
    expect(samples.map((n) => new Intl.PluralRules('cs').select(n))).toEqual([
      'other',
      'one',
      'few',
      'other',
      'other',
    ]);
    expect(samples.map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other', 'other', 'other']);
    expect(pluralCategory('cs', 1.5)).toBe('many');
  });

  it('gives every plural message exactly the forms its language has', () => {
    for (const [language, catalogue] of [
      ['cs', cs],
      ['en', en],
    ] as const) {
      for (const [key, message] of Object.entries(catalogue) as [MessageKey, Message][]) {
        if (!isPlural(message)) continue;
        expect(Object.keys(message.forms).sort(), `${language} ${key}`).toEqual(
          [...pluralCategories(language)].sort(),
        );
        for (const form of Object.values(message.forms))
          expect(form, `${language} ${key}`).toContain(`{${message.by}}`);
      }
    }
  });

  it('renders every message that takes a count as the table says, in both languages', () => {
    const counting = (Object.keys(en) as MessageKey[]).filter((key) =>
      placeholders(en[key]).some((name) => countNames.test(name)),
    );
    // A new message with a count must be added to the table (and made plural where its words change).
    expect(counting.sort()).toEqual(Object.keys(declensions).sort());
    for (const key of counting) {
      for (const language of languages) {
        const rendered = samples.map((n) => {
          const params: Record<string, string | number> = {};
          for (const name of placeholders(en[key]))
            params[name] = countNames.test(name) ? n : (otherParams[name] ?? name.toUpperCase());
          return translate(language, key, params);
        });
        expect(rendered, `${language} ${key}`).toEqual(declensions[key]![language]);
      }
    }
  });

  it('never writes the genitive plural for two to four in Czech', () => {
    expect(translate('cs', 'queue.exported', { count: 2, file: 'f' })).toBe('2 záznamy zapsány do f.');
    expect(translate('cs', 'park.items', { count: 3 })).toBe('3 položky');
  });

  it('writes the count as the language writes numbers', () => {
    expect(translate('cs', 'customer.rewardPoints', { points: 1500 }).replace(/\s/g, ' ')).toBe('1 500 bodů');
    expect(translate('en', 'customer.rewardPoints', { points: 1500 })).toBe('1,500 points');
    // A count that is not a number (a bug upstream) still reads, in the other form.
    expect(translate('en', 'park.items', { count: 'x' })).toBe('x items');
  });
});

describe('CareCloud reason sentences', () => {
  it('has its own sentence for every documented reason in both languages', () => {
    const generic = {
      en: reasonSentence('en', { reason: 'no_such_reason' }),
      cs: reasonSentence('cs', { reason: 'no_such_reason' }),
    };
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
    expect(reasonSentence('en', { name: 'bill_id', reason: 'already_exists' })).toBe(
      'This sale has already been sent to CareCloud.',
    );
    expect(reasonSentence('en', { name: 'email', reason: 'already_exists' })).toBe(
      'This email address is already registered in CareCloud.',
    );
    expect(reasonSentence('cs', { name: 'store_id', reason: 'not_found' })).toContain('prodejnu');
    for (const [name, reason] of documentedPairs) {
      expect(reasonSentence('en', { name, reason })).not.toBe(reasonSentence('en', { name: 'x', reason }));
    }
  });

  it('names an undocumented reason rather than hiding it', () => {
    expect(reasonSentence('en', { name: 'foo', reason: 'brand_new_reason' })).toBe(
      'CareCloud refused the request (brand_new_reason).',
    );
  });
});
