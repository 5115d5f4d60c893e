// A demo terminal on a test sandbox whose control the test keeps: sales go through the
// real dispatcher, the real journal and real sockets.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Cart } from '../../shared/checkout/cart.ts';
import { addLine } from '../../shared/checkout/cart.ts';
import { productLine, type Product } from '../../shared/checkout/catalogue.ts';
import type { RequestChannel } from '../../shared/ipc/channels.ts';
import type { PayloadOf, ResponseOf } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/ipc/result.ts';
import { startTerminal } from '../../electron/app/terminal.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from '../ipc/terminal-fixture.ts';

export { cashierPin, managerPin };
export const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

export interface CheckoutFixture {
  sandbox: TestSandbox;
  terminal: Fixture['terminal'];
  dataDir: string;
  dispatch: Dispatch;
  call<C extends RequestChannel>(channel: C, payload: PayloadOf<C>): Promise<Result<ResponseOf<C>>>;
  /** The answer's value, or the test fails with the error. */
  ok<C extends RequestChannel>(channel: C, payload: PayloadOf<C>): Promise<ResponseOf<C>>;
  signIn(pin: string): Promise<void>;
  setOutage(on: boolean): Promise<void>;
  /** Stops the terminal and starts a new one on the same data directory, as after a crash. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function openCheckout(
  options: {
    settings?: Record<string, unknown>;
    saveDialog?: (suggestedName: string, webContentsId: number) => Promise<string | null>;
  } = {},
): Promise<CheckoutFixture> {
  const sandbox = await startTestSandbox();
  let outage = false;
  const backend: DemoBackend = {
    projectUrl: sandbox.projectUrl,
    credentials: {
      externalApplicationId: sandbox.credentials.user_external_application_id,
      login: sandbox.credentials.login,
      password: sandbox.credentials.password,
    },
    defaultStoreId: demo.stores.praha,
    get outage() {
      return outage;
    },
    async setOutage(on) {
      if (on) await sandbox.control.cutNetwork('refuse');
      else await sandbox.control.restoreNetwork();
      outage = on;
    },
    close: async () => {},
  };
  let fixture: Fixture;
  try {
    fixture = await openTerminal({
      startDemo: async () => backend,
      operators: true,
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  let terminal = fixture.terminal;
  let dispatch = terminal.dispatcher(previewSenderCheck(new Set([1])));
  const call = <C extends RequestChannel>(channel: C, payload: PayloadOf<C>) =>
    dispatch(channel, payload, sender) as Promise<Result<ResponseOf<C>>>;
  return {
    sandbox,
    get terminal() {
      return terminal;
    },
    dataDir: fixture.dataDir,
    get dispatch() {
      return dispatch;
    },
    call,
    async ok(channel, payload) {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    async signIn(pin) {
      await call('operator.signOut', undefined);
      const result = await call('operator.signIn', { pin });
      if (!result.ok) throw new Error(`sign-in failed: ${result.error.code}`);
    },
    async setOutage(on) {
      const result = await call('demo.setOutage', { on });
      if (!result.ok) throw new Error(`outage switch failed: ${result.error.code}`);
    },
    async restart() {
      await terminal.close();
      terminal = await startTerminal({
        dataDir: fixture.dataDir,
        stores: fixture.stores,
        cipher: keyCipher(randomBytes(32)),
        startDemo: async () => backend,
        syncPolicy: { probeTimeoutMs: 2_000, sendTimeoutMs: 2_000 },
        label: 'test',
      });
      dispatch = terminal.dispatcher(previewSenderCheck(new Set([1])));
    },
    async close() {
      await terminal.close();
      rmSync(fixture.dataDir, { recursive: true, force: true });
      await sandbox.close();
    },
  };
}

let saleCounter = 0;
export function newSaleId(): string {
  saleCounter += 1;
  return `test-sale-${process.pid}-${saleCounter}-${Date.now()}`;
}

/** A cart of products found by their barcodes through the terminal, as a scan would. */
export async function cartOf(f: CheckoutFixture, codes: string[]): Promise<Cart> {
  let cart: Cart = { currency: 'CZK', lines: [] };
  for (const code of codes) {
    const product = (await f.ok('checkout.product', { code })) as Product | null;
    if (!product) throw new Error(`no product ${code}`);
    cart = addLine(cart, productLine(product));
  }
  return cart;
}

export async function pointsOf(sandbox: TestSandbox, customerId: string): Promise<number> {
  const res = await sandbox.call<{ data: { available_points: number } }>(
    'GET',
    '/wallet/actions/points-overview',
    { query: { customer_id: customerId } },
  );
  return res.body.data.available_points;
}

export const barcodes = {
  coffee: '8594005650015',
  wine: '8594012340015',
  chocolate: '8594008250120',
  bread: '8594001022007',
  roll: '8594001021000',
  cigarettes: '8594019990039',
};
