// The shift through the app's own wiring (startTerminal, the dispatcher, the journal, the
// sandbox): a cash sale refused until the shift opens, a card sale that is not, cash in and
// out, an X report, a restart, a close past the limit that waits for a manager's PIN, and the
// Z report exported as CSV and PDF whose text holds the totals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from '../checkout/fixture.ts';
import type { ShiftReport } from '../../shared/shift.ts';
import { formatMoney } from '../../shared/i18n/index.ts';

const ask = { customer: null, voucherCodes: [] as string[], points: 0, credit: 0 };

describe('the shift at the lane', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout({
      settings: { language: 'en', shift: { cashNeedsOpenShift: true, countDifferenceLimitMinor: 1_000 } },
    });
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  async function sell(tender: 'cash' | 'card' | { cardMinor: number; cashTenderedMinor: number | null }) {
    const cart = await cartOf(f, [barcodes.coffee]);
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('preview not current');
    return {
      result: await f.call('checkout.pay', {
        saleId,
        cart,
        ask,
        tender,
        expectedToPayMinor: shown.preview.toPayMinor,
      }),
      due: shown.preview.toPayMinor,
    };
  }

  let z: ShiftReport;

  it('refuses cash before the shift opens, takes a card, then cash once it is open', async () => {
    expect(await f.ok('shift.current', undefined)).toBeNull();
    const refused = await sell('cash');
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'no_open_shift' } });
    const card = await sell('card');
    expect(card.result).toMatchObject({ ok: true, value: { outcome: 'closed' } });

    const opened = await f.ok('shift.open', { openingFloatMinor: 200_000 });
    expect(opened).toMatchObject({ openingFloatMinor: 200_000, expectedCashMinor: 200_000, movements: [] });
    expect(await f.call('shift.open', { openingFloatMinor: 0 })).toMatchObject({
      ok: false,
      error: { code: 'shift_open' },
    });
    const cash = await sell({ cardMinor: 0, cashTenderedMinor: 100_000 });
    expect(cash.result).toMatchObject({ ok: true, value: { outcome: 'closed' } });
    await f.ok('shift.cash', { direction: 'in', amountMinor: 10_000, reason: 'Coins from the safe' });
    const after = await f.ok('shift.cash', { direction: 'out', amountMinor: 50_000, reason: 'Banked' });
    // The card sale before the open belongs to no shift; the cash one does, less its change.
    expect(after.expectedCashMinor).toBe(200_000 + cash.due + 10_000 - 50_000);

    const x = await f.ok('shift.xReport', undefined);
    expect(x).toMatchObject({
      kind: 'X',
      sales: { count: 1, paidMinor: cash.due },
      tenders: {
        cashMinor: cash.due,
        cashTenderedMinor: 100_000,
        changeMinor: 100_000 - cash.due,
        cardMinor: 0,
      },
    });
    expect(x.cashiers).toEqual([expect.objectContaining({ sales: 1, cashMinor: cash.due })]);

    // A restart in the middle of the shift keeps it open with everything in it.
    await f.restart();
    await f.signIn(cashierPin);
    expect(await f.ok('shift.current', undefined)).toMatchObject({
      id: opened.id,
      expectedCashMinor: after.expectedCashMinor,
    });

    const expected = after.expectedCashMinor;
    const short = await f.ok('shift.close', { count: { by: 'total', totalMinor: expected - 2_000 } });
    expect(short).toEqual({
      outcome: 'needs_manager',
      expectedMinor: expected,
      countedMinor: expected - 2_000,
      differenceMinor: -2_000,
      limitMinor: 1_000,
    });
    expect(
      await f.call('shift.close', { count: { by: 'total', totalMinor: expected - 2_000 }, pin: cashierPin }),
    ).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    const closed = await f.ok('shift.close', {
      count: { by: 'total', totalMinor: expected - 2_000 },
      pin: managerPin,
    });
    if (closed.outcome !== 'closed') throw new Error('not closed');
    z = closed.report;
    expect(z).toMatchObject({
      kind: 'Z',
      close: { differenceMinor: -2_000, approvedBy: expect.any(String) },
      cash: { expectedMinor: expected },
    });
    expect(await f.ok('shift.current', undefined)).toBeNull();
    expect(
      await f.call('shift.cash', { direction: 'in', amountMinor: 100, reason: 'too late' }),
    ).toMatchObject({ ok: false, error: { code: 'no_open_shift' } });
    expect((await sell('cash')).result).toMatchObject({ ok: false, error: { code: 'no_open_shift' } });
    expect(await f.ok('shift.closed', { limit: 5 })).toEqual([z]);
  });

  it('exports the Z report as CSV with the queue export quoting', async () => {
    const done = await f.ok('shift.export', { id: z.id, format: 'csv' });
    expect(done).toMatchObject({ format: 'csv', delivered: 'folder', content: null });
    const text = readFileSync(join(f.dataDir, 'exports', done.file), 'utf8');
    const rows = text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,item,value,currency');
    expect(rows).toContain(`"Drawer","Expected cash","${(z.cash.expectedMinor / 100).toFixed(2)}","CZK"`);
    expect(rows).toContain(`"Drawer","Difference","'-20.00","CZK"`);
    expect(rows).toContain(`"Sales","Sales",1,`);
    expect(rows).toContain(`"Payments","Cash kept","${(z.tenders.cashMinor / 100).toFixed(2)}","CZK"`);
  });

  it('exports the Z report as a PDF whose text holds the totals, downloaded in the preview', async () => {
    const done = await f.ok('shift.export', { id: z.id, format: 'pdf', to: 'screen' });
    expect(done).toMatchObject({ format: 'pdf', delivered: 'download', encoding: 'base64' });
    const bytes = Buffer.from(done.content!, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text: raw } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
      mergePages: true,
    });
    const text = raw.replace(/\s/gu, ' ');
    expect(text).toContain(`Z report ${z.id}`);
    expect(text).toContain('Expected cash');
    // Intl writes a no-break space after the currency; the PDF's text layer reads as a plain one.
    const money = (minor: number) => formatMoney('en', minor, 'CZK').replace(/\s/gu, ' ');
    expect(text).toContain(money(z.cash.expectedMinor));
    expect(text).toContain(money(z.sales.paidMinor));
    const audit = (
      await (async () => {
        await f.signIn(managerPin);
        return f.ok('audit.list', { page: { limit: 50, offset: 0 } });
      })()
    ).records.map((r) => r.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'shift-open',
        'cash-in',
        'cash-out',
        'shift-x-report',
        'shift-close',
        'shift-report-export',
      ]),
    );
  });
});
