// A demo terminal behind the web preview host: the real services on temporary
// storage, the embedded sandbox as CareCloud. What `npm run preview:web` runs.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TerminalSession } from '../operators/session.ts';
import { startApp, startTerminal, type Terminal } from '../app/terminal.ts';
import type { KioskTerminal } from '../app/kiosk-terminal.ts';
import { createKioskApi } from '../kiosk/customer-api-port.ts';
import { startSandboxBackend } from '../demo/sandbox-backend.ts';
import type { Logger } from '../log/logger.ts';
import { memoryBackend } from '../settings/backend.ts';
import { keyCipher } from '../settings/cipher.ts';
import { startPreviewHost } from './preview-host.ts';

export interface DemoPreviewOptions {
  rendererDir: string;
  port?: number;
  logger?: Logger;
  /** The terminal's clock (idle sign-out, PIN locks); tests move it. */
  now?: () => number;
  /** A data folder to run on (kept at close); a temporary one otherwise. */
  dataDir?: string;
  /** Settings the memory-only store starts with (tests); the demo's defaults otherwise. */
  settings?: Record<string, unknown>;
  /** A kiosk's manager left kiosk mode (the settings say `till` now): where the app would restart. */
  onLeaveKiosk?: () => void;
}

export interface DemoPreview {
  url: string;
  terminal: Terminal;
  /** The sign-ins of the page connections open now, one each. */
  sessions(): TerminalSession[];
  close(): Promise<void>;
}

export interface KioskDemoPreview {
  url: string;
  terminal: KioskTerminal;
  close(): Promise<void>;
}

/**
 * The kiosk's screens against a demo kiosk (the sandbox's Customer API), as `npm run preview:web -- --kiosk` shows
 * them.
 */
export async function startKioskDemoPreview(options: DemoPreviewOptions): Promise<KioskDemoPreview> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ccpos-kiosk-preview-'));
  const discard = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let terminal: KioskTerminal | null = null;
  try {
    const settings = memoryBackend();
    settings.set('mode', 'kiosk');
    const started = await startApp({
      dataDir,
      stores: { settings, operators: memoryBackend(), customerCache: memoryBackend() },
      cipher: keyCipher(randomBytes(32)),
      startDemo: () => startSandboxBackend({ rateLimit: null }),
      forceDemo: true,
      label: 'preview',
      customerApi: createKioskApi,
      ...(options.onLeaveKiosk ? { onLeaveKiosk: options.onLeaveKiosk } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    if (started.mode !== 'kiosk') throw new Error('The kiosk preview started a till');
    terminal = started;
    const host = await startPreviewHost({
      terminal,
      rendererDir: options.rendererDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    const running = terminal;
    return {
      url: host.url,
      terminal: running,
      async close() {
        await host.close();
        await running.close();
        discard();
      },
    };
  } catch (error) {
    await terminal?.close();
    discard();
    throw error;
  }
}

export async function startDemoPreview(options: DemoPreviewOptions): Promise<DemoPreview> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ccpos-preview-'));
  const discard = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let terminal: Terminal | null = null;
  try {
    terminal = await startTerminal({
      dataDir,
      stores: {
        settings: memoryBackend(options.settings ?? {}),
        operators: memoryBackend(),
        customerCache: memoryBackend(),
      },
      // Memory-only settings: a per-run key is enough, nothing outlives the process.
      cipher: keyCipher(randomBytes(32)),
      startDemo: () => startSandboxBackend({ rateLimit: null }),
      forceDemo: true,
      label: 'preview',
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const host = await startPreviewHost({
      terminal,
      rendererDir: options.rendererDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    const running = terminal;
    return {
      url: host.url,
      terminal: running,
      sessions: () => host.sessions(),
      async close() {
        await host.close();
        await running.close();
        discard();
      },
    };
  } catch (error) {
    await terminal?.close();
    discard();
    throw error;
  }
}
