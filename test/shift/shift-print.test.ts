// The shift's X and Z reports printed on the receipt printer through the app's own wiring:
// the paper says what the screen says (same lines), in the screen's language and the
// printer's Czech code page; a printer that is off is reported and changes nothing.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  barcodes,
  cartOf,
  cashierPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from '../checkout/fixture.ts';
import { formatMoney } from '../../shared/i18n/index.ts';
import {
  CUT,
  decodeJob,
  DRAWER_KICK,
  includesBytes,
  startFakePrinter,
  type FakePrinter,
} from '../support/fake-printer.ts';

const ask = { customer: null, voucherCodes: [] as string[], points: 0, credit: 0 };

describe('shift reports on the receipt printer', () => {
  let f: CheckoutFixture;
  let printer: FakePrinter;
  beforeAll(async () => {
    printer = await startFakePrinter();
    f = await openCheckout({
      settings: {
        language: 'cs',
        shift: { cashNeedsOpenShift: true },
        printer: { connection: 'network', host: '127.0.0.1', port: printer.port, timeoutMs: 2_000 },
      },
    });
    await f.signIn(cashierPin);
  });
  afterAll(async () => {
    await f?.close();
    await printer?.close();
  });

  it('prints the X report in Czech with the expected cash, cut and no drawer kick, and audits it', async () => {
    await f.ok('shift.open', { openingFloatMinor: 200_000 });
    const cart = await cartOf(f, [barcodes.coffee]);
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('preview not current');
    await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: { cardMinor: 0, cashTenderedMinor: shown.preview.toPayMinor },
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    const x = await f.ok('shift.xReport', undefined);
    // The sale's receipt prints too; wait for it so only the report is counted below.
    await waitFor(() => printer.jobs.length >= 1);
    const before = printer.jobs.length;

    expect(await f.ok('shift.print', { id: x.id })).toEqual({ outcome: 'printed', paperLow: false });
    expect(printer.jobs.length).toBe(before + 1);
    const job = printer.jobs.at(-1)!;
    const text = decodeJob(job).replace(/\s+/g, ' ');
    expect(text).toContain(`X výkaz ${x.id}`);
    expect(text).toContain('Očekávaná hotovost');
    expect(text).toContain(formatMoney('cs', x.cash.expectedMinor, 'CZK').replace(/\s+/g, ' '));
    expect(includesBytes(job, CUT)).toBe(true);
    expect(includesBytes(job, DRAWER_KICK)).toBe(false);
    const db = new Database(join(f.dataDir, 'journal.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT actor FROM audit WHERE action = 'shift-report-print'").all()).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('reports a printer that is off, and the report stays as it was', async () => {
    const x = await f.ok('shift.xReport', undefined);
    await printer.close();
    const outcome = await f.ok('shift.print', { id: x.id });
    expect(outcome.outcome).toBe('failed');
    expect(await f.ok('shift.report', { id: x.id })).toMatchObject({ id: x.id, kind: 'X' });
  });

  it('refuses a report that does not exist', async () => {
    expect(await f.call('shift.print', { id: 999_999 })).toMatchObject({ ok: false });
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the printer received nothing');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
