// A manager's scan rule runs in main on every scan: a pattern that can backtrack
// catastrophically (`^(\d+)+$`) would freeze the terminal, so it is refused when saved.
import { isSafe } from 'redos-detector';

/** The checker's own budget: a pattern it cannot clear within it is refused as well. */
const CHECK_TIMEOUT_MS = 500;

/**
 * True when a valid pattern may take super-linear time on some input (an invalid one is reported as invalid elsewhere).
 */
export function isSlowScanPattern(source: string): boolean {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch {
    return false;
  }
  try {
    return !isSafe(pattern, { timeout: CHECK_TIMEOUT_MS }).safe;
  } catch {
    return true;
  }
}
