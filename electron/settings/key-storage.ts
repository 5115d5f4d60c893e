// Where the key that encrypts the CareCloud password lives, as the app recorded it at
// start-up, and whether a manager accepted a weak place. ccpos reads the same record
// from settings.json, since only the app can ask safeStorage.
import { z } from 'zod';
import { isWeakKeyStorage } from './cipher.ts';
import { passwordCiphertextKey } from './keys.ts';

/** settings.json key of the record below. */
export const securityKey = 'security';

export const securitySchema = z.object({
  /** A manager accepted keeping the password under a weak key (Linux `basic_text`). */
  acceptWeakKeyStorage: z.boolean().default(false),
  /** safeStorage's backend when the app last started. */
  keyStorageBackend: z.string().max(60).optional(),
});
export type SecurityRecord = z.infer<typeof securitySchema>;

export interface KeyStorage {
  /** Null until the app has started once with this data folder. */
  backend: string | null;
  weak: boolean;
  accepted: boolean;
  passwordStored: boolean;
}

export function readSecurity(get: (key: string) => unknown): SecurityRecord {
  const parsed = securitySchema.safeParse(get(securityKey) ?? {});
  // A damaged record counts as no acceptance: the safe reading.
  return parsed.success ? parsed.data : { acceptWeakKeyStorage: false };
}

export function readKeyStorage(get: (key: string) => unknown): KeyStorage {
  const security = readSecurity(get);
  const backend = security.keyStorageBackend ?? null;
  const ciphertext = get(passwordCiphertextKey);
  return {
    backend,
    weak: backend !== null && isWeakKeyStorage(backend),
    accepted: security.acceptWeakKeyStorage,
    passwordStored: typeof ciphertext === 'string' && ciphertext !== '',
  };
}
