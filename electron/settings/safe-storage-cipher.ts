// The app's cipher: Electron safeStorage. Imported only by the Electron entry.
import { safeStorage } from 'electron';
import type { SecretCipher } from './cipher.ts';

export const safeStorageCipher: SecretCipher = {
  available: () => safeStorage.isEncryptionAvailable(),
  // Only Linux chooses a backend; the others always use the OS keychain.
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
  encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
  decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
};
