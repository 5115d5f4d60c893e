// The chaos run's short form (npm run chaos is the long one): every scenario with a few
// sales, the same code. A failure prints its seed; CHAOS_SEED=N repeats it exactly.
import { describe, expect, it } from 'vitest';
import { clean, runChaos } from '../../bench/chaos/chaos.ts';
import { newSeed } from '../../bench/chaos/random.ts';
import { scenarios } from '../../bench/chaos/scenarios/index.ts';

describe('chaos, short form', () => {
  it('loses, doubles, misreports, hangs nothing: kills, drops, garbage, outages, shares, skew, full disk', async () => {
    const seed = Number(process.env.CHAOS_SEED) || newSeed();
    const report = await runChaos({ seed, checkouts: 2 * scenarios.length });
    const ran = report.scenarios.flatMap((s) => (s.skipped === null ? [s] : []));
    const skipped = report.scenarios.flatMap((s) => (s.skipped !== null ? [`${s.name}: ${s.skipped}`] : []));
    // Only the full disk may be skipped, and only where a tmpfs cannot be mounted.
    expect(
      skipped.filter((s) => !s.startsWith('full-disk: cannot mount') && !s.startsWith('full-disk: tmpfs is')),
    ).toEqual([]);
    const { lost, doubled, failedButLanded, unjournaled, hung, errors } = report.total;
    expect({
      seed,
      lost,
      doubled,
      failedButLanded,
      unjournaled,
      hung,
      errors,
      findings: ran.flatMap((s) => s.findings),
      failures: ran.flatMap((s) => (s.error ? [s.error] : [])),
    }).toEqual({
      seed,
      lost: 0,
      doubled: 0,
      failedButLanded: 0,
      unjournaled: 0,
      hung: 0,
      errors: 0,
      findings: [],
      failures: [],
    });
    expect(clean(report)).toBe(true);
    expect(report.total.journaled).toBeGreaterThan(0);
    expect(report.total.inCareCloud).toBe(
      report.total.journaled - report.total.rejected - report.total.voided,
    );
  }, 150_000);
});
