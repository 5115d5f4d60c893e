// npm run bench [suite-name ...]: runs the suites, prints a table, writes the `figures` section of bench/results.json.
import '../scripts/require-node.js';
import { meetsTarget, type Figure } from './harness.ts';
import { writeResultsSection } from './results.ts';
import { suites } from './suites.ts';

const only = process.argv.slice(2);
const figures: Figure[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`running ${suite.name} ...`);
  figures.push(...(await suite.run()));
}

const fmt = (n: number | null) => (n === null ? '-' : Number.isInteger(n) ? String(n) : n.toFixed(3));
const rows = figures.map((f) => [
  f.name,
  fmt(f.value),
  f.unit,
  fmt(f.baseline),
  fmt(f.ratio),
  f.target,
  { true: 'met', false: 'MISSED', null: '?' }[String(meetsTarget(f)) as 'true' | 'false' | 'null'],
]);
const header = ['figure', 'value', 'unit', 'baseline', 'ratio', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));

writeResultsSection('figures', figures);
if (figures.some((f) => meetsTarget(f) === false)) process.exitCode = 1;
