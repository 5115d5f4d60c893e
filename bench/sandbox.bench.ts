// The sandbox's throughput on loopback, so load tests of the terminal are never limited
// by it: card lookups and send-purchase from concurrent keep-alive clients. Clients and
// sandbox share this one process (one core), so the figures are a floor of what the
// sandbox alone serves; a separate load process only measured the machine's scheduler.
// The baseline is a bare node:http server answering a fixed card list, measured the same
// way in the same run.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { currencyIds, demo, purchaseTypeIds } from '../sandbox/seed.ts';
import { startSandbox } from '../sandbox/server.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const CONCURRENCY = 16;
const WARMUP_MS = 700;
const MEASURE_MS = 3000;

interface Target {
  host: string;
  port: number;
  basePath: string;
}

interface Shot {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function send(agent: Agent, target: Target, shot: Shot): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: target.host, port: target.port, method: shot.method, path: `${target.basePath}${shot.path}`, headers: shot.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(shot.body);
  });
}

/** Requests per second over MEASURE_MS with CONCURRENCY keep-alive clients; fails on any unexpected status. */
async function throughput(target: Target, next: (n: number) => Shot, expected: number): Promise<{ rate: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let n = 0;
  let counted = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const status = await send(agent, target, next(n++));
      if (status !== expected) throw new Error(`sandbox answered ${status}, expected ${expected}`);
      if (t0 >= measureFrom) {
        counted += 1;
        latencies.push(performance.now() - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  agent.destroy();
  return { rate: counted / (MEASURE_MS / 1000), p99: latencies.length ? percentile(latencies, 99) : 0 };
}

const fixedCard = JSON.stringify({ data: { cards: [{ card_id: 'x', card_number: '2000000000015', card_type_id: 't', state: 1 }], total_items: 1 } });

/** The floor: a bare node:http server answering a fixed card list. */
async function bareServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(fixedCard) });
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

export const sandboxSuite: BenchSuite = {
  name: 'sandbox',
  async run(): Promise<Figure[]> {
    const bare = await bareServer();
    let baseline: { rate: number; p99: number };
    try {
      baseline = await throughput({ host: '127.0.0.1', port: bare.port, basePath: '' }, () => ({ method: 'GET', path: '/cards', headers: {} }), 200);
    } finally {
      await bare.close();
    }

    const sandbox = await startSandbox({ rateLimit: null });
    try {
      const url = new URL(sandbox.baseUrl);
      const target: Target = { host: url.hostname, port: Number(url.port), basePath: url.pathname };
      const base = sandbox.baseUrl;
      const login = await fetch(`${base}/users/actions/login`, { method: 'POST', body: JSON.stringify(demo.credentials) });
      const token = ((await login.json()) as { data: { bearer_token: string } }).data.bearer_token;
      const auth = { Authorization: `Bearer ${token}` };
      const cardNumbers = await demoCardNumbers(base, auth);

      const lookups = await throughput(target, (n) => ({ method: 'GET', path: `/cards?card_number=${cardNumbers[n % cardNumbers.length]}`, headers: auth }), 200);
      const purchases = await throughput(
        target,
        (n) => ({
          method: 'POST',
          path: '/purchases/actions/send-purchase',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            store_id: demo.stores.praha,
            cashdesk_number: 1 + (n % 3),
            card_number: cardNumbers[n % cardNumbers.length],
            bill: {
              bill_id: `BENCH-${n}`,
              payment_time: '2026-03-02 10:30:00',
              currency_id: currencyIds.czk,
              total_price: 420,
              purchase_type_id: purchaseTypeIds.store,
              canceled: false,
              payment_type: 'S',
              bill_items: Array.from({ length: 4 }, (_, i) => ({ plu_ids: [{ list_code: 'EAN', code: `85900${i}` }], plu_name: `Item ${i}`, vat_rate: 21, quantity: 1, price: 105, paid_amount: 105, bill_item_id: String(i), loyalty_off: false, purchase_item_type_id: 'product' })),
            },
          }),
        }),
        201,
      );
      return [
        figure('sandbox card lookups (GET /cards?card_number=)', Math.round(lookups.rate), 'req/s', Math.round(baseline.rate), 'value >= 2000'),
        figure('sandbox card lookup p99 latency', Number(lookups.p99.toFixed(2)), 'ms', Number(baseline.p99.toFixed(2)), 'value <= 50'),
        figure('sandbox send-purchase', Math.round(purchases.rate), 'req/s', Math.round(lookups.rate), 'value >= 500'),
      ];
    } finally {
      await sandbox.close();
    }
  },
};

/** The ordinary demo customers' card numbers (not the edge cases, which refuse purchases). */
async function demoCardNumbers(base: string, auth: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${base}/cards?count=40&offset=14&state=1`, { headers: auth });
  const cards = ((await res.json()) as { data: { cards: { card_number: string; customer_id?: string }[] } }).data.cards;
  return cards.filter((c) => c.customer_id).map((c) => c.card_number);
}
