// The offline journal's cost: durable appends against raw better-sqlite3 inserts
// with the same pragmas and row size, and how long an offline closure keeps the
// cashier waiting.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../electron/journal/journal.ts';
import { ConnectionError } from '../electron/carecloud/errors.ts';
import { SyncEngine } from '../electron/sync/engine.ts';
import { purchaseEntry } from '../electron/sync/closure.ts';
import type { CareCloudPort } from '../electron/sync/port.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const terminal = { timeZone: 'Europe/Prague' };
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
        bill_items: Array.from({ length: 4 }, (_, i) => ({ plu_ids: [{ list_code: 'GLOBAL', code: `plu-${i}` }], plu_name: `Item ${i}`, vat_rate: 21, quantity: 1, price: 105, paid_amount: 105, bill_item_id: String(i), loyalty_off: false, purchase_item_type_id: 'it' })),
      },
    },
    terminal,
  );

function rawInsertRate(file: string, rows: number, payload: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, bill_id TEXT UNIQUE, body TEXT NOT NULL, created_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (bill_id, body, created_at) VALUES (?, ?, ?)');
  const started = performance.now();
  for (let i = 0; i < rows; i++) insert.run(`bill-${i}`, payload, Date.now());
  const rate = rows / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

function journalAppendRate(file: string, rows: number): number {
  const journal = Journal.open(file);
  const inputs = Array.from({ length: rows }, (_, i) => sale(i));
  const started = performance.now();
  for (const input of inputs) journal.append(input);
  const rate = rows / ((performance.now() - started) / 1000);
  journal.close();
  return rate;
}

const unreachable: CareCloudPort = {
  send: async () => {
    throw new ConnectionError('refused', 'connection refused', { method: 'POST', path: '/purchases/actions/send-purchase', correlationId: 'bench', attempt: 1 });
  },
  probe: async () => {
    throw new ConnectionError('refused', 'connection refused', { method: 'GET', path: '/tests/connection', correlationId: 'bench', attempt: 1 });
  },
};

async function offlineClosureLatencies(file: string, sales: number): Promise<number[]> {
  const journal = Journal.open(file);
  const engine = new SyncEngine({ journal, port: unreachable, policy: { breakerThreshold: 1 }, label: 'bench' });
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

export const journalSuite: BenchSuite = {
  name: 'journal',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'ccpos-bench-journal-'));
    try {
      const rows = 1500;
      const payload = JSON.stringify(sale(0).request);
      // Interleaved rounds, best of each, so a noisy neighbour hits both sides alike.
      let raw = 0;
      let journal = 0;
      for (let round = 0; round < 3; round++) {
        raw = Math.max(raw, rawInsertRate(join(dir, `raw-${round}.db`), rows, payload));
        journal = Math.max(journal, journalAppendRate(join(dir, `journal-${round}.db`), rows));
      }
      const latencies = await offlineClosureLatencies(join(dir, 'offline.db'), 2000);
      return [
        figure('journal durable append rate vs raw inserts', Math.round(journal), 'appends/s', Math.round(raw), 'ratio >= 0.8'),
        figure('offline closure latency p50', Number(percentile(latencies, 50).toFixed(3)), 'ms', null, 'value < 20'),
        figure('offline closure latency p99', Number(percentile(latencies, 99).toFixed(3)), 'ms', null, 'value < 20'),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
