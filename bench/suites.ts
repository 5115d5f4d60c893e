import type { BenchSuite } from './harness.ts';
import { checkoutSuite } from './checkout.bench.ts';
import { checkoutUiSuite } from './checkout-ui.bench.ts';
import { clientSuite } from './client.bench.ts';
import { journalSuite } from './journal.bench.ts';
import { journalScaleSuite } from './journal-scale.bench.ts';
import { queueScaleSuite } from './queue-scale.bench.ts';
import { inputSuite } from './input.bench.ts';
import { ipcSuite } from './ipc.bench.ts';
import { rendererSuite } from './renderer.bench.ts';
import { dashboardSuite } from './dashboard.bench.ts';
import { sandboxSuite } from './sandbox.bench.ts';
import { receiptSuite } from './receipt.bench.ts';
import { kioskSuite } from './kiosk.bench.ts';

// Every benchmark suite `npm run bench` runs, in order.
export const suites: BenchSuite[] = [
  clientSuite,
  journalSuite,
  journalScaleSuite,
  queueScaleSuite,
  inputSuite,
  rendererSuite,
  dashboardSuite,
  sandboxSuite,
  ipcSuite,
  checkoutSuite,
  checkoutUiSuite,
  receiptSuite,
  kioskSuite,
];
