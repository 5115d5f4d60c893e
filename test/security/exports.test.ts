// A compromised screen asks for exports to read the journal's card numbers over IPC.
// The real terminal writes the file to its exports folder and answers its name and count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { barcodes, cartOf, cashierPin, managerPin, newSaleId, openCheckout, type CheckoutFixture } from '../checkout/fixture.ts';

describe('exports over IPC', () => {
  let f: CheckoutFixture;
  let billId = '';
  beforeEach(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
    const cart = await cartOf(f, [barcodes.bread]);
    const ask = { customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular }, voucherCodes: [], points: 0, credit: 0 };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', { saleId, cart, ask, tender: 'cash', expectedToPayMinor: shown.preview.toPayMinor });
    if (paid.outcome !== 'closed') throw new Error(paid.outcome);
    billId = paid.receipt.billId;
    await f.signIn(managerPin);
  });
  afterEach(() => f.close());

  it('the queue export answers the file name and the count, never the content', async () => {
    for (const format of ['csv', 'json'] as const) {
      const answer = await f.call('queue.export', { filter: {}, format, pin: managerPin });
      expect(answer).toEqual({ ok: true, value: { format, count: 1, file: expect.stringMatching(new RegExp(`^queue-[\\w-]+\\.${format}$`)) } });
      expect(JSON.stringify(answer)).not.toContain(demo.cards.regular.slice(-8));
      if (answer.ok) expect(readFileSync(join(f.dataDir, 'exports', answer.value.file), 'utf8')).toContain(billId);
    }
  });

  it('a synced sale keeps only the masked card number, in the journal and so in every export', async () => {
    const entry = (await f.ok('queue.list', { filter: { billId }, page: { limit: 1, offset: 0 } })).entries[0]!;
    expect(entry.state).toBe('synced');
    const shown = await f.ok('queue.show', { id: entry.id });
    expect(shown.request.cardNumber).toBe(`${'*'.repeat(demo.cards.regular.length - 4)}${demo.cards.regular.slice(-4)}`);
    const answer = await f.ok('queue.export', { filter: {}, format: 'json', pin: managerPin });
    const content = readFileSync(join(f.dataDir, 'exports', answer.file), 'utf8');
    expect(content).toContain(billId);
    expect(content).not.toContain(demo.cards.regular);
    // Cancelling it still works: the customer id says who it was.
    expect(await f.ok('checkout.cancel', { billId, pin: managerPin })).toMatchObject({ outcome: 'closed' });
  });

  it('so does the audit export', async () => {
    const answer = await f.call('audit.export', { format: 'json', pin: managerPin });
    expect(answer).toEqual({ ok: true, value: { format: 'json', count: expect.any(Number), file: expect.stringMatching(/^audit-[\w-]+\.json$/) } });
    if (answer.ok) expect(JSON.parse(readFileSync(join(f.dataDir, 'exports', answer.value.file), 'utf8'))).toEqual(expect.any(Array));
  });
});
