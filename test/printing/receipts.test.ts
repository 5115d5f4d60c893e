// Receipts through the app's own wiring: pay on the demo terminal, the receipt arrives on
// a fake network printer (bytes recorded), completed with CareCloud's points; a printer
// that is off never holds up or undoes a sale, and the receipt can be printed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'receiptline';
import { formatNumber } from '../../shared/i18n/index.ts';
import { demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  pointsOf,
  type CheckoutFixture,
} from '../checkout/fixture.ts';
import {
  codePagesSelected,
  CUT,
  decodeJob,
  DRAWER_KICK,
  includesBytes,
  startFakePrinter,
  type FakePrinter,
} from '../support/fake-printer.ts';

/** The QR code ReceiptLine rasterises for `data` (GS 8 L … GS ( L), as the receipt asks for it. */
function qrRaster(data: string): Buffer {
  const bytes = Buffer.from(
    transform(`{code:${data};option:qrcode,4,m}`, { cpl: 48, encoding: 'cp852', command: 'escpos' }),
    'latin1',
  );
  const start = bytes.indexOf(Buffer.from([0x1d, 0x38, 0x4c]));
  const end = bytes.indexOf(Buffer.from([0x1d, 0x28, 0x4c]), start);
  if (start < 0 || end < 0) throw new Error('no QR raster');
  return bytes.subarray(start, end);
}

describe('receipts printed after pay', () => {
  let f: CheckoutFixture;
  let printer: FakePrinter;
  beforeAll(async () => {
    printer = await startFakePrinter();
    f = await openCheckout({
      settings: {
        printer: { connection: 'network', host: '127.0.0.1', port: printer.port, timeoutMs: 2_000 },
      },
    });
    await f.signIn(cashierPin);
  });
  afterAll(async () => {
    await f?.close();
    await printer?.close();
  });

  it('prints a card sale with points earned and balance, in Czech, bill id as QR, no drawer kick', async () => {
    const identified = await f.ok('customers.identifyByCard', { cardNumber: demo.cards.regular });
    const customerId = identified.customer.id;
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const ask: BenefitAsk = {
      customer: { customerId, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('no current preview');
    const before = printer.jobs.length;
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${paid.outcome}`);

    const kept = await f.ok('printing.receipt', { billId: paid.receipt.billId });
    const receipt = kept?.receipt;
    const balance = await pointsOf(f.sandbox, customerId);
    // The screen's image of the paper is the same document: Czech, with the balance.
    expect(kept?.paper).toMatch(/^<svg/);
    const paperText = (kept?.paper ?? '').replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ');
    expect(paperText).toContain('Rekapitulace DPH');
    expect(paperText).toContain('Káva zrnková 1 kg');
    expect(receipt).toMatchObject({
      billId: paid.receipt.billId,
      pointsEarned: shown.preview.pointsEarned,
      pointsBalance: balance,
      cashdesk: 1,
      store: { id: demo.stores.praha },
    });
    expect(receipt!.vat.map((v) => v.ratePercent)).toEqual([21, 12]);
    expect(receipt!.vat.reduce((sum, v) => sum + v.grossMinor, 0)).toBe(paid.receipt.toPayMinor);

    const job = (await printer.waitForJobs(before + 1))[before]!;
    const text = decodeJob(job);
    expect(text).toContain('Káva zrnková 1 kg');
    expect(text).toContain('Víno bílé 0,75 l');
    expect(text).toContain('Rekapitulace DPH');
    expect(text).toContain(`Věrnostní karta ****${demo.cards.regular.slice(-4)}`);
    expect(text).toContain(`Stav bodů: ${formatNumber('cs', balance).replace(/\s/g, ' ')}`);
    // The bill id is the QR code: the same raster the library draws for that id alone.
    expect(job.includes(qrRaster(paid.receipt.billId))).toBe(true);
    expect(text).toContain(`Prodej ${paid.receipt.billId.slice(-5)}`);
    expect(codePagesSelected(job)).toContain(18);
    expect(includesBytes(job, CUT)).toBe(true);
    expect(includesBytes(job, DRAWER_KICK)).toBe(false);
    expect(await waitForStatus(f, (s) => s.last?.label === paid.receipt.billId)).toMatchObject({
      state: 'idle',
      problem: null,
      last: { kind: 'receipt', outcome: 'printed' },
    });
  });

  it('opens the drawer for cash', async () => {
    const cart = await cartOf(f, [barcodes.bread]);
    const total = cartTotals(cart).totalMinor;
    const before = printer.jobs.length;
    const paid = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      tender: { cardMinor: 0, cashTenderedMinor: 100_000 },
      expectedToPayMinor: total,
    });
    expect(paid.outcome).toBe('closed');
    const job = (await printer.waitForJobs(before + 1))[before]!;
    expect(includesBytes(job, DRAWER_KICK)).toBe(true);
    expect(decodeJob(job)).toContain('Vrátit');
  });

  it('closes the sale with the printer off, reports it, reprints the receipt as a copy once it is back', async () => {
    const port = printer.port;
    await printer.close();
    const cart = await cartOf(f, [barcodes.chocolate]);
    const total = cartTotals(cart).totalMinor;
    const paid = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      tender: 'card',
      expectedToPayMinor: total,
    });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${paid.outcome}`);
    expect(f.sandbox.control.purchases().filter((b) => b.bill_id === paid.receipt.billId)).toHaveLength(1);
    await f.ok('printing.receipt', { billId: paid.receipt.billId });
    const failed = await waitForStatus(f, (s) => s.last?.label === paid.receipt.billId);
    expect(failed).toMatchObject({ state: 'failed', problem: 'refused', last: { outcome: 'failed' } });

    printer = await startFakePrinter('ready', port);
    expect(await f.ok('printing.reprint', { billId: paid.receipt.billId })).toEqual({
      outcome: 'printed',
      paperLow: false,
    });
    const text = decodeJob((await printer.waitForJobs(1))[0]!);
    expect(text).toContain('KOPIE');
    expect(text).toContain('Čokoláda hořká 100 g');
    expect(await f.ok('printing.status', undefined)).toMatchObject({ state: 'idle', problem: null });
    expect(await f.call('printing.reprint', { billId: 'PRAHA-1-NOSUCHSALE' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('says on an offline receipt that the points come later', async () => {
    await f.signIn(managerPin);
    await f.setOutage(true);
    await f.signIn(cashierPin);
    try {
      const cart = await cartOf(f, [barcodes.chocolate]);
      const ask: BenefitAsk = {
        customer: null,
        unidentifiedCard: demo.cards.regular,
        voucherCodes: [],
        points: 0,
        credit: 0,
      };
      const saleId = newSaleId();
      const shown = await f.ok('checkout.preview', { saleId, cart, ask });
      if (!shown.current) throw new Error('no current preview');
      const before = printer.jobs.length;
      const paid = await f.ok('checkout.pay', {
        saleId,
        cart,
        ask,
        tender: 'card',
        expectedToPayMinor: shown.preview.toPayMinor,
      });
      expect(paid.outcome).toBe('saved_offline');
      const text = decodeJob((await printer.waitForJobs(before + 1))[before]!);
      expect(text).toContain('Body za tento nákup budou připsány');
    } finally {
      await f.signIn(managerPin);
      await f.setOutage(false);
      await f.signIn(cashierPin);
    }
  });

  it('keeps printed receipts across a restart for reprints, card numbers only as on paper', async () => {
    const identified = await f.ok('customers.identifyByCard', { cardNumber: demo.cards.regular });
    const cart = await cartOf(f, [barcodes.wine]);
    const ask: BenefitAsk = {
      customer: { customerId: identified.customer.id, cardNumber: demo.cards.regular },
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('no current preview');
    const before = printer.jobs.length;
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'closed') throw new Error(`expected closed, got ${paid.outcome}`);
    await printer.waitForJobs(before + 1);
    const file = join(f.dataDir, 'receipts.json');
    for (
      let i = 0;
      i < 400 && !(existsSync(file) && readFileSync(file, 'utf8').includes(paid.receipt.billId));
      i += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 25));
    const kept = readFileSync(file, 'utf8');
    expect(kept).toContain(paid.receipt.billId);
    expect(kept).not.toContain(demo.cards.regular);

    await f.restart();
    await f.signIn(cashierPin);
    const count = printer.jobs.length;
    expect(await f.ok('printing.reprint', { billId: paid.receipt.billId })).toEqual({
      outcome: 'printed',
      paperLow: false,
    });
    const copy = decodeJob((await printer.waitForJobs(count + 1))[count]!);
    expect(copy).toContain('KOPIE');
    expect(copy).toContain('Víno bílé 0,75 l');
    expect(copy).toContain(`****${demo.cards.regular.slice(-4)}`);
  });

  it('prints the test page a manager asks for, on fields typed before saving, in the screen’s language', async () => {
    await f.signIn(managerPin);
    await f.ok('session.language', { language: 'en' });
    const other = await startFakePrinter();
    try {
      const tested = await f.ok('printing.test', {
        printer: { connection: 'network', host: '127.0.0.1', port: other.port, charsPerLine: 42 },
      });
      expect(tested.result).toEqual({ outcome: 'printed', paperLow: false });
      expect(tested.svg).toMatch(/^<svg[^>]*>/);
      expect(tested.svg).not.toContain('googleapis');
      const text = decodeJob((await other.waitForJobs(1))[0]!);
      expect(text).toContain('Test print');
      expect(text).toContain('ÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ áčďéěíňóřšťúůýž');
      expect(text).toContain('123456789012345678901234567890123456789012');
      expect(await f.call('printing.test', {})).toMatchObject({ ok: true });
    } finally {
      await other.close();
      await f.ok('session.language', { language: 'cs' });
      await f.signIn(cashierPin);
    }
    expect(await f.call('printing.test', {})).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });
});

async function waitForStatus(
  f: CheckoutFixture,
  done: (status: Awaited<ReturnType<typeof statusOf>>) => boolean,
) {
  for (let i = 0; i < 200; i += 1) {
    const status = await statusOf(f);
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the printer status never reported the print');
}

function statusOf(f: CheckoutFixture) {
  return f.ok('printing.status', undefined);
}
