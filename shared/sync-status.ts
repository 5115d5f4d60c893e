// The sync engine's state as the status bar and the dashboard follow it.
import type { DrainProgress } from './dashboard.ts';

export interface SyncStatus {
  online: boolean;
  /** ISO instant the terminal entered its current online/offline state. */
  since: string;
  queueSize: number;
  oldestPendingAgeMs: number | null;
  /** Sales CareCloud rejected that wait for a manager. */
  needsAttention: number;
  /** The catch-up after a backlog (an outage): progress, rate and when it should finish. */
  drain?: DrainProgress | null;
}
