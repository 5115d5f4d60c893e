// Staged rollout: a release's feed says what share of terminals take it
// (`stagingPercentage: 20`). Each terminal falls in one fixed place of 0–100 derived
// from its own id, so the same terminals go first every time and a terminal never
// flips between in and out while the percentage only grows.
import { createHash } from 'node:crypto';

/** The terminal's place in 0 ≤ p < 100, stable for its id. */
export function rolloutPlace(terminalId: string): number {
  const digest = createHash('sha256').update(`ccpos-rollout:${terminalId}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/**
 * The percentage a feed asks for: absent means everyone; a number (or numeric text)
 * from 0 to 100 is taken as is; anything else is refused as null.
 */
export function stagingPercentage(raw: unknown): number | null {
  if (raw === undefined || raw === null) return 100;
  const value =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)
        ? Number(raw)
        : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  return value;
}

/** A feed with a malformed percentage reaches no terminal: a typo must not push a release to every till. */
export function inRollout(terminalId: string, raw: unknown): boolean {
  const percentage = stagingPercentage(raw);
  if (percentage === null) return false;
  return rolloutPlace(terminalId) < percentage;
}
