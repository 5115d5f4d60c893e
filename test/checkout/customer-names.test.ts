// Names for the queue's customers: the cache first, CareCloud in the background (never
// holding up the list), a masked card offline; the filter's matching by name, e-mail, phone.
import { describe, expect, it } from 'vitest';
import { CustomerCache } from '../../electron/customers/cache.ts';
import { CustomerNames, customerMatches } from '../../electron/checkout/customer-names.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import type { CustomerSummary } from '../../shared/ipc/contract.ts';

const jana: CustomerSummary = {
  id: 'c-jana',
  firstName: 'Jana',
  lastName: 'Nováková',
  email: 'jana.novakova@example.cz',
  phone: '+420777123456',
  statusName: null,
  inactive: false,
};
const petr: CustomerSummary = {
  id: 'c-petr',
  firstName: 'Petr',
  lastName: 'Svoboda',
  email: 'petr@example.cz',
  phone: '+420602000111',
  statusName: null,
  inactive: false,
};

function setup(options: { online?: boolean } = {}) {
  const cache = new CustomerCache(memoryBackend());
  cache.remember(jana, [], 1);
  const asked: string[] = [];
  const answers = new Map<string, (found: CustomerSummary | null | Error) => void>();
  let online = options.online ?? true;
  const names = new CustomerNames({
    directory: cache,
    online: () => online,
    concurrency: 2,
    fetch: (id) => {
      asked.push(id);
      return new Promise((resolve, reject) =>
        answers.set(id, (found) => {
          if (found instanceof Error) return reject(found);
          if (found) cache.remember(found, [], 2);
          resolve(found);
        }),
      );
    },
  });
  return { names, asked, answers, goOffline: () => (online = false) };
}

describe('customer names in the queue', () => {
  it('names a cached customer at once, with the card masked to its last four digits', () => {
    const { names, asked } = setup();
    expect(names.view('c-jana', '2000000000015')).toEqual({
      id: 'c-jana',
      name: 'Jana Nováková',
      card: '*********0015',
      pending: false,
    });
    expect(names.view(null, null)).toBeNull();
    expect(names.view(null, '2000000000015')).toEqual({
      id: null,
      name: null,
      card: '*********0015',
      pending: false,
    });
    expect(asked).toEqual([]);
  });

  it('asks CareCloud for an unknown one in the background, a few at a time, and settles when it answers', async () => {
    const { names, asked, answers } = setup();
    expect(names.view('c-petr', '2000000000022')).toMatchObject({ name: null, pending: true });
    expect(names.view('c-petr', '2000000000022')).toMatchObject({ pending: true });
    names.view('c-x', null);
    names.view('c-y', null);
    // Two in flight at once, the third waits its turn; nobody is asked twice.
    expect(asked).toEqual(['c-petr', 'c-x']);
    const settled = names.settle(['c-petr'], new Map([['c-petr', '2000000000022']]));
    answers.get('c-petr')!(petr);
    expect(await settled).toEqual({
      'c-petr': { id: 'c-petr', name: 'Petr Svoboda', card: '*********0022', pending: false },
    });
    expect(asked).toEqual(['c-petr', 'c-x', 'c-y']);
    expect(names.view('c-petr', null)).toMatchObject({ name: 'Petr Svoboda', pending: false });
  });

  it('gives up waiting after the time given, and does not soon ask again for one CareCloud did not give', async () => {
    const { names, asked, answers } = setup();
    names.view('c-gone', null);
    expect(await names.settle(['c-gone'], new Map(), 10)).toEqual({
      'c-gone': { id: 'c-gone', name: null, card: null, pending: true },
    });
    answers.get('c-gone')!(new Error('CareCloud 503'));
    await names.settle(['c-gone'], new Map());
    expect(names.view('c-gone', '2000000000039')).toEqual({
      id: 'c-gone',
      name: null,
      card: '*********0039',
      pending: false,
    });
    expect(asked).toEqual(['c-gone']);
  });

  it('offline shows the masked card and asks nobody', () => {
    const { names, asked, goOffline } = setup();
    goOffline();
    expect(names.view('c-petr', '2000000000022')).toEqual({
      id: 'c-petr',
      name: null,
      card: '*********0022',
      pending: false,
    });
    expect(asked).toEqual([]);
  });

  it('matches the filter by name (either order, without accents), e-mail or phone digits, in the cache', () => {
    expect(customerMatches('novakova', jana)).toBe(true);
    expect(customerMatches('Nováková Jana', jana)).toBe(true);
    expect(customerMatches('jana nov', jana)).toBe(true);
    expect(customerMatches('JANA.NOVAKOVA@example.cz', jana)).toBe(true);
    expect(customerMatches('777 123 456', jana)).toBe(true);
    expect(customerMatches('+420 777 123 456', jana)).toBe(true);
    expect(customerMatches('svoboda', jana)).toBe(false);
    expect(customerMatches('12', jana)).toBe(false);
    expect(customerMatches('', jana)).toBe(false);
    const { names } = setup();
    expect(names.matching('Nováková')).toEqual(['c-jana']);
    expect(names.matching('nobody')).toEqual([]);
  });
});
