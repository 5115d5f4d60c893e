// A manager makes a till a kiosk through the till's own wiring (settings.update with a
// manager's PIN, as the settings screen sends it): refusals first (a login typed for a
// kiosk, a plain-http Customer API address, a wrong PIN) change nothing; the accepted
// switch deletes the enterprise login and password from the settings file and asks the
// app to restart, and startApp on the same files then builds a kiosk, as the app does.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/ipc/contract.ts';
import type { KioskStatus } from '../../shared/kiosk.ts';
import { startApp, type AppOptions, type AppTerminal } from '../../electron/app/terminal.ts';
import type { KioskApiSetup } from '../../electron/app/kiosk-terminal.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { createKioskApi } from '../../electron/kiosk/customer-api-port.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { passwordCiphertextKey } from '../../electron/settings/keys.ts';
import { SettingsService } from '../../electron/settings/settings-service.ts';
import { KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; reasons?: { name: string; reason: string }[] } };

let sandbox: TestSandbox;
let dir: string;
let running: AppTerminal | null = null;
const key = randomBytes(32);
const conf = (name: string): KeyValueBackend => new Conf({ cwd: dir, configName: name }) as KeyValueBackend;
const fileText = (): string => readFileSync(join(dir, 'settings.json'), 'utf8');

beforeEach(async () => {
  sandbox = await startTestSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-setup-'));
  // A till that a manager once gave an enterprise login and password (the demo ignores them).
  new SettingsService({ store: conf('settings'), cipher: keyCipher(key) }).update({
    login: 'pos-user',
    password: 'Till-Pa55word',
  });
}, 60_000);
afterEach(async () => {
  await running?.close();
  running = null;
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the app's main.ts starts, on this test's files. */
async function start(extra: Partial<AppOptions> = {}): Promise<AppTerminal> {
  running = await startApp({
    dataDir: dir,
    stores: {
      settings: conf('settings'),
      operators: conf('operators'),
      customerCache: conf('customer-cache'),
    },
    cipher: keyCipher(key),
    startDemo: () => startSandboxBackend({ rateLimit: null }),
    customerApi: createKioskApi,
    ...extra,
  });
  return running;
}

describe('making a till a kiosk on the settings screen', () => {
  it('refuses a login, plain-http address, wrong PIN unchanged; then drops enterprise login, is a kiosk', async () => {
    let restarts = 0;
    const till = await start({ onEnterKiosk: () => (restarts += 1) });
    expect(till.mode).toBe('till');
    const dispatch = till.dispatcher(previewSenderCheck(new Set([1])));
    const ask = async <T>(channel: string, payload?: unknown): Promise<Answer<T>> =>
      (await dispatch(channel, payload, sender)) as Answer<T>;
    expect(await ask('operator.signIn', { pin: '9999' })).toMatchObject({ ok: true });
    const before = fileText();
    expect(before).toContain('pos-user');

    const withLogin = await ask('settings.update', {
      patch: { mode: 'kiosk', login: 'pos-user' },
      pin: '9999',
    });
    expect(withLogin).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', reasons: [{ name: 'login', reason: 'kiosk_no_login' }] },
    });
    const plainHttp = await ask('settings.update', {
      patch: { mode: 'kiosk', kiosk: { customerApiUrl: 'http://shop.example.com' } },
      pin: '9999',
    });
    expect(plainHttp).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', reasons: [{ name: 'kiosk.customerApiUrl', reason: 'invalid_url' }] },
    });
    const wrongPin = await ask('settings.update', {
      patch: { mode: 'kiosk', kiosk: { customerApiUrl: sandbox.projectUrl } },
      pin: '1111',
    });
    expect(wrongPin.ok).toBe(false);
    expect(fileText()).toBe(before);
    expect(restarts).toBe(0);

    const patch = {
      mode: 'kiosk',
      kiosk: {
        customerApiUrl: `${sandbox.projectUrl}/`,
        externalApplicationId: KIOSK_APPLICATION_ID,
        deviceName: 'Kiosk u vchodu',
        idleSeconds: 60,
        countdownSeconds: 20,
        expiringPointsDays: 14,
        cardsAtSignUp: false,
      },
    };
    const saved = await ask<SettingsView>('settings.update', { patch, pin: '9999' });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        mode: 'kiosk',
        login: '',
        passwordSet: false,
        restartRequired: true,
        kiosk: {
          customerApiUrl: sandbox.projectUrl,
          externalApplicationId: KIOSK_APPLICATION_ID,
          deviceName: 'Kiosk u vchodu',
          idleSeconds: 60,
          countdownSeconds: 20,
          expiringPointsDays: 14,
          cardsAtSignUp: false,
        },
      },
    });
    expect(restarts).toBe(1);
    const file = fileText();
    expect(file).not.toContain('pos-user');
    expect(JSON.parse(file)).not.toHaveProperty(passwordCiphertextKey);
    expect(JSON.parse(file)).toMatchObject({ mode: 'kiosk', login: '' });

    // The app restarts: startApp reads the mode from the same files and builds a kiosk.
    await till.close();
    running = null;
    const devices: KioskApiSetup['device'][] = [];
    const kiosk = await start({
      customerApi: (setup) => (devices.push(setup.device), createKioskApi(setup)),
    });
    expect(kiosk.mode).toBe('kiosk');
    expect(kiosk.demo).toBe(false);
    expect(devices.map((d) => d.name)).toEqual(['Kiosk u vchodu']);
    const kioskDispatch = kiosk.dispatcher(previewSenderCheck(new Set([1])));
    const status = (await kioskDispatch('kiosk.status', undefined, sender)) as Answer<KioskStatus>;
    expect(status).toMatchObject({
      ok: true,
      value: {
        inService: true,
        demo: false,
        cardsAtSignUp: false,
        inactivity: { idleSeconds: 60, countdownSeconds: 20 },
      },
    });
    // The till's channels are gone: no settings screen, no operator sign-in on a kiosk.
    expect(
      await kioskDispatch('settings.update', { patch: { mode: 'till' }, pin: '9999' }, sender),
    ).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await kioskDispatch('operator.signIn', { pin: '9999' }, sender)).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  }, 120_000);
});
