// An unsupported Node.js is refused in one sentence: by npm (engine-strict) and by our entry
// points, before better-sqlite3 can crash the process.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unsupportedNodeSentence } from '../../scripts/require-node.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };

/** The machine's own Node when it is older than ours (Debian's is 20 here), or null. */
function olderSystemNode(): string | null {
  try {
    const version = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).trim();
    return unsupportedNodeSentence(version, pkg.engines.node) ? '/usr/bin/node' : null;
  } catch {
    return null;
  }
}

describe('the Node.js version', () => {
  it('is compared part by part with engines.node', () => {
    expect(unsupportedNodeSentence('v22.12.0', '>=22.12.0')).toBeNull();
    expect(unsupportedNodeSentence('v22.23.5', '>=22.12.0')).toBeNull();
    expect(unsupportedNodeSentence('v24.0.0', '>=22.12.0')).toBeNull();
    expect(unsupportedNodeSentence('v22.11.9', '>=22.12.0')).toMatch(
      /needs Node\.js 22\.12\.0 or newer and this is Node\.js 22\.11\.9/,
    );
    expect(unsupportedNodeSentence('v20.20.2', '>=22.12.0')).toMatch(/install Node\.js 22/);
    expect(() => unsupportedNodeSentence('v22.0.0', '^22')).toThrow(/Cannot compare/);
  });

  it('is enforced by npm install', () => {
    expect(readFileSync(new URL('.npmrc', root), 'utf8')).toMatch(/^engine-strict=true$/m);
    expect(pkg.engines.node).toBe('>=22.12.0');
  });

  const older = olderSystemNode();
  it.skipIf(older === null)('stops ccpos on an older Node with the sentence, before anything loads', () => {
    const run = spawnSync(older!, ['bin/ccpos.js', 'help'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^This project needs Node\.js 22\.12\.0 or newer and this is Node\.js 20\./,
    );
    expect(run.stdout).toBe('');
  });
});
