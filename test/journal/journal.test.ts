import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { SCHEMA_VERSION } from '../../electron/journal/database.ts';
import { migrations } from '../../electron/journal/migrations/index.ts';
import Database from 'better-sqlite3';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let clock: number;
let journal: Journal;
const open = () => Journal.open(join(temp.dir, 'journal.db'), { now: () => clock });

beforeEach(() => {
  temp = tempDir();
  clock = 1_800_000_000_000;
  journal = open();
});
afterEach(() => {
  journal.close();
  temp.cleanup();
});

describe('opening', () => {
  it('uses WAL with synchronous FULL and records the schema version', () => {
    journal.close();
    const db = new Database(join(temp.dir, 'journal.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    journal = open();
    expect(journal.stats().queued).toBe(0);
  });

  it('keeps entries across a reopen', () => {
    const entry = journal.append(purchaseEntry());
    journal.close();
    journal = open();
    expect(journal.get(entry.id)?.billId).toBe(entry.billId);
  });

  it('refuses a journal from a newer schema', () => {
    journal.close();
    const db = new Database(join(temp.dir, 'journal.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => open()).toThrow(/newer version/);
    journal = Journal.open(join(temp.dir, 'other.db'));
  });
});

describe('append', () => {
  it('fixes the request, bill_id and payment_time and records the first transition', () => {
    const input = purchaseEntry();
    const entry = journal.append(input);
    expect(entry).toMatchObject({
      state: 'pending',
      billId: input.billId,
      paymentTime: input.paymentTime,
      operator: 'cashier-7',
      cashdesk: 3,
      attemptCount: 0,
    });
    expect(entry.request).toEqual(input.request);
    expect(journal.transitions(entry.id)).toEqual([
      { at: clock, from: null, to: 'pending', cause: 'recorded', actor: 'cashier-7' },
    ]);
  });

  it('refuses a second entry with the same bill_id', () => {
    const input = purchaseEntry();
    journal.append(input);
    expect(() => journal.append(input)).toThrow(/UNIQUE/);
    expect(journal.stats().queued).toBe(1);
  });

  it('can claim the new entry in the same commit for the online path', () => {
    const claim = journal.appendAndClaim(purchaseEntry(), 'till', 30_000);
    expect(claim.entry).toMatchObject({
      state: 'sending',
      leaseOwner: 'till',
      leaseExpiresAt: clock + 30_000,
      attemptCount: 1,
    });
    expect(journal.claimNext('other', 30_000)).toBeNull();
  });
});

describe('claims and results', () => {
  it('hands out entries in journal order, one owner at a time', () => {
    const a = journal.append(purchaseEntry());
    const b = journal.append(purchaseEntry());
    const first = journal.claimNext('p1', 10_000);
    const second = journal.claimNext('p2', 10_000);
    expect(first?.entry.id).toBe(a.id);
    expect(second?.entry.id).toBe(b.id);
    expect(journal.claimNext('p3', 10_000)).toBeNull();
  });

  it('keeps a cancellation back until its purchase is synced', () => {
    const purchase = journal.append(purchaseEntry());
    const cancel = journal.append(purchaseEntry({ kind: 'cancellation', dependsOn: purchase.id }));
    journal.finish(journal.claimNext('p', 10_000)!, 'p', {
      kind: 'retry',
      outcome: 'transport',
      nextAttemptAt: clock + 5_000,
      httpStatus: null,
      error: 'refused',
    });
    expect(journal.claimNext('p', 10_000)).toBeNull();
    expect(journal.claim(cancel.id, 'p', 10_000)).toBeNull();
    clock += 5_000;
    const claim = journal.claimNext('p', 10_000)!;
    expect(claim.entry.id).toBe(purchase.id);
    journal.finish(claim, 'p', { kind: 'synced', remoteId: 'pur-1', outcome: 'synced', httpStatus: 201 });
    expect(journal.claimNext('p', 10_000)?.entry.id).toBe(cancel.id);
  });

  it('records synced, rejected and retry with attempts and transitions', () => {
    const a = journal.append(purchaseEntry());
    const b = journal.append(purchaseEntry());
    const c = journal.append(purchaseEntry());
    journal.finish(journal.claimNext('p', 10_000)!, 'p', {
      kind: 'synced',
      remoteId: 'pur-1',
      outcome: 'synced',
      httpStatus: 201,
    });
    journal.finish(journal.claimNext('p', 10_000)!, 'p', {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_not_allowed_in_store' }],
      httpStatus: 400,
      error: 'refused',
    });
    journal.finish(journal.claimNext('p', 10_000)!, 'p', {
      kind: 'retry',
      outcome: 'server',
      nextAttemptAt: clock + 1000,
      httpStatus: 503,
      error: 'CareCloud 503',
    });
    expect(journal.get(a.id)).toMatchObject({ state: 'synced', remoteId: 'pur-1', leaseOwner: null });
    expect(journal.get(b.id)).toMatchObject({
      state: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'voucher_not_allowed_in_store' }],
    });
    expect(journal.get(c.id)).toMatchObject({
      state: 'pending',
      nextAttemptAt: clock + 1000,
      lastError: 'CareCloud 503',
    });
    expect(journal.attempts(c.id)).toEqual([
      expect.objectContaining({ outcome: 'server', httpStatus: 503, owner: 'p' }),
    ]);
    expect(journal.transitions(b.id).map((t) => t.to)).toEqual(['pending', 'sending', 'rejected']);
    expect(journal.stats()).toMatchObject({ queued: 1, counts: { rejected: 1, pending: 1, sending: 0 } });
    expect(journal.countsByState()).toEqual({ synced: 1, rejected: 1, pending: 1, sending: 0, voided: 0 });
  });

  it('ignores a failure reported by a sender that lost its lease, but keeps a success', () => {
    const entry = journal.append(purchaseEntry());
    const stale = journal.claimNext('p1', 1_000)!;
    clock += 2_000;
    expect(journal.releaseStaleClaims(() => true)).toBe(1);
    const fresh = journal.claimNext('p2', 1_000)!;
    journal.finish(stale, 'p1', {
      kind: 'retry',
      outcome: 'timeout',
      nextAttemptAt: clock + 60_000,
      httpStatus: null,
      error: 'timed out',
    });
    expect(journal.get(entry.id)).toMatchObject({ state: 'sending', leaseOwner: 'p2' });
    journal.finish(stale, 'p1', { kind: 'synced', remoteId: 'pur-9', outcome: 'synced', httpStatus: 201 });
    expect(journal.get(entry.id)).toMatchObject({ state: 'synced', remoteId: 'pur-9' });
    journal.finish(fresh, 'p2', {
      kind: 'synced',
      remoteId: null,
      outcome: 'already-landed',
      httpStatus: 400,
    });
    expect(journal.get(entry.id)).toMatchObject({ state: 'synced', remoteId: 'pur-9' });
  });

  it('puts back claims of dead owners at once and of live owners only when the lease ran out', () => {
    const a = journal.append(purchaseEntry());
    const b = journal.append(purchaseEntry());
    journal.claimNext('dead', 60_000);
    journal.claimNext('alive', 60_000);
    expect(journal.releaseStaleClaims((owner) => owner === 'alive')).toBe(1);
    expect(journal.get(a.id)?.state).toBe('pending');
    expect(journal.get(b.id)?.state).toBe('sending');
    expect(journal.attempts(a.id)[0]?.outcome).toBe('abandoned');
    clock += 60_000;
    expect(journal.releaseStaleClaims(() => true)).toBe(1);
    expect(journal.get(b.id)?.state).toBe('pending');
  });

  it('never gives one entry to two connections claiming at once', () => {
    const other = open();
    for (let i = 0; i < 50; i++) journal.append(purchaseEntry());
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      const x = journal.claimNext('a', 60_000);
      const y = other.claimNext('b', 60_000);
      if (x) seen.push(x.entry.id);
      if (y) seen.push(y.entry.id);
    }
    other.close();
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });
});

describe('manager changes', () => {
  it('voids with a reason and records who did it', () => {
    const entry = journal.append(purchaseEntry());
    const voided = journal.void(entry.id, 'duplicate sale', 'manager-anna');
    expect(voided).toMatchObject({ state: 'voided', voidReason: 'duplicate sale', voidedBy: 'manager-anna' });
    expect(journal.audit(entry.id)).toEqual([
      expect.objectContaining({
        actor: 'manager-anna',
        action: 'void',
        detail: expect.objectContaining({ reason: 'duplicate sale', previousState: 'pending' }),
      }),
    ]);
    expect(() => journal.void(entry.id, 'again', 'manager-anna')).toThrow(/only pending or rejected/);
    expect(() => journal.void(entry.id, 'x', ' ')).toThrow(/who does it/);
  });

  it('retries a backed-off or rejected entry now', () => {
    const entry = journal.append(purchaseEntry());
    journal.finish(journal.claimNext('p', 1000)!, 'p', {
      kind: 'rejected',
      reasons: [{ name: 'store_id', reason: 'not_found' }],
      httpStatus: 400,
      error: 'no store',
    });
    const retried = journal.retryNow(entry.id, 'manager-anna');
    expect(retried).toMatchObject({ state: 'pending', nextAttemptAt: clock });
    expect(journal.transitions(entry.id).at(-1)).toMatchObject({
      from: 'rejected',
      to: 'pending',
      actor: 'manager-anna',
    });
  });

  it('links a replacement to the rejected original and voids the original', () => {
    const original = journal.append(purchaseEntry());
    journal.finish(journal.claimNext('p', 1000)!, 'p', {
      kind: 'rejected',
      reasons: [{ name: 'benefit_codes', reason: 'unauthorized_use_vouchers' }],
      httpStatus: 400,
      error: 'voucher',
    });
    const replacement = journal.appendReplacement(original.id, purchaseEntry(), 'manager-anna', {
      dropped: ['vouchers'],
    });
    expect(replacement).toMatchObject({ replaces: original.id, state: 'pending' });
    expect(journal.get(original.id)).toMatchObject({ state: 'voided', voidedBy: 'manager-anna' });
    expect(journal.audit(original.id)[0]).toMatchObject({
      action: 'resend',
      detail: { newEntryId: replacement.id, dropped: ['vouchers'] },
    });
    expect(() => journal.appendReplacement(original.id, purchaseEntry(), 'manager-anna', {})).toThrow(
      /only a rejected/,
    );
  });

  it('filters, pages and counts per state', () => {
    for (let i = 0; i < 5; i++) journal.append(purchaseEntry({ customerId: i % 2 ? 'odd' : 'even' }));
    journal.finish(journal.claimNext('p', 1000)!, 'p', {
      kind: 'synced',
      remoteId: 'x',
      outcome: 'synced',
      httpStatus: 201,
    });
    const page = journal.list({ customerId: 'even', state: 'pending' }, { limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.entries).toHaveLength(1);
    expect(page.counts).toMatchObject({ pending: 2, synced: 1 });
    const one = journal.list({ billId: page.entries[0]!.billId! });
    expect(one.total).toBe(1);
  });
});

describe('retention', () => {
  it('purges old synced entries, keeps rejected and voided ones until exported, and audits the purge', () => {
    const synced = journal.append(purchaseEntry());
    const rejected = journal.append(purchaseEntry());
    const voided = journal.append(purchaseEntry());
    journal.finish(journal.claimNext('p', 1000)!, 'p', {
      kind: 'synced',
      remoteId: 'x',
      outcome: 'synced',
      httpStatus: 201,
    });
    journal.finish(journal.claimNext('p', 1000)!, 'p', {
      kind: 'rejected',
      reasons: [],
      httpStatus: 400,
      error: 'no',
    });
    journal.void(voided.id, 'test', 'manager-anna');
    clock += 31 * 86_400_000;
    expect(journal.purge(30)).toBe(1);
    expect(journal.get(synced.id)).toBeNull();
    expect(journal.get(rejected.id)?.state).toBe('rejected');
    journal.markExported([rejected.id, voided.id], 'manager-anna', 'csv');
    clock += 31 * 86_400_000;
    expect(journal.purge(30)).toBe(1);
    expect(journal.get(rejected.id)).toBeNull();
    // The newest entry always stays, so its id is never handed out again.
    expect(journal.get(voided.id)).not.toBeNull();
    expect(journal.audit().map((a) => a.action)).toEqual(['void', 'purge', 'export', 'purge']);
  });
});

describe('upgrading', () => {
  it('keeps entries, history and links when an older journal is migrated', () => {
    journal.close();
    const file = join(temp.dir, 'old.db');
    // A journal as schema 6 wrote it (AUTOINCREMENT ids), with a cancellation linked to its purchase.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    for (const step of migrations.slice(0, 6)) db.exec(step);
    db.pragma('user_version = 6');
    db.exec(
      `INSERT INTO entries (kind, idempotency_key, bill_id, request, store_id, cashdesk, ` +
        `operator, state, next_attempt_at, created_at, updated_at) ` +
        `VALUES ('purchase', 'B1', 'B1', '{"method":"POST","path":"/p","body":{}}', 's', 1, ` +
        `'o', 'synced', 1, 1, 1)`,
    );
    db.exec(
      `INSERT INTO entries (kind, idempotency_key, bill_id, request, store_id, cashdesk, operator, ` +
        `state, next_attempt_at, created_at, updated_at, depends_on) ` +
        `VALUES ('cancellation', 'CB1', 'CB1', '{"method":"POST","path":"/p","body":{}}', 's', 1, ` +
        `'o', 'pending', 1, 1, 1, 1)`,
    );
    db.exec(
      `INSERT INTO transitions (entry_id, at, from_state, to_state, cause, actor) ` +
        `VALUES (1, 1, 'sending', 'synced', 'accepted by CareCloud', 'o')`,
    );
    db.close();
    journal = Journal.open(file, { now: () => clock });
    expect(journal.get(2)).toMatchObject({ billId: 'CB1', dependsOn: 1, state: 'pending' });
    expect(journal.transitions(1).map((t) => t.to)).toEqual(['pending', 'synced']);
    expect(journal.claimNext('p', 1000)?.entry.billId).toBe('CB1');
    expect(journal.append(purchaseEntry()).id).toBe(3);
  });

  it('never hands out an id again after a purge', () => {
    const a = journal.append(purchaseEntry());
    const b = journal.append(purchaseEntry());
    for (let i = 0; i < 2; i++)
      journal.finish(journal.claimNext('p', 1000)!, 'p', {
        kind: 'synced',
        remoteId: 'x',
        outcome: 'synced',
        httpStatus: 201,
      });
    clock += 40 * 86_400_000;
    expect(journal.purge(30)).toBe(1);
    expect(journal.get(a.id)).toBeNull();
    expect(journal.get(b.id)).not.toBeNull();
    expect(journal.append(purchaseEntry()).id).toBe(b.id + 1);
  });
});
