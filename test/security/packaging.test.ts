// What ships: `ccpos` runs built JavaScript, not TypeScript through a loader, and the
// runtime dependencies are exactly what the app and `ccpos` load (the rest is for
// building, testing and development tools such as the web preview).
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCliIfStale, cliBundle } from '../../scripts/build-cli.js';
import pkg from '../../package.json' with { type: 'json' };
import { CCPOS_BIN, runCcpos } from './support/ccpos-process.ts';

const runtime = new Set(Object.keys(pkg.dependencies));

/** The packages a built file imports, statically or dynamically. */
function packagesImportedBy(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  const statements = [
    ...text.matchAll(/^import\s[^;]*?from\s*"([^"]+)";$/gm),
    ...text.matchAll(/^import\s*"([^"]+)";$/gm),
    ...text.matchAll(/\bimport\("([^"]+)"\)/g),
  ];
  for (const match of statements) {
    const name = match[1]!;
    if (name.startsWith('.') || name.startsWith('node:') || builtinModules.includes(name)) continue;
    found.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
  }
  return found;
}

describe('packaging', () => {
  it("keeps the TypeScript loader and the preview's WebSocket library out of the runtime dependencies", () => {
    expect(runtime.has('tsx')).toBe(false);
    expect(runtime.has('ws')).toBe(false);
  });

  it('runs ccpos from its JavaScript build, which imports only runtime dependencies', async () => {
    await buildCliIfStale();
    expect(readFileSync(CCPOS_BIN, 'utf8')).not.toMatch(/tsx/);
    const imported = packagesImportedBy(cliBundle);
    expect([...imported].filter((name) => !runtime.has(name))).toEqual([]);
    const run = await runCcpos(['help'], {});
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: ccpos <command>');
  });

  it('lists in the runtime dependencies only packages the app or ccpos loads', async () => {
    await buildCliIfStale();
    const loaded = packagesImportedBy(cliBundle);
    // The app's main process keeps the same packages external (vite.config.ts) and loads
    // these beyond what ccpos does: its settings store, the scan-rule check, its updater, the
    // receipt printer's renderer and the shift report's PDF with its font.
    const appOnly = [
      'electron-store',
      'redos-detector',
      'electron-updater',
      'receiptline',
      'pdfkit',
      'dejavu-fonts-ttf',
    ];
    const unused = [...runtime].filter((name) => !loaded.has(name) && !appOnly.includes(name));
    expect(unused).toEqual([]);
  });
});
