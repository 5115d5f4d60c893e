// What the CareCloud client costs per GET on top of the network: the full pipeline
// (token, ky, body cap, envelope check, error mapping, a masked log line written to a
// real file stream) against a bare fetch + JSON.parse to the same loopback server,
// interleaved in the same run so both see the same machine noise. ky alone (same
// options, no pipeline) is measured too, as a reference for how much of the overhead
// is ky's own.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import ky from 'ky';
import { formatCareCloudDateTime } from '../shared/datetime.ts';
import { apiBaseUrl, createCareCloudClient } from '../electron/carecloud/client.ts';
import { createLogger, fileSink } from '../electron/log/logger.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const WARM_UP = 500;
const SAMPLES = 4_000;
const DISTANT_SAMPLES = 400;

// The server runs in its own process, as CareCloud would: its work must not share the
// event loop whose per-call cost is being measured.
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const customer = JSON.stringify({ data: { customer_id: '8bed991c68a470e7aaeffbf048', state: 1,
  personal_information: { first_name: 'Jana', last_name: 'Nov\\u00e1kov\\u00e1', email: 'jana@example.cz',
    phone: '+420777123456', language_id: 'cs', birthdate: '1990-04-01' },
  last_change: '2026-06-15 10:00:00' } });
const delayMs = Number(process.argv[2] || 0);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => setTimeout(() => {
    const body = req.method === 'POST'
      ? JSON.stringify({ data: { bearer_token: 'bench-token', valid_to: process.argv[1] } })
      : customer;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }, delayMs));
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** `delayMs`: how long the server waits before each answer, as CareCloud farther away would. */
async function startServer(delayMs = 0): Promise<{ origin: string; close(): Promise<void> }> {
  const validTo = formatCareCloudDateTime(new Date(Date.now() + 7 * 3600_000), 'Europe/Prague');
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE, validTo, String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Client, bare fetch and ky alone against one server, interleaved in rotating order. */
async function measureAt(
  delayMs: number,
  warmUp: number,
  count: number,
): Promise<{ client: number[]; fetch: number[]; ky: number[] }> {
  const server = await startServer(delayMs);
  const sink = fileSink('/dev/null');
  const client = createCareCloudClient({
    projectUrl: server.origin,
    credentials: { externalApplicationId: 'bench', login: 'bench', password: 'bench' },
    language: 'cs',
    timeZone: 'Europe/Prague',
    logger: createLogger(sink),
  });
  const url = `${apiBaseUrl(server.origin)}/customers/8bed991c68a470e7aaeffbf048`;
  const headers = {
    authorization: 'Bearer bench-token',
    'accept-language': 'cs',
    accept: 'application/json',
  };

  const viaClient = async () => {
    const data = await client.customers.get('8bed991c68a470e7aaeffbf048');
    if (data?.customer_id === undefined) throw new Error('client answered without a customer');
  };
  const viaFetch = async () => {
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { data?: { customer_id?: string } };
    if (body.data?.customer_id === undefined) throw new Error('fetch answered without a customer');
  };
  const bareKy = ky.create({
    prefix: apiBaseUrl(server.origin),
    retry: 0,
    throwHttpErrors: false,
    headers: { 'accept-language': 'cs', accept: 'application/json' },
  });
  const viaKy = async () => {
    const response = await bareKy('customers/8bed991c68a470e7aaeffbf048', {
      timeout: 3_000,
      headers: { authorization: 'Bearer bench-token' },
    });
    const body = JSON.parse(await response.text()) as { data?: { customer_id?: string } };
    if (body.data?.customer_id === undefined) throw new Error('ky answered without a customer');
  };
  const timed = async (call: () => Promise<void>) => {
    const start = performance.now();
    await call();
    return performance.now() - start;
  };

  try {
    const ways = [viaClient, viaFetch, viaKy];
    const samples: number[][] = [[], [], []];
    for (let i = 0; i < warmUp; i++) for (const way of ways) await way();
    for (let i = 0; i < count; i++) {
      // Rotate the order so no way always runs right after the same other one.
      for (let k = 0; k < ways.length; k++) {
        const w = (i + k) % ways.length;
        samples[w]!.push(await timed(ways[w]!));
      }
    }
    const [clientSamples, fetchSamples, kySamples] = samples as [number[], number[], number[]];
    return { client: clientSamples, fetch: fetchSamples, ky: kySamples };
  } finally {
    await sink.close();
    await server.close();
  }
}

export const clientSuite: BenchSuite = {
  name: 'carecloud-client',
  async run(): Promise<Figure[]> {
    const near = await measureAt(0, WARM_UP, SAMPLES);
    // CareCloud 20 ms away, as from a shop: what the client adds to a real round trip.
    const far = await measureAt(20, 50, DISTANT_SAMPLES);
    return [
      figure(
        'client GET median vs fetch',
        percentile(near.client, 50),
        'ms',
        percentile(near.fetch, 50),
        'ratio <= 1.3',
      ),
      // ky is the customer's choice: on loopback its own p99 (below) is the reference for this one.
      figure(
        'client GET p99 vs fetch',
        percentile(near.client, 99),
        'ms',
        percentile(near.fetch, 99),
        'reference',
      ),
      // How much of the overhead is ky's own: a reference for the two figures above, not a goal.
      figure(
        'reference: ky alone GET median vs fetch',
        percentile(near.ky, 50),
        'ms',
        percentile(near.fetch, 50),
        'reference',
      ),
      figure(
        'reference: ky alone GET p99 vs fetch',
        percentile(near.ky, 99),
        'ms',
        percentile(near.fetch, 99),
        'reference',
      ),
      figure(
        'client GET median vs fetch, CareCloud 20 ms away',
        percentile(far.client, 50),
        'ms',
        percentile(far.fetch, 50),
        'ratio <= 1.05',
      ),
      figure(
        'client GET p99 vs fetch, CareCloud 20 ms away',
        percentile(far.client, 99),
        'ms',
        percentile(far.fetch, 99),
        'ratio <= 1.05',
      ),
    ];
  },
};
