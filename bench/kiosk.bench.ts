// A card scanned at the kiosk to the customer's balance, in main: `kiosk.identify` through
// the kiosk's own dispatcher (startApp on kiosk settings: validation, the KioskService, the
// Customer API client), against the raw Customer API calls that answer need (the customer's
// login on a device token, then their record, points, points expiry, credits, vouchers and
// rewards side by side) with bare fetch. CareCloud 20 ms away (the sandbox's latency on
// every answer); the two are interleaved so both see the same machine. Signing out after
// each round is not timed for either.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp } from '../electron/app/terminal.ts';
import { previewSenderCheck, type SenderContext } from '../electron/ipc/sender.ts';
import { createKioskApi } from '../electron/kiosk/customer-api-port.ts';
import { memoryBackend } from '../electron/settings/backend.ts';
import { keyCipher } from '../electron/settings/cipher.ts';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../sandbox/customer-seed.ts';
import { demo } from '../sandbox/seed.ts';
import { startSandbox } from '../sandbox/server.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const ROUNDS = 120;
const WARM_UP = 5;
const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

export const kioskSuite: BenchSuite = {
  name: 'kiosk',
  async run(): Promise<Figure[]> {
    const sandbox = await startSandbox({ port: 0, control: true, rateLimit: null });
    const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-bench-'));
    const started = await startApp({
      dataDir,
      stores: {
        settings: memoryBackend({
          mode: 'kiosk',
          kiosk: { customerApiUrl: sandbox.projectUrl, externalApplicationId: KIOSK_APPLICATION_ID },
        }),
        operators: memoryBackend(),
        customerCache: memoryBackend(),
      },
      cipher: keyCipher(randomBytes(32)),
      startDemo: () => Promise.reject(new Error('no demo backend in this benchmark')),
      customerApi: createKioskApi,
    });
    if (started.mode !== 'kiosk') throw new Error('startApp built a till');
    const dispatch = started.dispatcher(previewSenderCheck(new Set([1])));
    const root = `${sandbox.projectUrl}/webservice/rest-api/customer-interface/v1.0`;
    const card = { cardNumber: demo.cards.regular, password: customerPasswords[1]!.password };

    const post = async (path: string, body: unknown, token?: string): Promise<unknown> => {
      const res = await fetch(`${root}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return res.status === 204 ? null : ((await res.json()) as { data: unknown }).data;
    };
    const get = async (path: string, token: string): Promise<unknown> =>
      (
        (await (await fetch(`${root}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
          data: unknown;
        }
      ).data;
    const { token_id: token } = (await post('/tokens', {
      device: {
        device_id: 'kiosk-bench-raw',
        device_system: 'bench',
        device_name: 'bench',
        device_type: 'kiosk',
      },
      setup: { language_id: 'cs', allowed_gps: false, allowed_notifications: false },
      external_application_id: KIOSK_APPLICATION_ID,
    })) as { token_id: string };

    const viaKiosk = async (): Promise<void> => {
      const answer = (await dispatch('kiosk.identify', { method: 'card', ...card }, sender)) as {
        ok: boolean;
      };
      if (!answer.ok) throw new Error(`kiosk.identify refused: ${JSON.stringify(answer)}`);
    };
    const raw = async (): Promise<void> => {
      const { customer_id: id } = (await post(
        `/tokens/${token}/actions/login`,
        { login_type: 'card', login_value: card.cardNumber, password: card.password },
        token,
      )) as { customer_id: string };
      await Promise.all([
        get(`/customers/${id}`, token),
        get(`/wallet/actions/points-overview?customer_id=${id}`, token),
        get(`/wallet/actions/points-expiration-overview?customer_id=${id}`, token),
        get(`/wallet/actions/credits-overview?customer_id=${id}`, token),
        get(`/customers/${id}/vouchers?is_valid=true&count=100`, token),
        get(`/customers/${id}/rewards`, token),
      ]);
    };
    const signOut = async (): Promise<void> => {
      await dispatch('kiosk.signOut', { reason: 'done' }, sender);
      await post(`/tokens/${token}/actions/logout`, {}, token);
    };

    try {
      sandbox.control!.setLatency(20);
      const kiosk: number[] = [];
      const baseline: number[] = [];
      for (let round = -WARM_UP; round < ROUNDS; round += 1) {
        const ways = round % 2 === 0 ? [viaKiosk, raw] : [raw, viaKiosk];
        for (const way of ways) {
          const start = performance.now();
          await way();
          const took = performance.now() - start;
          if (round >= 0) (way === viaKiosk ? kiosk : baseline).push(took);
        }
        await signOut();
      }
      return [
        figure(
          'kiosk card scan to balance median vs raw Customer API calls, CareCloud 20 ms away',
          Number(percentile(kiosk, 50).toFixed(2)),
          'ms',
          Number(percentile(baseline, 50).toFixed(2)),
          'ratio <= 1.15',
        ),
        figure(
          'kiosk card scan to balance p99 vs raw Customer API calls, CareCloud 20 ms away',
          Number(percentile(kiosk, 99).toFixed(2)),
          'ms',
          Number(percentile(baseline, 99).toFixed(2)),
          'ratio <= 1.15',
        ),
      ];
    } finally {
      sandbox.control!.setLatency(0);
      await started.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
