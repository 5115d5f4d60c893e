// When and how long to wait before repeating a CareCloud call. Pure functions: the
// pipeline feeds them what happened, they answer with a decision.

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Budget for the whole call: attempts and waits together. */
  maxElapsedMs: number;
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface AttemptOutcome {
  /** HTTP status when an answer arrived. */
  status?: number;
  /** True when the request never got a complete answer (refused, reset, timeout, DNS, TLS). */
  transportFailure?: boolean;
}

export interface RetryState {
  /** The attempt that just failed, starting at 1. */
  attempt: number;
  /** GETs and action calls the code marks idempotent may be repeated; nothing else. */
  safeToRepeat: boolean;
  outcome: AttemptOutcome;
}

/** Whether the failed attempt may be repeated at all (the time budget is checked by planRetry). */
export function shouldRetry(state: RetryState, policy: RetryPolicy): boolean {
  if (!state.safeToRepeat || state.attempt >= policy.maxAttempts) return false;
  if (state.outcome.transportFailure) return true;
  return state.outcome.status !== undefined && RETRYABLE_STATUSES.has(state.outcome.status);
}

/**
 * Wait before the next attempt: the server's Retry-After when it sent one, otherwise
 * capped exponential backoff with full jitter (a random wait between 0 and the cap).
 */
export function backoffDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs))
    return Math.max(0, Math.ceil(retryAfterMs));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** How work that no one is waiting for (the journal's replay, the connectivity probe) backs off. */
export interface BackgroundBackoff {
  /** The first wait; CareCloud's best practices start at about one second. */
  baseMs: number;
  maxMs: number;
}

/** ±20% around the doubled wait, as CareCloud's best practices ask, so terminals do not retry in step. */
export const BACKGROUND_JITTER = 0.2;

/**
 * Wait before background attempt `attempt + 1`: base × 2^(attempt−1) up to the cap, ±20% jitter;
 * never sooner than the server's Retry-After when it sent one.
 */
export function backgroundDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  policy: BackgroundBackoff,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.round(ceiling * (1 - BACKGROUND_JITTER + 2 * BACKGROUND_JITTER * r));
  const hint =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.max(0, Math.ceil(retryAfterMs)) : 0;
  return Math.max(hint, jittered);
}

/** The wait before the next attempt, or null when the call should fail now. */
export function planRetry(
  state: RetryState & { retryAfterMs?: number; elapsedMs: number },
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (!shouldRetry(state, policy)) return null;
  const delay = backoffDelay(state.attempt, state.retryAfterMs, random, policy);
  if (state.elapsedMs + delay > policy.maxElapsedMs) return null;
  return delay;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday or month; anything else (e.g. "-5") is not one.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
