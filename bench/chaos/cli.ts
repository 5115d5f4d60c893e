// npm run chaos [-- --seed N --checkouts N --scenario a,b --short --verbose --no-results]
// Prints per scenario and in total what was journaled, what CareCloud has, and what went
// wrong; writes the `chaos` section of bench/results.json; exits 1 when anything did.
import { parseArgs } from 'node:util';
import { writeResultsSection } from '../results.ts';
import { clean, runChaos, type ChaosReport } from './chaos.ts';
import { newSeed } from './random.ts';
import { scenarios } from './scenarios/index.ts';

const FULL_CHECKOUTS = 350;
const SHORT_CHECKOUTS = 21;

function positiveInteger(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} takes a positive whole number, not "${text}".`);
  return Number(text);
}

function table(report: ChaosReport): string[] {
  const header = [
    'scenario',
    'sales',
    'killed',
    'journaled',
    'in CareCloud',
    'lost',
    'doubled',
    'failed but landed',
    'unjournaled',
    'hung',
    'longest hang',
  ];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const rows = report.scenarios.map((r) =>
    r.skipped !== null
      ? [r.name, `skipped: ${r.skipped}`]
      : [
          r.name,
          String(r.commands.checkouts + r.commands.appSales),
          String(r.commands.killed),
          String(r.journaled),
          String(r.inCareCloud),
          String(r.lost),
          String(r.doubled),
          String(r.failedButLanded),
          String(r.unjournaled),
          String(r.hung),
          seconds(r.longestHangMs),
        ],
  );
  const t = report.total;
  rows.push([
    'total',
    String(t.commands.checkouts + t.commands.appSales),
    String(t.commands.killed),
    String(t.journaled),
    String(t.inCareCloud),
    String(t.lost),
    String(t.doubled),
    String(t.failedButLanded),
    String(t.unjournaled),
    String(t.hung),
    seconds(t.longestHangMs),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.filter((r) => r.length === header.length).map((r) => r[i]!.length)),
  );
  return [header, ...rows].map((row) =>
    row.length === header.length
      ? row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
      : `${row[0]!.padEnd(widths[0]!)}  ${row[1]}`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      checkouts: { type: 'string' },
      scenario: { type: 'string' },
      short: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'no-results': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      `npm run chaos -- [--seed N] [--checkouts N] [--scenario ` +
        `${scenarios.map((s) => s.name).join(',')}] [--short] [--verbose] [--no-results]`,
    );
    return 0;
  }
  const seed = positiveInteger(values.seed ?? process.env.CHAOS_SEED, '--seed') ?? newSeed();
  const checkouts =
    positiveInteger(values.checkouts ?? process.env.CHAOS_CHECKOUTS, '--checkouts') ??
    (values.short ? SHORT_CHECKOUTS : FULL_CHECKOUTS);
  const only = values.scenario
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  console.log(`chaos run: seed ${seed}, ${checkouts} sales${only ? `, scenarios ${only.join(', ')}` : ''}`);
  const report = await runChaos({
    seed,
    checkouts,
    ...(only ? { only } : {}),
    log: (line) => console.log(line),
    verbose: values.verbose === true,
  });
  console.log('');
  for (const line of table(report)) console.log(line);
  console.log(
    `rejected (counted in lost) ${report.total.rejected}; ` +
      `${report.total.commands.replays} replays; ${(report.durationMs / 1000).toFixed(0)} s in all`,
  );
  if (!values['no-results']) writeResultsSection('chaos', report);
  const ok = clean(report);
  console.log(
    ok
      ? 'nothing lost, doubled, misreported or hung.'
      : `FOUND PROBLEMS. Repeat with: npm run chaos -- --seed ${seed} ` +
          `--checkouts ${checkouts}${only ? ` --scenario ${only.join(',')}` : ''}`,
  );
  return ok ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
