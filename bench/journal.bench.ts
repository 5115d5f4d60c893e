// The offline journal's cost: durable appends against raw better-sqlite3 inserts
// with the same pragmas and row size, and how long an offline closure keeps the
// cashier waiting.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../electron/journal/journal.ts';
import { purchaseEntry } from '../electron/sync/closure.ts';
import { createSyncEngine } from '../electron/sync/create-engine.ts';
import { parseSettings, type SettingsInput, type TerminalSettings } from '../shared/settings.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareCloudClient } from '../electron/carecloud/client.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  currencyIds,
  customerId,
  demo,
  purchaseItemTypeIds,
  purchaseTypeIds,
  storeIds,
} from '../sandbox/seed.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const terminal = { timeZone: 'Europe/Prague' };

function parseSettingsOrThrow(input: SettingsInput): TerminalSettings {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
const sale = (n: number) =>
  purchaseEntry(
    {
      storeId: '81eaeea13b8984a169c490a325',
      cashdesk: 3,
      operator: 'cashier-7',
      customerId: `cust-${n}`,
      bill: {
        currency_id: 'czk',
        total_price: 420,
        purchase_type_id: 'pt',
        payment_type: 'A',
        bill_items: Array.from({ length: 4 }, (_, i) => ({
          plu_ids: [{ list_code: 'GLOBAL', code: `plu-${i}` }],
          plu_name: `Item ${i}`,
          vat_rate: 21,
          quantity: 1,
          price: 105,
          paid_amount: 105,
          bill_item_id: String(i),
          loyalty_off: false,
          purchase_item_type_id: 'it',
        })),
      },
    },
    terminal,
  );

/**
 * Durable append rate of the journal and of raw better-sqlite3 inserts (same pragmas, a row of
 * the same size), measured op by op in alternation so both meet the same disk at the same moments.
 */
function appendRates(dir: string, rows: number): { journal: number; raw: number } {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE t (id INTEGER PRIMARY KEY, bill_id TEXT UNIQUE, body TEXT NOT NULL, created_at INTEGER NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO t (bill_id, body, created_at) VALUES (?, ?, ?)');
  const journal = Journal.open(join(dir, 'journal.db'));
  const inputs = Array.from({ length: rows }, (_, i) => sale(i));
  const payloads = inputs.map((input) => JSON.stringify(input.request));
  let rawMs = 0;
  let journalMs = 0;
  for (let i = 0; i < rows; i++) {
    const timeRaw = () => {
      const started = performance.now();
      insert.run(inputs[i]!.billId, payloads[i], Date.now());
      rawMs += performance.now() - started;
    };
    const timeJournal = () => {
      const started = performance.now();
      journal.append(inputs[i]!);
      journalMs += performance.now() - started;
    };
    if (i % 2 === 0) {
      timeRaw();
      timeJournal();
    } else {
      timeJournal();
      timeRaw();
    }
  }
  db.close();
  journal.close();
  return { journal: rows / (journalMs / 1000), raw: rows / (rawMs / 1000) };
}

/** A CareCloud address nothing listens on: every call is refused, as in an outage. */
async function refusedProjectUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function offlineClosureLatencies(file: string, sales: number): Promise<number[]> {
  const journal = Journal.open(file);
  const client = createCareCloudClient({
    projectUrl: await refusedProjectUrl(),
    credentials: { externalApplicationId: 'bench', login: 'bench', password: 'bench' },
    language: 'en',
    timeZone: terminal.timeZone,
    retry: { maxAttempts: 1 },
  });
  const engine = createSyncEngine({
    journal,
    client,
    settings: parseSettingsOrThrow({ sync: { breakerThreshold: 1 } }),
    label: 'bench',
  });
  await engine.close(sale(-1));
  if (engine.online) throw new Error('the engine should be offline after an unreachable send');
  const samples: number[] = [];
  for (let i = 0; i < sales; i++) {
    const input = sale(i);
    const started = performance.now();
    const result = await engine.close(input);
    samples.push(performance.now() - started);
    if (result.outcome !== 'queued') throw new Error(`offline closure ended ${result.outcome}`);
  }
  await engine.stop();
  journal.close();
  return samples;
}

const DRAIN_SALES = Number(process.env.CCPOS_BENCH_DRAIN_SALES ?? 10_000);
// High enough to take the 10,000 sales in under a minute, low enough for a busy two-core machine.
const DRAIN_RATE_LIMIT = Number(process.env.CCPOS_BENCH_RATE_LIMIT ?? 200);

// Seeded customers that can buy (number 6 is deleted in the seed).
const SELLABLE_CUSTOMERS = [1, 2, 3, 4, 5, 7, 8, 9, 10];

const sandboxSale = (n: number) =>
  purchaseEntry(
    {
      storeId: storeIds.praha,
      cashdesk: 2,
      operator: 'cashier-7',
      customerId: customerId(SELLABLE_CUSTOMERS[n % SELLABLE_CUSTOMERS.length]!),
      bill: {
        currency_id: currencyIds.czk,
        total_price: 120,
        purchase_type_id: purchaseTypeIds.store,
        payment_type: 'A',
        bill_items: [
          {
            plu_ids: [{ list_code: 'GLOBAL', code: '8590000000017' }],
            plu_name: 'Chléb',
            vat_rate: 12,
            quantity: 1,
            price: 120,
            paid_amount: 120,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: purchaseItemTypeIds.store,
          },
        ],
      },
    },
    terminal,
  );

/** The sandbox in its own process, as CareCloud would be: the terminal's event loop is then only the terminal's. */
export async function sandboxProcess(
  rateLimit: string,
): Promise<{ projectUrl: string; stop(): Promise<void> }> {
  const cli = fileURLToPath(new URL('../sandbox/cli.ts', import.meta.url));
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', cli, '--port', '0', '--rate-limit', rateLimit],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const projectUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /project URL\s+(\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
  return {
    projectUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.removeAllListeners('exit');
        proc.on('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Queues DRAIN_SALES sales, then times the drain against a sandbox that enforces a rate limit. */
export async function drainAgainstRateLimit(
  file: string,
): Promise<{ rate: number; rateLimited: number; synced: number }> {
  const sandbox = await sandboxProcess(`${DRAIN_RATE_LIMIT}:10`);
  const journal = Journal.open(file);
  try {
    for (let i = 0; i < DRAIN_SALES; i++) journal.append(sandboxSale(i));
    const client = createCareCloudClient({
      projectUrl: sandbox.projectUrl,
      credentials: {
        externalApplicationId: demo.credentials.user_external_application_id,
        login: demo.credentials.login,
        password: demo.credentials.password,
      },
      language: 'en',
      timeZone: terminal.timeZone,
    });
    const engine = createSyncEngine({
      journal,
      client,
      settings: parseSettingsOrThrow({ sync: { rateLimitPerSecond: DRAIN_RATE_LIMIT } }),
      label: 'bench',
      policy: { entryBackoff: { baseMs: 50, maxMs: 500 } },
    });
    await engine.probe();
    const started = performance.now();
    while (journal.stats().queued > 0) {
      await engine.drain();
      const due = journal.nextDueAt();
      if (due !== null && journal.stats().queued > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, due - Date.now())));
    }
    const seconds = (performance.now() - started) / 1000;
    if (process.env.CCPOS_BENCH_VERBOSE)
      console.log(
        `drain: ${seconds.toFixed(1)} s wall, ` +
          `${(process.cpuUsage().user / 1e6).toFixed(1)} s user CPU in this process so far`,
      );
    await engine.stop();
    let rateLimited = 0;
    for (let offset = 0; ; offset += 1000) {
      const page = journal.list({}, { limit: 1000, offset });
      for (const entry of page.entries)
        rateLimited += journal.attempts(entry.id).filter((a) => a.outcome === 'rate-limited').length;
      if (page.entries.length < 1000) break;
    }
    return { rate: DRAIN_SALES / seconds, rateLimited, synced: journal.countsByState().synced };
  } finally {
    journal.close();
    await sandbox.stop();
  }
}

export const journalSuite: BenchSuite = {
  name: 'journal',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'ccpos-bench-journal-'));
    try {
      const { journal, raw } = appendRates(dir, 3000);
      const latencies = await offlineClosureLatencies(join(dir, 'offline.db'), 2000);
      const drain = await drainAgainstRateLimit(join(dir, 'drain.db'));
      if (drain.synced !== DRAIN_SALES)
        throw new Error(`the drain synced ${drain.synced} of ${DRAIN_SALES} sales`);
      return [
        figure(
          'journal durable append rate vs raw inserts',
          Math.round(journal),
          'appends/s',
          Math.round(raw),
          'ratio >= 0.8',
        ),
        figure(
          'offline closure latency p50',
          Number(percentile(latencies, 50).toFixed(3)),
          'ms',
          null,
          'value < 20',
        ),
        figure(
          'offline closure latency p99',
          Number(percentile(latencies, 99).toFixed(3)),
          'ms',
          null,
          'value < 20',
        ),
        figure(
          `drain of ${DRAIN_SALES} queued sales vs the rate limit`,
          Math.round(drain.rate),
          'sales/s',
          DRAIN_RATE_LIMIT,
          'ratio >= 0.9',
        ),
        figure(
          'drain 429 answers after the first',
          Math.max(0, drain.rateLimited - 1),
          'answers',
          null,
          'value <= 0',
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
