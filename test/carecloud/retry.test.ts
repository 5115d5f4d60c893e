import { describe, expect, it } from 'vitest';
import {
  backgroundDelay,
  backoffDelay,
  parseRetryAfter,
  planRetry,
  shouldRetry,
  type RetryPolicy,
} from '../../electron/carecloud/retry.ts';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 5_000 };

describe('shouldRetry', () => {
  it.each([429, 500, 502, 503, 504])('repeats a safe call after %i', (status) => {
    expect(shouldRetry({ attempt: 1, safeToRepeat: true, outcome: { status } }, policy)).toBe(true);
  });

  it.each([400, 401, 403, 404, 405, 409, 501])('never repeats after %i', (status) => {
    expect(shouldRetry({ attempt: 1, safeToRepeat: true, outcome: { status } }, policy)).toBe(false);
  });

  it('repeats after a transport failure', () => {
    expect(shouldRetry({ attempt: 1, safeToRepeat: true, outcome: { transportFailure: true } }, policy)).toBe(
      true,
    );
  });

  it('never repeats a call that is not safe to repeat, whatever happened', () => {
    expect(shouldRetry({ attempt: 1, safeToRepeat: false, outcome: { status: 503 } }, policy)).toBe(false);
    expect(
      shouldRetry({ attempt: 1, safeToRepeat: false, outcome: { transportFailure: true } }, policy),
    ).toBe(false);
  });

  it('stops at the attempt limit', () => {
    expect(shouldRetry({ attempt: 3, safeToRepeat: true, outcome: { status: 503 } }, policy)).toBe(true);
    expect(shouldRetry({ attempt: 4, safeToRepeat: true, outcome: { status: 503 } }, policy)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('uses the server hint first', () => {
    expect(backoffDelay(1, 2_500, () => 0.9, policy)).toBe(2_500);
    expect(backoffDelay(3, 0, () => 0.9, policy)).toBe(0);
  });

  it('grows exponentially with full jitter under a cap', () => {
    expect(backoffDelay(1, undefined, () => 1, policy)).toBe(100);
    expect(backoffDelay(2, undefined, () => 1, policy)).toBe(200);
    expect(backoffDelay(3, undefined, () => 1, policy)).toBe(400);
    expect(backoffDelay(10, undefined, () => 1, policy)).toBe(1_000);
    expect(backoffDelay(3, undefined, () => 0, policy)).toBe(0);
    expect(backoffDelay(3, undefined, () => 0.5, policy)).toBe(200);
  });

  it('stays inside [0, cap] even with a broken random source', () => {
    expect(backoffDelay(2, undefined, () => 7, policy)).toBe(200);
    expect(backoffDelay(2, undefined, () => -3, policy)).toBe(0);
  });
});

describe('backgroundDelay', () => {
  const background = { baseMs: 1_000, maxMs: 60_000 };

  it('starts at one second within ±20% and doubles per attempt', () => {
    expect(backgroundDelay(1, undefined, () => 0, background)).toBe(800);
    expect(backgroundDelay(1, undefined, () => 0.5, background)).toBe(1_000);
    expect(backgroundDelay(1, undefined, () => 1, background)).toBe(1_200);
    expect(backgroundDelay(2, undefined, () => 0.5, background)).toBe(2_000);
    expect(backgroundDelay(4, undefined, () => 0.5, background)).toBe(8_000);
  });

  it('stops doubling at the cap, still jittered around it', () => {
    expect(backgroundDelay(50, undefined, () => 0.5, background)).toBe(60_000);
    expect(backgroundDelay(50, undefined, () => 0, background)).toBe(48_000);
    expect(backgroundDelay(50, undefined, () => 1, background)).toBe(72_000);
  });

  it('never goes sooner than the server asked', () => {
    expect(backgroundDelay(1, 30_000, () => 0.5, background)).toBe(30_000);
    expect(backgroundDelay(4, 1_000, () => 0.5, background)).toBe(8_000);
    expect(backgroundDelay(1, Number.NaN, () => 0.5, background)).toBe(1_000);
  });

  it('stays inside ±20% with a broken random source', () => {
    expect(backgroundDelay(1, undefined, () => 9, background)).toBe(1_200);
    expect(backgroundDelay(1, undefined, () => -9, background)).toBe(800);
  });
});

describe('planRetry', () => {
  it('gives up when the wait would overrun the time budget', () => {
    const state = { attempt: 1, safeToRepeat: true, outcome: { status: 429 } };
    expect(planRetry({ ...state, elapsedMs: 1_000, retryAfterMs: 3_000 }, policy, () => 0.5)).toBe(3_000);
    expect(planRetry({ ...state, elapsedMs: 3_000, retryAfterMs: 3_000 }, policy, () => 0.5)).toBeNull();
  });

  it('answers null when shouldRetry says no', () => {
    expect(
      planRetry(
        { attempt: 1, safeToRepeat: true, outcome: { status: 400 }, elapsedMs: 0 },
        policy,
        () => 0.5,
      ),
    ).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 7_000).toUTCString(), now)).toBe(7_000);
    expect(parseRetryAfter(new Date(now - 7_000).toUTCString(), now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
