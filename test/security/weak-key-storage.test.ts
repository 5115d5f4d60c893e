// On Linux without a keyring safeStorage falls back to `basic_text`: a key built into every
// copy, so whoever reads settings.json reads the CareCloud password. The terminal, wired as
// the app wires it, is given a cipher that reports that backend; saving a password must be
// refused until a manager accepts the risk, and both the app's and ccpos's doctor say so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Conf from 'conf';
import { startTerminal, type Terminal } from '../../electron/app/terminal.ts';
import { privateStoreOptions } from '../../electron/config/file-modes.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { main } from '../../electron/cli/main.ts';
import type { DiagnosticsReport } from '../../shared/ipc/contract.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const MANAGER_PIN = '9999';
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ccpos-keys-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function startWith(dataDir: string, backend: string): Promise<Terminal> {
  const store = (name: string) =>
    new Conf({ configName: name, cwd: dataDir, ...privateStoreOptions }) as unknown as KeyValueBackend;
  return startTerminal({
    dataDir,
    stores: {
      settings: store('settings'),
      operators: store('operators'),
      customerCache: store('customer-cache'),
    },
    cipher: keyCipher(randomBytes(32), { backend }),
    startDemo: () => startSandboxBackend({ statePath: join(dataDir, 'demo-sandbox.json') }),
  });
}

async function doctorLine(dataDir: string): Promise<string | undefined> {
  const out: string[] = [];
  await main(['doctor', '--data-dir', dataDir], {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env: {},
  });
  return out.find((line) => line.includes('Password key storage'));
}

function storedCiphertext(dataDir: string): unknown {
  return (JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>)
    .passwordCiphertext;
}

describe('the CareCloud password under a weak key store', () => {
  it('is refused under basic_text until a manager accepts the risk, and both doctors report it', async () => {
    const dataDir = join(root, 'ccpos');
    const terminal = await startWith(dataDir, 'basic_text');
    try {
      const dispatch = terminal.dispatcher(previewSenderCheck(new Set([1])));
      expect((await dispatch('operator.signIn', { pin: MANAGER_PIN }, sender)).ok).toBe(true);

      const view = await dispatch('settings.get', undefined, sender);
      expect(view).toMatchObject({
        ok: true,
        value: { passwordSet: false, keyStorage: { backend: 'basic_text', weak: true, acceptedWeak: false } },
      });

      const refused = await dispatch(
        'settings.update',
        { patch: { password: 'the-real-password' }, pin: MANAGER_PIN },
        sender,
      );
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid_settings', reasons: [{ name: 'password', reason: 'weak_key_storage' }] },
      });
      expect(storedCiphertext(dataDir)).toBeUndefined();
      expect(await dispatch('settings.get', undefined, sender)).toMatchObject({
        ok: true,
        value: { passwordSet: false },
      });

      const appDoctor = await dispatch('diagnostics.run', undefined, sender);
      if (!appDoctor.ok) throw new Error(JSON.stringify(appDoctor));
      const appCheck = (appDoctor.value as DiagnosticsReport).checks.find(
        (check) => check.id === 'key-storage',
      );
      expect(appCheck?.status).toBe('fail');
      expect(appCheck?.detail).toContain('basic_text');
      const cliBefore = await doctorLine(dataDir);
      expect(cliBefore).toMatch(/^FAIL/);
      expect(cliBefore).toContain('basic_text');

      // The manager's explicit acceptance, with the password in the same save.
      const accepted = await dispatch(
        'settings.update',
        { patch: { acceptWeakKeyStorage: true, password: 'the-real-password' }, pin: MANAGER_PIN },
        sender,
      );
      expect(accepted).toMatchObject({
        ok: true,
        value: { passwordSet: true, keyStorage: { weak: true, acceptedWeak: true } },
      });
      expect(typeof storedCiphertext(dataDir)).toBe('string');
      const cliAfter = await doctorLine(dataDir);
      expect(cliAfter).toMatch(/^warn/);
      expect(cliAfter).toContain('accepted');

      // Withdrawing the acceptance forgets the password kept under the weak key.
      const withdrawn = await dispatch(
        'settings.update',
        { patch: { acceptWeakKeyStorage: false }, pin: MANAGER_PIN },
        sender,
      );
      expect(withdrawn).toMatchObject({
        ok: true,
        value: { passwordSet: false, keyStorage: { acceptedWeak: false } },
      });
      expect(storedCiphertext(dataDir)).toBeUndefined();
    } finally {
      await terminal.close();
    }
  });

  it('is saved without asking where the system keeps the key', async () => {
    const dataDir = join(root, 'ccpos');
    const terminal = await startWith(dataDir, 'gnome_libsecret');
    try {
      const dispatch = terminal.dispatcher(previewSenderCheck(new Set([1])));
      expect((await dispatch('operator.signIn', { pin: MANAGER_PIN }, sender)).ok).toBe(true);
      const saved = await dispatch(
        'settings.update',
        { patch: { password: 'the-real-password' }, pin: MANAGER_PIN },
        sender,
      );
      expect(saved).toMatchObject({
        ok: true,
        value: { passwordSet: true, keyStorage: { backend: 'gnome_libsecret', weak: false } },
      });
    } finally {
      await terminal.close();
    }
    expect(await doctorLine(dataDir)).toMatch(/^ok .*gnome_libsecret/);
  });

  it('is reported as not yet known by ccpos doctor before the app has started', async () => {
    const line = await doctorLine(join(root, 'fresh'));
    expect(line).toMatch(/^skip/);
  });
});
