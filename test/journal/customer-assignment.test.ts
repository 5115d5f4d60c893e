// The customer-assignment kind (points claimed later): a journal of the schema before it takes
// it after migration 016 with its entries, links, indexes and triggers kept, and finds a
// sale's assignments.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal } from '../../electron/journal/journal.ts';
import { migrations } from '../../electron/journal/migrations/index.ts';
import { sql as customerAssignment } from '../../electron/journal/migrations/016-customer-assignment.ts';
import { writeEntry } from '../../electron/sync/closure.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let journal: Journal | null = null;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => {
  journal?.close();
  journal = null;
  temp.cleanup();
});

const assignment = (billId: string, customerId: string) =>
  writeEntry({
    kind: 'customer-assignment',
    body: { store_id: 's', external_purchase_id: billId, customer_id: customerId },
    storeId: 's',
    cashdesk: 1,
    operator: 'o',
    customerId,
  });

describe('customer assignments in the journal', () => {
  it('migrates a journal of the schema before, keeping entries, links, indexes, triggers; takes the new kind', () => {
    const before = migrations.indexOf(customerAssignment);
    expect(before).toBeGreaterThan(0);
    const file = join(temp.dir, 'old.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    for (const step of migrations.slice(0, before)) db.exec(step);
    db.pragma(`user_version = ${before}`);
    const shape = (d: Database.Database) =>
      d
        .prepare(
          'SELECT type, name, sql FROM sqlite_master ' +
            "WHERE tbl_name = 'entries' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name",
        )
        .all();
    const shapeBefore = shape(db);
    db.exec(
      `INSERT INTO entries (id, kind, idempotency_key, bill_id, request, store_id, cashdesk, ` +
        `operator, state, next_attempt_at, created_at, updated_at) ` +
        `VALUES (1, 'purchase', 'B1', 'B1', '{"method":"POST","path":"/p","body":{}}', 's', 1, ` +
        `'o', 'pending', 1, 1, 1)`,
    );
    db.exec(
      `INSERT INTO entries (id, kind, idempotency_key, bill_id, request, store_id, cashdesk, operator, ` +
        `state, next_attempt_at, created_at, updated_at, depends_on) ` +
        `VALUES (2, 'cancellation', 'CB1', 'CB1', '{"method":"POST","path":"/p","body":{}}', 's', 1, ` +
        `'o', 'pending', 1, 1, 1, 1)`,
    );
    expect(() =>
      db.exec(
        `INSERT INTO entries (kind, idempotency_key, request, store_id, cashdesk, ` +
          `operator, state, next_attempt_at, created_at, updated_at) ` +
          `VALUES ('customer-assignment', 'A1', '{}', 's', 1, 'o', 'pending', 1, 1, 1)`,
      ),
    ).toThrow(/CHECK/);
    db.close();

    journal = Journal.open(file, { now: () => 1_800_000_000_000 });
    expect(journal.get(2)).toMatchObject({ billId: 'CB1', dependsOn: 1 });
    // The counts kept since migration 017 start from the entries the journal already held.
    expect(journal.countsByState()).toEqual({ pending: 2, sending: 0, synced: 0, rejected: 0, voided: 0 });
    const added = journal.append({ ...assignment('B1', 'cust-9'), dependsOn: 1 });
    expect(added).toMatchObject({
      kind: 'customer-assignment',
      state: 'pending',
      dependsOn: 1,
      customerId: 'cust-9',
      billId: null,
    });
    expect(journal.assignmentsOf('B1').map((e) => e.id)).toEqual([added.id]);
    expect(journal.list({ state: 'pending' }).total).toBe(3);
    journal.close();
    const check = new Database(file);
    const shapeAfter = shape(check);
    check.close();
    // Its indexes and triggers are all still there, and it has exactly those of a new journal (later migrations add
    // more).
    expect(shapeAfter).toEqual(expect.arrayContaining(shapeBefore));
    const fresh = new Database(join(temp.dir, 'fresh.db'));
    for (const step of migrations) fresh.exec(step);
    expect(shapeAfter).toEqual(shape(fresh));
    fresh.close();
    journal = null;
  });

  it("lists only the sale's own assignments, oldest first, and waits for its sale", () => {
    journal = Journal.open(join(temp.dir, 'journal.db'), { now: () => 1_800_000_000_000 });
    const sale = journal.append(purchaseEntry({ customerId: undefined }));
    const other = journal.append(purchaseEntry({ customerId: undefined }));
    const first = journal.append({ ...assignment(sale.billId!, 'a'), dependsOn: sale.id });
    journal.append(assignment(other.billId!, 'b'));
    const second = journal.append({ ...assignment(sale.billId!, 'c'), dependsOn: sale.id });
    expect(journal.assignmentsOf(sale.billId!).map((e) => [e.id, e.customerId])).toEqual([
      [first.id, 'a'],
      [second.id, 'c'],
    ]);
    expect(journal.assignmentsOf('nothing')).toEqual([]);
    // Linked to a sale not yet in CareCloud, the assignment cannot be claimed.
    expect(journal.claim(first.id, 'p', 1000)).toBeNull();
  });
});
