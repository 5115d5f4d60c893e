// The voucher ledger: a code spent in a purchase CareCloud has not confirmed is held
// until that purchase is voided, rejected or cancelled, or confirmed and the list resynced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { purchaseEntry as closedPurchase } from '../../electron/sync/closure.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let clock: number;
let journal: Journal;
const open = () => Journal.open(join(temp.dir, 'journal.db'), { now: () => clock });
const held = (codes: string[], includeSynced = true) =>
  journal.heldVouchers(codes, { includeSynced }).map((h) => h.code);

beforeEach(() => {
  temp = tempDir();
  clock = 1_800_000_000_000;
  journal = open();
});
afterEach(() => {
  journal.close();
  temp.cleanup();
});

function sendOnce(id: number, result: Parameters<Journal['finish']>[2]) {
  const claim = journal.claim(id, 'till', 30_000);
  if (!claim) throw new Error('not claimable');
  return journal.finish(claim, 'till', result);
}

describe('the voucher ledger', () => {
  it('holds the vouchers of a purchase that is waiting, across a reopen, and sums a gift card spent twice', () => {
    journal.append(
      purchaseEntry({
        voucherHolds: [
          { code: 'DEMO100', amountMinor: 10000 },
          { code: 'GIFT1000', amountMinor: 30000 },
        ],
      }),
    );
    journal.append(purchaseEntry({ voucherHolds: [{ code: 'GIFT1000', amountMinor: 25000 }] }));
    journal.close();
    journal = open();
    expect(held(['DEMO100', 'GIFT1000', 'OTHER'])).toEqual(['DEMO100', 'GIFT1000']);
    expect(journal.heldVouchers(['GIFT1000'], { includeSynced: false })[0]).toMatchObject({
      amountMinor: 55000,
    });
    expect(held([])).toEqual([]);
  });

  it('releases a voided purchase and a rejected one', () => {
    const voided = journal.append(purchaseEntry({ voucherHolds: [{ code: 'A', amountMinor: 100 }] }));
    const rejected = journal.append(purchaseEntry({ voucherHolds: [{ code: 'B', amountMinor: 100 }] }));
    expect(held(['A', 'B'])).toEqual(['A', 'B']);
    journal.void(voided.id, 'test sale', 'manager');
    sendOnce(rejected.id, {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_already_used' }],
      httpStatus: 400,
      error: 'refused',
    });
    expect(held(['A', 'B'])).toEqual([]);
  });

  it('releases a cancelled purchase unless the cancellation itself is voided or rejected', () => {
    const purchase = journal.append(purchaseEntry({ voucherHolds: [{ code: 'A', amountMinor: 100 }] }));
    const cancellation = journal.append(purchaseEntry({ kind: 'cancellation', dependsOn: purchase.id }));
    expect(held(['A'])).toEqual([]);
    journal.void(cancellation.id, 'cancelled by mistake', 'manager');
    expect(held(['A'])).toEqual(['A']);
  });

  it('counts a confirmed purchase offline only until the voucher list is synced after it', () => {
    const purchase = journal.append(purchaseEntry({ voucherHolds: [{ code: 'A', amountMinor: 100 }] }));
    clock += 1000;
    sendOnce(purchase.id, { kind: 'synced', remoteId: 'p-1', outcome: 'synced', httpStatus: 200 });
    // Online CareCloud knows it; offline the pre-synced list may still offer it.
    expect(held(['A'], false)).toEqual([]);
    expect(held(['A'], true)).toEqual(['A']);
    expect(journal.releaseConfirmedHolds(clock - 1)).toBe(0);
    expect(held(['A'], true)).toEqual(['A']);
    clock += 1000;
    expect(journal.releaseConfirmedHolds(clock)).toBe(1);
    expect(held(['A'], true)).toEqual([]);
  });

  it('is filled from the bill by the one builder of purchase entries', () => {
    const entry = closedPurchase(
      {
        storeId: 's',
        cashdesk: 1,
        operator: 'o',
        currencyDecimals: 2,
        bill: {
          purchase_type_id: 'pt',
          payment_type: 'S',
          currency_id: 'czk',
          total_price: 189,
          bill_items: [
            {
              plu_ids: [{ list_code: 'GLOBAL', code: 'p1' }],
              plu_name: 'Item',
              vat_rate: 21,
              quantity: 1,
              price: 189,
              paid_amount: 189,
              bill_item_id: '1',
              loyalty_off: false,
              purchase_item_type_id: 'it',
            },
          ],
          payment_recap: { vouchers: [{ code: 'DEMO100', discount_value: 100 }] },
        },
      },
      { timeZone: 'Europe/Prague' },
    );
    expect(entry.voucherHolds).toEqual([{ code: 'DEMO100', amountMinor: 10000 }]);
  });
});
