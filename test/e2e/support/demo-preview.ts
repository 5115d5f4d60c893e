// A demo terminal served by the web preview host, as `npm run preview:web` runs
// it: the real services on temporary storage, the embedded sandbox as CareCloud.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTerminal, type Terminal } from '../../../electron/app/terminal.ts';
import type { DemoBackend } from '../../../electron/demo/demo-backend.ts';
import { startPreviewHost } from '../../../electron/preview/preview-host.ts';
import { memoryBackend } from '../../../electron/settings/backend.ts';
import { keyCipher } from '../../../electron/settings/cipher.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import { rendererDir } from './build.ts';

export interface DemoPreview {
  url: string;
  terminal: Terminal;
  demoBackend: DemoBackend;
  close(): Promise<void>;
}

/** The sandbox in demo mode, switched off and on by the outage control. */
async function startDemoSandbox(): Promise<DemoBackend> {
  const sandbox = await startSandbox({ control: true, rateLimit: null });
  const control = sandbox.control;
  if (!control) throw new Error('the sandbox started without its control');
  let outage = false;
  return {
    projectUrl: sandbox.projectUrl,
    credentials: {
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      password: sandbox.credentials.password,
    },
    async setOutage(on) {
      if (on) await control.cutNetwork('refuse');
      else await control.restoreNetwork();
      outage = on;
    },
    get outage() {
      return outage;
    },
    close: () => sandbox.close(),
  };
}

export async function startDemoPreview(): Promise<DemoPreview> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-e2e-'));
  let demoBackend: DemoBackend | null = null;
  const terminal = await startTerminal({
    dataDir,
    stores: { settings: memoryBackend(), operators: memoryBackend(), customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: async () => (demoBackend = await startDemoSandbox()),
    forceDemo: true,
    syncPolicy: { probeTimeoutMs: 1_000, sendTimeoutMs: 2_000 },
    label: 'preview',
  });
  const host = await startPreviewHost({ terminal, rendererDir });
  if (!demoBackend) throw new Error('the terminal did not start its demo backend');
  return {
    url: host.url,
    terminal,
    demoBackend,
    async close() {
      await host.close();
      await terminal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
