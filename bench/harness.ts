// Shared shape of every benchmark figure: `npm run bench` prints them as a table
// and writes bench/results.json so a script can check any of them.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What `value` is compared with, measured in the same run (null when the figure is absolute). */
  baseline: number | null;
  /** value / baseline, or null when there is no baseline. */
  ratio: number | null;
  /** The goal in words a script can parse, e.g. "ratio <= 1.3" or "value >= 2000". */
  target: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<Figure[]>;
}

export function figure(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: string,
): Figure {
  const ratio = baseline === null || baseline === 0 ? null : value / baseline;
  return { name, value, unit, baseline, ratio, target };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Whether a figure meets its target; targets read "ratio <= 1.3", "value >= 2000" and the like. */
export function meetsTarget(f: Figure): boolean | null {
  const match = /^(ratio|value)\s*(<=|>=|<|>)\s*([\d.]+)$/.exec(f.target.trim());
  if (!match) return null;
  const subject = match[1] === 'ratio' ? f.ratio : f.value;
  if (subject === null) return null;
  const limit = Number(match[3]);
  switch (match[2]) {
    case '<=':
      return subject <= limit;
    case '>=':
      return subject >= limit;
    case '<':
      return subject < limit;
    default:
      return subject > limit;
  }
}
