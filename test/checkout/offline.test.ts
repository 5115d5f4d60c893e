// The network dies mid-day: sales are journaled and the cashier is released without a
// network attempt; they sync once when it is back. A sale CareCloud then refuses waits
// for a manager, who resends it without its voucher; the audit log says who did what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from './fixture.ts';

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const regular = { customerId: demo.customers.regular, cardNumber: demo.cards.regular };

async function outage(f: CheckoutFixture, on: boolean): Promise<void> {
  await f.signIn(managerPin);
  await f.setOutage(on);
  await f.signIn(cashierPin);
}

describe('outage mid-day', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('journals two sales while offline without trying the network, then syncs each once', async () => {
    await outage(f, true);
    expect(f.terminal.sync.online).toBe(false);
    const sent: string[] = [];
    for (const [i, codes] of [[barcodes.coffee], [barcodes.bread, barcodes.wine]].entries()) {
      const cart = await cartOf(f, codes);
      const ask: BenefitAsk = {
        customer: regular,
        voucherCodes: i === 0 ? [demo.vouchers.value100] : [],
        points: i === 0 ? 100 : 0,
        credit: 0,
      };
      const saleId = newSaleId();
      const shown = await f.ok('checkout.preview', { saleId, cart, ask });
      if (!shown.current) throw new Error('not current');
      expect(shown.offline).toBe(true);
      if (i === 0) {
        // Points and vouchers need CareCloud: refused offline by default, and the cashier drops them.
        expect(shown.refusals).toEqual([
          { subject: 'points', reason: 'offline_refused' },
          { subject: demo.vouchers.value100, reason: 'offline_refused' },
        ]);
        const refused = await f.ok('checkout.pay', {
          saleId,
          cart,
          ask,
          tender: 'cash',
          expectedToPayMinor: shown.preview.toPayMinor,
        });
        expect(refused.outcome).toBe('totals_changed');
        ask.points = 0;
        ask.voucherCodes = [];
      }
      const paid = await f.ok('checkout.pay', {
        saleId,
        cart,
        ask,
        tender: 'cash',
        expectedToPayMinor: cartTotals(cart).totalMinor,
      });
      if (paid.outcome !== 'saved_offline') throw new Error(`expected saved_offline, got ${paid.outcome}`);
      expect(paid.queuePosition).toBe(i + 1);
      expect(paid.receipt.pointsEarned).toBeNull();
      sent.push(paid.receipt.billId);
    }
    await f.signIn(managerPin);
    const queued = await f.ok('queue.list', {
      filter: { states: ['pending'] },
      page: { limit: 10 },
    });
    expect(queued.entries.map((e) => [e.billId, e.attempts])).toEqual(sent.map((b) => [b, 0]));
    expect(queued.counts.pending).toBe(2);
    expect(queued.oldestPendingAgeMs).toEqual(expect.any(Number));
    await f.signIn(cashierPin);

    await outage(f, false);
    await until('both sales in CareCloud', () =>
      sent.every((b) => f.sandbox.control.purchases().some((p) => p.bill_id === b && p.purchase_id)),
    );
    await until('the queue is empty', () => f.terminal.sync.status().queued === 0);
    for (const billId of sent)
      expect(f.sandbox.control.purchases().filter((p) => p.bill_id === billId)).toEqual([
        expect.objectContaining({ attempts: 1 }),
      ]);
    expect(f.terminal.sync.online).toBe(true);
  });
});

describe('pay pressed again after a restart', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('answers with the journaled sale instead of writing a second one', async () => {
    await outage(f, true);
    const cart = await cartOf(f, [barcodes.coffee]);
    const payload = {
      saleId: newSaleId(),
      cart,
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 } satisfies BenefitAsk,
      tender: 'cash' as const,
      expectedToPayMinor: cartTotals(cart).totalMinor,
    };
    const paid = await f.ok('checkout.pay', payload);
    if (paid.outcome !== 'saved_offline') throw new Error(paid.outcome);

    await f.restart();
    await f.signIn(cashierPin);
    // The new terminal may be trying to send it right now: pending or sending, never a second entry.
    expect(await f.ok('checkout.pay', payload)).toEqual({
      outcome: 'already_recorded',
      billId: paid.receipt.billId,
      state: expect.stringMatching(/^(pending|sending)$/),
      purchaseId: null,
      queuePosition: 1,
    });
    expect(f.terminal.sync.status().queued).toBe(1);

    await outage(f, false);
    await until('the sale lands', () =>
      f.sandbox.control.purchases().some((p) => p.bill_id === paid.receipt.billId && p.purchase_id),
    );
    // CareCloud records the purchase a moment before its answer reaches the journal.
    await until('the journal has the answer', () => f.terminal.sync.status().queued === 0);
    const again = await f.ok('checkout.pay', payload);
    expect(again).toMatchObject({
      outcome: 'already_recorded',
      billId: paid.receipt.billId,
      state: 'synced',
      purchaseId: expect.any(String),
      queuePosition: null,
    });
    expect(f.sandbox.control.purchases().filter((p) => p.bill_id === paid.receipt.billId)).toHaveLength(1);
    expect(f.terminal.sync.status().queued).toBe(0);
  });
});

describe('a cancellation while offline', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('is journaled after its sale and reaches CareCloud after it', async () => {
    await outage(f, true);
    const cart = await cartOf(f, [barcodes.wine]);
    const paid = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask: { customer: regular, voucherCodes: [], points: 0, credit: 0 },
      tender: 'cash',
      expectedToPayMinor: cartTotals(cart).totalMinor,
    });
    if (paid.outcome !== 'saved_offline') throw new Error(paid.outcome);
    const cancelled = await f.ok('checkout.cancel', { billId: paid.receipt.billId, pin: managerPin });
    expect(cancelled).toMatchObject({
      outcome: 'saved_offline',
      cancellationBillId: `C${paid.receipt.billId}`,
      queuePosition: 2,
    });
    expect(await f.ok('checkout.recent', { limit: 1 })).toEqual([
      expect.objectContaining({
        billId: paid.receipt.billId,
        state: 'pending',
        cancellation: { billId: `C${paid.receipt.billId}`, state: 'pending' },
      }),
    ]);

    await outage(f, false);
    await until(
      'both land',
      () =>
        f.sandbox.control
          .purchases()
          .filter(
            (p) =>
              p.purchase_id && (p.bill_id === paid.receipt.billId || p.bill_id === `C${paid.receipt.billId}`),
          ).length === 2,
    );
    const order = f.sandbox.control
      .requests()
      .filter(
        (r) =>
          r.operation_id === 'postPurchaseSend' &&
          (r.status ?? 500) < 300 &&
          (r.bill_id === paid.receipt.billId || r.bill_id === `C${paid.receipt.billId}`),
      )
      .map((r) => r.bill_id);
    expect(order).toEqual([paid.receipt.billId, `C${paid.receipt.billId}`]);
  });
});

describe('a sale CareCloud rejects on replay', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout({ settings: { offlinePolicy: { vouchers: 'accept-synced' } } });
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('waits for a manager, who resends it without the voucher; the audit log shows who did what', async () => {
    await f.signIn(managerPin);
    expect((await f.ok('vouchers.syncOffline', undefined)).count).toBeGreaterThan(0);
    await f.signIn(cashierPin);
    // Another till spends the voucher after this terminal synced its offline list.
    const voucher = await f.sandbox.call<{ data: { vouchers: { voucher_id: string }[] } }>(
      'GET',
      '/vouchers',
      { query: { code: demo.vouchers.value100 } },
    );
    const voucherId = voucher.body.data.vouchers[0]!.voucher_id;
    const spent = await f.sandbox.call('POST', `/vouchers/${voucherId}/actions/apply-voucher`, {
      body: { date_applied: formatCareCloudDateTime(new Date(), 'Europe/Prague') },
    });
    expect(spent.status).toBe(204);

    await f.signIn(managerPin);
    await f.setOutage(true);
    await f.signIn(cashierPin);
    const cart = await cartOf(f, [barcodes.coffee, barcodes.chocolate]);
    // Only vouchers on the synced list, for their own customer, are taken offline.
    const unlisted = await f.ok('checkout.preview', {
      saleId: newSaleId(),
      cart,
      ask: {
        customer: regular,
        voucherCodes: ['NOT-SYNCED', demo.vouchers.otherCustomer],
        points: 0,
        credit: 0,
      },
    });
    expect(unlisted).toMatchObject({
      current: true,
      refusals: [
        { subject: 'NOT-SYNCED', reason: 'offline_not_presynced' },
        { subject: demo.vouchers.otherCustomer, reason: 'voucher_assigned_to_another_customer' },
      ],
    });
    const ask: BenefitAsk = {
      customer: regular,
      voucherCodes: [demo.vouchers.value100],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    expect(shown.refusals).toEqual([]);
    expect(shown.preview.vouchers).toEqual([
      expect.objectContaining({ code: demo.vouchers.value100, discountMinor: 10_000, unverified: true }),
    ]);
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'card',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    if (paid.outcome !== 'saved_offline') throw new Error(`expected saved_offline, got ${paid.outcome}`);
    expect(paid.receipt.vouchers).toEqual([
      expect.objectContaining({ code: demo.vouchers.value100, unverified: true }),
    ]);

    await f.signIn(managerPin);
    await f.setOutage(false);
    await until('the replay is rejected', () => f.terminal.sync.status().rejected === 1);
    const rejected = await f.ok('queue.list', {
      filter: { states: ['rejected'] },
      page: { limit: 10 },
    });
    expect(rejected.entries).toHaveLength(1);
    const original = rejected.entries[0]!;
    expect(original).toMatchObject({
      billId: paid.receipt.billId,
      flags: ['offline-voucher'],
      reasons: [expect.objectContaining({ name: 'benefit_codes', reason: 'voucher_already_used' })],
    });
    const detail = await f.ok('queue.show', { id: original.id });
    expect(detail.canResendWithoutBenefits).toBe(true);
    expect(detail.request.vouchers).toEqual([{ code: demo.vouchers.value100, discountMinor: 10_000 }]);
    expect(detail.attempts.at(-1)).toMatchObject({ outcome: 'rejected', httpStatus: 400 });
    expect(detail.history.map((t) => t.to)).toContain('rejected');
    expect(detail.history.find((t) => t.to === 'rejected')).toMatchObject({ event: 'refused' });
    expect(detail.resendChange).toEqual({
      vouchers: [{ code: demo.vouchers.value100, discountMinor: 10_000 }],
      points: 0,
      creditMinor: 0,
    });
    expect(
      f.sandbox.control.purchases().find((p) => p.bill_id === paid.receipt.billId)?.purchase_id ?? null,
    ).toBeNull();

    // A wrong PIN does nothing but leave a trace.
    expect(await f.call('queue.resend', { id: original.id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    const resent = await f.ok('queue.resend', { id: original.id, pin: managerPin });
    expect(resent.billId).not.toBe(paid.receipt.billId);
    await until('the resent sale lands', () =>
      f.sandbox.control.purchases().some((p) => p.bill_id === resent.billId && p.purchase_id),
    );
    expect(f.sandbox.control.purchases().filter((p) => p.bill_id === resent.billId)).toHaveLength(1);
    await until(
      'the journal has the answer',
      async () => (await f.ok('queue.show', { id: resent.id })).entry.state === 'synced',
    );
    const after = await f.ok('queue.show', { id: resent.id });
    expect(after).toMatchObject({
      replaces: original.id,
      entry: { state: 'synced' },
      request: { vouchers: [] },
    });
    expect((await f.ok('queue.show', { id: original.id })).entry.state).toBe('voided');

    const audit = await f.ok('audit.list', { page: { limit: 50, offset: 0 } });
    const trail = audit.records.map((r) => [r.actor, r.action, r.entryId]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['Manager', 'pin-refused', null],
        ['Manager', 'resend', original.id],
      ]),
    );
    const resend = audit.records.find((r) => r.action === 'resend')!;
    expect(resend.detail).toMatchObject({
      newEntryId: resent.id,
      newBillId: resent.billId,
      dropped: [`voucher ${demo.vouchers.value100}`],
    });

    // Export for accounting and of the audit log: written to disk, marked, audited.
    const exported = await f.ok('queue.export', {
      filter: { states: ['voided'] },
      format: 'csv',
      pin: managerPin,
    });
    expect(exported.count).toBe(1);
    const exportedFile = join(f.dataDir, 'exports', exported.file);
    expect(existsSync(exportedFile)).toBe(true);
    expect(readFileSync(exportedFile, 'utf8')).toContain(paid.receipt.billId);
    expect((await f.ok('queue.show', { id: original.id })).entry.exported).toBe(true);
    const auditFile = await f.ok('audit.export', { format: 'json', pin: managerPin });
    const records = JSON.parse(readFileSync(join(f.dataDir, 'exports', auditFile.file), 'utf8')) as {
      action: string;
    }[];
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['resend', 'export', 'pin-refused']));
    expect((await f.ok('audit.list', { page: { limit: 1, offset: 0 } })).records[0]).toMatchObject({
      actor: 'Manager',
      action: 'audit-export',
    });
  });

  it('voids and retries only with a manager PIN, and says when an entry cannot be', async () => {
    await f.signIn(managerPin);
    await f.setOutage(true);
    await f.signIn(cashierPin);
    const cart = await cartOf(f, [barcodes.bread]);
    const paid = await f.ok('checkout.pay', {
      saleId: newSaleId(),
      cart,
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      tender: 'cash',
      expectedToPayMinor: cartTotals(cart).totalMinor,
    });
    if (paid.outcome !== 'saved_offline') throw new Error(paid.outcome);
    await f.signIn(managerPin);
    const entry = (await f.ok('queue.list', { filter: { billId: paid.receipt.billId }, page: { limit: 1 } }))
      .entries[0]!;
    expect(
      await f.call('queue.void', { id: entry.id, reason: 'customer left', pin: cashierPin }),
    ).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await f.call('queue.show', { id: 99_999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const retried = await f.ok('queue.retry', { id: entry.id, pin: managerPin });
    expect(retried.state).toBe('pending');
    const voided = await f.ok('queue.void', {
      id: entry.id,
      reason: 'customer left without paying',
      pin: managerPin,
    });
    expect(voided.state).toBe('voided');
    expect(await f.call('queue.retry', { id: entry.id, pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    const trail = (
      await f.ok('audit.list', { page: { limit: 10, offset: 0 }, entryId: entry.id })
    ).records.map((r) => [r.actor, r.action]);
    expect(trail).toEqual([
      ['Manager', 'void'],
      ['Manager', 'retry'],
    ]);
    await f.setOutage(false);
  });
});
