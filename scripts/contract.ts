// npm run contract: regenerate the trimmed contract, its TypeScript types and the reason codes.
// `--check` only compares and exits 1 when the committed files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildContract, contractPaths } from './contract/build.ts';

const check = process.argv.includes('--check');
const built = await buildContract();
let stale = false;
for (const [file, text] of [
  [contractPaths.trimmed, built.trimmedText],
  [contractPaths.types, built.typesText],
  [contractPaths.reasons, built.reasonsText],
] as const) {
  let current: string;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '';
  }
  if (current === text) continue;
  stale = true;
  if (!check) writeFileSync(file, text);
  console.log(`${check ? 'stale' : 'wrote'} ${file}`);
}
if (check && stale) process.exit(1);
if (!stale) console.log('contract is up to date');
