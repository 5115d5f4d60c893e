import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/checkout/answers.ts';
import { ReceiptFile } from '../../electron/printing/receipt-file.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const receipt: Receipt = {
  saleId: 's1',
  billId: 'PRAHA-1-01JABCDEFGHJKMNPQRSTVWXYZ',
  paymentTime: '2026-12-02 14:00:00',
  currency: 'CZK',
  settlement: {
    dueMinor: 100,
    cardMinor: 100,
    cashDueMinor: 0,
    cashToPayMinor: 0,
    roundingMinor: 0,
    cashTenderedMinor: 0,
    changeMinor: 0,
    paidMinor: 100,
  },
  customerId: 'c1',
  cardNumber: '2000000000015',
  lines: [{ lineId: '1', name: 'Káva', quantity: 1, unitPriceMinor: 100, priceMinor: 100, discountMinor: 0 }],
  totalMinor: 100,
  discountMinor: 0,
  vouchers: [],
  pointsUsed: 0,
  pointsMoneyMinor: 0,
  creditMinor: 0,
  pointsEarned: 1,
  toPayMinor: 100,
  store: { id: 'praha', name: 'Praha' },
  cashdesk: 1,
  cashier: 'Jana',
  vat: [{ ratePercent: 12, baseMinor: 89, vatMinor: 11, grossMinor: 100 }],
  pointsBalance: 10,
};

describe('the kept receipts file', () => {
  it('reads back what it saved, with the card number as the paper shows it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-receipts-'));
    await new ReceiptFile(dir).save([receipt]);
    expect(new ReceiptFile(dir).read()).toEqual([{ ...receipt, cardNumber: '****0015' }]);
  });

  it('reads receipts kept before the cash desk had one spelling (cashDesk), and saves them as cashdesk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-receipts-'));
    const { cashdesk, ...rest } = receipt;
    writeFileSync(join(dir, 'receipts.json'), JSON.stringify([{ ...rest, cashDesk: cashdesk }]));
    const kept = new ReceiptFile(dir).read();
    expect(kept).toEqual([receipt]);
    await new ReceiptFile(dir).save(kept);
    expect(readFileSync(join(dir, 'receipts.json'), 'utf8')).toContain('"cashdesk":1');
    expect(readFileSync(join(dir, 'receipts.json'), 'utf8')).not.toContain('cashDesk');
  });

  it('sets aside a file that is not JSON or not receipts, and starts empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'ccpos-receipts-'));
    for (const content of ['{not json', JSON.stringify([{ ...receipt, extra: '<script>' }])]) {
      writeFileSync(join(dir, 'receipts.json'), content);
      expect(new ReceiptFile(dir).read()).toEqual([]);
      expect(existsSync(join(dir, 'receipts.json'))).toBe(false);
      expect(
        readdirSync(dir).filter((name) => name.startsWith('receipts.json.unreadable-')).length,
      ).toBeGreaterThan(0);
    }
  });
});
