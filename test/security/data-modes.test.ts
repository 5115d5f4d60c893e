// Other local users must not read the terminal's data: the journal (card numbers), the
// operators (PIN hashes), the customer cache, settings, exports and logs. The terminal
// is started as the app starts it (file stores, a log file, the demo sandbox keeping its
// state in the folder) under the usual umask 022, and every mode is read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Conf from 'conf';
import { startTerminal, type Terminal } from '../../electron/app/terminal.ts';
import { privateStoreOptions } from '../../electron/config/file-modes.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { createLogger, fileSink } from '../../electron/log/logger.ts';
import type { KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { main } from '../../electron/cli/main.ts';
import { demo } from '../../sandbox/seed.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
let root: string;
let previousUmask: number;

beforeEach(() => {
  previousUmask = process.umask(0o022);
  root = mkdtempSync(join(tmpdir(), 'ccpos-modes-'));
});
afterEach(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

/** Every folder and file under `dir` with its permission bits. */
function modes(dir: string): Map<string, { folder: boolean; mode: number }> {
  const found = new Map<string, { folder: boolean; mode: number }>();
  const visit = (path: string) => {
    const stat = lstatSync(path);
    found.set(path.slice(dir.length) || '/', { folder: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

/** The terminal as electron/main.ts starts it, with conf in place of electron-store (the same options). */
async function startAppLike(dataDir: string): Promise<{ terminal: Terminal; close(): Promise<void> }> {
  const store = (name: string) =>
    new Conf({ configName: name, cwd: dataDir, ...privateStoreOptions }) as unknown as KeyValueBackend;
  const sink = fileSink(join(dataDir, 'logs', 'ccpos.log'));
  const terminal = await startTerminal({
    dataDir,
    stores: {
      settings: store('settings'),
      operators: store('operators'),
      customerCache: store('customer-cache'),
    },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => startSandboxBackend({ statePath: join(dataDir, 'demo-sandbox.json') }),
    logger: createLogger(sink),
  });
  return {
    terminal,
    async close() {
      await terminal.close();
      await sink.close();
    },
  };
}

function openToOthers(found: Map<string, { folder: boolean; mode: number }>): string[] {
  return [...found]
    .filter(([, item]) => item.mode !== (item.folder ? 0o700 : 0o600))
    .map(([path, item]) => `${path} ${item.mode.toString(8)}`);
}

async function doctor(dataDir: string): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await main(['doctor', '--data-dir', dataDir], {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env: {},
  });
  return { code, out };
}

describe('the data folder', () => {
  it('is 0700 with every file 0600 after a day of work, whatever the umask', async () => {
    const dataDir = join(root, 'ccpos');
    const app = await startAppLike(dataDir);
    try {
      const dispatch = app.terminal.dispatcher(previewSenderCheck(new Set([1])));
      const signIn = await dispatch('operator.signIn', { pin: '9999' }, sender);
      expect(signIn.ok).toBe(true);
      // A customer cached for offline use, a voucher list, an export and log lines.
      expect(
        (await dispatch('customers.identifyByCard', { cardNumber: demo.cards.regular }, sender)).ok,
      ).toBe(true);
      const synced = await dispatch('vouchers.syncOffline', undefined, sender);
      expect(synced, JSON.stringify(synced)).toMatchObject({ ok: true });
      expect(await dispatch('audit.export', { format: 'csv', pin: '9999' }, sender)).toMatchObject({
        ok: true,
      });
      // SQLite removes its WAL and SHM files on close: look while the journal is open.
      const running = modes(dataDir);
      expect(
        [...running.keys()].filter((path) => path.endsWith('-wal') || path.endsWith('-shm')).sort(),
      ).toEqual(['/journal.db-shm', '/journal.db-wal']);
      expect(openToOthers(running)).toEqual([]);
    } finally {
      await app.close();
    }
    const found = modes(dataDir);
    for (const expected of [
      '/journal.db',
      '/settings.json',
      '/operators.json',
      '/customer-cache.json',
      '/logs/ccpos.log',
      '/exports/',
      '/demo-sandbox.json',
    ]) {
      expect(
        [...found.keys()].some((path) => path.startsWith(expected)),
        expected,
      ).toBe(true);
    }
    expect(openToOthers(found)).toEqual([]);
  });

  it('left open by an older version is reported by ccpos doctor, made private when the terminal starts', async () => {
    const dataDir = join(root, 'ccpos');
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'exports'), 0o755);
    for (const file of ['operators.json', 'customer-cache.json', 'exports/queue-1.csv']) {
      writeFileSync(join(dataDir, file), file.endsWith('.json') ? '{}' : 'id,card\n1,2900000000018\n');
      chmodSync(join(dataDir, file), 0o644);
    }
    const before = await doctor(dataDir);
    const line = before.out.find((l) => l.includes('Data folder permissions'));
    expect(line).toMatch(/^FAIL/i);
    expect(line).toContain(`${join(dataDir, 'operators.json')} (0644)`);

    const app = await startAppLike(dataDir);
    await app.close();
    expect(openToOthers(modes(dataDir))).toEqual([]);
    const after = await doctor(dataDir);
    expect(after.out.find((l) => l.includes('Data folder permissions'))).toMatch(/^ok/);
    expect(existsSync(join(dataDir, 'exports', 'queue-1.csv'))).toBe(true);
  });
});
