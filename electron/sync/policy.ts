import type { TerminalSettings } from '../../shared/settings.ts';
import type { SyncPolicy } from './engine.ts';

/** Share of the project's rate limit the replay uses, leaving room for the tills' own calls. */
export const RATE_LIMIT_SHARE = 0.9;

export function syncPolicyFrom(settings: TerminalSettings): Partial<SyncPolicy> {
  return {
    sendTimeoutMs: settings.timeouts.closureMs,
    probeTimeoutMs: settings.timeouts.lookupMs,
    breakerThreshold: settings.sync.breakerThreshold,
    ratePerSecond: settings.sync.rateLimitPerSecond * RATE_LIMIT_SHARE,
    pendingAlertMs: settings.sync.pendingAlertHours * 3_600_000,
  };
}
