import { afterEach, describe, expect, it } from 'vitest';
import { collectAll, walkPages, type PageFetcher } from '../../electron/carecloud/paging.ts';
import { json } from '../support/loopback.ts';
import { fixture, type Fixture } from './fixture.ts';

function fakeList(
  total: number,
  claimed = total,
): { fetcher: PageFetcher<number>; calls: [number, number][] } {
  const calls: [number, number][] = [];
  return {
    calls,
    fetcher: async (count, offset) => {
      calls.push([count, offset]);
      const items = Array.from(
        { length: Math.max(0, Math.min(count, total - offset)) },
        (_, i) => offset + i,
      );
      return { items, totalItems: claimed };
    },
  };
}

describe('walkPages', () => {
  it('walks count/offset until total_items', async () => {
    const { fetcher, calls } = fakeList(250);
    const all = await collectAll(walkPages(fetcher, 100));
    expect(all).toHaveLength(250);
    expect(all[249]).toBe(249);
    expect(calls).toEqual([
      [100, 0],
      [100, 100],
      [100, 200],
    ]);
  });

  it('stops on an exact multiple without an extra request', async () => {
    const { fetcher, calls } = fakeList(200);
    expect(await collectAll(walkPages(fetcher, 100))).toHaveLength(200);
    expect(calls).toHaveLength(2);
  });

  it('stops on an empty page even when total_items promises more', async () => {
    const { fetcher, calls } = fakeList(100, 1_000);
    expect(await collectAll(walkPages(fetcher, 100))).toHaveLength(100);
    expect(calls).toHaveLength(2);
  });

  it('can stop early as an iterator', async () => {
    const { fetcher, calls } = fakeList(1_000);
    const seen: number[] = [];
    for await (const item of walkPages(fetcher, 10)) {
      seen.push(item);
      if (seen.length === 15) break;
    }
    expect(calls).toHaveLength(2);
  });
});

describe('paging over the wire', () => {
  let f: Fixture;
  afterEach(async () => {
    await f?.close();
  });

  it('walks a customer search page by page', async () => {
    f = await fixture();
    f.server.on('GET', '/customers', (request, res) => {
      const count = Number(request.query.get('count'));
      const offset = Number(request.query.get('offset'));
      const customers = Array.from({ length: Math.max(0, Math.min(count, 230 - offset)) }, (_, i) => ({
        customer_id: `c${offset + i}`,
        personal_information: { language_id: 'cs' },
      }));
      json(200, { data: { customers, total_items: 230 } })(request, res);
    });
    const all = await collectAll(f.client.customers.all({ last_name: 'Novák' }));
    expect(all).toHaveLength(230);
    expect(f.server.count('GET', '/customers')).toBe(3);
    expect(f.server.requests.at(-1)!.query.get('last_name')).toBe('Novák');
  });
});

describe('a server that caps the page size', () => {
  it('keeps walking on short pages until total_items', async () => {
    const calls: number[] = [];
    const fetcher: PageFetcher<number> = async (_count, offset) => {
      calls.push(offset);
      const items = Array.from({ length: Math.max(0, Math.min(30, 75 - offset)) }, (_, i) => offset + i);
      return { items, totalItems: 75 };
    };
    expect(await collectAll(walkPages(fetcher, 100))).toHaveLength(75);
    expect(calls).toEqual([0, 30, 60]);
  });
});
