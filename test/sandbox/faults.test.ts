import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { reasons, sendPurchase } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await sandbox.control.restoreNetwork();
  sandbox.control.reset();
  sandbox.control.setRateLimit(null);
});

const cardLookup = () => sandbox.call('GET', '/cards', { query: { card_number: demo.cards.regular } });

async function control(path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sandbox.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${sandbox.controlToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function connectOutcome(port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
  });
}

describe('faults', () => {
  it('answers 503 then 500 for the next N requests, then recovers', async () => {
    await sandbox.token();
    sandbox.control.failNext(503, 2);
    const first = await cardLookup();
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await cardLookup()).status).toBe(503);
    expect((await cardLookup()).status).toBe(200);
    sandbox.control.failNext(500, 1);
    const failed = await cardLookup();
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: { exception: 'internal_server_error_exception' } });
    expect((await cardLookup()).status).toBe(200);
  });

  it('answers 503 for a duration', async () => {
    await sandbox.token();
    sandbox.control.failFor(503, 60_000);
    expect((await cardLookup()).status).toBe(503);
    expect((await cardLookup()).status).toBe(503);
    sandbox.control.clearFaults();
    expect((await cardLookup()).status).toBe(200);
    sandbox.control.failFor(503, 1);
    await new Promise((r) => setTimeout(r, 5));
    expect((await cardLookup()).status).toBe(200);
  });

  it('refuses connections while the network is cut and comes back on the same port', async () => {
    await sandbox.token();
    await sandbox.control.cutNetwork('refuse');
    expect(await connectOutcome(sandbox.port)).toBe('refused');
    await expect(fetch(`${sandbox.baseUrl}/tests/connection`)).rejects.toThrow();
    expect((await control('/status')).body).toMatchObject({ network: 'refuse' });
    await sandbox.control.restoreNetwork();
    expect(await connectOutcome(sandbox.port)).toBe('connected');
    expect((await cardLookup()).status).toBe(200);
  });

  it('accepts and hangs, then drops the hung requests when the network comes back', async () => {
    await sandbox.token();
    await sandbox.control.cutNetwork('hang');
    const controller = new AbortController();
    const hung = fetch(`${sandbox.baseUrl}/tests/connection`, { signal: controller.signal }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.control.requests().some((r) => r.outcome === 'hung')).toBe(true);
    await sandbox.control.restoreNetwork();
    expect(await hung).toBe('failed');
    expect((await cardLookup()).status).toBe(200);
  });

  it('drops the connection mid-response after the purchase took effect', async () => {
    sandbox.control.dropNext(1);
    const body = sendPurchase('DROP-1', [{ price: 100 }], { card_number: demo.cards.regular });
    await expect(sandbox.call('POST', '/purchases/actions/send-purchase', { body })).rejects.toThrow();
    const replay = await sandbox.call('POST', '/purchases/actions/send-purchase', { body });
    expect(reasons(replay.body)).toEqual(['bill_id:already_exists']);
    const received = sandbox.control.purchases().find((p) => p.bill_id === 'DROP-1');
    expect(received).toMatchObject({ attempts: 2, statuses: [201, 400] });
    expect(received!.purchase_id).not.toBeNull();
    expect(
      sandbox.control
        .requests()
        .filter((r) => r.bill_id === 'DROP-1')
        .map((r) => r.outcome),
    ).toEqual(['dropped', 'answered']);
  });

  it('hangs a closure that already took effect when the network goes while it is answered', async () => {
    await sandbox.token();
    sandbox.control.setLatency(300);
    const body = sendPurchase('HANG-1', [{ price: 100 }], { card_number: demo.cards.regular });
    const pending = sandbox
      .call('POST', '/purchases/actions/send-purchase', { body })
      .catch(() => 'no answer');
    await expect.poll(() => sandbox.control.status().latency_ms).toBe(300);
    await new Promise((r) => setTimeout(r, 100));
    await sandbox.control.cutNetwork('hang');
    await expect
      .poll(() => sandbox.control.purchases().find((p) => p.bill_id === 'HANG-1')?.attempts ?? 0, {
        timeout: 5000,
      })
      .toBe(1);
    sandbox.control.setLatency(0);
    await sandbox.control.restoreNetwork();
    expect(await pending).toBe('no answer');
    const replay = await sandbox.call('POST', '/purchases/actions/send-purchase', { body });
    expect(reasons(replay.body)).toEqual(['bill_id:already_exists']);
    expect(sandbox.control.purchases().find((p) => p.bill_id === 'HANG-1')).toMatchObject({
      attempts: 2,
      statuses: [400],
    });
    // It landed on the first attempt, though its answer never came.
    expect(sandbox.control.purchases().find((p) => p.bill_id === 'HANG-1')?.purchase_id).toEqual(
      expect.any(String),
    );
  });

  it('adds latency', async () => {
    sandbox.control.setLatency(150);
    const started = performance.now();
    expect((await cardLookup()).status).toBe(200);
    // A floor, not a timing assertion: the answer cannot come before the injected delay.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.control.setLatency(0);
  });

  it('expires every token', async () => {
    const token = await sandbox.token();
    expect(sandbox.control.expireTokens()).toBeGreaterThan(0);
    const res = await sandbox.call('GET', '/cards', {
      token,
      query: { card_number: demo.cards.regular },
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { detail: 'The bearer token has expired.' } });
    sandbox.forgetToken();
    expect((await cardLookup()).status).toBe(200);
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    sandbox.control.setRateLimit({ perSecond: 1, burst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await cardLookup()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await cardLookup();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ error: { exception: 'too_many_requests_exception' } });
    // Another token has its own budget.
    sandbox.forgetToken();
    expect((await cardLookup()).status).toBe(200);
  });

  it('resets to the seed', async () => {
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('RESET-1', [{ price: 100 }]),
    });
    expect(sandbox.control.purchases()).toHaveLength(1);
    sandbox.control.reset();
    expect(sandbox.control.purchases()).toHaveLength(0);
    const after = await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { external_purchase_id: 'RESET-1' },
    });
    expect(after.body.data.total_items).toBe(0);
  });

  it('offers the same controls over HTTP on the control listener', async () => {
    await sandbox.token();
    expect((await control('/errors', { status: 503, count: 1 })).status).toBe(200);
    expect((await cardLookup()).status).toBe(503);
    expect((await control('/network', { mode: 'refuse' })).status).toBe(200);
    expect(await connectOutcome(sandbox.port)).toBe('refused');
    expect((await control('/network', { mode: 'up' })).status).toBe(200);
    expect((await control('/rate-limit', { per_second: 1, burst: 1 })).status).toBe(200);
    expect((await cardLookup()).status).toBe(200);
    expect((await cardLookup()).status).toBe(429);
    expect((await control('/rate-limit', { off: true })).status).toBe(200);
    expect((await control('/drop', { count: 0 })).status).toBe(200);
    expect((await control('/latency', { ms: 0 })).status).toBe(200);
    expect((await control('/tokens/expire', {})).body).toMatchObject({ expired: expect.any(Number) });
    sandbox.forgetToken();
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('HTTP-1', [{ price: 100 }]),
    });
    expect((await control('/purchases')).body).toMatchObject({
      purchases: [{ bill_id: 'HTTP-1', attempts: 1 }],
    });
    const requests = (await control('/requests')).body as { requests: { operation_id: string | null }[] };
    expect(requests.requests.some((r) => r.operation_id === 'postPurchaseSend')).toBe(true);
    expect(
      (await control('/earning-rule', { store_id: demo.stores.praha, points: 5, per_minor: 1000 })).status,
    ).toBe(200);
    expect((await control('/reset', {})).status).toBe(200);
    expect((await control('/faults/clear', {})).status).toBe(200);
  });

  it('refuses bad control bodies with a reason', async () => {
    expect(await control('/errors', { status: 418, count: 1 })).toMatchObject({ status: 400 });
    expect(await control('/errors', { status: 503 })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('count or duration_ms') },
    });
    expect(await control('/network', { mode: 'sideways' })).toMatchObject({ status: 400 });
    expect(await control('/nothing')).toMatchObject({ status: 404 });
    const res = await fetch(`${sandbox.controlUrl}/latency`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.controlToken}` },
      body: '{',
    });
    expect(res.status).toBe(400);
  });

  it('applies a changed earning rule to the next purchase', async () => {
    sandbox.control.setEarningRule(demo.stores.praha, { points: 3, per_minor: 1000 });
    const res = await sandbox.call<OkBody<'postPurchaseAcceptPayment'>>(
      'POST',
      '/purchases/actions/accept-payment',
      {
        body: {
          store_id: demo.stores.praha,
          cashdesk_number: 1,
          payment_type: 'S',
          card_number: demo.cards.regular,
          bill: sendPurchase('X', [{ price: 100 }]).bill,
        },
      },
    );
    expect(res.body.data.credit_points_of_this_transaction).toBe(30);
  });
});

describe('without control', () => {
  it('offers no control listener and nothing under /__sandbox on the API', async () => {
    const plain = await startSandbox();
    try {
      expect(plain.control).toBeUndefined();
      expect(plain.controlUrl).toBeUndefined();
      const res = await fetch(`${plain.projectUrl}/__sandbox/status`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { exception: 'not_found_exception' } });
    } finally {
      await plain.close();
    }
  });
});
