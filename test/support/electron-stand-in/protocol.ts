// What the stand-in (in the child running the main bundle) and the test process say to
// each other over Node's IPC channel. Plain TypeScript for Node's type stripping.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Environment the stand-in reads. */
export const standInEnv = {
  /** Parent of the default userData folder. */
  appData: 'ELECTRON_STAND_IN_APP_DATA',
  /** Hex, 32 bytes: the OS keychain's key behind safeStorage. */
  keychainKey: 'ELECTRON_STAND_IN_KEYCHAIN_KEY',
  /** Linux safeStorage backend (`gnome_libsecret`, `kwallet5`, `basic_text`, ...). */
  keyBackend: 'ELECTRON_STAND_IN_KEY_BACKEND',
  /** `unavailable`: safeStorage offers no encryption. */
  encryption: 'ELECTRON_STAND_IN_ENCRYPTION',
  /** `external`: a browser shows the pages; a load finishes when the test says so. */
  pages: 'ELECTRON_STAND_IN_PAGES',
} as const;

export interface RecordedCall {
  api: string;
  args: unknown[];
}

export type StandInMessage =
  | { kind: 'record'; call: RecordedCall }
  | { kind: 'send'; webContentsId: number; channel: string; args: unknown[] }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'exit'; code: number };

export type ControlRequest =
  | { op: 'invoke'; webContentsId: number; frame: 'main' | 'sub'; channel: string; args: unknown[] }
  | {
      op: 'emit';
      target: 'app' | 'window' | 'webContents';
      targetId?: number;
      event: string;
      args: unknown[];
      url?: string;
    }
  | { op: 'window-open'; webContentsId: number; url: string }
  | { op: 'page-loaded'; webContentsId: number }
  | { op: 'foreign-contents' }
  | { op: 'navigate'; webContentsId: number; url: string }
  | { op: 'fetch'; url: string; method?: string }
  | {
      op: 'web-request';
      event: 'onBeforeRequest' | 'onHeadersReceived' | 'onBeforeSendHeaders';
      url: string;
      details?: Record<string, unknown>;
    }
  | { op: 'permission'; kind: 'request' | 'check' | 'device'; permission: string }
  | { op: 'session-event'; event: string; args: unknown[] }
  | { op: 'quit' }
  | { op: 'close-windows' }
  /** What the next save dialog answers: a path, or null for a dialog the user closed. */
  | { op: 'plan-save-dialog'; filePath: string | null }
  | { op: 'state' };

/** A copy that crosses the IPC channel: functions and class instances become plain data. */
export function plain(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value);
  if (seen.has(value) || depth > 8) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => plain(item, seen, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = plain(item, seen, depth + 1);
  return copy;
}

/** safeStorage's ciphertext in the stand-in: AES-256-GCM under the keychain's key, with Chromium's `v10` prefix. */
export function sealWithKeychain(key: Buffer, plainText: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
}

export function openWithKeychain(key: Buffer, sealed: Buffer): string {
  if (sealed.length < 31 || sealed.subarray(0, 3).toString() !== 'v10')
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
  decipher.setAuthTag(sealed.subarray(15, 31));
  return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
}
