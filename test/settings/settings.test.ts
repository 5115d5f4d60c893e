import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../shared/settings.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { EncryptionUnavailableError, keyCipher, type SecretCipher } from '../../electron/settings/cipher.ts';
import { SettingsFromNewerVersionError } from '../../electron/settings/migrate.ts';
import { InvalidSettingsError, SettingsService } from '../../electron/settings/settings-service.ts';

describe('settings service', () => {
  let dir: string;
  let cipher: SecretCipher;
  const file = (): string => join(dir, 'settings.json');
  const backend = (): KeyValueBackend => new Conf({ cwd: dir, configName: 'settings' }) as KeyValueBackend;
  const open = (c: SecretCipher = cipher, onProblem?: (p: string) => void): SettingsService =>
    new SettingsService({ store: backend(), cipher: c, onProblem });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-settings-'));
    cipher = keyCipher(randomBytes(32));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts in demo mode with defaults and no password', () => {
    const settings = open();
    expect(settings.demo).toBe(true);
    expect(settings.view()).toMatchObject({
      projectUrl: '',
      passwordSet: false,
      language: 'cs',
      cashdeskNumber: '1',
      offlineVoucherPolicy: 'refuse',
    });
    expect(settings.password()).toBeNull();
  });

  it('stores the password only as ciphertext and shows screens only that one is set', () => {
    const settings = open();
    const view = settings.update({
      projectUrl: 'https://shop.example.com/',
      login: 'pos',
      password: 'S3cret-pass',
    });
    expect(view.passwordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('S3cret-pass');
    expect(view.projectUrl).toBe('https://shop.example.com');
    expect(readFileSync(file(), 'utf8')).not.toContain('S3cret-pass');
    expect(open().password()).toBe('S3cret-pass');
    expect(open().demo).toBe(false);

    open().update({ password: '' });
    expect(open().view().passwordSet).toBe(false);
    expect(open().password()).toBeNull();
  });

  it('persists changes in the file ccpos reads with the shared schema', () => {
    open().update({
      cashdeskNumber: '12',
      language: 'en',
      offlineVoucherPolicy: 'accept-synced',
      requestTimeoutMs: 2500,
    });
    const parsed = parseSettings(JSON.parse(readFileSync(file(), 'utf8')));
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        cashdeskNumber: 12,
        language: 'en',
        offlinePolicy: { vouchers: 'accept-synced' },
        timeouts: { lookupMs: 2500 },
      },
    });
    expect(open().view()).toMatchObject({
      cashdeskNumber: '12',
      language: 'en',
      offlineVoucherPolicy: 'accept-synced',
      requestTimeoutMs: 2500,
    });
  });

  it('refuses an invalid change as a whole, naming each bad field, and writes nothing', () => {
    const settings = open();
    settings.update({ login: 'before' });
    const before = readFileSync(file(), 'utf8');
    let error: unknown;
    try {
      settings.update({
        login: 'after',
        projectUrl: 'http://shop.example.com',
        cashdeskNumber: 'A7',
        timeZone: 'Mars/Base',
        scanRules: { voucher: '([' },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    expect((error as InvalidSettingsError).reasons.map((r) => r.name).sort()).toEqual([
      'cashdeskNumber',
      'projectUrl',
      'scanRules.voucher',
      'timeZone',
    ]);
    expect(readFileSync(file(), 'utf8')).toBe(before);
    expect(settings.view().login).toBe('before');
  });

  it('notifies listeners after a change', () => {
    const settings = open();
    const seen: string[] = [];
    settings.onChange((s) => seen.push(s.language));
    settings.update({ language: 'en' });
    expect(seen).toEqual(['en']);
  });

  it('migrates an old file: cash desk as text, plain password encrypted and removed', () => {
    writeFileSync(file(), JSON.stringify({ cashdeskNumber: '007', password: 'old-plain', login: 'pos' }));
    const settings = open();
    expect(settings.view().cashdeskNumber).toBe('7');
    expect(settings.password()).toBe('old-plain');
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain('old-plain');
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: 3, cashdeskNumber: 7 });
  });

  it('reads the offline voucher policy as older builds spelled it and writes it in the one spelling', () => {
    const old = {
      schemaVersion: 2,
      language: 'en',
      offlinePolicy: { vouchers: 'accept-presynced', points: 'refuse' },
    };
    // ccpos reads the file with the shared schema, even before the app has migrated it.
    expect(parseSettings(old)).toMatchObject({
      ok: true,
      value: { offlinePolicy: { vouchers: 'accept-synced' } },
    });
    writeFileSync(file(), JSON.stringify(old));
    const settings = open();
    expect(settings.view()).toMatchObject({ language: 'en', offlineVoucherPolicy: 'accept-synced' });
    expect(settings.current.offlinePolicy).toEqual({ vouchers: 'accept-synced', points: 'refuse' });
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain('presynced');
    expect(JSON.parse(text)).toMatchObject({
      schemaVersion: 3,
      language: 'en',
      offlinePolicy: { vouchers: 'accept-synced', points: 'refuse' },
    });
    expect(parseSettings({ offlinePolicy: { vouchers: 'accept_synced' } }).ok).toBe(false);
  });

  it('drops a plain password rather than keep it when the machine cannot encrypt', () => {
    writeFileSync(file(), JSON.stringify({ password: 'old-plain' }));
    const noEncryption: SecretCipher = { ...cipher, available: () => false };
    const settings = open(noEncryption);
    expect(settings.password()).toBeNull();
    expect(readFileSync(file(), 'utf8')).not.toContain('old-plain');
    expect(() => settings.update({ password: 'new' })).toThrow(EncryptionUnavailableError);
  });

  it('refuses a file from a newer version', () => {
    writeFileSync(file(), JSON.stringify({ schemaVersion: 99 }));
    expect(() => open()).toThrow(SettingsFromNewerVersionError);
  });

  it('replaces hand-broken values by defaults and reports each', () => {
    writeFileSync(
      file(),
      JSON.stringify({ schemaVersion: 2, language: 'de', storeId: 'S1', timeZone: 42, input: 'x' }),
    );
    const problems: string[] = [];
    const settings = open(cipher, (p) => problems.push(p));
    expect(settings.view()).toMatchObject({ language: 'cs', storeId: 'S1', timeZone: 'Europe/Prague' });
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toMatch(/language.*timeZone.*input/s);
  });

  it('a ciphertext from another key is an error, not a wrong password', () => {
    open().update({ password: 'p' });
    expect(() => open(keyCipher(randomBytes(32))).password()).toThrow();
  });
});

describe('settings service: input devices and scan rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps screen scan rules ahead of the built-in ones and the device switches in the input settings', () => {
    const open = () =>
      new SettingsService({
        store: new Conf({ cwd: dir, configName: 'settings' }) as KeyValueBackend,
        cipher: keyCipher(randomBytes(32)),
      });
    const view = open().update({
      scanRules: { loyaltyCard: '^2000\\d{9}$' },
      devices: { hidEnabled: false },
    });
    expect(view.scanRules).toEqual({ loyaltyCard: '^2000\\d{9}$', voucher: '', giftCard: '' });
    expect(view.devices).toEqual({ hidEnabled: false, wedgeEnabled: true });
    const input = open().input;
    expect(input.devices.enabled).toBe(false);
    expect(input.classification.rules[0]).toMatchObject({ kind: 'card', pattern: '^2000\\d{9}$' });
    expect(input.classification.rules.length).toBeGreaterThan(1);
    open().update({ scanRules: { loyaltyCard: '' } });
    expect(open().view().scanRules.loyaltyCard).toBe('');
    expect(open().input.classification.rules.some((r) => r.kind === 'card')).toBe(false);
  });
});
