import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import { QueueActions } from '../../electron/sync/queue-manager.ts';
import { tempDir } from '../journal/helpers.ts';

const terminal = { timeZone: 'Europe/Prague' };
let temp: ReturnType<typeof tempDir>;
let journal: Journal;
let manager: QueueActions;
let work = 0;

function saleWithVoucher(customer = 'cust-1') {
  return purchaseEntry(
    {
      storeId: 'store1',
      cashdesk: 2,
      operator: 'cashier-7',
      customerId: customer,
      bill: {
        currency_id: 'czk',
        total_price: 250,
        purchase_type_id: 'pt',
        payment_type: 'C',
        bill_items: [
          {
            plu_ids: [{ list_code: 'GLOBAL', code: 'p1' }],
            plu_name: '=HYPERLINK("x")',
            vat_rate: 21,
            quantity: 1,
            price: 250,
            paid_amount: 250,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: 'it',
          },
        ],
        payment_recap: {
          vouchers: [{ code: 'V-10', discount_value: 10 }],
          credit_points: 5,
          recommended_discounts: [{ bill_item_id: '1', discount_value: 3 }],
        },
      },
    },
    terminal,
  );
}

function reject(id: number) {
  const claim = journal.claim(id, 'p', 1000)!;
  journal.finish(claim, 'p', {
    kind: 'rejected',
    reasons: [{ name: 'benefit_codes', reason: 'voucher_not_allowed_in_store' }],
    httpStatus: 400,
    error: 'refused',
  });
}

beforeEach(() => {
  temp = tempDir();
  journal = Journal.open(join(temp.dir, 'journal.db'));
  work = 0;
  manager = new QueueActions({ journal, terminal, onWork: () => work++ });
});
afterEach(() => {
  journal.close();
  temp.cleanup();
});

describe('QueueActions', () => {
  it('shows an entry with its request, attempts, transitions and audit', () => {
    const entry = journal.append(saleWithVoucher());
    reject(entry.id);
    const detail = manager.show(entry.id);
    expect(detail.entry.request.path).toBe('/purchases/actions/send-purchase');
    expect(detail.attempts).toHaveLength(1);
    expect(detail.transitions.map((t) => t.to)).toEqual(['pending', 'sending', 'rejected']);
    expect(() => manager.show(999)).toThrow(/no journal entry 999/);
  });

  it('resends a rejected purchase without vouchers, points, credit under a new bill_id, keeping payment_time', () => {
    const original = journal.append(saleWithVoucher());
    reject(original.id);
    const created = manager.resendWithoutBenefits(original.id, 'manager-anna');
    const body = created.request.body as SendPurchaseBody;
    expect(created.billId).not.toBe(original.billId);
    expect(body.bill.bill_id).toBe(created.billId);
    expect(body.bill.payment_time).toBe(original.paymentTime);
    expect(body.bill.payment_recap).toEqual({
      recommended_discounts: [{ bill_item_id: '1', discount_value: 3 }],
    });
    expect(body.bill.payment_type).toBe('A');
    expect(created).toMatchObject({ state: 'pending', replaces: original.id, operator: 'manager-anna' });
    const detail = manager.show(original.id);
    expect(detail.entry.state).toBe('voided');
    expect(detail.replacedBy?.id).toBe(created.id);
    expect(detail.audit[0]).toMatchObject({
      action: 'resend',
      actor: 'manager-anna',
      detail: { dropped: ['voucher V-10', '5 points'] },
    });
    expect(work).toBe(1);
  });

  it('refuses to resend what is not a rejected purchase, and to void without a reason', () => {
    const entry = journal.append(saleWithVoucher());
    expect(() => manager.resendWithoutBenefits(entry.id, 'manager-anna')).toThrow(/only a rejected purchase/);
    expect(() => manager.void(entry.id, '  ', 'manager-anna')).toThrow(/needs a reason/);
    expect(manager.void(entry.id, 'customer returned at once', 'manager-anna').state).toBe('voided');
  });

  it('exports CSV with defused formulas and JSON with the request, marking entries exported', () => {
    const a = journal.append(saleWithVoucher('c1'));
    journal.append(saleWithVoucher('c2'));
    reject(a.id);
    let csv = '';
    expect(manager.export({ state: 'rejected' }, 'csv', 'manager-anna', (text) => (csv = text)).count).toBe(
      1,
    );
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entry_id,kind,state,bill_id,/);
    expect(lines[1]).toContain('"benefit_codes/voucher_not_allowed_in_store"');
    let jsonText = '';
    manager.export({}, 'json', 'manager-anna', (text) => (jsonText = text));
    const json = JSON.parse(jsonText) as {
      bill_id: string;
      request: { body: { bill: { bill_items: { plu_name: string }[] } } };
    }[];
    expect(json).toHaveLength(2);
    expect(json[0]!.request.body.bill.bill_items[0]!.plu_name).toBe('=HYPERLINK("x")');
    expect(journal.get(a.id)?.exportedAt).not.toBeNull();
    expect(journal.audit().filter((r) => r.action === 'export')).toHaveLength(2);
    expect(() => manager.export({}, 'csv', '', () => {})).toThrow(/who makes it/);
    const b = journal.append(saleWithVoucher('c3'));
    expect(() =>
      manager.export({ billId: b.billId! }, 'csv', 'manager-anna', () => {
        throw new Error('disk full');
      }),
    ).toThrow(/disk full/);
    expect(journal.get(b.id)?.exportedAt).toBeNull();
  });

  it('retries now and tells the engine there is work', () => {
    const entry = journal.append(saleWithVoucher());
    reject(entry.id);
    expect(manager.retry(entry.id, 'support').state).toBe('pending');
    expect(work).toBe(1);
  });
});
