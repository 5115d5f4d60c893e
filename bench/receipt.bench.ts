// Pay with a receipt printer set against pay with none, on two demo terminals sharing one
// sandbox on loopback, sales alternating. The printer is the tests' fake network printer
// (raw TCP, answers status, records the bytes). Printing is off the closing path, so pay's
// answer should not wait for it: pay's median with a printer stays within 1.1 of pay
// alone. Each printed round waits for its receipt on the printer before the next sale, so
// neither side's timing carries the other's background work; that wait is the second
// figure (pay to receipt printed, with CareCloud's points asked first).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLine, type Cart } from '../shared/checkout/cart.ts';
import type { BenefitAsk } from '../shared/checkout/bill.ts';
import { productLine, type Product } from '../shared/checkout/catalogue.ts';
import { startTerminal, type Terminal } from '../electron/app/terminal.ts';
import type { DemoBackend } from '../electron/demo/demo-backend.ts';
import { previewSenderCheck, type SenderContext } from '../electron/ipc/sender.ts';
import { OperatorDirectory } from '../electron/operators/operators.ts';
import { memoryBackend } from '../electron/settings/backend.ts';
import { keyCipher } from '../electron/settings/cipher.ts';
import { demo } from '../sandbox/seed.ts';
import { startSandbox } from '../sandbox/server.ts';
import { startFakePrinter } from '../test/support/fake-printer.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const rounds = 150;
const cashierPin = '2468';

async function measure(): Promise<Figure[]> {
  const sandbox = await startSandbox({ port: 0, control: true, rateLimit: null });
  const printer = await startFakePrinter('ready');
  const dirs: string[] = [];
  const terminals: Terminal[] = [];
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
  const open = async (settings: Record<string, unknown>, cashdesk: number) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-receipt-'));
    dirs.push(dataDir);
    const operators = memoryBackend();
    await new OperatorDirectory(operators).add({ name: 'Bench Cashier', role: 'cashier', pin: cashierPin });
    const terminal = await startTerminal({
      dataDir,
      stores: {
        settings: memoryBackend({
          shift: { cashNeedsOpenShift: false },
          ...settings,
          cashdeskNumber: cashdesk,
        }),
        operators,
        customerCache: memoryBackend(),
      },
      cipher: keyCipher(randomBytes(32)),
      startDemo: async () => backend,
      label: 'bench',
    });
    terminals.push(terminal);
    const sender: SenderContext = { transport: 'preview', connectionId: 0, origin: '' };
    const dispatch = terminal.dispatcher(previewSenderCheck(new Set([0])));
    const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await dispatch(channel, payload, sender);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
      return result.value as T;
    };
    await ok('operator.signIn', { pin: cashierPin });
    return ok;
  };
  try {
    const alone = await open({}, 1);
    const printing = await open(
      { printer: { connection: 'network', host: '127.0.0.1', port: printer.port } },
      2,
    );
    let cart: Cart = { currency: 'CZK', lines: [] };
    for (const code of ['8594005650015', '8594012340015', '8594008250120'])
      cart = addLine(cart, productLine((await alone<Product | null>('checkout.product', { code }))!));
    const ask: BenefitAsk = {
      customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    let sale = 0;
    const pay = async (ok: typeof alone): Promise<number> => {
      const saleId = `bench-receipt-${process.pid}-${(sale += 1)}`;
      // The screen previews before pay; only pay is timed.
      const shown = await ok<{ preview: { toPayMinor: number } }>('checkout.preview', { saleId, cart, ask });
      const started = performance.now();
      const paid = await ok<{ outcome: string }>('checkout.pay', {
        saleId,
        cart,
        ask,
        tender: 'cash',
        expectedToPayMinor: shown.preview.toPayMinor,
      });
      if (paid.outcome !== 'closed') throw new Error(`pay ended ${paid.outcome}`);
      return started;
    };
    const payAlone: number[] = [];
    const payPrinting: number[] = [];
    const payToPrinted: number[] = [];
    const payAloneOnce = async () => {
      const started = await pay(alone);
      return performance.now() - started;
    };
    const payPrintingOnce = async () => {
      const before = printer.jobs.length;
      const started = await pay(printing);
      const printingMs = performance.now() - started;
      await printer.waitForJobs(before + 1);
      return { printingMs, printedMs: performance.now() - started };
    };
    for (let round = -10; round < rounds; round += 1) {
      // Which goes first alternates, so warm caches and drift in load fall on both alike.
      let aloneMs: number;
      let printed: { printingMs: number; printedMs: number };
      if (round % 2 === 0) {
        aloneMs = await payAloneOnce();
        printed = await payPrintingOnce();
      } else {
        printed = await payPrintingOnce();
        aloneMs = await payAloneOnce();
      }
      const { printingMs, printedMs } = printed;
      if (round >= 0) {
        payAlone.push(aloneMs);
        payPrinting.push(printingMs);
        payToPrinted.push(printedMs);
      }
    }
    if (!printer.jobs.every((job) => job.length > 500))
      throw new Error('a receipt reached the printer empty');
    return [
      figure(
        'pay to closed with a network receipt printer p50 (vs pay with no printer)',
        percentile(payPrinting, 50),
        'ms',
        percentile(payAlone, 50),
        'ratio <= 1.1',
      ),
      figure(
        'pay to closed with a network receipt printer p99 (vs no printer p99)',
        percentile(payPrinting, 99),
        'ms',
        percentile(payAlone, 99),
        'ratio <= 1.5',
      ),
      figure(
        'pay to receipt printed on the network printer p50 (vs pay alone)',
        percentile(payToPrinted, 50),
        'ms',
        percentile(payAlone, 50),
        'value < 1000',
      ),
    ];
  } finally {
    for (const terminal of terminals) await terminal.close();
    await printer.close();
    await sandbox.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export const receiptSuite: BenchSuite = { name: 'receipt', run: measure };
