import type { TerminalSettings } from '../../shared/settings.ts';
import type { SyncPolicy } from './engine.ts';

/** Share of the project's rate limit the replay uses, leaving room for the tills' own calls. */
export const RATE_LIMIT_SHARE = 0.95;

/** Enough sends in flight to keep up with the rate when an answer takes up to about 50 ms. */
export function drainConcurrency(ratePerSecond: number): number {
  return Math.min(16, Math.max(2, Math.ceil(ratePerSecond / 50)));
}

export function syncPolicyFrom(settings: TerminalSettings): Partial<SyncPolicy> {
  const ratePerSecond = settings.sync.rateLimitPerSecond * RATE_LIMIT_SHARE;
  return {
    sendTimeoutMs: settings.timeouts.closureMs,
    probeTimeoutMs: settings.timeouts.lookupMs,
    breakerThreshold: settings.sync.breakerThreshold,
    ratePerSecond,
    concurrency: drainConcurrency(ratePerSecond),
    pendingAlertMs: settings.sync.pendingAlertHours * 3_600_000,
    offlineBenefits: settings.offlinePolicy,
    syncedRetentionDays: settings.sync.syncedRetentionDays,
  };
}
