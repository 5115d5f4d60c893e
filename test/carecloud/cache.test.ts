import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { speaking } from '../../electron/carecloud/language.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheLifetimeSeconds } from '../../electron/carecloud/cache.ts';
import { REFERENCE_FILE } from '../../electron/carecloud/client.ts';
import { ConnectionError, InvalidRequestError } from '../../electron/carecloud/errors.ts';
import { REFERENCE_TTL_MS } from '../../electron/carecloud/resources/reference.ts';
import { json, text, type Responder } from '../support/loopback.ts';
import { fixture, PASSWORD, TIME_ZONE, type Fixture } from './fixture.ts';

const customer = {
  customer_id: 'cu1',
  state: 1,
  personal_information: { first_name: 'Jana', last_name: 'Nováková', language_id: 'cs' },
};

/** Answers after `ms`, so concurrent callers overlap. */
const slow =
  (ms: number, answer: Responder): Responder =>
  (request, res) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        answer(request, res);
        resolve();
      }, ms),
    );

let f: Fixture;
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-cc-'));
});
afterEach(async () => {
  await f?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Cache-Control', () => {
  it('reads max-age and refuses no-store', () => {
    expect(cacheLifetimeSeconds('max-age=3600')).toBe(3600);
    expect(cacheLifetimeSeconds('public, max-age="60"')).toBe(60);
    expect(cacheLifetimeSeconds('no-store, max-age=60')).toBe(0);
    expect(cacheLifetimeSeconds('max-age=abc')).toBe(0);
    expect(cacheLifetimeSeconds(null)).toBe(0);
  });

  it('reuses an answer for max-age seconds, then asks again', async () => {
    f = await fixture();
    f.server.on('GET', '/customers/cu1', json(200, { data: customer }, { 'cache-control': 'max-age=60' }));
    await f.client.customers.get('cu1');
    await f.client.customers.get('cu1');
    expect(f.server.count('GET', '/customers/cu1')).toBe(1);
    f.clock.now += 61_000;
    await f.client.customers.get('cu1');
    expect(f.server.count('GET', '/customers/cu1')).toBe(2);
  });

  it('does not keep answers without max-age, nor for a call that asks for fresh data', async () => {
    f = await fixture();
    f.server.on('GET', '/customers/cu1', json(200, { data: customer }));
    await f.client.customers.get('cu1');
    await f.client.customers.get('cu1');
    expect(f.server.count('GET', '/customers/cu1')).toBe(2);
    f.server.on('GET', '/customers/cu1', json(200, { data: customer }, { 'cache-control': 'max-age=60' }));
    await f.client.customers.get('cu1');
    await f.client.customers.get('cu1', { fresh: true });
    expect(f.server.count('GET', '/customers/cu1')).toBe(4);
  });
});

describe('identical GETs in flight', () => {
  it('share one request', async () => {
    f = await fixture();
    f.server.on('GET', '/customers/cu1', slow(100, json(200, { data: customer })));
    await f.client.customers.get('warm-up-login').catch(() => undefined);
    const answers = await Promise.all([
      f.client.customers.get('cu1'),
      f.client.customers.get('cu1'),
      f.client.customers.get('cu1'),
    ]);
    expect(answers.every((a) => a?.customer_id === 'cu1')).toBe(true);
    expect(f.server.count('GET', '/customers/cu1')).toBe(1);
  });

  it('share a failure too, and the next call asks again', async () => {
    f = await fixture();
    f.server.on(
      'GET',
      '/customers/cu1',
      slow(
        50,
        json(400, {
          error: {
            type: 't',
            exception: 'bad_request_exception',
            title: 'x',
            detail: 'y',
            error_data: { invalid_params: [{ name: 'customer_id', reason: 'deleted' }] },
          },
        }),
      ),
      json(200, { data: customer }),
    );
    const results = await Promise.allSettled([f.client.customers.get('cu1'), f.client.customers.get('cu1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidRequestError);
    expect(f.server.count('GET', '/customers/cu1')).toBe(1);
    expect((await f.client.customers.get('cu1'))?.customer_id).toBe('cu1');
  });

  it('different queries are different requests', async () => {
    f = await fixture();
    f.server.on('GET', '/customers', slow(50, json(200, { data: { customers: [], total_items: 0 } })));
    await Promise.all([f.client.customers.byEmail('a@b.cz'), f.client.customers.byEmail('c@d.cz')]);
    expect(f.server.count('GET', '/customers')).toBe(2);
  });
});

describe('reference data on the terminal', () => {
  /** The lists saved on disk, by project. */
  const savedLists = (): Record<string, Record<string, { items: unknown[] }>> =>
    (JSON.parse(readFileSync(join(dataDir, REFERENCE_FILE), 'utf8')) as { projects: never }).projects;
  const stores = [
    { store_id: 's1', name: 'Praha', partner_id: 'p', store_code: 'P1', system_id: 'x' },
    { store_id: 's2', name: 'Brno', partner_id: 'p', store_code: 'B1', system_id: 'y' },
  ];

  it('walks every page, saves the list, and serves the saved copy when CareCloud is unreachable', async () => {
    f = await fixture({ dataDir });
    f.server.on('GET', '/stores', (request, res) => {
      const offset = Number(request.query.get('offset'));
      json(200, { data: { stores: stores.slice(offset, offset + 1), total_items: 2 } })(request, res);
    });
    const online = await f.client.reference.stores();
    expect(online.source).toBe('carecloud');
    expect(online.items.map((s) => s.store_id)).toEqual(['s1', 's2']);
    expect(f.server.requests.filter((r) => r.path === '/stores').map((r) => r.query.get('offset'))).toEqual([
      '0',
      '1',
    ]);
    const project = f.server.origin;
    expect(savedLists()[project]!['stores@cs']!.items).toHaveLength(2);
    await f.close();

    // A new process (restart) with the same project's CareCloud gone.
    f = await fixture({ dataDir, projectUrl: project, retry: { maxAttempts: 1 } });
    const offline = await f.client.reference.stores();
    expect(offline.source).toBe('terminal');
    expect(offline.items).toEqual(online.items);
    expect(f.client.reference.saved('stores')?.items).toHaveLength(2);
  });

  it('answers from memory a while, writes its disk copy only on download, re-asks if told fresh or stale', async () => {
    f = await fixture({ dataDir });
    f.server.on('GET', '/stores', json(200, { data: { stores, total_items: 2 } }));
    const first = await f.client.reference.stores();
    const file = join(dataDir, REFERENCE_FILE);
    writeFileSync(file, 'overwritten only by a real download');
    const second = await f.client.reference.stores();
    expect(second).toEqual(first);
    expect(f.server.count('GET', '/stores')).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('overwritten only by a real download');

    await f.client.reference.stores({ fresh: true });
    expect(f.server.count('GET', '/stores')).toBe(2);
    f.clock.now += REFERENCE_TTL_MS + 1;
    await f.client.reference.stores();
    expect(f.server.count('GET', '/stores')).toBe(3);
    expect(savedLists()[f.server.origin]!['stores@cs']!.items).toHaveLength(2);
  });

  it('keeps a copy per language: names read in one language never answer for the other', async () => {
    f = await fixture({ dataDir });
    f.server.on('GET', '/stores', (request, res) => {
      const english = String(request.headers['accept-language'] ?? '').startsWith('en');
      json(200, {
        data: { stores: [{ store_id: 's1', name: english ? 'Prague' : 'Praha' }], total_items: 1 },
      })(request, res);
    });
    expect((await f.client.reference.stores()).items[0]?.name).toBe('Praha');
    expect((await speaking('en', () => f.client.reference.stores())).items[0]?.name).toBe('Prague');
    expect((await f.client.reference.stores()).items[0]?.name).toBe('Praha');
    expect(f.server.count('GET', '/stores')).toBe(2);
    const project = f.server.origin;
    await f.close();

    f = await fixture({ dataDir, projectUrl: project, retry: { maxAttempts: 1 } });
    expect((await speaking('en', () => f.client.reference.stores())).items[0]?.name).toBe('Prague');
    expect((await f.client.reference.stores()).items[0]?.name).toBe('Praha');
    expect(speaking('en', () => f.client.reference.saved<{ name: string }>('stores'))?.items[0]?.name).toBe(
      'Prague',
    );
  });

  it('without a saved copy the outage is reported as it is', async () => {
    f = await fixture({ dataDir, projectUrl: 'http://127.0.0.1:9', retry: { maxAttempts: 1 } });
    await expect(f.client.reference.paymentTypes()).rejects.toBeInstanceOf(ConnectionError);
  });

  it('after a switch to another project, the old project\u2019s lists are never shown as this one\u2019s', async () => {
    f = await fixture({ dataDir, retry: { maxAttempts: 1 } });
    f.server.on('GET', '/stores', json(200, { data: { stores, total_items: 2 } }));
    f.server.on(
      'GET',
      '/currencies',
      json(200, { data: { currencies: [{ currency_id: 'c1', code: 'CZK' }], total_items: 1 } }),
    );
    const first = f.server.origin;
    const settings = {
      credentials: { externalApplicationId: 'app-1', login: 'pos', password: PASSWORD },
      language: 'cs' as const,
      timeZone: TIME_ZONE,
      retry: { maxAttempts: 1 },
    };
    expect((await f.client.reference.stores()).items).toHaveLength(2);
    expect((await f.client.reference.currencies()).items).toHaveLength(1);

    // Another project, not reachable: nothing of the first answers for it.
    f.client.configure({ ...settings, projectUrl: 'http://127.0.0.1:9' });
    await expect(f.client.reference.stores()).rejects.toBeInstanceOf(ConnectionError);
    await expect(f.client.reference.currencies()).rejects.toBeInstanceOf(ConnectionError);
    expect(f.client.reference.saved('stores')).toBeUndefined();

    // Back on the first project while its CareCloud fails: its own lists, from the terminal.
    f.server.on('GET', '/stores', text(503, '', ''));
    f.client.configure({ ...settings, projectUrl: `${first}/` });
    f.clock.now += REFERENCE_TTL_MS + 1;
    expect(await f.client.reference.stores()).toMatchObject({ source: 'terminal', items: stores });
    expect(Object.keys(savedLists())).toEqual([first]);

    // A restart on the other project finds nothing of the first either.
    const other = await fixture({ dataDir, projectUrl: 'http://127.0.0.1:9', retry: { maxAttempts: 1 } });
    try {
      expect(other.client.reference.saved('stores')).toBeUndefined();
      await expect(other.client.reference.currencies()).rejects.toBeInstanceOf(ConnectionError);
    } finally {
      await other.close();
    }
  });

  it('lists saved before they named their project are not read (whose they are is unknown)', async () => {
    writeFileSync(
      join(dataDir, REFERENCE_FILE),
      JSON.stringify({
        version: 1,
        lists: { 'stores@cs': { language: 'cs', fetchedAt: '2026-01-01T00:00:00.000Z', items: stores } },
      }),
    );
    f = await fixture({ dataDir, retry: { maxAttempts: 1 } });
    f.server.on('GET', '/stores', text(503, '', ''));
    await expect(f.client.reference.stores()).rejects.toThrow();
    expect(f.client.reference.saved('stores')).toBeUndefined();
  });

  it('a damaged file is ignored, not fatal', async () => {
    f = await fixture({ dataDir });
    writeFileSync(
      join(dataDir, REFERENCE_FILE),
      JSON.stringify({ version: 2, projects: { [f.server.origin]: { 'stores@cs': { items: 'nope' } } } }),
    );
    f.server.on('GET', '/stores', text(503, '', ''));
    await expect(f.client.reference.stores()).rejects.toThrow();
    expect(f.client.reference.saved('stores')).toBeUndefined();
  });

  it('a list without paging (languages) is one request', async () => {
    f = await fixture({ dataDir });
    f.server.on(
      'GET',
      '/languages',
      json(200, { data: { languages: [{ language_id: 'cs', name: 'Čeština' }], total_items: 1 } }),
    );
    expect((await f.client.reference.languages()).items).toHaveLength(1);
    expect(f.server.requests.find((r) => r.path === '/languages')!.query.has('count')).toBe(false);
  });
});
