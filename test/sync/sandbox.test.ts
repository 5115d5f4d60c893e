// The sync engine against the sandbox, through the real client and real sockets.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { cancellationEntry } from '../../electron/sync/closure.ts';
import { QueueActions } from '../../electron/sync/queue-manager.ts';
import type { JournalEntry } from '../../electron/journal/types.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import {
  fastPolicy,
  htmlProxy,
  sale,
  sandboxTerminal,
  terminal,
  type SandboxTerminal,
} from './sandbox-terminal.ts';

let sandbox: TestSandbox;
let t: SandboxTerminal;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.control.reset();
  sandbox.control.clearFaults();
  t = sandboxTerminal(sandbox.projectUrl, sandbox);
});
afterEach(async () => {
  await sandbox.control.restoreNetwork();
  await t.close();
});

/** Drains until nothing is queued (waiting out short backoffs), probing while offline. */
async function drainAll(engine = t.engine, journal = t.journal): Promise<void> {
  for (let round = 0; round < 400 && journal.stats().queued > 0; round++) {
    if (!engine.online) await engine.probe();
    else await engine.drain();
    if (journal.stats().queued > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(journal.stats().queued).toBe(0);
}

/** Every journaled bill_id landed in CareCloud exactly once, and CareCloud holds nothing else. */
function expectExactlyOnce(entries: JournalEntry[]): void {
  const landed = sandbox.control.purchases().filter((b) => b.statuses.includes(201));
  for (const bill of landed) expect(bill.statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(landed.map((b) => b.bill_id).sort()).toEqual(entries.map((e) => e.billId).sort());
}

const allEntries = () => t.journal.list({}, { limit: 10_000, offset: 0 }).entries;

describe('online closures', () => {
  it('journals, sends and records the purchase id CareCloud gave', async () => {
    const result = await t.engine.close(sale());
    expect(result.outcome).toBe('synced');
    const landed = sandbox.control.purchases();
    expect(landed).toEqual([
      expect.objectContaining({
        bill_id: result.entry.billId,
        purchase_id: (result as { purchaseId: string }).purchaseId,
        attempts: 1,
      }),
    ]);
  });

  it('treats a bill_id that already landed as synced', async () => {
    const input = sale();
    expect(
      (await sandbox.call('POST', '/purchases/actions/send-purchase', { body: input.request.body })).status,
    ).toBe(201);
    const result = await t.engine.close(input);
    expect(result).toMatchObject({ outcome: 'synced', purchaseId: null });
    expect(t.journal.attempts(result.entry.id)[0]).toMatchObject({
      outcome: 'already-landed',
      httpStatus: 400,
    });
    expectExactlyOnce([result.entry]);
  });

  it('rejects a refused voucher, keeps the queue moving, and the manager resends the sale without it', async () => {
    const refused = await t.engine.close(sale({ vouchers: ['BRNO50'] }));
    expect(refused).toMatchObject({
      outcome: 'rejected',
      reasons: [expect.objectContaining({ name: 'benefit_codes', reason: expect.stringMatching(/voucher/) })],
    });
    const next = await t.engine.close(sale());
    expect(next.outcome).toBe('synced');
    const manager = new QueueActions({ journal: t.journal, terminal });
    const resent = manager.resendWithoutBenefits(refused.entry.id, 'manager-anna');
    await drainAll();
    expect(t.journal.get(resent.id)?.state).toBe('synced');
    expectExactlyOnce([next.entry, resent]);
  });
});

describe('outages', () => {
  it('an outage during a closure: the send times out, the sale is queued and lands once later', async () => {
    await sandbox.control.cutNetwork('hang');
    const result = await t.engine.close(sale());
    expect(result).toMatchObject({ outcome: 'queued', why: 'send-failed' });
    // The cashier was let go while the client was still stuck in its login: the attempt is unfinished.
    expect(t.journal.get(result.entry.id)?.state).toBe('sending');
    expect(t.journal.attempts(result.entry.id)).toEqual([expect.objectContaining({ outcome: null })]);
    await sandbox.control.restoreNetwork();
    await drainAll();
    expect(t.journal.get(result.entry.id)?.state).toBe('synced');
    expectExactlyOnce(allEntries());
  });

  it('an answer lost mid-response: the resend finds the bill_id already there', async () => {
    expect((await t.engine.close(sale())).outcome).toBe('synced');
    sandbox.control.dropNext(1);
    const result = await t.engine.close(sale());
    expect(result.outcome).toBe('queued');
    await drainAll();
    expect(t.journal.get(result.entry.id)).toMatchObject({ state: 'synced' });
    expect(t.journal.attempts(result.entry.id).map((a) => a.outcome)).toEqual([
      'transport',
      'already-landed',
    ]);
    expectExactlyOnce(allEntries());
  });

  it('an outage between closures: once the breaker opens, closures are queued without the network', async () => {
    expect((await t.engine.close(sale())).outcome).toBe('synced');
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 2; i++) expect((await t.engine.close(sale())).outcome).toBe('queued');
    expect(t.engine.online).toBe(false);
    const requestsBefore = sandbox.control.status().requests;
    for (let i = 0; i < 5; i++)
      expect(await t.engine.close(sale())).toMatchObject({ outcome: 'queued', why: 'offline' });
    expect(sandbox.control.status().requests).toBe(requestsBefore);
    await sandbox.control.restoreNetwork();
    await drainAll();
    expect(t.engine.online).toBe(true);
    expectExactlyOnce(allEntries());
  });

  it('a cancellation is the sale sent again as canceled, under its own bill_id, naming the original', async () => {
    const purchase = await t.engine.close(sale());
    expect(purchase.outcome).toBe('synced');
    const cancel = await t.engine.close(cancellationEntry(t.journal.get(purchase.entry.id)!, 'manager-anna'));
    expect(cancel.outcome).toBe('synced');
    const original = purchase.entry.request.body as SendPurchaseBody;
    expect(cancel.entry.request.body).toEqual({
      ...original,
      // The synced sale keeps only the masked card; the customer id says who it was.
      card_number: undefined,
      bill: {
        ...original.bill,
        canceled: true,
        bill_id: `C${purchase.entry.billId}`,
        bill_number: purchase.entry.billId,
      },
    });
    // CareCloud took it as the cancellation of that sale (it refuses one naming no purchase of its own).
    expect(sandbox.control.purchases().find((b) => b.bill_id === cancel.entry.billId)).toMatchObject({
      canceled: true,
      statuses: [201],
    });
  });

  it('a cancellation closed offline is sent after the purchase it cancels', async () => {
    await sandbox.control.cutNetwork('refuse');
    const purchases = [];
    for (let i = 0; i < 3; i++) purchases.push((await t.engine.close(sale())).entry);
    const cancel = await t.engine.close(cancellationEntry(purchases[0]!, 'cashier-7'));
    expect(cancel.outcome).toBe('queued');
    await sandbox.control.restoreNetwork();
    await drainAll();
    const landed = sandbox.control.purchases();
    const order = landed.map((b) => b.bill_id);
    expect(order.indexOf(purchases[0]!.billId!)).toBeLessThan(order.indexOf(cancel.entry.billId!));
    expect(landed.find((b) => b.bill_id === cancel.entry.billId)).toMatchObject({
      canceled: true,
      statuses: [201],
    });
    expectExactlyOnce(allEntries());
  });

  it('503 bursts: entries wait with backoff and all land exactly once', async () => {
    sandbox.control.failNext(503, 6);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await t.engine.close(sale()));
    expect(results.some((r) => r.outcome === 'queued')).toBe(true);
    await drainAll();
    expect(sandbox.control.requests().filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(1);
    expectExactlyOnce(allEntries());
  });

  it('HTML from a proxy counts as unreachable, and the queue drains once the proxy behaves', async () => {
    const proxy = await htmlProxy(sandbox.projectUrl);
    const viaProxy = sandboxTerminal(proxy.url, sandbox);
    try {
      proxy.html = true;
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await viaProxy.engine.close(sale()));
      expect(results.map((r) => r.outcome)).toEqual(['queued', 'queued', 'queued']);
      expect(viaProxy.journal.attempts(results[0]!.entry.id)[0]).toMatchObject({
        outcome: 'unexpected',
        httpStatus: 502,
      });
      expect(viaProxy.engine.online).toBe(false);
      proxy.html = false;
      await drainAll(viaProxy.engine, viaProxy.journal);
      expectExactlyOnce(viaProxy.journal.list({}).entries);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });
});

describe('draining under pressure', () => {
  it('a 429 storm: the drain slows down and every sale lands once', async () => {
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 2; i++) await t.engine.close(sale());
    for (let i = 0; i < 28; i++) await t.engine.close(sale());
    await sandbox.control.restoreNetwork();
    sandbox.control.setRateLimit({ perSecond: 40, burst: 2 });
    await drainAll();
    const throttled = sandbox.control.requests().filter((r) => r.status === 429).length;
    expect(throttled).toBeGreaterThan(0);
    expectExactlyOnce(allEntries());
    sandbox.control.setRateLimit(null);
  });

  it('token expiry mid-drain: the client logs in again and nothing is lost or doubled', async () => {
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 12; i++) await t.engine.close(sale());
    await sandbox.control.restoreNetwork();
    let sent = 0;
    t.engine.on('sent', () => {
      if (++sent === 4) sandbox.control.expireTokens();
    });
    await drainAll();
    expect(sandbox.control.requests().some((r) => r.status === 401)).toBe(true);
    expect(allEntries().every((e) => e.state === 'synced')).toBe(true);
    expectExactlyOnce(allEntries());
  });
});

describe('two processes on one data dir', () => {
  it('never send one entry twice', async () => {
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 2; i++) await t.engine.close(sale());
    for (let i = 0; i < 38; i++) await t.engine.close(sale());
    await sandbox.control.restoreNetwork();
    sandbox.control.setLatency(2);
    const second = sandboxTerminal(sandbox.projectUrl, sandbox, fastPolicy, t.dir);
    try {
      await Promise.all([t.engine.probe(), second.engine.probe()]);
      await Promise.all([t.engine.drain(), second.engine.drain()]);
      await drainAll();
      const sends = sandbox.control.purchases();
      expect(sends.every((b) => b.attempts === 1)).toBe(true);
      expectExactlyOnce(allEntries());
    } finally {
      await second.close();
    }
  });
});
