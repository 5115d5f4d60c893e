// When a journal entry or a connectivity probe is tried again: capped exponential
// backoff with equal jitter (half fixed, half random) so retries neither hammer
// nor march in step.
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export function retryDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
