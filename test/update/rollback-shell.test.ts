// The rollback as the built main bundle does it, under the Electron stand-in: a version
// that started three times without reaching ready puts the kept AppImage back over the
// running one and starts it, before opening the journal or a window; a version that
// reaches ready resets its count.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { ensureShellBuilt } from '../support/electron-stand-in/build.ts';
import { launchMain } from '../support/electron-stand-in/main-process.ts';
import { MAX_FAILED_STARTS, parseMarker, type VersionMarker } from '../../electron/update/rollback.ts';
import pkg from '../../package.json' with { type: 'json' };

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-rollback-'));
  folders.push(dir);
  return dir;
}
beforeAll(() => ensureShellBuilt(), 240_000);
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function writeMarker(dataDir: string, marker: VersionMarker): void {
  mkdirSync(join(dataDir, 'updates'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'updates', 'version.json'), JSON.stringify(marker), { mode: 0o600 });
}

describe('rolling back from the built bundle', () => {
  it('puts the kept AppImage back and starts it when this version never got ready three times', async () => {
    const dataDir = folder();
    const home = folder();
    const running = join(home, 'ccpos.AppImage');
    writeFileSync(running, 'the failing version', { mode: 0o755 });
    const kept = join(dataDir, 'updates', 'kept', 'ccpos-0.0.9.AppImage');
    mkdirSync(join(dataDir, 'updates', 'kept'), { recursive: true, mode: 0o700 });
    writeFileSync(kept, 'the previous version');
    writeMarker(dataDir, {
      version: pkg.version,
      failedStarts: MAX_FAILED_STARTS,
      readyAt: null,
      previous: { version: '0.0.9', artifact: kept },
      kept: null,
      refused: [],
    });

    const main = launchMain({ dataDir, env: { APPIMAGE: running, INVOCATION_ID: '' } });
    const exit = await main.exited;
    expect(exit.code).toBe(0);
    expect(readFileSync(running, 'utf8')).toBe('the previous version');
    expect(main.callsTo('app.relaunch')).toEqual([[{ execPath: running }]]);
    expect(main.callsTo('BrowserWindow')).toEqual([]);
    expect(() => readFileSync(journalFile(dataDir))).toThrow();
    expect(parseMarker(readFileSync(join(dataDir, 'updates', 'version.json'), 'utf8'))).toMatchObject({
      version: pkg.version,
      failedStarts: MAX_FAILED_STARTS + 1,
    });
  }, 60_000);

  it('counts a start and marks the version ready once the till is on screen', async () => {
    const dataDir = folder();
    writeMarker(dataDir, {
      version: pkg.version,
      failedStarts: 2,
      readyAt: null,
      previous: null,
      kept: null,
      refused: [],
    });
    const main = launchMain({ dataDir, env: { INVOCATION_ID: '' } });
    try {
      await main.ready();
      const marker = () => parseMarker(readFileSync(join(dataDir, 'updates', 'version.json'), 'utf8'));
      // Marked just after the window has loaded, which may be a moment after the stand-in reports it ready.
      await expect.poll(() => marker()?.readyAt ?? null, { timeout: 20_000 }).toEqual(expect.any(Number));
      expect(marker()).toMatchObject({ version: pkg.version, failedStarts: 0 });
    } finally {
      await main.kill();
    }
  }, 60_000);
});
