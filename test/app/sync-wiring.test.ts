// The app's own sync engine (startTerminal) is built by the one factory: settings.sync and
// timeouts.closureMs shape it, and the port hands the engine's abort signal to the client.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/app/terminal.ts';
import { createCareCloudClient } from '../../electron/carecloud/client.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { careCloudPort } from '../../electron/sync/carecloud-port.ts';
import { SEND_PURCHASE_PATH } from '../../electron/sync/closure.ts';
import { demo } from '../../sandbox/seed.ts';
import { sale } from '../sync/sandbox-terminal.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

describe("the app's sync engine", () => {
  let sandbox: TestSandbox;
  let terminal: Terminal;
  let dataDir: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'ccpos-sync-wiring-'));
    const backend: DemoBackend = {
      projectUrl: sandbox.projectUrl,
      credentials: {
        externalApplicationId: sandbox.credentials.user_external_application_id,
        login: sandbox.credentials.login,
        password: sandbox.credentials.password,
      },
      defaultStoreId: demo.stores.praha,
      outage: false,
      setOutage: async () => {},
      close: async () => {},
    };
    terminal = await startTerminal({
      dataDir,
      stores: {
        settings: memoryBackend({
          timeouts: { closureMs: 1_000, lookupMs: 800 },
          sync: { breakerThreshold: 1, rateLimitPerSecond: 20, pendingAlertHours: 2, syncedRetentionDays: 7 },
        }),
        operators: memoryBackend(),
        customerCache: memoryBackend(),
      },
      cipher: keyCipher(randomBytes(32)),
      startDemo: async () => backend,
      label: 'test',
    });
  });
  afterAll(async () => {
    await terminal?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await sandbox?.close();
  });

  it('takes its policy from settings.sync and the timeouts', () => {
    expect(terminal.sync.policy).toMatchObject({
      sendTimeoutMs: 1_000,
      probeTimeoutMs: 800,
      breakerThreshold: 1,
      ratePerSecond: 19,
      pendingAlertMs: 2 * 3_600_000,
      syncedRetentionDays: 7,
    });
  });

  it('gives up a send after timeouts.closureMs; offline after settings.sync.breakerThreshold failures', async () => {
    // Logged in and online first, so the slow answer below is the send's own.
    expect((await terminal.sync.close(sale())).outcome).toBe('synced');
    sandbox.control.setLatency(3_000);
    try {
      const slow = await terminal.sync.close(sale());
      expect(slow).toMatchObject({ outcome: 'queued', why: 'send-failed' });
      expect(terminal.sync.online).toBe(false);
    } finally {
      sandbox.control.setLatency(0);
    }
  });

  it("hands the engine's abort signal to the CareCloud call (the one port the factory builds)", async () => {
    const client = createCareCloudClient({
      projectUrl: sandbox.projectUrl,
      credentials: {
        externalApplicationId: sandbox.credentials.user_external_application_id,
        login: sandbox.credentials.login,
        password: sandbox.credentials.password,
      },
      language: 'en',
      timeZone: 'Europe/Prague',
    });
    await client.reference.stores();
    const before = sandbox.control.requests().filter((r) => r.path.endsWith(SEND_PURCHASE_PATH)).length;
    const port = careCloudPort(() => client);
    const request = sale().request;
    await expect(
      port.send('purchase', request, {
        timeoutMs: 5_000,
        signal: AbortSignal.abort(new Error('lease ran out')),
      }),
    ).rejects.toThrow('lease ran out');
    expect(sandbox.control.requests().filter((r) => r.path.endsWith(SEND_PURCHASE_PATH)).length).toBe(before);
  });
});
