// What the CareCloud client costs per GET on top of the network: the full pipeline
// (token, ky, body cap, envelope check, error mapping, a masked log line written to a
// real file stream) against a bare fetch + JSON.parse to the same loopback server,
// interleaved in the same run so both see the same machine noise.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { formatCareCloudDateTime } from '../shared/datetime.ts';
import { apiBaseUrl, createCareCloudClient } from '../electron/carecloud/client.ts';
import { createLogger, fileSink } from '../electron/log/logger.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const WARM_UP = 500;
const SAMPLES = 4_000;

const customer = JSON.stringify({
  data: {
    customer_id: '8bed991c68a470e7aaeffbf048',
    state: 1,
    personal_information: { first_name: 'Jana', last_name: 'Nováková', email: 'jana@example.cz', phone: '+420777123456', language_id: 'cs', birthdate: '1990-04-01' },
    last_change: '2026-06-15 10:00:00',
  },
});

async function startServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        const body = JSON.stringify({ data: { bearer_token: 'bench-token', valid_to: formatCareCloudDateTime(new Date(Date.now() + 7 * 3600_000), 'Europe/Prague') } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(customer) });
    res.end(customer);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const clientSuite: BenchSuite = {
  name: 'carecloud-client',
  async run(): Promise<Figure[]> {
    const server = await startServer();
    const sink = fileSink('/dev/null');
    const client = createCareCloudClient({
      projectUrl: server.origin,
      credentials: { externalApplicationId: 'bench', login: 'bench', password: 'bench' },
      language: 'cs',
      timeZone: 'Europe/Prague',
      logger: createLogger(sink),
    });
    const url = `${apiBaseUrl(server.origin)}/customers/8bed991c68a470e7aaeffbf048`;
    const headers = { authorization: 'Bearer bench-token', 'accept-language': 'cs', accept: 'application/json' };

    const viaClient = async () => {
      const data = await client.customers.get('8bed991c68a470e7aaeffbf048');
      if (data?.customer_id === undefined) throw new Error('client answered without a customer');
    };
    const viaFetch = async () => {
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { data?: { customer_id?: string } };
      if (body.data?.customer_id === undefined) throw new Error('fetch answered without a customer');
    };
    const timed = async (call: () => Promise<void>) => {
      const start = performance.now();
      await call();
      return performance.now() - start;
    };

    try {
      for (let i = 0; i < WARM_UP; i++) {
        await viaClient();
        await viaFetch();
      }
      const clientSamples: number[] = [];
      const fetchSamples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        // Alternate which goes first so neither always inherits the other's warm socket.
        if (i % 2 === 0) {
          clientSamples.push(await timed(viaClient));
          fetchSamples.push(await timed(viaFetch));
        } else {
          fetchSamples.push(await timed(viaFetch));
          clientSamples.push(await timed(viaClient));
        }
      }
      return [
        figure('client GET median vs fetch', percentile(clientSamples, 50), 'ms', percentile(fetchSamples, 50), 'ratio <= 1.3'),
        figure('client GET p99 vs fetch', percentile(clientSamples, 99), 'ms', percentile(fetchSamples, 99), 'ratio <= 1.3'),
      ];
    } finally {
      await sink.close();
      await server.close();
    }
  },
};
