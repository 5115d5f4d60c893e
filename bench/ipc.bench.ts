// What the IPC layer costs a cashier: a card lookup through the dispatcher (sender,
// schema and role checks) and through the web preview's WebSocket, each against the
// same handler called directly, all on one demo terminal in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createPosApi } from '../shared/ipc/api.ts';
import { createWireClient } from '../shared/ipc/wire.ts';
import { demo } from '../sandbox/seed.ts';
import { startTerminal } from '../electron/app/terminal.ts';
import { startSandboxBackend } from '../electron/demo/sandbox-backend.ts';
import { previewSenderCheck } from '../electron/ipc/sender.ts';
import { demoOperators } from '../electron/operators/demo-operators.ts';
import { startPreviewHost } from '../electron/preview/preview-host.ts';
import { memoryBackend } from '../electron/settings/backend.ts';
import { keyCipher } from '../electron/settings/cipher.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const rounds = 300;

async function measure(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-ipc-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-renderer-'));
  const terminal = await startTerminal({
    dataDir,
    stores: { settings: memoryBackend(), operators: memoryBackend(), customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => startSandboxBackend({ rateLimit: null }),
    label: 'bench',
  });
  const host = await startPreviewHost({ terminal, rendererDir });
  try {
    const sender = { transport: 'preview', connectionId: 0, origin: '' } as const;
    const dispatch = terminal.dispatcher(previewSenderCheck(new Set([0])));
    const manager = demoOperators.find((o) => o.role === 'manager');
    await dispatch('operator.signIn', { pin: manager?.pin }, sender);
    const context = { operator: terminal.session.operator, sender };
    const payload = { cardNumber: demo.cards.regular };

    const page = new URL(host.url);
    const socket = new WebSocket(`ws://${page.host}/pos?token=${page.searchParams.get('token')}`, {
      origin: host.origin,
    });
    const wire = createWireClient((text) => socket.send(text));
    socket.on('message', (data) => wire.receive(data.toString()));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const pos = createPosApi(wire.transport);

    const ways = {
      direct: () => terminal.handlers['customers.identifyByCard'](payload, context),
      dispatcher: () => dispatch('customers.identifyByCard', payload, sender),
      preview: () => pos.customers.identifyByCard(payload),
    };
    const samples: Record<keyof typeof ways, number[]> = { direct: [], dispatcher: [], preview: [] };
    for (let round = -20; round < rounds; round += 1) {
      // Interleaved so drift in the machine's load falls on all three alike.
      for (const way of Object.keys(ways) as (keyof typeof ways)[]) {
        const started = performance.now();
        const result = await ways[way]();
        const elapsed = performance.now() - started;
        if (!result.ok) throw new Error(`lookup failed via ${way}: ${result.error.code}`);
        if (round >= 0) samples[way].push(elapsed);
      }
    }
    const statusSamples: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const started = performance.now();
      await dispatch('session.status', undefined, sender);
      statusSamples.push((performance.now() - started) * 1000);
    }
    socket.close();
    const direct = percentile(samples.direct, 50);
    return [
      figure(
        'card lookup via dispatcher p50 (vs direct handler)',
        percentile(samples.dispatcher, 50),
        'ms',
        direct,
        'ratio <= 1.25',
      ),
      figure(
        'card lookup via preview WebSocket p50 (vs direct handler)',
        percentile(samples.preview, 50),
        'ms',
        direct,
        'ratio <= 2',
      ),
      figure('card lookup direct handler p95', percentile(samples.direct, 95), 'ms', null, 'value <= 50'),
      figure(
        'session.status through the dispatcher p50',
        percentile(statusSamples, 50),
        'µs',
        null,
        'value <= 500',
      ),
    ];
  } finally {
    await host.close();
    await terminal.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

export const ipcSuite: BenchSuite = { name: 'ipc', run: measure };
