// The manager's search over the journal, and its history told in words: the patterns the
// screen reads are checked against the causes the journal itself writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { newBillId, cancellationBillId } from '../../electron/journal/bill-id.ts';
import {
  actorOf,
  connectionKindOf,
  describeAttempt,
  describeTransition,
} from '../../electron/checkout/queue-history.ts';
import { connectionError } from '../../electron/carecloud/response.ts';
import type { EntryMatch } from '../../electron/journal/types.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let clock: number;
let journal: Journal;
const iso = (ms: number) => new Date(ms).toISOString();
const store = '81eaeea13b8984a169c490a325';

beforeEach(() => {
  temp = tempDir();
  clock = 1_800_000_000_000;
  journal = Journal.open(join(temp.dir, 'journal.db'), { now: () => clock });
});
afterEach(() => {
  journal.close();
  temp.cleanup();
});

function sale(customerId: string | undefined, cardNumber?: string) {
  const billId = newBillId(store, 3, clock);
  return journal.append(
    purchaseEntry({
      billId,
      idempotencyKey: billId,
      ...(customerId ? { customerId } : { customerId: undefined }),
      ...(cardNumber ? { cardNumber } : {}),
    }),
  );
}

describe('searching the queue', () => {
  it('matches any of: the whole bill_id, its short code, the customers named, card digits', () => {
    const jana = sale('cust-jana', '2000000000015');
    const petr = sale('cust-petr', '2000000000022');
    const anonymous = sale(undefined);
    const ids = (anyOf: EntryMatch) => journal.list({ anyOf }).entries.map((e) => e.id);
    expect(ids({ billId: petr.billId! })).toEqual([petr.id]);
    expect(ids({ billIdEnd: anonymous.billId!.slice(-5) })).toEqual([anonymous.id]);
    expect(ids({ customerIds: ['cust-jana'] })).toEqual([jana.id]);
    expect(ids({ cardDigits: '0022' })).toEqual([petr.id]);
    expect(ids({ customerIds: ['cust-jana'], cardDigits: '0022' })).toEqual([jana.id, petr.id]);
    // Wildcards typed by a person are text, and a search that names nothing finds nothing.
    expect(ids({ cardDigits: '%' })).toEqual([]);
    expect(ids({ billIdEnd: '_____' })).toEqual([]);
    expect(ids({})).toEqual([]);
    // Combined with the other filters, and counted the same way.
    expect(journal.list({ state: 'synced', anyOf: { customerIds: ['cust-jana'] } }).total).toBe(0);
    expect(journal.list({ state: 'pending', anyOf: { customerIds: ['cust-jana'] } }).total).toBe(1);
  });
});

describe('searching by card', () => {
  it('finds a card by its last four digits or more, or its whole number; a synced entry by its last four', () => {
    const unsent = sale('cust-jana', '2000000000015');
    const other = sale('cust-petr', '2000000000022');
    const synced = sale('cust-jana', '2000000000015');
    journal.finish(journal.claim(synced.id, 'test', 60_000)!, 'test', {
      kind: 'synced',
      remoteId: 'p-1',
      outcome: 'synced',
      httpStatus: 201,
    });
    expect(journal.get(synced.id)!.cardNumber).toBe('*********0015');
    const ids = (cardDigits: string) => journal.list({ anyOf: { cardDigits } }).entries.map((e) => e.id);
    expect(ids('0015')).toEqual([unsent.id, synced.id]);
    expect(ids('000015')).toEqual([unsent.id]);
    expect(ids('2000000000015')).toEqual([unsent.id]);
    expect(ids('2000000000022')).toEqual([other.id]);
    // The start or the middle of a number is not a card's end; fewer than four digits match nothing.
    expect(ids('2000000')).toEqual([]);
    expect(ids('00000001')).toEqual([]);
    expect(ids('015')).toEqual([]);
    expect(ids('9992000000000015')).toEqual([]);
    expect(journal.list({ anyOf: { cardDigits: '0015' } }).total).toBe(2);
  });
});

describe('the history in words', () => {
  const here = 'till-7';
  const app = `app@${here}:4242:0a1b2c3d`;

  it('tells every transition the journal writes as an event, with who did it', () => {
    const entry = sale('cust-jana');
    let claim = journal.claimNext(app, 10_000)!;
    clock += 1000;
    const unreachable = connectionError(
      'timeout',
      { method: 'POST', path: '/purchases/actions/send-purchase' } as never,
      null,
      5000,
    );
    journal.finish(claim, app, {
      kind: 'retry',
      outcome: 'timeout',
      nextAttemptAt: clock,
      httpStatus: null,
      error: unreachable.message,
    });
    journal.claimNext(`preview@other-host:17:deadbeef`, 10_000);
    journal.releaseStaleClaims(() => false);
    claim = journal.claimNext(app, 10_000)!;
    journal.finish(claim, app, {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_already_used' }],
      httpStatus: 400,
      error: 'refused',
    });
    journal.retryNow(entry.id, 'Demo Manager');
    // The timeout left it open whether CareCloud has the sale, so it is voided only once refused again.
    journal.finish(journal.claimNext(app, 10_000)!, app, {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_already_used' }],
      httpStatus: 400,
      error: 'refused',
    });
    journal.void(entry.id, 'customer left', 'Demo Manager');
    const events = journal.transitions(entry.id).map((t) => describeTransition(t, here, iso));
    expect(events.map((e) => [e.event, e.by])).toEqual([
      ['recorded', { kind: 'person', name: 'cashier-7' }],
      ['claimed', { kind: 'this-terminal' }],
      ['retry-later', { kind: 'this-terminal' }],
      ['claimed', { kind: 'other-terminal', host: 'other-host' }],
      ['sender-gone', { kind: 'system' }],
      ['claimed', { kind: 'this-terminal' }],
      ['refused', { kind: 'this-terminal' }],
      ['retry-requested', { kind: 'person', name: 'Demo Manager' }],
      ['claimed', { kind: 'this-terminal' }],
      ['refused', { kind: 'this-terminal' }],
      ['voided', { kind: 'person', name: 'Demo Manager' }],
    ]);
    expect(events[2]).toMatchObject({ outcome: 'timeout', from: 'sending', to: 'pending' });
    expect(events.at(-1)).toMatchObject({ text: 'customer left' });
    expect(events.some((e) => e.event === 'other')).toBe(false);
    const attempts = journal.attempts(entry.id).map((a) => describeAttempt(a, here, iso));
    expect(attempts.map((a) => [a.outcome, a.connection])).toEqual([
      ['timeout', 'timeout'],
      ['abandoned', null],
      ['rejected', null],
      ['rejected', null],
    ]);
  });

  it('tells a resend and a cancellation left without its sale', () => {
    const original = sale('cust-jana');
    journal.finish(journal.claimNext(app, 10_000)!, app, {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_already_used' }],
      httpStatus: 400,
      error: 'refused',
    });
    const cancel = journal.append(
      purchaseEntry({
        kind: 'cancellation',
        billId: cancellationBillId(original.billId!),
        idempotencyKey: cancellationBillId(original.billId!),
        dependsOn: original.id,
      }),
    );
    const billId = newBillId(store, 3, clock);
    const replacement = journal.appendReplacement(
      original.id,
      purchaseEntry({ billId, idempotencyKey: billId }),
      'Demo Manager',
      {},
    );
    const told = (id: number) => journal.transitions(id).map((t) => describeTransition(t, here, iso));
    expect(told(original.id).at(-1)).toMatchObject({
      event: 'resent-as',
      entryId: replacement.id,
      by: { kind: 'person', name: 'Demo Manager' },
    });
    expect(told(replacement.id)[0]).toMatchObject({ event: 'resent-from', entryId: original.id });
    expect(told(cancel.id).at(-1)).toMatchObject({ event: 'original-voided', by: { kind: 'system' } });
  });

  it('reads who a claim belongs to and why a connection failed; an unknown cause keeps its words', () => {
    expect(actorOf('cli@till-7:1:00ff', 'till-7')).toEqual({ kind: 'support-tool' });
    expect(actorOf('system', 'till-7')).toEqual({ kind: 'system' });
    expect(actorOf('Jana', 'till-7')).toEqual({ kind: 'person', name: 'Jana' });
    for (const kind of ['refused', 'dns', 'timeout', 'reset', 'tls', 'network'] as const) {
      expect(
        connectionKindOf(connectionError(kind, { method: 'GET', path: '/x' } as never, null, 1000).message),
      ).toBe(kind);
    }
    expect(connectionKindOf(null)).toBeNull();
    expect(
      describeTransition(
        { at: 0, from: 'pending', to: 'pending', cause: 'a note from a future version', actor: 'system' },
        'h',
        iso,
      ),
    ).toMatchObject({ event: 'other', text: 'a note from a future version' });
  });
});
