// A manager may put a downloaded update off (a rush hour, an inventory count), but not
// for ever: no single postponement beyond a day, and none past three days after the
// update was ready, so a forgotten terminal still catches up.
export const MAX_POSTPONE_HOURS = 24;
export const POSTPONE_LIMIT_HOURS = 72;

const HOUR = 3_600_000;

export interface Postponement {
  version: string;
  until: number;
  /** The manager's operator id. */
  by: string;
}

export type PostponeResult =
  | { ok: true; value: Postponement }
  | { ok: false; reason: 'nothing-to-postpone' | 'invalid-hours' | 'limit-reached' };

export interface ReadyUpdate {
  version: string;
  /** When the download finished and the update became installable. */
  readyAt: number;
}

export function postpone(ready: ReadyUpdate | null, hours: number, by: string, now: number): PostponeResult {
  if (ready === null) return { ok: false, reason: 'nothing-to-postpone' };
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_POSTPONE_HOURS)
    return { ok: false, reason: 'invalid-hours' };
  const limit = ready.readyAt + POSTPONE_LIMIT_HOURS * HOUR;
  if (now >= limit) return { ok: false, reason: 'limit-reached' };
  return { ok: true, value: { version: ready.version, until: Math.min(now + hours * HOUR, limit), by } };
}

/** A postponement counts only for the version it was made for. */
export function postponedUntil(postponement: Postponement | null, ready: ReadyUpdate | null): number | null {
  if (!postponement || !ready || postponement.version !== ready.version) return null;
  return postponement.until;
}
