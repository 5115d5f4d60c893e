// Refuses, in one sentence, a Node.js older than package.json's `engines.node`: on older
// ones better-sqlite3 installs with only a warning and then crashes the process. Imported
// first by every entry point we run under plain Node (ccpos, vite and vitest configs, bench).
import { readFileSync } from 'node:fs';

/** The sentence for `version` (process.version) against a `>=X.Y.Z` range, or null when it is supported. */
export function unsupportedNodeSentence(version, range) {
  const wanted = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  const actual = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!wanted || !actual) throw new Error(`Cannot compare Node.js ${version} with the range "${range}".`);
  for (let i = 1; i <= 3; i++) {
    const difference = Number(actual[i]) - Number(wanted[i]);
    if (difference > 0) break;
    if (difference < 0) {
      return (
        `This project needs Node.js ${wanted.slice(1).join('.')} or newer and this is ` +
        `Node.js ${version.replace(/^v/, '')}, on which its journal's SQLite library crashes; ` +
        `install Node.js 22 (README, "Requirements") and run npm install again.`
      );
    }
  }
  return null;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const sentence = unsupportedNodeSentence(process.version, pkg.engines.node);
if (sentence) {
  console.error(sentence);
  process.exit(1);
}
