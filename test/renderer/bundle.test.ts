// The renderer's budget on the real build: the JavaScript the first screen needs stays at or
// under 120 KB gzip, and the manager's dashboard is a chunk of its own that loads on demand.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  firstScreenScripts,
  importedChunks,
  initialJavaScriptKb,
  lazyChunks,
} from '../../bench/renderer.bench.ts';
import { ensureRendererBuilt, rendererDir } from '../e2e/support/build.ts';

describe('chunks a script needs', () => {
  it('follows static imports and re-exports, not dynamic imports or a preload list', () => {
    const script =
      'import{a as b}from"./shared-1.js";import"./side-2.js";export{c}from"./re-3.js";' +
      'const d=()=>import(`./Lazy-4.js`),m=["./Lazy-4.js","./Lazy-4.css"];';
    expect(importedChunks(script).sort()).toEqual(['re-3.js', 'shared-1.js', 'side-2.js']);
    expect(lazyChunks(script)).toEqual(['Lazy-4.js']);
  });
});

describe('the built renderer', () => {
  beforeAll(() => ensureRendererBuilt(), 180_000);

  it('keeps the first screen at or under 120 KB of gzipped JavaScript, without the dashboard', () => {
    const initial = firstScreenScripts();
    expect(initial.length).toBeGreaterThan(0);
    expect(
      initial.map((file) => basename(file)).filter((name) => name.startsWith('DashboardScreen')),
    ).toEqual([]);
    expect(initialJavaScriptKb()).toBeLessThanOrEqual(120);
  });

  it('loads the dashboard as its own chunk on demand', () => {
    const lazy = firstScreenScripts().flatMap((file) => lazyChunks(readFileSync(file, 'utf8')));
    const dashboard = lazy.filter((name) => name.startsWith('DashboardScreen'));
    expect(dashboard).toHaveLength(1);
    expect(readFileSync(join(rendererDir, 'assets', dashboard[0]!), 'utf8')).toContain('dashboard');
  });
});
