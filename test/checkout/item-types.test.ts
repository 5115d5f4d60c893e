// Purchase item types: CareCloud's ids from GET /purchase-item-types, resolved from the
// catalogue's text_ids through the reference cache; the sandbox refuses any other id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { REFERENCE_FILE } from '../../electron/carecloud/client.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { Journal } from '../../electron/journal/journal.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { purchaseItemTypeIds } from '../../sandbox/seed.ts';
import type { ErrorBody, OkBody } from '../support/sandbox.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import { bill } from '../sync/sandbox-terminal.ts';
import { cartOf, cashierPin, newSaleId, openCheckout, type CheckoutFixture } from './fixture.ts';

const BAG = '8590000000015';

describe('purchase item types', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('the sandbox lists them and refuses an item whose type id it does not know', async () => {
    const list = await f.sandbox.call<OkBody<'getPurchaseItemTypes'>>('GET', '/purchase-item-types');
    expect(list.body.data.purchase_item_types).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type_id: purchaseItemTypeIds.store, text_id: 'store_purchase' }),
      ]),
    );
    const sale = bill();
    const body = purchaseEntry(
      {
        ...sale,
        bill: {
          ...sale.bill,
          bill_items: sale.bill.bill_items.map((i) => ({ ...i, purchase_item_type_id: 'product' })),
        },
      },
      { timeZone: 'Europe/Prague' },
    ).request.body;
    const refused = await f.sandbox.call<ErrorBody>('POST', '/purchases/actions/send-purchase', { body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.error_data).toMatchObject({
      invalid_params: [
        expect.objectContaining({ name: 'purchase_item_type_id', reason: 'not_found', value: 'product' }),
      ],
    });
  });

  it("a sale's lines carry CareCloud's type ids, resolved from catalogue text_ids, kept on the terminal", async () => {
    const cart = await cartOf(f, ['8594005650015', BAG]);
    expect(cart.lines.map((l) => l.purchaseItemTypeId)).toEqual(['store_purchase', 'otc_without_loyalty']);
    const ask: BenefitAsk = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    expect(paid.outcome).toBe('closed');
    if (paid.outcome !== 'closed') return;
    const journal = Journal.open(journalFile(f.dataDir));
    try {
      const body = journal.byBillId(paid.receipt.billId)!.request.body as SendPurchaseBody;
      expect(body.bill.bill_items.map((i) => i.purchase_item_type_id)).toEqual([
        purchaseItemTypeIds.store,
        purchaseItemTypeIds.otcWithoutLoyalty,
      ]);
    } finally {
      journal.close();
    }
    const saved = JSON.parse(readFileSync(join(f.dataDir, REFERENCE_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(saved)).toContain(purchaseItemTypeIds.otcWithoutLoyalty);
  });
});
