import { fail, pass, say, skip, warn, type DoctorCheck } from '../check.ts';

/** The CareCloud password is only as safe as the key it is encrypted under. */
export const keyStorageCheck: DoctorCheck = {
  id: 'key-storage',
  title: 'Password key storage',
  async run({ keyStorage }) {
    if (keyStorage === undefined) return skip('no settings file is in use', say('diag.key.noFile'));
    if (keyStorage.backend === null)
      return skip(
        'the app records where it keeps keys when it starts; it has not started with this data folder yet',
        say('diag.key.notYet'),
      );
    if (!keyStorage.weak)
      return pass(
        `the password is encrypted under a key kept by the system (${keyStorage.backend})`,
        say('diag.key.ok', { backend: keyStorage.backend }),
      );
    const why =
      `keys are kept under "${keyStorage.backend}", a key built into every copy, ` +
      `so anyone who can read settings.json can read the CareCloud password`;
    if (keyStorage.accepted)
      return warn(
        `${why}; a manager accepted this risk in the settings. ` +
          `Set up a keyring (GNOME Keyring or KWallet) to remove it.`,
        say('diag.key.accepted', { backend: keyStorage.backend }),
      );
    return fail(
      `${why}. The terminal refuses to save a password ` +
        `here${keyStorage.passwordStored ? ' (one saved earlier is still there)' : ''}: ` +
        `set up a keyring (GNOME Keyring or KWallet), or have a manager accept the risk in the settings.`,
      say('diag.key.weak', { backend: keyStorage.backend }),
    );
  },
};
