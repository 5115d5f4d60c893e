import type { KeyValueBackend } from './backend.ts';
import type { SecretCipher } from './cipher.ts';
import { schemaVersionKey } from './keys.ts';
import type { SettingsMigration } from './migrations/index.ts';

export class SettingsFromNewerVersionError extends Error {
  constructor(found: number, known: number) {
    super(`The settings file is from a newer version (schema ${found}; this build knows ${known})`);
    this.name = 'SettingsFromNewerVersionError';
  }
}

/** Applies every migration above the stored version, recording each as it lands. */
export function migrateSettings(
  store: KeyValueBackend,
  cipher: SecretCipher,
  migrations: readonly SettingsMigration[],
): number[] {
  const stored = store.get(schemaVersionKey);
  const current = typeof stored === 'number' && Number.isSafeInteger(stored) && stored >= 0 ? stored : 0;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) throw new SettingsFromNewerVersionError(current, latest);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    migration.up(store, cipher);
    store.set(schemaVersionKey, migration.version);
    applied.push(migration.version);
  }
  return applied;
}
