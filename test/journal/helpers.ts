import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newBillId } from '../../electron/journal/bill-id.ts';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import type { NewEntry } from '../../electron/journal/types.ts';
import { sendPurchaseBody } from '../../shared/checkout/send-purchase.ts';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-journal-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function purchaseEntry(overrides: Partial<NewEntry> = {}): NewEntry {
  const billId = newBillId('81eaeea13b8984a169c490a325', 3);
  const paymentTime = formatCareCloudDateTime(new Date(), 'Europe/Prague');
  return {
    kind: 'purchase',
    idempotencyKey: billId,
    billId,
    paymentTime,
    request: {
      method: 'POST',
      path: '/purchases/actions/send-purchase',
      body: sendPurchaseBody(
        { storeId: '81eaeea13b8984a169c490a325', cashdesk: 3 },
        { currency_id: 'czk', total_price: 120, bill_items: [], purchase_type_id: 'pt', payment_type: 'A' },
        { billId, paymentTime },
      ),
    },
    storeId: '81eaeea13b8984a169c490a325',
    cashdesk: 3,
    operator: 'cashier-7',
    customerId: 'cust-1',
    ...overrides,
  };
}
