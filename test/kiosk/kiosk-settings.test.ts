// A kiosk's configuration never holds the shop's enterprise login or password: the
// settings refuse them in kiosk mode, switching to kiosk forgets them, a hand-edited file
// cannot bring them back, ccpos's reading of the file refuses them, and the Customer
// API's device token is kept only as ciphertext.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../shared/settings.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher, type SecretCipher } from '../../electron/settings/cipher.ts';
import { kioskDeviceTokenCiphertextKey, passwordCiphertextKey } from '../../electron/settings/keys.ts';
import { InvalidSettingsError, SettingsService } from '../../electron/settings/settings-service.ts';

describe('kiosk settings', () => {
  let dir: string;
  let cipher: SecretCipher;
  const file = (): string => join(dir, 'settings.json');
  const raw = (): Record<string, unknown> =>
    JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
  const open = (): SettingsService =>
    new SettingsService({ store: new Conf({ cwd: dir, configName: 'settings' }) as KeyValueBackend, cipher });
  const refusal = (patch: Parameters<SettingsService['update']>[0]): InvalidSettingsError => {
    try {
      open().update(patch);
    } catch (error) {
      if (error instanceof InvalidSettingsError) return error;
      throw error;
    }
    throw new Error('the patch was saved');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-settings-'));
    cipher = keyCipher(randomBytes(32));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('switching a configured till to kiosk forgets its enterprise login and password', () => {
    open().update({ projectUrl: 'https://shop.example.com', login: 'pos-user', password: 'Till-Pa55word' });
    expect(raw()[passwordCiphertextKey]).toEqual(expect.any(String));

    const view = open().update({
      mode: 'kiosk',
      kiosk: { customerApiUrl: 'https://shop.example.com/', externalApplicationId: 'kiosk-app' },
    });
    expect(view).toMatchObject({
      mode: 'kiosk',
      login: '',
      passwordSet: false,
      kiosk: {
        customerApiUrl: 'https://shop.example.com',
        externalApplicationId: 'kiosk-app',
        deviceTokenSet: false,
      },
    });
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain('pos-user');
    expect(raw()).not.toHaveProperty(passwordCiphertextKey);
    expect(open().password()).toBeNull();
    expect(open().kiosk).toBe(true);
    expect(open().demo).toBe(false);
  });

  it('refuses a login or a password typed for a kiosk, and writes nothing', () => {
    open().update({ mode: 'kiosk' });
    const before = readFileSync(file(), 'utf8');
    expect(refusal({ login: 'pos-user' }).reasons).toContainEqual(
      expect.objectContaining({ name: 'login', reason: 'kiosk_no_login' }),
    );
    expect(refusal({ password: 'Till-Pa55word' }).reasons).toContainEqual(
      expect.objectContaining({ name: 'password', reason: 'kiosk_no_login' }),
    );
    expect(
      refusal({ mode: 'kiosk', login: 'pos-user', password: 'x' })
        .reasons.map((r) => r.name)
        .sort(),
    ).toEqual(['login', 'password']);
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it('a login and password written into a kiosk file by hand are dropped on open, and ccpos refuses that file', () => {
    open().update({ mode: 'kiosk' });
    const edited = {
      ...raw(),
      login: 'pos-user',
      [passwordCiphertextKey]: cipher.encrypt('Till-Pa55word'),
      password: 'Plain-Pa55word',
    };
    writeFileSync(file(), JSON.stringify(edited));
    expect(parseSettings(edited)).toMatchObject({ ok: false, error: expect.stringContaining('"login"') });

    const settings = open();
    expect(settings.current.login).toBe('');
    expect(settings.password()).toBeNull();
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain('pos-user');
    expect(text).not.toContain('Plain-Pa55word');
    expect(raw()).not.toHaveProperty(passwordCiphertextKey);
  });

  it('keeps the device token as ciphertext, the device id stable; forgets the token for another project or app', () => {
    const settings = open();
    settings.update({
      mode: 'kiosk',
      kiosk: { customerApiUrl: 'https://shop.example.com', externalApplicationId: 'kiosk-app' },
    });
    const deviceId = settings.kioskDeviceId();
    settings.setKioskDeviceToken('device-token-0123456789abcdef');
    expect(readFileSync(file(), 'utf8')).not.toContain('device-token-0123456789abcdef');
    expect(raw()[kioskDeviceTokenCiphertextKey]).toEqual(expect.any(String));
    expect(open().kioskDeviceToken()).toBe('device-token-0123456789abcdef');
    expect(open().kioskDeviceId()).toBe(deviceId);
    expect(open().view().kiosk?.deviceTokenSet).toBe(true);
    expect(JSON.stringify(open().view())).not.toContain('device-token');

    open().update({ kiosk: { externalApplicationId: 'another-app' } });
    expect(open().kioskDeviceToken()).toBeNull();
  });

  it('a device token the key no longer opens is dropped, not an error', () => {
    open().update({ mode: 'kiosk' });
    open().setKioskDeviceToken('device-token-0123456789abcdef');
    cipher = keyCipher(randomBytes(32));
    expect(open().kioskDeviceToken()).toBeNull();
    expect(raw()).not.toHaveProperty(kioskDeviceTokenCiphertextKey);
  });

  it('a kiosk without a Customer API address is the demo', () => {
    expect(open().update({ projectUrl: 'https://shop.example.com', mode: 'kiosk' }).mode).toBe('kiosk');
    expect(open().demo).toBe(true);
    open().update({ kiosk: { customerApiUrl: 'https://shop.example.com' } });
    expect(open().demo).toBe(false);
    expect(refusal({ kiosk: { customerApiUrl: 'http://shop.example.com' } }).reasons).toContainEqual(
      expect.objectContaining({ name: 'kiosk.customerApiUrl' }),
    );
  });
});
