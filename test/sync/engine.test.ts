import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { Journal } from '../../electron/journal/journal.ts';
import { JournalUnavailableError } from '../../electron/journal/errors.ts';
import { SyncEngine, type SyncAlert, type SyncPolicy, type SyncStatus } from '../../electron/sync/engine.ts';
import { cancellationEntry, purchaseEntry } from '../../electron/sync/closure.ts';
import { FakePort, failureFor } from './fake-port.ts';
import type { RateLimitError } from '../../electron/carecloud/errors.ts';
import { OfflineBenefitRefusedError } from '../../electron/sync/offline-benefits.ts';
import type { SendPurchaseBody } from '../../shared/checkout/send-purchase.ts';
import { tempDir } from '../journal/helpers.ts';

const terminal = { timeZone: 'Europe/Prague' };
const sale = (n = 1) =>
  purchaseEntry(
    {
      storeId: 'store1',
      cashdesk: 2,
      operator: 'cashier-7',
      customerId: `cust-${n}`,
      bill: {
        currency_id: 'czk',
        total_price: 100 + n,
        purchase_type_id: 'pt',
        payment_type: 'A',
        bill_items: [
          {
            plu_ids: [{ list_code: 'GLOBAL', code: 'p1' }],
            plu_name: 'Item',
            vat_rate: 21,
            quantity: 1,
            price: 100 + n,
            paid_amount: 100 + n,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: 'it',
          },
        ],
      },
    },
    terminal,
  );
const fast: Partial<SyncPolicy> = {
  breakerThreshold: 3,
  probeBackoff: { baseMs: 1, maxMs: 2 },
  entryBackoff: { baseMs: 1, maxMs: 2 },
  ratePerSecond: 1000,
  concurrency: 2,
  sendTimeoutMs: 1000,
};

let temp: ReturnType<typeof tempDir>;
let journal: Journal;
let port: FakePort;
let engine: SyncEngine;
const engines: SyncEngine[] = [];
function newEngine(policy: Partial<SyncPolicy> = fast, label = 'app'): SyncEngine {
  const created = new SyncEngine({ journal, port, policy, label });
  engines.push(created);
  return created;
}

beforeEach(() => {
  temp = tempDir();
  journal = Journal.open(join(temp.dir, 'journal.db'));
  port = new FakePort();
  engine = newEngine();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
  journal.close();
  temp.cleanup();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('closing a sale online', () => {
  it("journals, sends once and records CareCloud's purchase id", async () => {
    const input = sale();
    const result = await engine.close(input);
    expect(result).toMatchObject({ outcome: 'synced', purchaseId: 'pur-1' });
    expect(port.sends).toEqual([{ kind: 'purchase', billId: input.billId }]);
    expect(journal.transitions(result.entry.id).map((t) => t.to)).toEqual(['pending', 'sending', 'synced']);
    expect(journal.attempts(result.entry.id)).toEqual([expect.objectContaining({ outcome: 'synced' })]);
  });

  it('counts bill_id already_exists as synced', async () => {
    port.script = ['already-exists'];
    const result = await engine.close(sale());
    expect(result).toMatchObject({ outcome: 'synced', purchaseId: null });
    expect(journal.attempts(result.entry.id)[0]?.outcome).toBe('already-landed');
  });

  it('reports a business refusal as rejected with its reasons and raises an alert', async () => {
    const alerts: SyncAlert[] = [];
    engine.on('alert', (a) => alerts.push(a));
    port.script = ['voucher-refused'];
    const result = await engine.close(sale());
    expect(result).toMatchObject({
      outcome: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_not_allowed_in_store' }],
    });
    expect(alerts).toEqual([expect.objectContaining({ kind: 'rejected', entryId: result.entry.id })]);
  });

  it('queues the sale when the send fails, with its backoff in the journal', async () => {
    port.script = ['503'];
    const result = await engine.close(sale());
    expect(result).toMatchObject({ outcome: 'queued', why: 'send-failed' });
    expect(journal.get(result.entry.id)).toMatchObject({
      state: 'pending',
      attemptCount: 1,
      lastError: expect.stringContaining('503'),
    });
  });
});

describe('a send that does not come back', () => {
  it('lets the cashier go after the send timeout and records the late answer', async () => {
    let answer!: (value: { remoteId: string | null }) => void;
    port.script = [() => new Promise((resolve) => (answer = resolve))];
    const patient = newEngine({ ...fast, sendTimeoutMs: 20 });
    const result = await patient.close(sale());
    expect(result).toMatchObject({
      outcome: 'queued',
      why: 'send-failed',
      error: 'CareCloud did not answer in time',
    });
    expect(journal.get(result.entry.id)?.state).toBe('sending');
    answer({ remoteId: 'pur-late' });
    await patient.stop();
    expect(journal.get(result.entry.id)).toMatchObject({ state: 'synced', remoteId: 'pur-late' });
  });
});

describe('going offline and back', () => {
  it('stops touching the network after the threshold, and drains in order after a probe succeeds', async () => {
    const statuses: SyncStatus[] = [];
    engine.on('status', (s) => statuses.push(s));
    port.fallback = 'down';
    port.probeAnswer = 'down';
    for (let i = 0; i < 3; i++) expect((await engine.close(sale(i))).outcome).toBe('queued');
    expect(engine.online).toBe(false);
    for (let i = 0; i < 200 && statuses.at(-1)?.queued !== 3; i++) await wait(10);
    expect(statuses.at(-1)).toMatchObject({ online: false, queued: 3 });
    const sendsBefore = port.sends.length;
    const offline = await engine.close(sale(9));
    expect(offline).toMatchObject({ outcome: 'queued', why: 'offline' });
    expect(port.sends.length).toBe(sendsBefore);
    expect(await engine.probe()).toBe(false);
    port.fallback = 'ok';
    port.probeAnswer = 'ok';
    port.sends.length = 0;
    expect(await engine.probe()).toBe(true);
    const report = await engine.drain();
    expect(report.synced).toHaveLength(4);
    expect(port.sends.map((s) => s.billId)).toEqual(journal.list({}).entries.map((e) => e.billId));
    expect(engine.status()).toMatchObject({ online: true, queued: 0 });
  });

  it('drains by itself once started: probes with backoff while offline, sends when back', async () => {
    port.fallback = 'down';
    port.probeAnswer = 'down';
    for (let i = 0; i < 5; i++) await engine.close(sale(i));
    engine.start();
    await wait(30);
    expect(port.probes).toBeGreaterThan(0);
    port.fallback = 'ok';
    port.probeAnswer = 'ok';
    for (let i = 0; i < 200 && engine.status().queued > 0; i++) await wait(10);
    expect(engine.status()).toMatchObject({ online: true, queued: 0 });
    expect(journal.countsByState().synced).toBe(5);
  });
});

describe('vouchers and points while offline', () => {
  const withRecap = (recap: NonNullable<SendPurchaseBody['bill']['payment_recap']>) => {
    const input = sale();
    (input.request.body as SendPurchaseBody).bill.payment_recap = recap;
    return input;
  };
  async function goOffline(e: SyncEngine) {
    port.fallback = 'down';
    for (let i = 0; i < 3; i++) await e.close(sale(i));
    expect(e.online).toBe(false);
  }

  it('refuses vouchers and points by default and journals nothing for that sale', async () => {
    await goOffline(engine);
    const before = journal.stats().queued;
    await expect(engine.close(withRecap({ vouchers: [{ code: 'DEMO100' }] }))).rejects.toBeInstanceOf(
      OfflineBenefitRefusedError,
    );
    await expect(engine.close(withRecap({ credit_points: 50 }))).rejects.toMatchObject({
      benefit: 'points',
      message: expect.stringMatching(/^Paying with points is not possible/),
    });
    expect(journal.stats().queued).toBe(before);
  });

  it('takes pre-synced vouchers when the policy allows, flagged for the manager; points stay refused', async () => {
    const lenient = newEngine({ ...fast, offlineBenefits: { vouchers: 'accept-synced', points: 'refuse' } });
    await goOffline(lenient);
    const result = await lenient.close(withRecap({ vouchers: [{ code: 'DEMO100' }] }));
    expect(result).toMatchObject({
      outcome: 'queued',
      why: 'offline',
      entry: { flags: ['offline-voucher'] },
    });
    expect(journal.get(result.entry.id)?.flags).toEqual(['offline-voucher']);
    await expect(
      lenient.close(withRecap({ vouchers: [{ code: 'DEMO100' }], credit_points: 5 })),
    ).rejects.toMatchObject({ benefit: 'points' });
  });
});

describe('draining', () => {
  it('moves past a rejected entry and keeps a cancellation behind its purchase', async () => {
    port.fallback = 'down';
    for (let i = 0; i < 3; i++) await engine.close(sale(i));
    const purchase = journal.list({}).entries[1]!;
    const cancel = await engine.close(cancellationEntry(purchase, 'cashier-7'));
    expect(cancel.outcome).toBe('queued');
    port.fallback = 'ok';
    port.script = ['voucher-refused'];
    await engine.probe();
    const report = await engine.drain();
    expect(report.rejected).toHaveLength(1);
    expect(report.synced).toHaveLength(3);
    const order = port.sends.slice(-4).map((s) => s.billId);
    expect(order.indexOf(purchase.billId!)).toBeLessThan(order.indexOf(`C${purchase.billId}`));
    expect(journal.get(cancel.entry.id)).toMatchObject({ state: 'synced', dependsOn: purchase.id });
  });

  it('waits with a cancellation of a purchase that is still queued, even while online', async () => {
    port.script = ['503'];
    const original = await engine.close(sale());
    const cancel = await engine.close(cancellationEntry(original.entry, 'cashier-7'));
    expect(cancel).toMatchObject({ outcome: 'queued', why: 'waiting-for-original' });
    await wait(5);
    await engine.drain();
    expect(journal.get(cancel.entry.id)?.state).toBe('synced');
    expect(port.sends.map((s) => s.kind)).toEqual(['purchase', 'purchase', 'cancellation']);
  });

  it('slows down on 429: the next send waits the Retry-After, the pace halves, everything is sent once', async () => {
    // The engine's and the journal's clock is virtual: sleeping moves it, so the pacing is measured exactly.
    let t = Date.UTC(2026, 11, 2, 10);
    const clock = () => t;
    journal.close();
    journal = Journal.open(join(temp.dir, 'paced.db'), { now: clock });
    const paced = new SyncEngine({
      journal,
      port,
      policy: { ...fast, ratePerSecond: 100, concurrency: 1 },
      label: 'app',
      now: clock,
      sleep: async (ms) => void (t += ms),
    });
    engines.push(paced);
    for (let i = 0; i < 10; i++) journal.append(sale(i));
    const sentAt: number[] = [];
    const send = port.send.bind(port);
    port.send = (kind, request) => {
      sentAt.push(t);
      return send(kind, request);
    };
    const rateLimited = async (): Promise<never> => {
      const error = failureFor('429') as RateLimitError;
      error.retryAfterMs = 300;
      throw error;
    };
    port.script = ['ok', 'ok', rateLimited, 'ok', 'ok', rateLimited, 'ok', 'ok'];

    for (let round = 0; round < 20 && journal.stats().queued > 0; round++) {
      expect((await paced.drain()).wentOffline).toBe(false);
      t += 1_000;
    }

    const gap = (i: number) => sentAt[i + 1]! - sentAt[i]!;
    expect(gap(0)).toBe(10); // 100 a second
    expect(gap(2)).toBeGreaterThanOrEqual(300); // the first 429's Retry-After
    expect(gap(3)).toBeGreaterThanOrEqual(2 * gap(0) - 2); // about half the pace, recovering 10% a second
    expect(gap(5)).toBeGreaterThanOrEqual(300);
    expect(gap(6)).toBeGreaterThan(gap(3)); // halved again
    expect(journal.stats().queued).toBe(0);
    expect(journal.list({ state: 'synced' }, { limit: 100, offset: 0 }).entries).toHaveLength(10);
    const landed = port.sends.filter((_, i) => i !== 2 && i !== 5).map((s) => s.billId);
    expect(new Set(landed).size).toBe(10);
    expect(landed).toHaveLength(10);
  });

  it('resends, at start-up, entries a dead process left in sending, and leaves a live one alone', async () => {
    const [remote, dead, unnamed] = [
      journal.append(sale(1)),
      journal.append(sale(2)),
      journal.append(sale(3)),
    ];
    journal.claim(remote.id, 'app@another-terminal:1:ab', 60_000);
    journal.claim(dead.id, `app@${hostname()}:999999:ab`, 60_000);
    journal.claim(unnamed.id, 'not an owner name', 60_000);
    const fresh = newEngine(fast, 'ccpos');
    expect(journal.list({ state: 'sending' }).entries.map((e) => e.id)).toEqual([remote.id]);
    const report = await fresh.drain();
    expect(report.synced).toEqual([dead.id, unnamed.id]);
    expect(journal.transitions(dead.id).map((t) => t.cause)).toContain(
      `sender app@${hostname()}:999999:ab is gone`,
    );
  });
});

describe('when the journal cannot keep the sale', () => {
  it('throws the typed error and sends nothing', async () => {
    journal.close();
    journal = Journal.open(join(temp.dir, 'small.db'), { maxPageCount: 40 });
    const small = newEngine();
    port.fallback = 'down';
    let refusal: unknown;
    for (let i = 0; i < 10_000 && !refusal; i++) {
      const input = sale(i);
      (input.request.body as { padding?: string }).padding = 'x'.repeat(3000);
      const sendsBefore = port.sends.length;
      try {
        await small.close(input);
      } catch (error) {
        refusal = error;
        expect(port.sends.length).toBe(sendsBefore);
      }
    }
    expect(refusal).toBeInstanceOf(JournalUnavailableError);
    expect((refusal as JournalUnavailableError).problem).toBe('disk-full');
  });
});

describe('retention', () => {
  it('purges synced entries past the retention once started, keeping the rest', async () => {
    let clock = Date.now();
    journal.close();
    journal = Journal.open(join(temp.dir, 'aged.db'), { now: () => clock });
    const aged = new SyncEngine({
      journal,
      port,
      policy: { ...fast, syncedRetentionDays: 1 },
      now: () => clock,
    });
    engines.push(aged);
    const old = await aged.close(sale(1));
    port.script = ['voucher-refused'];
    const refused = await aged.close(sale(2));
    clock += 2 * 86_400_000;
    aged.start();
    for (let i = 0; i < 100 && journal.get(old.entry.id) !== null; i++) await wait(5);
    expect(journal.get(old.entry.id)).toBeNull();
    expect(journal.get(refused.entry.id)?.state).toBe('rejected');
    expect(journal.audit().at(-1)).toMatchObject({ action: 'purge', actor: 'system', detail: { count: 1 } });
  });
});

describe('alerts', () => {
  it('warns once about an entry pending longer than the threshold', async () => {
    const alerts: SyncAlert[] = [];
    const slow = newEngine({ ...fast, pendingAlertMs: 1 });
    slow.on('alert', (a) => alerts.push(a));
    port.fallback = 'down';
    port.probeAnswer = 'down';
    for (let i = 0; i < 3; i++) await slow.close(sale(i));
    await wait(5);
    slow.start();
    for (let i = 0; i < 100 && alerts.length < 3; i++) await wait(5);
    await wait(20);
    expect(
      alerts
        .filter((a) => a.kind === 'pending-too-long')
        .map((a) => a.entryId)
        .sort(),
    ).toEqual(journal.list({}).entries.map((e) => e.id));
  });
});
