// The terminal's own updates as the manager sees them.

/** The terminal's own updates, for the manager: what is downloaded and what it waits for. */
export interface UpdateStatus {
  /** `off`: no update server in the settings (or not a packaged app). */
  state: 'off' | 'checking' | 'up-to-date' | 'downloading' | 'ready' | 'failed';
  channel: 'stable' | 'pilot';
  currentVersion: string;
  /** A downloaded version waiting for an idle moment to install. */
  readyVersion: string | null;
  /** What holds the install back now; empty when it is about to happen. */
  waitingFor: ('postponed' | 'sale-open' | 'shift-closing' | 'journal-sending' | 'starting')[];
  postponedUntil: string | null;
  /** After this, postponing is refused and the update installs at the next idle moment. */
  postponeLimit: string | null;
  lastCheckedAt: string | null;
  /** The last check's or download's failure, in one sentence. */
  problem: string | null;
}
