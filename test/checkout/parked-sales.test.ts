// Parked sales in main: per operator, kept in the data directory across a restart, and a
// file that does not validate is set aside rather than trusted.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParkedSales } from '../../electron/checkout/parked-sales.ts';
import type { Operator } from '../../shared/ipc/contract.ts';

const jana: Operator = { id: 'op-jana', name: 'Jana', role: 'cashier' };
const eva: Operator = { id: 'op-eva', name: 'Eva', role: 'manager' };
const line = {
  lineId: '1',
  plu: '8594005650015',
  pluList: 'EAN',
  name: 'Káva',
  vatRate: 12,
  quantity: 1,
  unitPriceMinor: 42_900,
  lineDiscountMinor: 0,
  purchaseItemTypeId: 'store_purchase',
  loyaltyOff: false,
};
const sale = (saleId: string) => ({
  saleId,
  cart: { currency: 'CZK', lines: [line] },
  ask: { customer: null, voucherCodes: [], points: 0 as const, credit: 0 as const },
  reason: 'parked' as const,
  customerName: null,
});

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parked sales', () => {
  it('keeps each operator’s sales apart and across a restart; a recall takes the sale out', () => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-parked-'));
    const first = new ParkedSales(dir);
    expect(first.park(sale('sale-aaaaaaaa'), jana)).toMatchObject({
      outcome: 'parked',
      sale: { itemCount: 1, totalMinor: 42_900, currency: 'CZK' },
    });
    expect(first.list(eva)).toEqual([]);
    const again = new ParkedSales(dir);
    const [listed] = again.list(jana);
    expect(listed).toBeDefined();
    expect(again.recall(listed!.id, eva)).toBeNull();
    expect(again.recall(listed!.id, jana)).toMatchObject({
      saleId: 'sale-aaaaaaaa',
      cart: { lines: [line] },
    });
    expect(new ParkedSales(dir).list(jana)).toEqual([]);
  });

  it('sets aside a file that does not validate and starts empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-parked-'));
    writeFileSync(join(dir, 'parked-sales.json'), JSON.stringify([{ saleId: 'x', cart: 'nonsense' }]));
    expect(new ParkedSales(dir).list(jana)).toEqual([]);
    expect(readdirSync(dir).some((name) => name.startsWith('parked-sales.json.unreadable-'))).toBe(true);
  });
});
