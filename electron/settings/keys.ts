// Keys the app keeps in settings.json beside the shared settings (ccpos ignores them).
export const schemaVersionKey = 'schemaVersion';
export const passwordCiphertextKey = 'passwordCiphertext';
/** A plain password written by hand or an older version; migrated away on open. */
export const legacyPasswordKey = 'password';
export const scanRulesKey = 'scanRules';
export const devicesKey = 'devices';
