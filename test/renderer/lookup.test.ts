import { describe, expect, it } from 'vitest';
import { CustomerLookup, type FoundCustomer } from '../../renderer/src/state/lookup.svelte.ts';
import { alice, aliceCard, bob, deferred, fail, fakeMain, ok } from './fake-main.ts';
import type { ResultOf } from '../../shared/ipc/index.ts';

function setup(handlers: Parameters<typeof fakeMain>[0]) {
  const main = fakeMain(handlers);
  const found: FoundCustomer[] = [];
  const lookup = new CustomerLookup(main.pos, (f) => found.push(f));
  return { main, lookup, found };
}

describe('customer lookup', () => {
  it('opens the customer at once when a search has exactly one match', async () => {
    const { lookup, found, main } = setup({
      'customers.search': () => ok({ customers: [alice], totalItems: 1, fromCache: false }),
    });
    await lookup.search('  alice@example.com ');
    expect(main.calls).toEqual([{ channel: 'customers.search', payload: { query: 'alice@example.com' } }]);
    expect(found).toEqual([{ customer: alice, card: null, fromCache: false }]);
    expect(lookup.notice).toBeNull();
  });

  it('lists several matches and opens the one the cashier picks', async () => {
    const { lookup, found } = setup({
      'customers.search': () => ok({ customers: [alice, bob], totalItems: 7, fromCache: true }),
    });
    await lookup.search('Novák');
    expect(found).toEqual([]);
    expect(lookup.results.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(lookup.totalItems).toBe(7);
    lookup.move(1);
    lookup.move(1);
    expect(lookup.selected).toBe(1);
    lookup.move(-5);
    expect(lookup.selected).toBe(0);
    lookup.choose(1);
    expect(found).toEqual([{ customer: bob, card: null, fromCache: true }]);
  });

  it('says when nothing matches, and refuses a query too short to search', async () => {
    const { lookup, main } = setup({
      'customers.search': () => ok({ customers: [], totalItems: 0, fromCache: false }),
    });
    await lookup.search('x');
    expect(lookup.notice).toEqual({ kind: 'tooShort' });
    expect(main.calls).toHaveLength(0);
    await lookup.search('zzz');
    expect(lookup.notice).toEqual({ kind: 'noMatch', query: 'zzz', byName: true });
    await lookup.search('zzz@example.cz');
    expect(lookup.notice).toEqual({ kind: 'noMatch', query: 'zzz@example.cz', byName: false });
  });

  it('takes a card number typed into the search as the card, and other digits as a phone search', async () => {
    const { lookup, found, main } = setup({
      'input.classify': ({ text }) =>
        ok(
          text === '2000000000015'
            ? { kind: 'loyalty_card', code: text, source: 'wedge', deviceId: null, decidedBy: 'carecloud' }
            : { kind: 'unknown', code: text, source: 'wedge', deviceId: null, decidedBy: 'fallback' },
        ),
      'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
      'customers.search': () => ok({ customers: [bob], totalItems: 1, fromCache: false }),
    });
    await lookup.search(' 2000000000015 ');
    expect(found).toEqual([{ customer: alice, card: aliceCard, fromCache: false }]);
    await lookup.search('601000002');
    expect(found.at(-1)).toEqual({ customer: bob, card: null, fromCache: false });
    expect(main.calls.map((c) => c.channel)).toEqual([
      'input.classify',
      'customers.identifyByCard',
      'input.classify',
      'customers.search',
    ]);
    // Names and e-mails are never asked about as scans.
    await lookup.search('Nováková');
    expect(main.calls.at(-1)?.channel).toBe('customers.search');
  });

  it('searches as typed when the scan rules cannot say what the digits are', async () => {
    const { lookup, found } = setup({
      'input.classify': () => fail('internal'),
      'customers.search': () => ok({ customers: [bob], totalItems: 1, fromCache: false }),
    });
    await lookup.search('420601000002');
    expect(found).toEqual([{ customer: bob, card: null, fromCache: false }]);
  });

  it('identifies a scanned card and passes the card on', async () => {
    const { lookup, found } = setup({
      'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
    });
    await lookup.identifyCard('10000105');
    expect(found).toEqual([{ customer: alice, card: aliceCard, fromCache: false }]);
  });

  it.each([
    ['unknown_card', 'unknownCard'],
    ['card_blocked', 'blockedCard'],
    ['customer_deleted', 'deletedCard'],
    ['offline', 'offlineUnknownCard'],
  ] as const)('turns %s into a %s notice naming the card', async (code, kind) => {
    const { lookup, found } = setup({ 'customers.identifyByCard': () => fail(code) });
    await lookup.identifyCard('555');
    expect(found).toEqual([]);
    expect(lookup.notice).toEqual({ kind, card: '555' });
  });

  it('keeps any other failure as an error notice', async () => {
    const { lookup } = setup({ 'customers.search': () => fail('carecloud_unavailable', 'down') });
    await lookup.search('alice');
    expect(lookup.notice).toEqual({
      kind: 'error',
      error: { code: 'carecloud_unavailable', message: 'down' },
    });
  });

  it('looks up loyalty cards and unclassified codes from scans, but not product barcodes', async () => {
    const { lookup, main } = setup({ 'customers.identifyByCard': () => fail('unknown_card') });
    await lookup.acceptScan({
      kind: 'product',
      code: '8594001234567',
      source: 'hid',
      deviceId: 'd1',
      decidedBy: 'rule',
    });
    expect(lookup.notice).toEqual({ kind: 'notACard', scanKind: 'product' });
    expect(main.calls).toHaveLength(0);
    await lookup.acceptScan({
      kind: 'loyalty_card',
      code: '10000105',
      source: 'wedge',
      deviceId: null,
      decidedBy: 'rule',
    });
    await lookup.acceptScan({
      kind: 'unknown',
      code: 'ABC',
      source: 'hid',
      deviceId: null,
      decidedBy: 'fallback',
    });
    expect(main.calls.map((c) => c.payload)).toEqual([{ cardNumber: '10000105' }, { cardNumber: 'ABC' }]);
  });

  it('lets only the newest request change the screen', async () => {
    const slow = deferred<ResultOf<'customers.search'>>();
    let calls = 0;
    const { lookup, found } = setup({
      'customers.search': () =>
        ++calls === 1 ? slow.promise : ok({ customers: [bob, alice], totalItems: 2, fromCache: false }),
      'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
    });
    const first = lookup.search('first');
    await lookup.search('second');
    slow.resolve(ok({ customers: [alice], totalItems: 1, fromCache: false }));
    await first;
    expect(found).toEqual([]);
    expect(lookup.results.map((c) => c.id)).toEqual(['c2', 'c1']);
    lookup.clear();
    expect(lookup.results).toEqual([]);
    expect(lookup.query).toBe('');
  });
});
