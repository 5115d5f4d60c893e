// The kiosk's main-side composition (startApp in kiosk mode, the app's own Customer API
// client) alone in a process, for the memory test: the test process sends the screens'
// requests over the child's IPC channel and asks for a heap snapshot after a forced GC.
// Nothing here may import the sandbox or its seed: its literals (names, cards, passwords)
// would be in this heap from the start. Run with `node --expose-gc --import tsx`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { startApp } from '../../../electron/app/terminal.ts';
import { previewSenderCheck } from '../../../electron/ipc/sender.ts';
import { createKioskApi } from '../../../electron/kiosk/customer-api-port.ts';
import { createLogger } from '../../../electron/log/logger.ts';
import { memoryBackend } from '../../../electron/settings/backend.ts';
import { keyCipher } from '../../../electron/settings/cipher.ts';

type Request =
  | { id: number; op: 'ask'; channel: string; payload?: unknown }
  | { id: number; op: 'snapshot'; file: string }
  | { id: number; op: 'logs' }
  | { id: number; op: 'close' };

const projectUrl = process.env.KIOSK_PROJECT_URL ?? '';
const applicationId = process.env.KIOSK_APPLICATION ?? '';
/** The control case: this process keeps every answer it handed out, as a leaking service would. */
const keepAnswers = process.env.KIOSK_KEEP_ANSWERS === '1';
const kept: unknown[] = [];
const logs: string[] = [];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const send = (message: unknown): void => void process.send?.(message);

const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-memory-'));
const kiosk = await startApp({
  dataDir,
  stores: {
    settings: memoryBackend({
      mode: 'kiosk',
      kiosk: { customerApiUrl: projectUrl, externalApplicationId: applicationId },
    }),
    operators: memoryBackend(),
    customerCache: memoryBackend(),
  },
  cipher: keyCipher(randomBytes(32)),
  startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
  customerApi: createKioskApi,
  logger: createLogger((line) => logs.push(line)),
});
if (kiosk.mode !== 'kiosk') throw new Error('startApp built a till from kiosk settings');
const dispatch = kiosk.dispatcher(previewSenderCheck(new Set([1])));
const sender = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' } as const;

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'ask': {
      const answer = await dispatch(request.channel, request.payload, sender);
      if (keepAnswers) kept.push(answer);
      return answer;
    }
    case 'snapshot':
      // Several passes: what one pass frees may let the next free more (weak tables, finalizers).
      for (let i = 0; i < 4; i += 1) {
        gc!();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return writeHeapSnapshot(request.file);
    case 'logs':
      return [...logs];
    case 'close':
      await kiosk.close();
      rmSync(dataDir, { recursive: true, force: true });
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: Request) => {
  void handle(message).then(
    (value) => send({ id: message.id, ok: true, value }),
    (error: unknown) =>
      send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
send({ ready: true });
