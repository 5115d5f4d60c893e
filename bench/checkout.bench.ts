// The cashier's three waits, end to end through the dispatcher on a demo terminal with
// the sandbox on loopback: card scan to a complete customer panel, pay to "closed", and
// pay to "saved offline" with the circuit open. The scan stands next to the shortest
// chain CareCloud's answers allow, made raw with plain fetch in the same run: the card,
// then all of its customer's calls side by side (reference lists kept, as the terminal
// keeps them). Pay stands next to the same send-purchase made raw.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLine, cartTotals, type Cart } from '../shared/checkout/cart.ts';
import { finalBill, type BenefitAsk } from '../shared/checkout/bill.ts';
import type { Product } from '../shared/checkout/catalogue.ts';
import { productLine } from '../shared/checkout/catalogue.ts';
import { formatCareCloudDateTime } from '../shared/datetime.ts';
import { startTerminal } from '../electron/app/terminal.ts';
import type { DemoBackend } from '../electron/demo/demo-backend.ts';
import { previewSenderCheck, type SenderContext } from '../electron/ipc/sender.ts';
import { newBillId } from '../electron/journal/bill-id.ts';
import { OperatorDirectory } from '../electron/operators/operators.ts';
import { memoryBackend } from '../electron/settings/backend.ts';
import { keyCipher } from '../electron/settings/cipher.ts';
import { demo, purchaseItemTypeIds, purchaseTypeIds, currencyIds } from '../sandbox/seed.ts';
import { startSandbox } from '../sandbox/server.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const panelRounds = 150;
const payRounds = 150;
const offlineRounds = 300;
const distantRounds = 120;
const cashierPin = '2468';

async function measure(): Promise<Figure[]> {
  const sandbox = await startSandbox({ port: 0, control: true, rateLimit: null });
  const control = sandbox.control!;
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-bench-checkout-'));
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
  const operators = memoryBackend();
  await new OperatorDirectory(operators).add({ name: 'Bench Cashier', role: 'cashier', pin: cashierPin });
  const terminal = await startTerminal({
    dataDir,
    // The bench times pay, not the shift: cash goes without opening one.
    stores: {
      settings: memoryBackend({ shift: { cashNeedsOpenShift: false } }),
      operators,
      customerCache: memoryBackend(),
    },
    cipher: keyCipher(randomBytes(32)),
    startDemo: async () => backend,
    label: 'bench',
  });
  try {
    const sender: SenderContext = { transport: 'preview', connectionId: 0, origin: '' };
    const dispatch = terminal.dispatcher(previewSenderCheck(new Set([0])));
    const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await dispatch(channel, payload, sender);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
      return result.value as T;
    };
    await ok('operator.signIn', { pin: cashierPin });

    const login = await fetch(`${sandbox.baseUrl}/users/actions/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(sandbox.credentials),
    });
    const token = ((await login.json()) as { data: { bearer_token: string } }).data.bearer_token;
    const raw = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${sandbox.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const parsed = (await res.json()) as { data?: unknown };
      if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}`);
      return parsed.data;
    };

    // --- card scan to customer panel ---------------------------------------------------
    const card = demo.cards.regular;
    const panelViaTerminal = async () => {
      const found = await ok<{ customer: { id: string } }>('customers.identifyByCard', { cardNumber: card });
      const customerId = found.customer.id;
      await Promise.all(
        [
          'customers.profile',
          'customers.points',
          'customers.credits',
          'customers.vouchers',
          'customers.rewards',
        ].map((c) => ok(c, { customerId })),
      );
    };
    // The chain: the card first (it names the customer), then everything of that customer at once.
    const chainRaw = async (until?: 'points') => {
      const cards = (await raw('GET', `/cards?card_number=${card}&count=1`)) as {
        cards: { customer_id: string }[];
      };
      const id = cards.cards[0]!.customer_id;
      const points = raw('GET', `/wallet/actions/points-overview?customer_id=${id}`);
      const all = Promise.all([
        raw('GET', `/customers/${id}`),
        raw('GET', `/customers/${id}/cards?count=20`),
        raw('GET', `/customers/${id}/status-records?valid_now=true&count=10`),
        points,
        raw('GET', `/wallet/actions/credits-overview?customer_id=${id}`),
        raw('GET', `/customers/${id}/vouchers?is_valid=true&count=100`),
        raw('GET', `/customers/${id}/rewards?count=100`),
      ]);
      // Wrapped: an async function would wait for a promise it returns.
      if (until === 'points') {
        await points;
        return { rest: all };
      }
      await all;
      return { rest: Promise.resolve() };
    };
    const panelRaw = async () => {
      await chainRaw();
    };
    // Card scan to the points on the sale: the sale attaches the customer and its wallet
    // asks for all five parts, the points among them; timed until the points are there.
    let rest: Promise<unknown> = Promise.resolve();
    const pointsViaTerminal = async () => {
      const found = await ok<{ customer: { id: string } }>('customers.identifyByCard', { cardNumber: card });
      const customerId = found.customer.id;
      const parts = [
        'customers.profile',
        'customers.points',
        'customers.credits',
        'customers.vouchers',
        'customers.rewards',
      ].map((c) => ok(c, { customerId }));
      rest = Promise.all(parts);
      await parts[1];
    };
    const pointsRaw = async () => {
      rest = (await chainRaw('points')).rest;
    };
    const panel = await interleaved(panelRounds, panelViaTerminal, panelRaw);

    // --- pay to "closed" ---------------------------------------------------------------
    let cart: Cart = { currency: 'CZK', lines: [] };
    for (const code of ['8594005650015', '8594012340015', '8594008250120'])
      cart = addLine(cart, productLine((await ok<Product | null>('checkout.product', { code }))!));
    const ask: BenefitAsk = {
      customer: { customerId: demo.customers.regular, cardNumber: card },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    let sale = 0;
    const nextSale = () => `bench-${process.pid}-${(sale += 1)}`;
    const payViaTerminal = async (saleId: string, toPay: number) => {
      const paid = await ok<{ outcome: string }>('checkout.pay', {
        saleId,
        cart,
        ask,
        tender: 'card',
        expectedToPayMinor: toPay,
      });
      if (paid.outcome !== 'closed') throw new Error(`pay ended ${paid.outcome}`);
    };
    const place = {
      storeId: demo.stores.praha,
      cashdesk: 1,
      currencyId: currencyIds.czk,
      purchaseTypeId: purchaseTypeIds.store,
      itemTypeIds: {
        store_purchase: purchaseItemTypeIds.store,
        otc_without_loyalty: purchaseItemTypeIds.otcWithoutLoyalty,
      },
      createdBy: 'bench',
    };
    const payRaw = async () => {
      // The same request the terminal sends, built and sent without journal or engine.
      const now = Date.now();
      const bill = {
        ...finalBill(cart, ask, lastPreview!, place),
        bill_id: newBillId(place.storeId, 1, now),
        payment_time: formatCareCloudDateTime(new Date(now), 'Europe/Prague'),
        canceled: false,
      };
      await raw('POST', '/purchases/actions/send-purchase', {
        store_id: place.storeId,
        cashdesk_number: 1,
        customer_id: demo.customers.regular,
        card_number: card,
        bill,
      });
    };
    type Preview = Parameters<typeof finalBill>[2];
    let lastPreview: Preview | null = null;
    const payRounds_ = async (rounds: number) => {
      const closed: number[] = [];
      const closedRaw: number[] = [];
      for (let round = -10; round < rounds; round += 1) {
        const saleId = nextSale();
        // The screen previews before pay; only pay is timed.
        const shown = await ok<{ current: boolean; preview: Preview }>('checkout.preview', {
          saleId,
          cart,
          ask,
        });
        lastPreview = shown.preview;
        let started = performance.now();
        await payViaTerminal(saleId, shown.preview.toPayMinor);
        const product = performance.now() - started;
        started = performance.now();
        await payRaw();
        const baseline = performance.now() - started;
        if (round >= 0) {
          closed.push(product);
          closedRaw.push(baseline);
        }
      }
      return { closed, closedRaw };
    };
    const { closed, closedRaw } = await payRounds_(payRounds);

    // The same two waits with each CareCloud answer 20 ms away, as over a real network:
    // the terminal's own cost is fixed, so its share shrinks.
    control.setLatency(20);
    const distantPanel = await interleaved(distantRounds, panelViaTerminal, panelRaw);
    // The voucher check of a gift card: the voucher, then its balance.
    const giftCard = demo.vouchers.giftPartly;
    const voucherViaTerminal = async () => {
      const check = await ok<{ found: boolean; giftCard: unknown }>('vouchers.check', {
        code: giftCard,
        customerId: null,
      });
      if (!check.found || check.giftCard === null) throw new Error('the gift card was not checked');
    };
    const voucherRaw = async () => {
      await raw('GET', `/vouchers?code=${giftCard}&count=1`);
      await raw('POST', '/vouchers/actions/gift-card-balance', { code: giftCard });
    };
    const distantVoucher = await interleaved(distantRounds, voucherViaTerminal, voucherRaw);
    // What is left of a round after the points arrived is not timed, but done before the next.
    const distantPoints = await interleaved(distantRounds, pointsViaTerminal, pointsRaw, () => rest);
    const distantPay = await payRounds_(30);
    control.setLatency(0);

    // --- pay to "saved offline" with the circuit open ----------------------------------
    await control.cutNetwork('refuse');
    for (let i = 0; i < terminal.sync.policy.breakerThreshold && terminal.sync.online; i += 1)
      await terminal.sync.probe();
    if (terminal.sync.online) throw new Error('the circuit did not open');
    const anonymous: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const total = cartTotals(cart).totalMinor;
    const offline: number[] = [];
    for (let round = -10; round < offlineRounds; round += 1) {
      const saleId = nextSale();
      const started = performance.now();
      const paid = await ok<{ outcome: string }>('checkout.pay', {
        saleId,
        cart,
        ask: anonymous,
        tender: 'cash',
        expectedToPayMinor: total,
      });
      const elapsed = performance.now() - started;
      if (paid.outcome !== 'saved_offline') throw new Error(`offline pay ended ${paid.outcome}`);
      if (round >= 0) offline.push(elapsed);
    }
    await control.restoreNetwork();

    return [
      figure(
        'card scan to customer panel p50, loopback (vs the two-round-trip chain raw)',
        percentile(panel.product, 50),
        'ms',
        percentile(panel.raw, 50),
        'reference',
      ),
      figure(
        'pay to closed online p50 (vs raw send-purchase)',
        percentile(closed, 50),
        'ms',
        percentile(closedRaw, 50),
        'ratio <= 1.25',
      ),
      figure(
        'pay to closed online p99 (vs raw p99)',
        percentile(closed, 99),
        'ms',
        percentile(closedRaw, 99),
        'ratio <= 1.25',
      ),
      figure(
        'card scan to customer panel p50, CareCloud 20 ms away (vs the two-round-trip chain raw)',
        percentile(distantPanel.product, 50),
        'ms',
        percentile(distantPanel.raw, 50),
        'ratio <= 1.15',
      ),
      figure(
        'card scan to customer panel p99, CareCloud 20 ms away (vs the chain raw p99)',
        percentile(distantPanel.product, 99),
        'ms',
        percentile(distantPanel.raw, 99),
        'ratio <= 1.15',
      ),
      figure(
        'card scan to points on the sale p50, CareCloud 20 ms away (vs the two-round-trip chain raw)',
        percentile(distantPoints.product, 50),
        'ms',
        percentile(distantPoints.raw, 50),
        'ratio <= 1.15',
      ),
      figure(
        'card scan to points on the sale p99, CareCloud 20 ms away (vs the chain raw p99)',
        percentile(distantPoints.product, 99),
        'ms',
        percentile(distantPoints.raw, 99),
        'ratio <= 1.15',
      ),
      figure(
        'voucher check (gift card) p50, CareCloud 20 ms away (vs the voucher then its balance raw)',
        percentile(distantVoucher.product, 50),
        'ms',
        percentile(distantVoucher.raw, 50),
        'ratio <= 1.15',
      ),
      figure(
        'voucher check (gift card) p99, CareCloud 20 ms away (vs the chain raw p99)',
        percentile(distantVoucher.product, 99),
        'ms',
        percentile(distantVoucher.raw, 99),
        'ratio <= 1.15',
      ),
      figure(
        'pay to closed p50, CareCloud 20 ms away (vs raw send-purchase)',
        percentile(distantPay.closed, 50),
        'ms',
        percentile(distantPay.closedRaw, 50),
        'ratio <= 1.25',
      ),
      figure('pay to saved offline, circuit open, p50', percentile(offline, 50), 'ms', null, 'value < 50'),
      figure('pay to saved offline, circuit open, p99', percentile(offline, 99), 'ms', null, 'value < 50'),
    ];
  } finally {
    await terminal.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs both ways alternately, the first of the pair swapped every round (warm-up rounds
 * discarded), so drift in load falls on both alike. `untimed` finishes what a way left
 * running before the next way starts.
 */
async function interleaved(
  rounds: number,
  product: () => Promise<void>,
  raw: () => Promise<void>,
  untimed: () => Promise<unknown> = async () => {},
): Promise<{ product: number[]; raw: number[] }> {
  const samples = { product: [] as number[], raw: [] as number[] };
  for (let round = -10; round < rounds; round += 1) {
    const ways = [
      ['product', product],
      ['raw', raw],
    ] as const;
    for (const [name, run] of round % 2 === 0 ? ways : [...ways].reverse()) {
      const started = performance.now();
      await run();
      if (round >= 0) samples[name].push(performance.now() - started);
      await untimed();
    }
  }
  return samples;
}

export const checkoutSuite: BenchSuite = { name: 'checkout', run: measure };
