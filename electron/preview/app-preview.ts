// The web preview of the app as it starts and restarts: startApp on settings files in a
// data folder (a till or a kiosk, as the settings say), started again when a manager
// changes what the terminal is, as the app relaunches itself. What the app's window is to
// the app, a new page on `url` is to this preview: the old page's socket closes with it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Conf from 'conf';
import { startApp, type AppTerminal } from '../app/terminal.ts';
import { ensurePrivateDir, privateStoreOptions } from '../config/file-modes.ts';
import { startSandboxBackend } from '../demo/sandbox-backend.ts';
import { createKioskApi } from '../kiosk/customer-api-port.ts';
import type { Logger } from '../log/logger.ts';
import type { KeyValueBackend } from '../settings/backend.ts';
import { keyCipher, type SecretCipher } from '../settings/cipher.ts';
import { startPreviewHost, type PreviewHost } from './preview-host.ts';

export interface AppPreviewOptions {
  rendererDir: string;
  /** The data folder: settings.json, operators.json and the journal, kept at close. */
  dataDir: string;
  /**
   * The key the settings' secrets are encrypted with (the app's is safeStorage's); one for the preview's life
   * otherwise.
   */
  cipher?: SecretCipher;
  logger?: Logger;
}

export interface AppPreview {
  /** The page of the terminal running now (a new one after each restart). */
  readonly url: string;
  readonly terminal: AppTerminal;
  /** How often the terminal restarted in another mode. */
  readonly restarts: number;
  /** Settles once the terminal has restarted `count` times in all. */
  restarted(count?: number): Promise<void>;
  close(): Promise<void>;
}

function store(name: string, folder: string): KeyValueBackend {
  return new Conf({ configName: name, cwd: folder, ...privateStoreOptions }) as KeyValueBackend;
}

export async function startAppPreview(options: AppPreviewOptions): Promise<AppPreview> {
  ensurePrivateDir(options.dataDir);
  const cipher = options.cipher ?? keyCipher(randomBytes(32));
  let restarts = 0;
  let waiting: { count: number; resolve(): void; reject(error: unknown): void }[] = [];
  let running: { terminal: AppTerminal; host: PreviewHost } | null = null;
  let closed = false;
  let restarting: Promise<void> = Promise.resolve();

  const start = async (): Promise<{ terminal: AppTerminal; host: PreviewHost }> => {
    // Read from the files afresh, as a new process of the app would.
    const terminal = await startApp({
      dataDir: options.dataDir,
      stores: {
        settings: store('settings', options.dataDir),
        operators: store('operators', options.dataDir),
        customerCache: store('customer-cache', options.dataDir),
      },
      cipher,
      startDemo: () =>
        startSandboxBackend({ statePath: join(options.dataDir, 'demo-sandbox.json'), rateLimit: null }),
      label: 'preview',
      customerApi: createKioskApi,
      onEnterKiosk: () => setTimeout(restart, 200),
      onLeaveKiosk: () => setTimeout(restart, 200),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    try {
      return { terminal, host: await startPreviewHost({ terminal, rendererDir: options.rendererDir }) };
    } catch (error) {
      await terminal.close();
      throw error;
    }
  };

  const restart = (): void => {
    restarting = restarting.then(async () => {
      if (closed || !running) return;
      const old = running;
      running = null;
      try {
        await old.host.close();
        await old.terminal.close();
        running = await start();
        restarts += 1;
        for (const wait of waiting.filter((w) => w.count <= restarts)) wait.resolve();
        waiting = waiting.filter((w) => w.count > restarts);
      } catch (error) {
        for (const wait of waiting) wait.reject(error);
        waiting = [];
      }
    });
  };

  running = await start();
  const current = (): { terminal: AppTerminal; host: PreviewHost } => {
    if (!running) throw new Error('The preview is restarting or closed');
    return running;
  };
  return {
    get url() {
      return current().host.url;
    },
    get terminal() {
      return current().terminal;
    },
    get restarts() {
      return restarts;
    },
    restarted(count = restarts + 1) {
      if (restarts >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => waiting.push({ count, resolve, reject }));
    },
    async close() {
      closed = true;
      await restarting;
      const last = running;
      running = null;
      if (last) {
        await last.host.close();
        await last.terminal.close();
      }
    },
  };
}
