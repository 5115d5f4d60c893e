import type { KeyValueBackend } from '../backend.ts';
import type { SecretCipher } from '../cipher.ts';

export interface SettingsMigration {
  /** Numbered from 1; applied in order, each once. */
  version: number;
  description: string;
  up(store: KeyValueBackend, cipher: SecretCipher): void;
}
