// How the CareCloud password is encrypted at rest. In the app this is Electron's
// safeStorage (the OS keychain); the settings service only ever sees this port.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretCipher {
  available(): boolean;
  /**
   * Where the key lives: on Linux safeStorage's selected backend (`gnome_libsecret`,
   * `kwallet5`, `basic_text`, ...), elsewhere the OS keychain (`os`), or `caller` for keyCipher.
   */
  backend(): string;
  /** Returns base64 ciphertext. */
  encrypt(plain: string): string;
  decrypt(ciphertext: string): string;
}

export class EncryptionUnavailableError extends Error {
  constructor() {
    super('This computer offers no secure storage for the CareCloud password');
    this.name = 'EncryptionUnavailableError';
  }
}

/**
 * Backends whose key anyone who can read the settings file can also get: Chromium's
 * `basic_text` encrypts under a key hard-coded in every build.
 */
const weakBackends: ReadonlySet<string> = new Set(['basic_text']);

export function isWeakKeyStorage(backend: string): boolean {
  return weakBackends.has(backend);
}

/**
 * AES-256-GCM under a key held by the caller: for Node (ccpos, tests) where safeStorage does not exist.
 * `backend` is what the cipher reports, so the settings service can be run as it runs on a given machine.
 */
export function keyCipher(key: Buffer, options: { backend?: string } = {}): SecretCipher {
  if (key.length !== 32) throw new RangeError('The key must be 32 bytes');
  const backend = options.backend ?? 'caller';
  return {
    available: () => true,
    backend: () => backend,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(ciphertext) {
      const bytes = Buffer.from(ciphertext, 'base64');
      if (bytes.length < 28) throw new Error('The stored password is not valid ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
