// A password found in plain text (hand-edited file, older build) is encrypted and
// the plain copy removed, so the file never keeps it readable.
import { legacyPasswordKey, passwordCiphertextKey } from '../keys.ts';
import type { SettingsMigration } from './types.ts';

export const encryptPassword: SettingsMigration = {
  version: 2,
  description: 'plain-text password encrypted',
  up(store, cipher) {
    const plain = store.get(legacyPasswordKey);
    if (plain === undefined) return;
    if (typeof plain === 'string' && plain !== '' && cipher.available()) {
      store.set(passwordCiphertextKey, cipher.encrypt(plain));
    }
    // Without encryption the plain password is dropped rather than kept readable.
    store.delete(legacyPasswordKey);
  },
};
