// The journal's side of the manager's paging: pages after and before an id, each filter's total
// from the counts kept per state and kind, and migration 018 on a journal that already holds entries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { migrations } from '../../electron/journal/migrations/index.ts';
import { sql as keysetAndCardTail } from '../../electron/journal/migrations/018-keyset-and-card-tail.ts';
import type { EntryFilter } from '../../electron/journal/types.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir()));
afterEach(() => temp.cleanup());

describe('pages by id', () => {
  it('reads the entries after an id and just before one, oldest first, with the filter total', () => {
    const journal = Journal.open(join(temp.dir, 'journal.db'));
    try {
      const ids = Array.from({ length: 12 }, (_, i) =>
        journal.append(purchaseEntry({ ...(i % 2 === 0 ? { cardNumber: `200000000${1000 + i}` } : {}) })),
      ).map((e) => e.id);
      const cancel = journal.append(
        purchaseEntry({ kind: 'cancellation', idempotencyKey: 'C1', billId: 'C1', dependsOn: ids[0]! }),
      );
      journal.void(ids[3]!, 'wrong till', 'manager');
      const page = (filter: EntryFilter, at: { after?: number; before?: number }) =>
        journal.list(filter, { limit: 3, offset: 0, ...at });
      expect(page({}, { after: ids[4]! }).entries.map((e) => e.id)).toEqual(ids.slice(5, 8));
      expect(page({}, { before: ids[4]! }).entries.map((e) => e.id)).toEqual(ids.slice(1, 4));
      expect(page({}, { before: Number.MAX_SAFE_INTEGER }).entries.map((e) => e.id)).toEqual([
        ids[10],
        ids[11],
        cancel.id,
      ]);
      expect(page({}, { before: ids[1]! }).entries.map((e) => e.id)).toEqual([ids[0]]);
      expect(page({ state: 'voided' }, { after: 0 })).toMatchObject({ total: 1, entries: [{ id: ids[3] }] });
      expect(page({ kind: 'cancellation' }, { before: Number.MAX_SAFE_INTEGER })).toMatchObject({
        total: 1,
        entries: [{ id: cancel.id }],
      });
      expect(page({ kind: 'purchase', state: 'pending' }, { after: 0 }).total).toBe(11);
      const cards = page({ anyOf: { cardDigits: '1004' } }, { after: 0 });
      expect(cards).toMatchObject({ total: 1, entries: [{ id: ids[4] }] });
      expect(page({ anyOf: { cardDigits: '0000001010' } }, { after: ids[10]! }).entries).toEqual([]);
      expect(
        page({ anyOf: { cardDigits: '0000001010' } }, { after: ids[8]! }).entries.map((e) => e.id),
      ).toEqual([ids[10]]);
    } finally {
      journal.close();
    }
  });
});

describe('migration 018', () => {
  it('counts the entries a journal already held by state and kind, and finds their cards by the last digits', () => {
    const file = join(temp.dir, 'old.db');
    const at = migrations.indexOf(keysetAndCardTail);
    expect(at).toBe(17);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    for (const step of migrations.slice(0, at)) db.exec(step);
    db.pragma(`user_version = ${at}`);
    const insert = db.prepare(
      `INSERT INTO entries (kind, idempotency_key, bill_id, request, store_id, cashdesk, operator, card_number, state,
         next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, '{"method":"POST","path":"/p","body":{}}', 's', 1, 'o', ?, ?, 1, 1, 1)`,
    );
    insert.run('purchase', 'B1', 'B1', '2000000000015', 'pending');
    insert.run('purchase', 'B2', 'B2', '*********0015', 'synced');
    insert.run('purchase', 'B3', 'B3', null, 'voided');
    insert.run('cancellation', 'CB2', 'CB2', '*********0015', 'rejected');
    db.close();

    const journal = Journal.open(file);
    try {
      expect(journal.countsByState()).toEqual({ pending: 1, sending: 0, synced: 1, rejected: 1, voided: 1 });
      expect(journal.list({ kind: 'cancellation' }).total).toBe(1);
      expect(journal.list({ kind: 'purchase', state: ['synced', 'voided'] }).total).toBe(2);
      expect(journal.list({ anyOf: { cardDigits: '0015' } }).entries.map((e) => e.billId)).toEqual([
        'B1',
        'B2',
        'CB2',
      ]);
      const sale = journal.append(
        purchaseEntry({ kind: 'cancellation', idempotencyKey: 'C9', billId: 'C9' }),
      );
      journal.void(sale.id, 'test', 'manager');
      expect(journal.list({ kind: 'cancellation' }).counts).toMatchObject({ rejected: 1, voided: 1 });
    } finally {
      journal.close();
    }
  });
});
