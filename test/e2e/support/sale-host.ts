// A demo terminal behind the preview host whose CareCloud is a sandbox the test keeps,
// so a test can look into CareCloud (purchases, balances) and cut the network.
// Runs in the test process, or as its own process (`host-process.ts`) to be killed.
import { randomBytes } from 'node:crypto';
import { startTerminal, type Terminal } from '../../../electron/app/terminal.ts';
import type { DemoBackend } from '../../../electron/demo/demo-backend.ts';
import { startPreviewHost } from '../../../electron/preview/preview-host.ts';
import { memoryBackend } from '../../../electron/settings/backend.ts';
import { keyCipher } from '../../../electron/settings/cipher.ts';
import { demo } from '../../../sandbox/seed.ts';

export interface SaleHost {
  url: string;
  terminal: Terminal;
  close(): Promise<void>;
}

export interface SaleHostOptions {
  rendererDir: string;
  dataDir: string;
  projectUrl: string;
  /** Cuts and restores the sandbox's network; absent in a host process of its own. */
  outage?: (on: boolean) => Promise<void>;
  settings?: Record<string, unknown>;
}

export async function startSaleHost(options: SaleHostOptions): Promise<SaleHost> {
  let outage = false;
  const backend: DemoBackend = {
    projectUrl: options.projectUrl,
    credentials: {
      externalApplicationId: demo.credentials.user_external_application_id,
      login: demo.credentials.login,
      password: demo.credentials.password,
    },
    defaultStoreId: demo.stores.praha,
    get outage() {
      return outage;
    },
    async setOutage(on) {
      if (!options.outage) throw new Error('This host cannot cut the network');
      await options.outage(on);
      outage = on;
    },
    close: async () => {},
  };
  const terminal = await startTerminal({
    dataDir: options.dataDir,
    // Lanes of tests about other things take cash without opening a shift; the shift's tests keep the default.
    stores: {
      settings: memoryBackend({ shift: { cashNeedsOpenShift: false }, ...options.settings }),
      operators: memoryBackend(),
      customerCache: memoryBackend(),
    },
    cipher: keyCipher(randomBytes(32)),
    startDemo: async () => backend,
    forceDemo: true,
    label: 'preview',
    syncPolicy: { probeTimeoutMs: 2_000, sendTimeoutMs: 2_000, probeBackoff: { baseMs: 300, maxMs: 1_000 } },
  });
  try {
    const host = await startPreviewHost({ terminal, rendererDir: options.rendererDir });
    return {
      url: host.url,
      terminal,
      async close() {
        await host.close();
        await terminal.close();
      },
    };
  } catch (error) {
    await terminal.close();
    throw error;
  }
}
