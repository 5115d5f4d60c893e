// A bill too big for CareCloud that is already in a journal (written before bills were
// checked): CareCloud cuts its upload; the entry goes to the manager and the terminal stays online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBillId } from '../../electron/journal/bill-id.ts';
import type { NewEntry } from '../../electron/journal/types.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { droppingProxy } from '../support/dropping-proxy.ts';
import { sale, sandboxTerminal, type SandboxTerminal } from './sandbox-terminal.ts';

let sandbox: TestSandbox;
let t: SandboxTerminal;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  t = sandboxTerminal(sandbox.projectUrl, sandbox);
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

/** 10,000 items, about 2.4 MB: journaled as is, the way an unchecked bill file once was. */
function poisonEntry(): NewEntry {
  const good = sale();
  const body = structuredClone(good.request.body) as SendPurchaseBody;
  const item = body.bill.bill_items[0]!;
  body.bill.bill_items = Array.from({ length: 10_000 }, (_, i) => ({
    ...item,
    bill_item_id: String(i + 1),
    price: 1,
    paid_amount: 1,
  }));
  body.bill.total_price = 10_000;
  const billId = newBillId(good.storeId, good.cashdesk);
  body.bill.bill_id = billId;
  return { ...good, idempotencyKey: billId, billId, request: { ...good.request, body } };
}

describe('a journaled bill CareCloud cuts off', () => {
  it('is handed to the manager, and the sales behind it still sync', async () => {
    const poison = t.journal.append(poisonEntry());
    const good = t.journal.append(sale());
    for (let round = 0; round < 5; round++) await t.engine.drain();
    expect(t.engine.online).toBe(true);
    expect(t.journal.get(poison.id)).toMatchObject({ state: 'rejected' });
    expect(t.journal.get(good.id)).toMatchObject({ state: 'synced' });
  }, 60_000);

  it('is told apart from an unreachable CareCloud when the upload is cut without an answer', async () => {
    const proxy = await droppingProxy(sandbox.projectUrl, { cutUploadsOver: 256 * 1024 });
    const behind = sandboxTerminal(proxy.url, sandbox);
    try {
      const poison = behind.journal.append(poisonEntry());
      const good = behind.journal.append(sale());
      for (let round = 0; round < 8 && behind.journal.get(poison.id)!.state === 'pending'; round++) {
        await behind.engine.drain();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      expect(proxy.counts.cut).toBeGreaterThanOrEqual(3);
      expect(behind.engine.online).toBe(true);
      expect(behind.journal.get(poison.id)).toMatchObject({
        state: 'rejected',
        reasons: [{ name: 'bill', reason: 'upload_cut' }],
      });
      expect(behind.journal.get(good.id)).toMatchObject({ state: 'synced' });
    } finally {
      await behind.close();
      await proxy.close();
    }
  }, 60_000);
});
