// When a downloaded update may be installed: only when installing loses nothing and
// interrupts nobody. Installing restarts the app, so an open sale (including one being
// paid), a shift being closed or a journal entry on its way to CareCloud would be cut off.
export interface TerminalActivity {
  /**
   * The till shows a sale with lines, or one being paid (the renderer reports it; a dead renderer's last report
   * stands).
   */
  saleOpen: boolean;
  /** A shift or day closing is running. The terminal has no shift closing yet: always false until it does. */
  shiftClosing: boolean;
  /** Journal entries claimed by the sync engine and in flight to CareCloud. */
  sending: number;
  /** Journal entries waiting for CareCloud: kept in the journal across a restart, so they do not block. */
  pending: number;
}

export type IdleBlocker = 'postponed' | 'sale-open' | 'shift-closing' | 'journal-sending';

export type InstallVerdict =
  { install: true; pendingKept: number } | { install: false; blockers: IdleBlocker[] };

/** Every reason that holds the update back, so the manager's screen can say all of them. */
export function installVerdict(
  activity: TerminalActivity,
  postponedUntil: number | null,
  now: number,
): InstallVerdict {
  const blockers: IdleBlocker[] = [];
  if (postponedUntil !== null && now < postponedUntil) blockers.push('postponed');
  if (activity.saleOpen) blockers.push('sale-open');
  if (activity.shiftClosing) blockers.push('shift-closing');
  if (activity.sending > 0) blockers.push('journal-sending');
  if (blockers.length > 0) return { install: false, blockers };
  return { install: true, pendingKept: activity.pending };
}
