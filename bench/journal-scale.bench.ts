// The journal at 10,000, 100,000 and 1,000,000 sales. A sale's commit and an offline pay (the
// app's own pay through its dispatcher, with the circuit open) keep their p99 within 1.2x of
// the 10,000-sale journal's; start-up with a million sales (open, migrations check, queue
// status) is ready within a second; and main's heap after 10,000 offline sales and their replay
// is within 10% of what it was after the first 1,000.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTerminal, type Terminal } from '../electron/app/terminal.ts';
import type { DemoBackend } from '../electron/demo/demo-backend.ts';
import { previewSenderCheck, type SenderContext } from '../electron/ipc/sender.ts';
import { Journal } from '../electron/journal/journal.ts';
import { journalFile } from '../electron/sync/journal-file.ts';
import { OperatorDirectory } from '../electron/operators/operators.ts';
import { memoryBackend } from '../electron/settings/backend.ts';
import { keyCipher } from '../electron/settings/cipher.ts';
import { purchaseEntry } from '../electron/sync/closure.ts';
import { addLine, cartTotals, type Cart } from '../shared/checkout/cart.ts';
import { productLine, type Product } from '../shared/checkout/catalogue.ts';
import { demo, storeIds } from '../sandbox/seed.ts';
import { fillJournal } from '../test/support/big-journal.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';
import { sandboxProcess } from './journal.bench.ts';

const SIZES = (process.env.CCPOS_BENCH_SCALE ?? '10000,100000,1000000').split(',').map(Number);
// p99 is the 10th worst of 1,000: with fewer, one slow fsync decides the figure.
const ROUNDS = 1_000;
const MEMORY_SALES = Number(process.env.CCPOS_BENCH_MEMORY_SALES ?? 10_000);
const cashierPin = '2468';
const DAY = 86_400_000;

const sale = (n: number) =>
  purchaseEntry(
    {
      storeId: storeIds.praha,
      cashdesk: 3,
      operator: 'cashier-7',
      customerId: `cust-${n % 500}`,
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
    { timeZone: 'Europe/Prague' },
  );

/** Forwards to CareCloud, or refuses every connection (an outage the terminal's circuit sees). */
async function switchableLink(
  target: string,
): Promise<{ projectUrl: string; setDown(down: boolean): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  let down = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(port), hostname);
    open.add(client).add(upstream);
    const forget = () => (open.delete(client), open.delete(upstream));
    client.on('close', forget).on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    projectUrl: `http://127.0.0.1:${address.port}`,
    setDown(value) {
      down = value;
      if (down) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => (server.close(() => resolve()), [...open].forEach((s) => s.destroy()))),
  };
}

interface Lane {
  terminal: Terminal;
  pay(n: number): Promise<number>;
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app's own terminal on a data folder, its CareCloud the sandbox in a process of its own behind a link that can go
 * down.
 */
async function lane(dataDir: string): Promise<Lane> {
  const sandbox = await sandboxProcess('100000:100000');
  const link = await switchableLink(sandbox.projectUrl);
  const backend: DemoBackend = {
    projectUrl: link.projectUrl,
    credentials: {
      externalApplicationId: demo.credentials.user_external_application_id,
      login: demo.credentials.login,
      password: demo.credentials.password,
    },
    defaultStoreId: demo.stores.praha,
    outage: false,
    setOutage: async () => {},
    close: async () => {},
  };
  const operators = memoryBackend();
  await new OperatorDirectory(operators).add({ name: 'Bench Cashier', role: 'cashier', pin: cashierPin });
  // Fast enough to replay 10,000 sales in under a minute; the sandbox's own limit is higher still.
  const settings = memoryBackend({ sync: { rateLimitPerSecond: 1_000 } });
  const terminal = await startTerminal({
    dataDir,
    stores: { settings, operators, customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: async () => backend,
    label: 'bench',
  });
  const sender: SenderContext = { transport: 'preview', connectionId: 0, origin: '' };
  const dispatch = terminal.dispatcher(previewSenderCheck(new Set([0])));
  const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload, sender);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  await ok('operator.signIn', { pin: cashierPin });
  await ok('shift.open', { openingFloatMinor: 200_000 });
  let cart: Cart = { currency: 'CZK', lines: [] };
  for (const code of ['8594005650015', '8594012340015', '8594008250120'])
    cart = addLine(cart, productLine((await ok<Product | null>('checkout.product', { code }))!));
  const total = cartTotals(cart).totalMinor;
  const anonymous = { customer: null, voucherCodes: [], points: 0, credit: 0 };
  // Online once, as a lane is before an outage: the store's reference lists are then known.
  await ok('checkout.preview', { saleId: `scale-${process.pid}-warm`, cart, ask: anonymous });
  return {
    terminal,
    async pay(n) {
      const started = performance.now();
      const paid = await ok<{ outcome: string }>('checkout.pay', {
        saleId: `scale-${process.pid}-${n}`,
        cart,
        ask: anonymous,
        tender: 'cash',
        expectedToPayMinor: total,
      });
      const elapsed = performance.now() - started;
      if (paid.outcome !== 'saved_offline') throw new Error(`offline pay ended ${paid.outcome}`);
      return elapsed;
    },
    async goOffline() {
      link.setDown(true);
      for (let i = 0; i < 20 && terminal.sync.online; i += 1) await terminal.sync.probe();
      if (terminal.sync.online) throw new Error('the circuit did not open');
    },
    async goOnline() {
      link.setDown(false);
      for (let i = 0; i < 50 && !(await terminal.sync.probe()); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
    },
    async close() {
      await terminal.close();
      await link.close();
      await sandbox.stop();
    },
  };
}

interface AtSize {
  entries: number;
  startupMs: number;
  commitP99: number;
  payP99: number;
}

interface Filled {
  entries: number;
  dataDir: string;
  startupMs: number;
}

async function filled(entries: number): Promise<Filled> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-scale-'));
  const file = journalFile(dataDir);
  const now = Date.now();
  fillJournal(file, { entries, from: now - 90 * DAY, to: now - 60_000, pending: 20 });
  // Start-up: the worst of three opens (the first one meets a cold cache of the schema).
  let startupMs = 0;
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const journal = Journal.open(file, { integrity: 'background' });
    journal.stats();
    startupMs = Math.max(startupMs, performance.now() - started);
    await journal.integrity;
    journal.close();
  }
  return { entries, dataDir, startupMs };
}

/**
 * A sale's commit at every size, the sizes taking turns sale by sale: a commit waits for the
 * disk's flush, and on a shared machine the flush's time swings by tens of milliseconds within
 * a minute, so journals measured one after another would compare two moments of the disk, not
 * two sizes of the journal.
 */
async function commitsTakingTurns(journals: readonly Filled[]): Promise<number[][]> {
  const open = journals.map((j) => Journal.open(journalFile(j.dataDir), { integrity: 'background' }));
  const commits = journals.map((): number[] => []);
  try {
    for (let i = -20; i < ROUNDS; i += 1) {
      // Each size goes first in turn: the commit after another's flush may find the disk still busy.
      for (let turn = 0; turn < open.length; turn += 1) {
        const k = (i + 20 + turn) % open.length;
        const input = sale(i);
        const started = performance.now();
        open[k]!.append(input);
        if (i >= 0) commits[k]!.push(performance.now() - started);
      }
    }
    await Promise.all(open.map((j) => j.integrity));
  } finally {
    for (const journal of open) journal.close();
  }
  return commits;
}

/** Offline pays at every size, taking turns sale by sale for the same reason as the commits. */
async function offlinePaysTakingTurns(journals: readonly Filled[]): Promise<number[][]> {
  const tills: Lane[] = [];
  const pays = journals.map((): number[] => []);
  try {
    for (const j of journals) tills.push(await lane(j.dataDir));
    for (const till of tills) await till.goOffline();
    for (let i = -20; i < ROUNDS; i += 1) {
      for (const [k, till] of tills.entries()) {
        const elapsed = await till.pay(i);
        if (i >= 0) pays[k]!.push(elapsed);
      }
    }
  } finally {
    for (const till of tills) await till.close();
  }
  return pays;
}

async function atSizes(sizes: readonly number[]): Promise<AtSize[]> {
  const journals: Filled[] = [];
  try {
    for (const size of sizes) journals.push(await filled(size));
    const commits = await commitsTakingTurns(journals);
    const pays = await offlinePaysTakingTurns(journals);
    return journals.map((j, k) => ({
      entries: j.entries,
      startupMs: j.startupMs,
      commitP99: percentile(commits[k]!, 99),
      payP99: percentile(pays[k]!, 99),
    }));
  } finally {
    for (const j of journals) rmSync(j.dataDir, { recursive: true, force: true });
  }
}

/** The live heap: collected, then again once finalizers (fetch's, for one) have run. */
function collector(): () => Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return async () => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    gc();
    return process.memoryUsage().heapUsed;
  };
}

/** Heap after the first 1,000 offline sales, then after all of them and their replay. */
async function memoryOverSales(): Promise<{ first: number; after: number }> {
  const heap = collector();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-memory-'));
  const till = await lane(dataDir);
  try {
    await till.goOffline();
    let first = 0;
    for (let i = 0; i < MEMORY_SALES; i += 1) {
      await till.pay(i);
      if (i === 999) {
        first = await heap();
        if (process.env.CCPOS_BENCH_HEAP_SNAPSHOTS)
          writeHeapSnapshot(join(process.env.CCPOS_BENCH_HEAP_SNAPSHOTS, 'after-1000.heapsnapshot'));
      }
    }
    await till.goOnline();
    const journal = Journal.open(journalFile(dataDir));
    try {
      for (let rounds = 0; journal.stats().queued > 0 && rounds < 2_000; rounds += 1) {
        await till.terminal.sync.drain();
        if (journal.stats().queued > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const left = journal.stats().queued;
      if (left > 0) throw new Error(`${left} sales were still queued after the replay`);
    } finally {
      journal.close();
    }
    const after = await heap();
    if (process.env.CCPOS_BENCH_HEAP_SNAPSHOTS)
      writeHeapSnapshot(join(process.env.CCPOS_BENCH_HEAP_SNAPSHOTS, 'after-all.heapsnapshot'));
    return { first, after };
  } finally {
    await till.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const journalScaleSuite: BenchSuite = {
  name: 'journal-scale',
  async run(): Promise<Figure[]> {
    const results = await atSizes(SIZES);
    const small = results[0]!;
    const figures: Figure[] = [];
    for (const r of results.slice(1)) {
      figures.push(
        figure(
          `sale's journal commit p99 at ${r.entries.toLocaleString('en')} ` +
            `sales (vs ${small.entries.toLocaleString('en')})`,
          r.commitP99,
          'ms',
          small.commitP99,
          'ratio <= 1.2',
        ),
      );
      figures.push(
        figure(
          `offline pay p99 at ${r.entries.toLocaleString('en')} sales (vs ${small.entries.toLocaleString('en')})`,
          r.payP99,
          'ms',
          small.payP99,
          'ratio <= 1.2',
        ),
      );
    }
    const largest = results.at(-1)!;
    figures.push(
      figure(
        `start-up with ${largest.entries.toLocaleString('en')} sales (open, migrations check, queue status)`,
        largest.startupMs,
        'ms',
        null,
        'value <= 1000',
      ),
    );
    const memory = await memoryOverSales();
    figures.push(
      figure(
        `main heap after ${MEMORY_SALES.toLocaleString('en')} ` +
          `offline sales and their replay (vs after the first 1,000)`,
        memory.after / 1e6,
        'MB',
        memory.first / 1e6,
        'ratio <= 1.1',
      ),
    );
    return figures;
  },
};
