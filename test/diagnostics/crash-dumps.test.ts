// Crash reports: the options crashReporter starts with, the upload address read from
// settings.json before anything else runs, and the doctor's list of kept dumps.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  crashFolder,
  crashReporterOptions,
  crashUploadUrl,
  listCrashDumps,
} from '../../electron/crash/crash-reports.ts';
import { crashDumpsCheck } from '../../electron/diagnostics/checks/crash-dumps.ts';
import { runDoctor } from '../../electron/diagnostics/index.ts';
import { defaultSettings, type TerminalSettings } from '../../shared/settings.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T10:00:00Z');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-crash-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function dump(relative: string, ageDays: number, bytes = 2048): string {
  const path = join(crashFolder(dataDir), relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes, 0x4d));
  const at = new Date(NOW - ageDays * DAY);
  utimesSync(path, at, at);
  return path;
}

function doctor(settings: TerminalSettings = defaultSettings, withDataDir = true) {
  return runDoctor(
    {
      settings,
      configProblems: [],
      client: () => {
        throw new Error('the crash check needs no CareCloud');
      },
      now: () => NOW,
      ...(withDataDir ? { dataDir } : {}),
    },
    [crashDumpsCheck],
  ).then((report) => report.checks[0]!);
}

describe('starting the crash reporter', () => {
  it('uploads only where settings.json names an address, and keeps dumps locally otherwise', () => {
    expect(crashUploadUrl(dataDir)).toBe('');
    expect(crashReporterOptions('', '1.2.0')).toEqual({
      productName: 'ccpos',
      submitURL: '',
      uploadToServer: false,
      compress: true,
      globalExtra: { version: '1.2.0' },
    });
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ crashReports: { uploadUrl: 'https://crash.shop.example/submit/' } }),
    );
    expect(crashUploadUrl(dataDir)).toBe('https://crash.shop.example/submit');
    expect(crashReporterOptions(crashUploadUrl(dataDir), '1.2.0')).toMatchObject({
      submitURL: 'https://crash.shop.example/submit',
      uploadToServer: true,
    });
  });

  it('uploads nothing when settings.json is broken or its address is not HTTPS', () => {
    writeFileSync(join(dataDir, 'settings.json'), '{ "crashReports": ');
    expect(crashUploadUrl(dataDir)).toBe('');
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ crashReports: { uploadUrl: 'http://crash.shop.example/submit' } }),
    );
    expect(crashUploadUrl(dataDir)).toBe('');
  });
});

describe("the doctor's crash report check", () => {
  it('passes with no dumps, naming the folder', async () => {
    expect(await doctor()).toMatchObject({
      status: 'pass',
      detail: `no crash dumps in ${crashFolder(dataDir)} (kept on this terminal only)`,
    });
  });

  it('lists the dumps newest first and warns about recent ones', async () => {
    const old = dump('completed/0a1b.dmp', 30);
    const recent = dump('completed/9f8e.dmp', 1, 10_000);
    const pending = dump('pending/77aa.dmp', 2);
    dump('completed/settings.dat', 0);
    expect(listCrashDumps(crashFolder(dataDir)).map((d) => d.path)).toEqual([recent, pending, old]);
    const check = await doctor();
    expect(check.status).toBe('warn');
    expect(check.detail).toBe(
      `2 in the last 7 days. 3 crash dumps (kept on this terminal only): ` +
        `${recent} (2026-12-01T10:00:00.000Z, 10 KiB), ${pending} (2026-11-30T10:00:00.000Z, ` +
        `2 KiB), ${old} (2026-11-02T10:00:00.000Z, 2 KiB). Send them to support with the logs folder.`,
    );
  });

  it('passes when every dump is older than a week, and says where they are uploaded', async () => {
    dump('reports/a.dmp', 10);
    const settings = { ...defaultSettings, crashReports: { uploadUrl: 'https://crash.shop.example/submit' } };
    const check = await doctor(settings);
    expect(check.status).toBe('pass');
    expect(check.detail).toMatch(
      /^1 crash dump \(uploaded to crash\.shop\.example\): .*a\.dmp .*; none in the last 7 days$/,
    );
  });

  it('skips without a data folder', async () => {
    expect((await doctor(defaultSettings, false)).status).toBe('skip');
  });
});
