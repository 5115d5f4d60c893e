import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../electron/sync/breaker.ts';
import { classifySendFailure } from '../../electron/sync/outcome.ts';
import { TokenBucket } from '../../electron/sync/token-bucket.ts';
import {
  AuthenticationError,
  type ServerError,
  UnexpectedResponseError,
} from '../../electron/carecloud/errors.ts';
import { failureFor } from './fake-port.ts';

const info = { method: 'POST', path: '/x', correlationId: 'c', attempt: 1 };

describe('classifySendFailure', () => {
  it('treats bill_id already_exists as landed for purchases and cancellations only', () => {
    expect(classifySendFailure('purchase', failureFor('already-exists')).kind).toBe('landed');
    expect(classifySendFailure('cancellation', failureFor('already-exists')).kind).toBe('landed');
    expect(classifySendFailure('customer-signup', failureFor('already-exists')).kind).toBe('rejected');
  });

  it('rejects business refusals with their reasons', () => {
    expect(classifySendFailure('purchase', failureFor('voucher-refused'))).toMatchObject({
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_not_allowed_in_store' }],
    });
  });

  it('retries transport failures, timeouts, 5xx, proxies and 429s; only some mean unreachable', () => {
    expect(classifySendFailure('purchase', failureFor('down'))).toMatchObject({
      kind: 'retry',
      outcome: 'transport',
      unreachable: true,
    });
    expect(classifySendFailure('purchase', failureFor('timeout'))).toMatchObject({
      kind: 'retry',
      outcome: 'timeout',
      unreachable: true,
    });
    expect(classifySendFailure('purchase', failureFor('503'))).toMatchObject({
      kind: 'retry',
      outcome: 'server',
      unreachable: true,
    });
    expect(classifySendFailure('purchase', failureFor('429'))).toMatchObject({
      kind: 'retry',
      outcome: 'rate-limited',
      unreachable: false,
      retryAfterMs: 5,
    });
    const unavailable = failureFor('503') as ServerError;
    unavailable.retryAfterMs = 7_000;
    expect(classifySendFailure('purchase', unavailable)).toMatchObject({
      kind: 'retry',
      outcome: 'server',
      unreachable: true,
      retryAfterMs: 7_000,
    });
    expect(
      classifySendFailure(
        'purchase',
        new UnexpectedResponseError(200, 'text/html', '<html>', 'HTML from a proxy', info),
      ),
    ).toMatchObject({ kind: 'retry', outcome: 'unexpected', unreachable: true });
    expect(classifySendFailure('purchase', new TypeError('bug'))).toMatchObject({
      kind: 'retry',
      unreachable: false,
    });
    expect(classifySendFailure('purchase', new DOMException('late', 'TimeoutError'))).toMatchObject({
      kind: 'retry',
      outcome: 'timeout',
      unreachable: true,
    });
  });

  it('keeps a sale after a 401 but gives up on a 403', () => {
    expect(
      classifySendFailure('purchase', new AuthenticationError(401, { invalid_params: [] }, '', info)),
    ).toMatchObject({ kind: 'retry', outcome: 'auth' });
    expect(
      classifySendFailure('purchase', new AuthenticationError(403, { invalid_params: [] }, '', info)).kind,
    ).toBe('rejected');
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold, schedules probes with growing waits, and closes on success', () => {
    let now = 1000;
    const breaker = new CircuitBreaker({
      threshold: 3,
      probe: { baseMs: 100, maxMs: 1000 },
      now: () => now,
      random: () => 0.5,
    });
    expect(breaker.recordFailure()).toBe(false);
    expect(breaker.recordFailure()).toBe(false);
    now = 2000;
    expect(breaker.recordFailure()).toBe(true);
    expect(breaker).toMatchObject({ isOpen: true, since: 2000, nextProbeAt: 2100 });
    breaker.recordFailure();
    expect(breaker.nextProbeAt).toBe(2200);
    breaker.recordFailure();
    expect(breaker.nextProbeAt).toBe(2400);
    now = 3000;
    expect(breaker.recordSuccess()).toBe(true);
    expect(breaker).toMatchObject({ isOpen: false, since: 3000, nextProbeAt: null });
  });

  it('resets the failure count on any success', () => {
    const breaker = new CircuitBreaker({
      threshold: 2,
      probe: { baseMs: 1, maxMs: 1 },
      now: () => 0,
      random: () => 0,
    });
    breaker.recordFailure();
    breaker.recordSuccess();
    expect(breaker.recordFailure()).toBe(false);
  });
});

describe('TokenBucket', () => {
  function fakeClock() {
    const clock = { now: 0, slept: [] as number[] };
    return {
      clock,
      now: () => clock.now,
      sleep: async (ms: number) => {
        clock.slept.push(ms);
        clock.now += ms;
      },
    };
  }

  it('hands out tokens at the configured rate', async () => {
    const { clock, now, sleep } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 1, now, sleep });
    for (let i = 0; i < 101; i++) await bucket.take();
    expect(clock.now).toBeGreaterThanOrEqual(1000);
    expect(clock.now).toBeLessThan(1100);
  });

  it('halves the rate and pauses on a 429, then climbs back', async () => {
    const { clock, now, sleep } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 1, now, sleep });
    await bucket.take();
    bucket.slowDown(500);
    expect(bucket.ratePerSecond).toBe(50);
    await bucket.take();
    expect(clock.now).toBeGreaterThanOrEqual(500);
    clock.now += 20_000;
    await bucket.take();
    expect(bucket.ratePerSecond).toBe(100);
  });

  it('lets the cashier take a token at once and makes the backlog pay for it', async () => {
    const { clock, now, sleep } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now, sleep });
    bucket.takeNow();
    bucket.takeNow();
    expect(clock.now).toBe(0);
    await bucket.take();
    expect(clock.now).toBeGreaterThanOrEqual(200);
  });
});
