import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/config/data-dir.ts';
import { parseCommandLine } from '../../electron/config/flags.ts';
import { ConfigError, loadConfig, missingForCareCloud, missingSentence } from '../../electron/config/load.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccpos-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeSettings = (value: unknown) => writeFileSync(join(dir, 'settings.json'), JSON.stringify(value));

describe('loadConfig', () => {
  it('uses defaults when there is no settings file', () => {
    const config = loadConfig({ CCPOS_DATA_DIR: dir });
    expect(config.settings).toMatchObject({
      projectUrl: '',
      language: 'cs',
      timeZone: 'Europe/Prague',
      cashdeskNumber: 1,
      timeouts: { lookupMs: 3000, closureMs: 15000 },
    });
    expect(config.password).toBe('');
    expect(config.dataDir).toBe(dir);
    expect(missingForCareCloud(config)).toHaveLength(4);
    expect(missingSentence(config)).toBe(
      'CareCloud is not configured: set CARECLOUD_PROJECT_URL (or --project-url), ' +
        'CARECLOUD_APP_ID (or --app-id), CARECLOUD_LOGIN (or --login) and ' +
        'CARECLOUD_PASSWORD (or --password-stdin or --password-file).',
    );
  });

  it('layers file, environment and flags in that order', () => {
    writeSettings({
      projectUrl: 'https://file.example.com',
      login: 'file-login',
      storeId: 'file-store',
      language: 'en',
      cashdeskNumber: 3,
    });
    const env = {
      CCPOS_DATA_DIR: dir,
      CARECLOUD_LOGIN: 'env-login',
      CCPOS_STORE_ID: 'env-store',
      CCPOS_CASHDESK: '7',
      CARECLOUD_PASSWORD: 'env-pw',
      CARECLOUD_APP_ID: 'env-app',
    };
    const config = loadConfig(env, { storeId: 'flag-store', passwordStdin: true }, () => 'flag-pw\n');
    expect(config.settings).toMatchObject({
      projectUrl: 'https://file.example.com',
      login: 'env-login',
      storeId: 'flag-store',
      language: 'en',
      cashdeskNumber: 7,
      externalApplicationId: 'env-app',
    });
    expect(config.password).toBe('flag-pw');
    expect(missingForCareCloud(config)).toEqual([]);
    expect(missingSentence(config)).toBeNull();
  });

  it('ignores empty environment values and keys the app keeps for itself', () => {
    writeSettings({ login: 'file-login', passwordCiphertext: 'abc', scanRules: { voucher: 'x' } });
    const config = loadConfig({ CCPOS_DATA_DIR: dir, CARECLOUD_LOGIN: '  ' });
    expect(config.settings.login).toBe('file-login');
    expect(config.settings).not.toHaveProperty('passwordCiphertext');
  });

  it('names the source of a bad value in one sentence', () => {
    expect(() => loadConfig({ CCPOS_DATA_DIR: dir, CCPOS_LANGUAGE: 'de' })).toThrow(
      /language.*CCPOS_LANGUAGE/,
    );
    expect(() => loadConfig({ CCPOS_DATA_DIR: dir }, { projectUrl: 'ftp://x' })).toThrow(
      /projectUrl.*--project-url/,
    );
    writeSettings({ timeouts: { lookupMs: -1 } });
    expect(() => loadConfig({ CCPOS_DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ CCPOS_DATA_DIR: dir })).toThrow(/timeouts\.lookupMs.*settings\.json/);
  });

  it('refuses a settings file that is not JSON', () => {
    writeFileSync(join(dir, 'settings.json'), 'nope');
    expect(() => loadConfig({ CCPOS_DATA_DIR: dir })).toThrow(/not valid JSON/);
  });
});

describe('defaultDataDir', () => {
  it('matches where Electron keeps userData for "ccpos"', () => {
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/ccpos');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/ccpos');
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/ccpos');
    // Windows: local application data, never the roaming profile (the journal must not follow a user to another till).
    const windows = defaultDataDir(
      { APPDATA: 'C:\\Users\\a\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' },
      'win32',
      'C:\\Users\\a',
    );
    expect(windows).toContain('Local');
    expect(windows).not.toContain('Roaming');
    expect(windows.endsWith('ccpos')).toBe(true);
  });
});

describe('parseCommandLine', () => {
  it('reads config flags, switches and positionals', () => {
    const parsed = parseCommandLine(['--timezone', 'UTC', 'abc', '--json'], ['json']);
    expect(parsed.flags.timeZone).toBe('UTC');
    expect(parsed.positionals).toEqual(['abc']);
    expect(parsed.switches.has('json')).toBe(true);
    expect(() => parseCommandLine(['--nope'])).toThrow(/Unknown option '--nope'\.$/);
  });
});
