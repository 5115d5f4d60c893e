// The one reader of a journaled send-purchase body: a body that is not one, whatever it holds,
// reads as null, and every place that shows or sends a journaled sale reads through it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableRequest } from '../../electron/checkout/readable-request.ts';
import { InvalidState } from '../../electron/domain/errors.ts';
import { Journal } from '../../electron/journal/journal.ts';
import type { JournalEntry } from '../../electron/journal/types.ts';
import { cancellationEntry, purchaseEntry, resendWithoutBenefits } from '../../electron/sync/closure.ts';
import { exportRow } from '../../electron/sync/export.ts';
import { applyOfflinePolicy } from '../../electron/sync/offline-benefits.ts';
import { readSendPurchase, type SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { tempDir } from '../journal/helpers.ts';

const terminal = { timeZone: 'Europe/Prague', now: () => Date.UTC(2026, 11, 2, 9, 0, 0) };

const sale = purchaseEntry(
  {
    storeId: 'store1',
    cashdesk: 2,
    operator: 'cashier-7',
    customerId: 'cust-1',
    cardNumber: '2000000000015',
    bill: {
      currency_id: 'czk',
      total_price: 300,
      purchase_type_id: 'pt',
      payment_type: 'A',
      bill_items: [
        {
          plu_ids: [{ list_code: 'GLOBAL', code: 'p1' }],
          plu_name: 'Chléb',
          vat_rate: 12,
          quantity: 1,
          price: 300,
          paid_amount: 300,
          bill_item_id: '1',
          loyalty_off: false,
          purchase_item_type_id: 'store',
        },
      ],
      payment_recap: { vouchers: [{ code: 'DEMO50', discount_value: 50 }] },
      property_records: [{ property_id: 'lane', property_value: 'A' }],
    },
  },
  terminal,
);
const good = sale.request.body as SendPurchaseBody;
const policy = { vouchers: 'refuse', points: 'refuse' } as const;

/** The good body with one field replaced (by path), as a file changed behind the terminal's back would hold it. */
function spoiled(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(good) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const hostile: [string, unknown][] = [
  ['null', null],
  ['nothing', undefined],
  ['a string', JSON.stringify(good)],
  ['a number', 42],
  ['an array', [good]],
  ['an empty object', {}],
  ['a sign-up', { first_name: 'Jana', email: 'jana@example.com' }],
  ['a card assignment', { card_number: '2000000000015', customer_id: 'cust-1', card_type_id: 't' }],
  ['a bill that is null', spoiled(['bill'], null)],
  ['a bill that is an array', spoiled(['bill'], [good.bill])],
  ['items that are an object', spoiled(['bill', 'bill_items'], { 0: good.bill.bill_items[0] })],
  ['an item that is null', spoiled(['bill', 'bill_items', 0], null)],
  ['a price as text', spoiled(['bill', 'bill_items', 0, 'price'], '300')],
  ['a quantity that is not a number', spoiled(['bill', 'bill_items', 0, 'quantity'], Number.NaN)],
  ['an infinite total', spoiled(['bill', 'total_price'], Number.POSITIVE_INFINITY)],
  ['plu ids that are text', spoiled(['bill', 'bill_items', 0, 'plu_ids'], 'p1')],
  ['a plu id without its code', spoiled(['bill', 'bill_items', 0, 'plu_ids'], [{ list_code: 'GLOBAL' }])],
  ['a recap that is text', spoiled(['bill', 'payment_recap'], 'all of it')],
  ['a voucher that is a number', spoiled(['bill', 'payment_recap', 'vouchers'], [7])],
  ['points as text', spoiled(['bill', 'payment_recap', 'credit_points'], '1e9')],
  ['a payment type CareCloud has not', spoiled(['bill', 'payment_type'], 'X')],
  ['a cashdesk as text', spoiled(['cashdesk_number'], '2')],
  ['a customer id that is an object', spoiled(['customer_id'], { toString: 'cust-1' })],
  ['canceled as text', spoiled(['bill', 'canceled'], 'false')],
  ['a bill only in its prototype', JSON.parse(`{"__proto__": ${JSON.stringify(good)}}`)],
];

let journal: Journal;
let temp: ReturnType<typeof tempDir>;
let kept: JournalEntry;
beforeAll(() => {
  temp = tempDir();
  journal = Journal.open(join(temp.dir, 'journal.db'));
  kept = journal.append(sale);
});
afterAll(() => {
  journal.close();
  temp.cleanup();
});

/** The kept sale, as CareCloud took it, holding `body` instead of what was written. */
const entryWith = (body: unknown): JournalEntry => ({
  ...kept,
  state: 'synced',
  request: { ...kept.request, body },
});

describe('a journaled send-purchase body, read back', () => {
  it('is the body the journal holds, fields it does not check included', () => {
    const stored = JSON.parse(JSON.stringify(good)) as unknown;
    expect(readSendPurchase(stored)).toBe(stored);
    expect(readSendPurchase(stored)?.bill.property_records).toEqual([
      { property_id: 'lane', property_value: 'A' },
    ]);
  });

  it.each(hostile)('is null for %s', (_, body) => {
    expect(readSendPurchase(body)).toBeNull();
  });

  it.each(hostile)(
    '%s shows as an empty request, exports without a total and passes the offline policy',
    (_, body) => {
      expect(readableRequest(entryWith(body), 'CZK')).toMatchObject({
        storeId: null,
        billId: null,
        totalMinor: null,
        items: [],
        vouchers: [],
        pointsUsed: 0,
      });
      expect(exportRow(entryWith(body)).total_price).toBeNull();
      const input = { ...sale, request: { ...sale.request, body } };
      expect(applyOfflinePolicy(input, policy)).toBe(input);
    },
  );

  it.each(hostile)('%s is not cancelled or resent, and says why', (_, body) => {
    expect(() => cancellationEntry(entryWith(body), 'manager')).toThrow(InvalidState);
    expect(() => resendWithoutBenefits(entryWith(body), 'manager', terminal)).toThrow(InvalidState);
  });

  it('reads a good body in every place alike', () => {
    const entry = entryWith(JSON.parse(JSON.stringify(good)));
    expect(readableRequest(entry, 'CZK')).toMatchObject({
      storeId: 'store1',
      cashdesk: 2,
      customerId: 'cust-1',
      totalMinor: 30_000,
      items: [{ lineId: '1', plu: 'p1', name: 'Chléb', priceMinor: 30_000, paidMinor: 30_000 }],
      vouchers: [{ code: 'DEMO50', discountMinor: 5_000 }],
    });
    expect(exportRow(entry).total_price).toBe(300);
    expect(() => applyOfflinePolicy(sale, policy)).toThrow(/Vouchers cannot be used/);
    expect(cancellationEntry(entry, 'manager').request.body).toMatchObject({
      bill: {
        canceled: true,
        bill_id: `C${kept.billId}`,
        bill_number: kept.billId,
        property_records: good.bill.property_records,
      },
    });
  });
});
