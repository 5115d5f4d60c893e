// Keys the app keeps in settings.json beside the shared settings (ccpos ignores them).
export const schemaVersionKey = 'schemaVersion';
export const passwordCiphertextKey = 'passwordCiphertext';
/** A plain password written by hand or an older version; migrated away on open. */
export const legacyPasswordKey = 'password';
/** Scanners, card readers, keyboard wedge and scan rules (shared/input/settings.ts). */
export const inputKey = 'input';
/** The kiosk's Customer API device token, encrypted like the password. */
export const kioskDeviceTokenCiphertextKey = 'kioskDeviceTokenCiphertext';
/** The kiosk's device id for `POST /tokens`: random, made once, kept so CareCloud sees one device. */
export const kioskDeviceIdKey = 'kioskDeviceId';
