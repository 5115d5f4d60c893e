// A real terminal on temp storage for IPC tests. With no sandbox given it is
// configured against a CareCloud that does not answer (a closed local port).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTerminal, type Terminal } from '../../electron/app/terminal.ts';
import type { StartDemoBackend } from '../../electron/demo/demo-backend.ts';
import type { UpdateDesk } from '../../electron/ipc/handlers/services.ts';
import { OperatorDirectory } from '../../electron/operators/operators.ts';
import { memoryBackend, type KeyValueBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';

export const cashierPin = '2580';
export const managerPin = '753186';

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface Fixture {
  terminal: Terminal;
  dataDir: string;
  stores: { settings: KeyValueBackend; operators: KeyValueBackend; customerCache: KeyValueBackend };
  close(): Promise<void>;
}

export async function openTerminal(
  options: {
    startDemo?: StartDemoBackend;
    settings?: Record<string, unknown>;
    password?: string;
    operators?: boolean;
    now?: () => number;
    updates?: () => UpdateDesk | null;
    saveDialog?: (suggestedName: string, webContentsId: number) => Promise<string | null>;
  } = {},
): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-terminal-'));
  // Lanes of tests about other things take cash without opening a shift; the shift's tests keep the default.
  const noShift = { shift: { cashNeedsOpenShift: false } };
  const stores = {
    settings: memoryBackend(
      options.startDemo
        ? { ...noShift, ...options.settings }
        : {
            projectUrl: `http://127.0.0.1:${await closedPort()}`,
            externalApplicationId: 'app',
            login: 'pos',
            storeId: 'S1',
            ...noShift,
            ...options.settings,
          },
    ),
    operators: memoryBackend(),
    customerCache: memoryBackend(),
  };
  const cipher = keyCipher(randomBytes(32));
  if (options.password) stores.settings.set('passwordCiphertext', cipher.encrypt(options.password));
  // A demo terminal seeds its own operators; a configured one gets these.
  if (!options.startDemo || options.operators) {
    const operators = new OperatorDirectory(stores.operators);
    await operators.add({ name: 'Cashier', role: 'cashier', pin: cashierPin });
    await operators.add({ name: 'Manager', role: 'manager', pin: managerPin });
  }
  const terminal = await startTerminal({
    dataDir,
    stores,
    cipher,
    startDemo: options.startDemo ?? (() => Promise.reject(new Error('demo mode was not expected'))),
    syncPolicy: { probeTimeoutMs: 2_000, sendTimeoutMs: 2_000 },
    label: 'test',
    ...(options.updates ? { updates: options.updates } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
  });
  return {
    terminal,
    dataDir,
    stores,
    async close() {
      await terminal.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
