// The sandbox's throughput on loopback, so load tests of the terminal are never limited
// by it: card lookups and send-purchase from concurrent keep-alive clients. The sandbox
// serves from this thread (one core); the clients run in a worker thread so they do not
// eat the sandbox's core. The baseline is a bare node:http server answering a fixed card
// list on this thread, loaded the same way in the same run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { currencyIds, demo, purchaseItemTypeIds, purchaseTypeIds } from '../sandbox/seed.ts';
import { startSandbox } from '../sandbox/server.ts';
import { figure, type BenchSuite, type Figure } from './harness.ts';

interface Load {
  host: string;
  port: number;
  method: 'GET' | 'POST';
  /** Request paths, used in turn. */
  paths: string[];
  headers: Record<string, string>;
  /** POST body with "__BILL__" (a fresh bill_id per request) and "__CARD__" (cards in turn). */
  body?: { template: string; cards: string[] };
  expected: number;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
}

interface LoadResult {
  rate: number;
  p99: number;
}

// Plain JavaScript: the worker runs without the TypeScript loader.
const loadGenerator = `
const { parentPort, workerData: load } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency });
let n = 0;
let counted = 0;
const latencies = [];
const started = performance.now();
const measureFrom = started + load.warmupMs;
const end = measureFrom + load.measureMs;
function send(i) {
  const body = load.body
    ? load.body.template
        .replace('"__BILL__"', JSON.stringify('BENCH-' + i))
        .replace('"__CARD__"', JSON.stringify(load.body.cards[i % load.body.cards.length]))
    : undefined;
  const headers = body ? { ...load.headers, 'Content-Length': Buffer.byteLength(body) } : load.headers;
  return new Promise((resolve, reject) => {
    const path = load.paths[i % load.paths.length];
    const req = request({ host: load.host, port: load.port, method: load.method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function client() {
  while (performance.now() < end) {
    const t0 = performance.now();
    const status = await send(n++);
    if (status !== load.expected) throw new Error('answered ' + status + ', expected ' + load.expected);
    if (t0 >= measureFrom) {
      counted += 1;
      latencies.push(performance.now() - t0);
    }
  }
}
Promise.all(Array.from({ length: load.concurrency }, client)).then(
  () => {
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const p99 = latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]
      : 0;
    parentPort.postMessage({ rate: counted / (load.measureMs / 1000), p99 });
  },
  (error) => parentPort.postMessage({ error: String(error && error.message || error) }),
);
`;

function generateLoad(load: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadGenerator, { eval: true, workerData: load });
    worker.once('message', (message: LoadResult | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(`load generator: ${message.error}`));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

const fixedCard = JSON.stringify({
  data: {
    cards: [{ card_id: 'x', card_number: '2000000000015', card_type_id: 't', state: 1 }],
    total_items: 1,
  },
});

/** The floor: a bare node:http server answering a fixed card list. */
async function bareServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(fixedCard),
      });
      res.end(fixedCard);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const shape = { concurrency: 16, warmupMs: 700, measureMs: 3000 };

export const sandboxSuite: BenchSuite = {
  name: 'sandbox',
  async run(): Promise<Figure[]> {
    const bare = await bareServer();
    let baseline: LoadResult;
    try {
      baseline = await generateLoad({
        host: '127.0.0.1',
        port: bare.port,
        method: 'GET',
        paths: ['/cards'],
        headers: {},
        expected: 200,
        ...shape,
      });
    } finally {
      await bare.close();
    }

    const sandbox = await startSandbox({ rateLimit: null });
    try {
      const url = new URL(sandbox.baseUrl);
      const login = await fetch(`${sandbox.baseUrl}/users/actions/login`, {
        method: 'POST',
        body: JSON.stringify(sandbox.credentials),
      });
      const token = ((await login.json()) as { data: { bearer_token: string } }).data.bearer_token;
      const headers = { Authorization: `Bearer ${token}` };
      const cards = await ordinaryCards(sandbox.baseUrl, headers);
      const target = { host: url.hostname, port: Number(url.port) };

      const lookups = await generateLoad({
        ...target,
        method: 'GET',
        paths: cards.map((c) => `${url.pathname}/cards?card_number=${c}`),
        headers,
        expected: 200,
        ...shape,
      });
      const template = JSON.stringify({
        store_id: demo.stores.praha,
        cashdesk_number: 1,
        card_number: '__CARD__',
        bill: {
          bill_id: '__BILL__',
          payment_time: '2026-03-02 10:30:00',
          currency_id: currencyIds.czk,
          total_price: 420,
          purchase_type_id: purchaseTypeIds.store,
          canceled: false,
          payment_type: 'S',
          bill_items: Array.from({ length: 4 }, (_, i) => ({
            plu_ids: [{ list_code: 'EAN', code: `85900${i}` }],
            plu_name: `Item ${i}`,
            vat_rate: 21,
            quantity: 1,
            price: 105,
            paid_amount: 105,
            bill_item_id: String(i),
            loyalty_off: false,
            purchase_item_type_id: purchaseItemTypeIds.store,
          })),
        },
      });
      const purchases = await generateLoad({
        ...target,
        method: 'POST',
        paths: [`${url.pathname}/purchases/actions/send-purchase`],
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: { template, cards },
        expected: 201,
        ...shape,
      });
      return [
        figure(
          'sandbox card lookups (GET /cards?card_number=)',
          Math.round(lookups.rate),
          'req/s',
          Math.round(baseline.rate),
          'value >= 2000',
        ),
        figure(
          'sandbox card lookup p99 latency',
          Number(lookups.p99.toFixed(2)),
          'ms',
          Number(baseline.p99.toFixed(2)),
          'value <= 50',
        ),
        figure(
          'sandbox send-purchase',
          Math.round(purchases.rate),
          'req/s',
          Math.round(lookups.rate),
          'value >= 500',
        ),
      ];
    } finally {
      await sandbox.close();
    }
  },
};

/** The ordinary demo customers' cards (the edge cases refuse purchases). */
async function ordinaryCards(baseUrl: string, headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${baseUrl}/cards?count=36&offset=14&state=1`, { headers });
  const cards = ((await res.json()) as { data: { cards: { card_number: string; customer_id?: string }[] } })
    .data.cards;
  return cards.filter((c) => c.customer_id).map((c) => c.card_number);
}
