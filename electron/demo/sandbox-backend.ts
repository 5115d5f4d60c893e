// Demo mode's CareCloud: the embedded sandbox, in-process on a free port, signed
// in with its demo credentials. The outage switch refuses its connections, as a
// network cut would; switching it back lets the terminal catch up.
import { KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { demo } from '../../sandbox/seed.ts';
import { startSandbox, type SandboxOptions } from '../../sandbox/server.ts';
import type { DemoBackend } from './demo-backend.ts';

export interface SandboxBackendOptions {
  /** Keeps the demo project (balances, used vouchers, bills) across restarts. */
  statePath?: string;
  /** The sandbox's per-token rate limit; the default is CareCloud-like. */
  rateLimit?: SandboxOptions['rateLimit'];
}

export async function startSandboxBackend(options: SandboxBackendOptions = {}): Promise<DemoBackend> {
  const sandbox = await startSandbox({
    port: 0,
    // The app drives the faults in-process: no control port a web page could reach.
    control: true,
    controlListener: false,
    ...(options.statePath ? { statePath: options.statePath } : {}),
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
  });
  const control = sandbox.control;
  if (!control) {
    await sandbox.close();
    throw new Error('The demo sandbox started without its fault control');
  }
  let outage = false;
  return {
    projectUrl: sandbox.projectUrl,
    credentials: {
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      password: sandbox.credentials.password,
    },
    defaultStoreId: demo.stores.praha,
    kioskApplicationId: KIOSK_APPLICATION_ID,
    appLoginCode: (cardNumber) => control.mintAppLoginCode({ cardNumber }).code,
    sandbox: control,
    get outage() {
      return outage;
    },
    async setOutage(on) {
      if (on) await control.cutNetwork('refuse');
      else await control.restoreNetwork();
      outage = on;
    },
    close: () => sandbox.close(),
  };
}
