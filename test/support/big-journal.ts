// A large journal in seconds: the journal's own schema (opened once through Journal so the
// migrations run), then rows inserted with SQL in one transaction. Purchases are spread
// evenly over a span of time, with till payments, customers, points and vouchers in a
// steady mix; the newest `pending` entries stay unsent (an outage's backlog). A sale with a
// customer carries the customer's card, masked to its last four digits once synced.
import Database from 'better-sqlite3';
import { maskSyncedCard } from '../../electron/journal/card-mask.ts';
import { Journal } from '../../electron/journal/journal.ts';

/** The card of the fixture's customer `customer-n`. */
export function bigJournalCard(n: number): string {
  return `2990${String(n).padStart(9, '0')}`;
}

export interface BigJournalOptions {
  entries: number;
  /** The first and last entry's created_at (epoch ms). */
  from: number;
  to: number;
  /** The newest entries left pending. */
  pending: number;
  /** Entries (oldest of the pending ones first) marked rejected instead. */
  rejected?: number;
}

export interface BigJournalMix {
  /** Every n-th sale has a customer, pays by card, uses points, applies a voucher. */
  customerEvery: number;
  cardEvery: number;
  pointsEvery: number;
  voucherEvery: number;
}

export const bigJournalMix: BigJournalMix = {
  customerEvery: 2,
  cardEvery: 3,
  pointsEvery: 5,
  voucherEvery: 7,
};

export function fillJournal(file: string, options: BigJournalOptions): void {
  Journal.open(file).close();
  const db = new Database(file);
  try {
    const insert =
      db.prepare(`INSERT INTO entries (kind, idempotency_key, bill_id, request, payment_time, store_id, cashdesk,
        operator, customer_id, card_number, state, remote_id, reasons, next_attempt_at, created_at, updated_at)
      VALUES ('purchase', ?, ?, ?, ?, 'store-1', 1, 'Jana', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const pay = db.prepare(
      'INSERT INTO till_payments (entry_id, paid_minor, settlement, points_earned) VALUES (?, ?, ?, ?)',
    );
    const step = options.entries > 1 ? (options.to - options.from) / (options.entries - 1) : 0;
    const rejected = options.rejected ?? 0;
    db.transaction(() => {
      for (let i = 0; i < options.entries; i++) {
        const created = Math.round(options.from + i * step);
        const billId = `store-1-1-${String(i).padStart(12, '0')}`;
        const customer = i % bigJournalMix.customerEvery === 0 ? `customer-${i % 500}` : null;
        const cardNumber = customer ? bigJournalCard(i % 500) : null;
        const unsent = i >= options.entries - options.pending;
        const state = unsent
          ? i < options.entries - options.pending + rejected
            ? 'rejected'
            : 'pending'
          : 'synced';
        const kept = (card: string) => (state === 'synced' ? maskSyncedCard(card) : card);
        const recap: Record<string, unknown> = {};
        if (customer && i % bigJournalMix.pointsEvery === 0) recap.credit_points = 10;
        if (i % bigJournalMix.voucherEvery === 0) recap.vouchers = [{ code: `V${i}`, discount_value: 10 }];
        const paid = 10_000 + (i % 50) * 100;
        const card = i % bigJournalMix.cardEvery === 0 ? paid : 0;
        const request = {
          method: 'POST',
          path: '/purchases/actions/send-purchase',
          body: {
            store_id: 'store-1',
            cashdesk_number: 1,
            ...(customer ? { customer_id: customer } : {}),
            ...(cardNumber ? { card_number: kept(cardNumber) } : {}),
            bill: {
              bill_id: billId,
              payment_time: new Date(created).toISOString().slice(0, 19).replace('T', ' '),
              currency_id: 'czk',
              total_price: paid / 100,
              purchase_type_id: 'pt',
              canceled: false,
              payment_type: 'A',
              bill_items: [
                {
                  plu_ids: [{ list_code: 'EAN', code: '8594005650015' }],
                  plu_name: 'Káva',
                  vat_rate: 21,
                  quantity: 1,
                  price: paid / 100,
                  paid_amount: paid / 100,
                  bill_item_id: '1',
                  loyalty_off: false,
                  purchase_item_type_id: 'store_purchase',
                },
              ],
              ...(Object.keys(recap).length > 0 ? { payment_recap: recap } : {}),
            },
          },
        };
        const reasons =
          state === 'rejected' ? JSON.stringify([{ name: 'bill', reason: 'invalid_value_format' }]) : null;
        const { lastInsertRowid } = insert.run(
          billId,
          billId,
          JSON.stringify(request),
          request.body.bill.payment_time,
          customer,
          cardNumber && kept(cardNumber),
          state,
          state === 'synced' ? `p${i}` : null,
          reasons,
          created,
          created,
          created,
        );
        pay.run(
          Number(lastInsertRowid),
          paid,
          JSON.stringify({ cardMinor: card, cashToPayMinor: paid - card }),
          customer && !unsent ? 15 : null,
        );
      }
    })();
  } finally {
    db.close();
  }
}
