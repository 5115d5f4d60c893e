import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../../electron/carecloud/errors.ts';
import { acceptLanguage } from '../../shared/i18n/language.ts';
import { createCareCloudClient } from '../../electron/carecloud/client.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { MAX_BODY_BYTES } from '../../electron/carecloud/response.ts';
import { closedPort, hang, json, resetMidBody, text, type Responder } from '../support/loopback.ts';
import { fixture, TIME_ZONE, type Fixture } from './fixture.ts';

const card = {
  card_id: 'c1',
  card_number: '1234567890123',
  card_type_id: 't1',
  customer_id: 'cu1',
  state: 1,
};
const cards: Responder = json(200, { data: { cards: [card], total_items: 1 } });
const empty = (status: number, headers: Record<string, string> = {}): Responder =>
  text(status, '', '', headers);

const purchase: SendPurchaseBody = {
  store_id: 's1',
  cashdesk_number: 1,
  bill: {
    bill_id: 'b-1',
    bill_items: [],
    canceled: false,
    currency_id: 'CZK',
    payment_time: '2026-06-15 12:00:00',
    payment_type: 'S',
    purchase_type_id: 'p1',
    total_price: 0,
  },
};

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

describe('answers', () => {
  it('returns the data of a good answer and sends the expected headers', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', cards);
    expect(await f.client.cards.byNumber('1234567890123')).toEqual(card);
    const request = f.server.requests.find((r) => r.path === '/cards')!;
    expect(request.headers.authorization).toBe('Bearer token-1');
    expect(request.headers['accept-language']).toBe(acceptLanguage('cs'));
    expect(request.query.get('card_number')).toBe('1234567890123');
    const login = f.server.requests.find((r) => r.path === '/users/actions/login')!;
    expect(login.headers['content-type']).toContain('application/json');
    expect(JSON.parse(login.body)).toEqual({
      user_external_application_id: 'app-1',
      login: 'pos',
      password: expect.any(String),
    });
  });

  it('sends array filters as name[]=a&name[]=b', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', cards);
    await f.client.pipeline.request({
      method: 'GET',
      path: '/cards',
      query: { card_number_list: ['1', '2'] },
    });
    const request = f.server.requests.find((r) => r.path === '/cards')!;
    expect(request.rawUrl).toContain('card_number_list[]=1&card_number_list[]=2');
  });
});

describe('retries', () => {
  it('repeats a GET after 503 and succeeds', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', empty(503), cards);
    expect(await f.client.cards.byNumber('1')).toEqual(card);
    expect(f.server.count('GET', '/cards')).toBe(2);
    expect(f.sleeps).toEqual([125]);
  });

  it('waits as long as Retry-After says after a 429', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', empty(429, { 'retry-after': '2' }), cards);
    await f.client.cards.byNumber('1');
    expect(f.sleeps).toEqual([2_000]);
  });

  it("waits as long as Retry-After says after a 503, in CareCloud's envelope or without a body", async () => {
    f = await fixture();
    const unavailable = json(
      503,
      {
        error: {
          type: 't',
          exception: 'service_unavailable_exception',
          title: 'Service Unavailable',
          detail: 'maintenance',
        },
      },
      { 'retry-after': '3' },
    );
    f.server.on('GET', '/cards', empty(503, { 'retry-after': '2' }), unavailable, cards);
    await f.client.cards.byNumber('1');
    expect(f.sleeps).toEqual([2_000, 3_000]);
  });

  it("gives a lane call up at once when a 503's Retry-After is beyond its short budget, keeping the hint", async () => {
    f = await fixture();
    f.server.on('GET', '/cards', empty(503, { 'retry-after': '30' }));
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.retryAfterMs).toBe(30_000);
    expect(f.server.count('GET', '/cards')).toBe(1);
    expect(f.sleeps).toEqual([]);
  });

  it('backs off on its own after a 429 without Retry-After, then gives up with a RateLimitError', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', empty(429));
    const error = await f.client.cards.byNumber('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
    expect(f.server.count('GET', '/cards')).toBe(3);
    expect(f.sleeps).toEqual([125, 250]);
  });

  it('gives up at once when Retry-After is beyond the time budget, keeping the hint for the caller', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', empty(429, { 'retry-after': '600' }));
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(600_000);
    expect(f.server.count('GET', '/cards')).toBe(1);
  });

  it('never repeats a POST that is not marked idempotent', async () => {
    f = await fixture();
    f.server.on('POST', '/vouchers/v1/actions/apply-voucher', empty(503));
    await expect(
      f.client.vouchers.applyVoucher('v1', { date_applied: '2026-06-15 12:00:00' }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(f.server.count('POST', '/vouchers/v1/actions/apply-voucher')).toBe(1);
  });

  it('repeats send-purchase, which is idempotent through bill_id, with the same body', async () => {
    f = await fixture();
    f.server.on(
      'POST',
      '/purchases/actions/send-purchase',
      empty(502),
      json(201, { data: { purchase_id: 'pu1' } }),
    );
    expect(await f.client.purchases.sendPurchase(purchase)).toEqual({ purchase_id: 'pu1' });
    const sent = f.server.requests
      .filter((r) => r.path === '/purchases/actions/send-purchase')
      .map((r) => r.body);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
  });

  it('makes one attempt only when the caller says retry: false', async () => {
    f = await fixture();
    f.server.on('POST', '/purchases/actions/send-purchase', empty(503));
    await expect(f.client.purchases.sendPurchase(purchase, { retry: false })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(f.server.count('POST', '/purchases/actions/send-purchase')).toBe(1);
  });

  it.each([
    [400, InvalidRequestError],
    [403, AuthenticationError],
    [404, NotFoundError],
  ])('never repeats after %i', async (status, type) => {
    f = await fixture();
    f.server.on(
      'GET',
      '/cards',
      json(status, { error: { type: 't', exception: 'e', title: 'T', detail: 'd' } }),
    );
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(type);
    expect(f.server.count('GET', '/cards')).toBe(1);
  });
});

describe('transport failures are ConnectionErrors', () => {
  it('classifies a refused connection', async () => {
    f = await fixture();
    const port = await closedPort();
    const client = createCareCloudClient({
      projectUrl: `http://127.0.0.1:${port}`,
      credentials: { externalApplicationId: 'a', login: 'l', password: 'p' },
      language: 'en',
      timeZone: TIME_ZONE,
      sleep: async () => {},
    });
    const error = (await client.tests.connection('x').catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.kind).toBe('refused');
  });

  it('classifies a timeout and retries a GET within its attempts', async () => {
    f = await fixture({ timeouts: { lookupMs: 200 } });
    f.server.on('GET', '/cards', hang, cards);
    expect(await f.client.cards.byNumber('1')).toEqual(card);
    expect(f.logs.find((l) => l.path?.toString().startsWith('/cards'))).toMatchObject({
      outcome: 'connection:timeout',
    });
  });

  it('gives a timeout ConnectionError when every attempt hangs', async () => {
    f = await fixture({ timeouts: { lookupMs: 200 }, retry: { maxAttempts: 1 } });
    f.server.on('GET', '/cards', hang);
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.kind).toBe('timeout');
  });

  it('gives a timeout when the headers come but the body stalls', async () => {
    f = await fixture({ timeouts: { lookupMs: 300 }, retry: { maxAttempts: 1 } });
    f.server.on('GET', '/cards', (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"data":{"cards":[');
    });
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.kind).toBe('timeout');
  });

  it('honours a per-call timeout', async () => {
    f = await fixture();
    f.server.on('POST', '/purchases/actions/send-purchase', hang);
    const error = (await f.client.purchases
      .sendPurchase(purchase, { retry: false, timeoutMs: 150 })
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error.kind).toBe('timeout');
  });

  it('classifies a connection cut in the middle of the body', async () => {
    f = await fixture({ retry: { maxAttempts: 1 } });
    f.server.on('GET', '/customers', resetMidBody);
    const error = (await f.client.customers.byEmail('a@b.cz').catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.kind).toBe('reset');
  });
});

describe('the caller can give up', () => {
  it("an aborted call rejects with the caller's reason, not as a CareCloud failure", async () => {
    f = await fixture();
    f.server.on('GET', '/cards', hang);
    const controller = new AbortController();
    const call = f.client.cards.byNumber('1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cashier cancelled')), 50);
    await expect(call).rejects.toThrow('cashier cancelled');
    expect(f.logs.at(-1)).toMatchObject({ outcome: 'aborted' });
  });
});

describe('answers that are not CareCloud are UnexpectedResponseErrors', () => {
  it('an HTML 502 page from a proxy (retried as a 502, then reported)', async () => {
    f = await fixture();
    f.server.on(
      'GET',
      '/cards',
      text(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'),
    );
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as UnexpectedResponseError;
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.status).toBe(502);
    expect(error.contentType).toBe('text/html');
    expect(f.server.count('GET', '/cards')).toBe(3);
  });

  it('an HTML 404 from a wrong address is not CareCloud saying "not found"', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', text(404, 'text/html', '<html>Not Found</html>'));
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('malformed JSON', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', text(200, 'application/json', '{"data": {"cards": [ '));
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(UnexpectedResponseError);
    expect(f.server.count('GET', '/cards')).toBe(1);
  });

  it('JSON without the data envelope', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', json(200, { cards: [] }));
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('a list whose items are not an array', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', json(200, { data: { cards: 'none' } }));
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('a 10 MB body is refused after reading at most the cap, with or without Content-Length', async () => {
    f = await fixture();
    const big = `{"data":{"cards":[],"pad":"${'x'.repeat(10 * 1024 * 1024)}"}}`;
    f.server.on('GET', '/cards', text(200, 'application/json', big));
    f.server.on('GET', '/customers', (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      pump();
    });
    const declared = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as UnexpectedResponseError;
    expect(declared).toBeInstanceOf(UnexpectedResponseError);
    expect(declared.message).toContain(String(MAX_BODY_BYTES));
    const streamed = (await f.client.customers
      .byEmail('a@b.cz')
      .catch((e: unknown) => e)) as UnexpectedResponseError;
    expect(streamed).toBeInstanceOf(UnexpectedResponseError);
    expect(streamed.message).toContain('limit');
  });

  it('a body under the cap is read whole', async () => {
    f = await fixture();
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...card, card_id: `c${i}` }));
    f.server.on('GET', '/customers/cu1/cards', json(200, { data: { cards: many, total_items: 3000 } }));
    const page = await f.client.cards.ofCustomer('cu1');
    expect(page.items).toHaveLength(3000);
  });
});
