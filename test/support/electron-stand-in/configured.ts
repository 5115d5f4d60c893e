// A data folder as an installed terminal has it: settings for a CareCloud project (the
// password as the stand-in keychain's ciphertext), the shop's product list, and a cashier
// added as `ccpos operators add` does.
import Conf from 'conf';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateStoreOptions } from '../../../electron/config/file-modes.ts';
import { OperatorDirectory } from '../../../electron/operators/operators.ts';
import type { KeyValueBackend } from '../../../electron/settings/backend.ts';
import { passwordCiphertextKey } from '../../../electron/settings/keys.ts';
import { demo } from '../../../sandbox/seed.ts';
import { repositoryRoot } from '../../e2e/support/build.ts';
import { keychainCiphertext } from './main-process.ts';

export interface ConfiguredTerminal {
  dataDir: string;
  projectUrl: string;
  keychainKey: Buffer;
  cashierPin: string;
  /** Settings beyond the project's (timeouts, language). */
  settings?: Record<string, unknown>;
}

export async function configureTerminal(options: ConfiguredTerminal): Promise<void> {
  const settings = new Conf<Record<string, unknown>>({
    cwd: options.dataDir,
    configName: 'settings',
    ...privateStoreOptions,
  });
  settings.set({
    projectUrl: options.projectUrl,
    externalApplicationId: demo.credentials.user_external_application_id,
    login: demo.credentials.login,
    storeId: demo.stores.praha,
    // A lane of tests about other things: cash without opening a shift.
    shift: { cashNeedsOpenShift: false },
    ...options.settings,
    [passwordCiphertextKey]: keychainCiphertext(options.keychainKey, demo.credentials.password),
  });
  copyFileSync(
    join(repositoryRoot, 'resources/catalogue/demo-products.json'),
    join(options.dataDir, 'catalogue.json'),
  );
  const operators = new OperatorDirectory(
    new Conf({ cwd: options.dataDir, configName: 'operators', ...privateStoreOptions }) as KeyValueBackend,
  );
  await operators.add({ name: 'Shell Cashier', role: 'cashier', pin: options.cashierPin });
}
