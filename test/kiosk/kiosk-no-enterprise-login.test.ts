// A terminal that was a configured till and became a kiosk holds the shop's enterprise
// login and password nowhere: not in its configuration, not in its settings file, not in
// the main process's memory once the kiosk runs (a heap snapshot is searched for them).
// The login and password are random and live in this test only as Buffers, outside V8's
// heap, so the snapshot can only find them where the app kept them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../electron/app/terminal.ts';
import { previewSenderCheck } from '../../electron/ipc/sender.ts';
import { createKioskApi } from '../../electron/kiosk/customer-api-port.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { SettingsService } from '../../electron/settings/settings-service.ts';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const login = Buffer.from(`till-login-${randomBytes(12).toString('hex')}`);
const password = Buffer.from(`Till-Pass-${randomBytes(12).toString('hex')}`);

let sandbox: TestSandbox;
let dir: string;
const key = randomBytes(32);
const store = (): KeyValueBackend => new Conf({ cwd: dir, configName: 'settings' }) as KeyValueBackend;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  dir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-nologin-'));
  new SettingsService({ store: store(), cipher: keyCipher(key) }).update({
    projectUrl: sandbox.projectUrl,
    login: login.toString(),
    password: password.toString(),
  });
  // The manager makes the till a kiosk.
  new SettingsService({ store: store(), cipher: keyCipher(key) }).update({
    mode: 'kiosk',
    kiosk: { customerApiUrl: sandbox.projectUrl, externalApplicationId: KIOSK_APPLICATION_ID },
  });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a till made a kiosk', () => {
  it('keeps no enterprise login or password in its configuration or its settings file', () => {
    const settings = new SettingsService({ store: store(), cipher: keyCipher(key) });
    expect(settings.current.login).toBe('');
    expect(settings.password()).toBeNull();
    const file = readFileSync(join(dir, 'settings.json'));
    expect(file.includes(login)).toBe(false);
    expect(file.includes(password)).toBe(false);
    expect(Object.keys(JSON.parse(file.toString()) as object)).not.toContain('passwordCiphertext');
  });

  it("holds neither in the main process's memory while it serves a customer", async () => {
    const kiosk = await startApp({
      dataDir: dir,
      stores: {
        settings: store(),
        operators: new Conf({ cwd: dir, configName: 'operators' }) as KeyValueBackend,
        customerCache: new Conf({ cwd: dir, configName: 'customer-cache' }) as KeyValueBackend,
      },
      cipher: keyCipher(key),
      startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
      customerApi: createKioskApi,
    });
    try {
      expect(kiosk.mode).toBe('kiosk');
      const dispatch = kiosk.dispatcher(previewSenderCheck(new Set([1])));
      const sender = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' } as const;
      expect(
        await dispatch(
          'kiosk.identify',
          { method: 'card', cardNumber: demo.cards.regular, password: customerPasswords[1]!.password },
          sender,
        ),
      ).toMatchObject({ ok: true });
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      const snapshot = writeHeapSnapshot(join(dir, 'main.heapsnapshot'));
      const heap = readFileSync(snapshot);
      rmSync(snapshot);
      // The snapshot does hold what the app keeps: the kiosk's own application id.
      expect(heap.includes(Buffer.from(KIOSK_APPLICATION_ID))).toBe(true);
      expect(heap.includes(login), 'the enterprise login is in memory').toBe(false);
      expect(heap.includes(password), 'the enterprise password is in memory').toBe(false);
      await dispatch('kiosk.signOut', { reason: 'done' }, sender);
    } finally {
      await kiosk.close();
    }
  }, 120_000);
});
