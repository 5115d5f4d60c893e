// The queue's history, attempts, audit actions and resend in words, in both languages:
// never a process label, an internal state name or an action id.
import { describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import {
  actorWords,
  attemptWords,
  auditWords,
  customerWords,
  historyWords,
  resendWords,
} from '../../renderer/src/state/queue-words.ts';
import { exportSentence } from '../../renderer/src/state/export-words.ts';
import type { AttemptView, HistoryEvent } from '../../shared/checkout/answers.ts';

const t = (language: Language) => (key: MessageKey, params?: MessageParams) =>
  translate(language, key, params);
const at = '2026-12-02T13:03:20.000Z';
const here = { kind: 'this-terminal' } as const;

describe('the queue in words', () => {
  it('says how each send went', () => {
    const timeout: AttemptView = {
      startedAt: at,
      finishedAt: at,
      outcome: 'timeout',
      httpStatus: null,
      connection: 'timeout',
      by: here,
    };
    expect(attemptWords(t('en'), timeout)).toBe('sent, CareCloud unreachable (timeout) · this terminal');
    expect(attemptWords(t('cs'), timeout)).toBe(
      'odesláno, CareCloud nedostupný (vypršel čas) · tato pokladna',
    );
    expect(
      attemptWords(t('en'), {
        ...timeout,
        outcome: 'transport',
        connection: 'refused',
        by: { kind: 'other-terminal', host: 'till-2' },
      }),
    ).toBe('sent, CareCloud unreachable (connection refused) · terminal till-2');
    expect(attemptWords(t('cs'), { ...timeout, outcome: 'server', httpStatus: 503, connection: null })).toBe(
      'odesláno, chyba CareCloudu (HTTP 503) · tato pokladna',
    );
    expect(attemptWords(t('cs'), { ...timeout, outcome: null, finishedAt: null, connection: null })).toBe(
      'odesílá se… · tato pokladna',
    );
  });

  it('tells the history, who did what', () => {
    const base = { at, from: null, to: 'pending', by: { kind: 'person', name: 'Jan Novák' } } as const;
    const event = (e: Partial<HistoryEvent>): HistoryEvent => ({ ...base, event: 'recorded', ...e });
    expect(historyWords(t('en'), event({}))).toBe('recorded at the till by Jan Novák');
    expect(historyWords(t('en'), event({ event: 'claimed', by: here }))).toBe(
      'claimed for sending by this terminal',
    );
    expect(historyWords(t('cs'), event({ event: 'claimed', by: here }))).toBe(
      'převzato k odeslání: tato pokladna',
    );
    expect(historyWords(t('en'), event({ event: 'retry-later', outcome: 'timeout' }))).toBe(
      'not sent (CareCloud unreachable (timeout)); tried again later',
    );
    expect(historyWords(t('cs'), event({ event: 'retry-later', outcome: 'server' }))).toBe(
      'neodesláno (chyba CareCloudu); zkusí se znovu později',
    );
    expect(historyWords(t('cs'), event({ event: 'voided', text: 'zákazník odešel' }))).toBe(
      'zneplatněno (Jan Novák): zákazník odešel',
    );
    expect(historyWords(t('en'), event({ event: 'resent-as', entryId: 12 }))).toBe(
      'replaced by entry 12 without the refused benefits (Jan Novák)',
    );
    expect(historyWords(t('en'), event({ event: 'sender-gone', by: { kind: 'system' } }))).toBe(
      'put back in the queue: the program sending it ended',
    );
    expect(actorWords(t('cs'), { kind: 'support-tool' })).toBe('servisní nástroj');
  });

  it('translates every audit action, and says what a refused PIN was for', () => {
    const actions = [
      'void',
      'retry',
      'resend',
      'export',
      'audit-export',
      'cancel-purchase',
      'pin-refused',
      'pin-unlock',
      'purge',
      'settings',
    ];
    for (const language of ['cs', 'en'] as const) {
      for (const action of actions) {
        const words = auditWords(t(language), { action, detail: {} });
        // Words a person reads, not the id: a capital, a space, and not the id itself.
        expect(words).not.toBe(action);
        expect(words).toMatch(/^\p{Lu}\S* \S/u);
      }
    }
    expect(auditWords(t('cs'), { action: 'cancel-purchase', detail: {} })).toBe('Storno prodeje');
    expect(auditWords(t('en'), { action: 'pin-refused', detail: { action: 'resend' } })).toBe(
      'Manager PIN refused (to resend this sale without the refused benefits)',
    );
    expect(auditWords(t('cs'), { action: 'pin-refused', detail: { action: 'unlock' } })).toBe(
      'Odmítnutý PIN vedoucího (pro: odemknout PINy na této pokladně)',
    );
    expect(auditWords(t('en'), { action: 'something-new', detail: {} })).toBe('Other action (something-new)');
  });

  it('names the customer, else the masked card, else says the name is coming', () => {
    expect(
      customerWords(t('cs'), { id: 'c1', name: 'Jana Nováková', card: '****0015', pending: false }),
    ).toBe('Jana Nováková');
    expect(customerWords(t('cs'), { id: 'c1', name: null, card: '****0015', pending: false })).toBe(
      'zákazník ****0015',
    );
    expect(customerWords(t('en'), { id: 'c1', name: null, card: null, pending: true })).toBe(
      'looking up the name…',
    );
    expect(customerWords(t('en'), null)).toBeNull();
  });

  it('says what a resend without the refused benefits would take off', () => {
    const money = (minor: number) => `${minor / 100} Kč`;
    expect(
      resendWords(t('cs'), money, {
        vouchers: [{ code: 'DEMO100', discountMinor: 10_000 }],
        points: 0,
        creditMinor: 0,
      }),
    ).toBe(
      'Odeslání bez odmítnutých výhod zapíše prodej znovu jako nový účet, a to bez: ' +
        'poukaz DEMO100 (−100 Kč). Položky a platba zůstávají, jak byly.',
    );
    expect(
      resendWords(t('en'), money, {
        vouchers: [
          { code: 'A', discountMinor: 500 },
          { code: 'B', discountMinor: 100 },
        ],
        points: 50,
        creditMinor: 2000,
      }),
    ).toBe(
      'Resending without the refused benefits records the sale again as ' +
        'a new bill without voucher A (−5 Kč), voucher B (−1 Kč), 50 points used and credit 20 Kč. ' +
        'The items and the payment stay as they were.',
    );
  });

  it('says where an export went', () => {
    const done = { format: 'csv', count: 3, file: 'queue.csv', content: null } as const;
    expect(exportSentence(t('cs'), { ...done, delivered: 'download' })).toBe(
      'Staženy 3 záznamy jako queue.csv.',
    );
    expect(exportSentence(t('en'), { ...done, delivered: 'saved' })).toBe('3 records saved as queue.csv.');
    expect(exportSentence(t('en'), { ...done, delivered: 'cancelled' })).toBe(
      'Nothing exported: the save dialog was closed.',
    );
  });
});
