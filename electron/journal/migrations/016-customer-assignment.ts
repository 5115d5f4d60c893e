// A customer given to a closed purchase afterwards (points claimed later) is a write of its
// own kind. The kind list is a CHECK constraint, which ALTER TABLE cannot change: the table is
// rebuilt the way SQLite documents (as in 007); its indexes and the shift trigger (015) go
// with the old table and are made again exactly as they were.

// Long lines are pieced together from these; the SQL text is byte for byte what journals already ran.
const kinds =
  "'purchase', 'cancellation', 'voucher-application', 'customer-signup', 'card-assignment', " +
  "'customer-assignment'";
const columns =
  'id, kind, idempotency_key, bill_id, request, payment_time, store_id, cashdesk, operator, customer_id, ' +
  'card_number, depends_on, state, remote_id, reasons, void_reason, voided_by, attempt_count, next_attempt_at, ' +
  'last_error, lease_owner, lease_expires_at, created_at, updated_at, replaces, exported_at, flags';

export const sql = `
CREATE TABLE entries_rebuilt (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN (${kinds})),
  idempotency_key TEXT NOT NULL UNIQUE,
  bill_id TEXT UNIQUE,
  request TEXT NOT NULL,
  payment_time TEXT,
  store_id TEXT NOT NULL,
  cashdesk INTEGER NOT NULL,
  operator TEXT NOT NULL,
  customer_id TEXT,
  card_number TEXT,
  depends_on INTEGER REFERENCES entries(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'synced', 'rejected', 'voided')),
  remote_id TEXT,
  reasons TEXT,
  void_reason TEXT,
  voided_by TEXT,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  replaces INTEGER REFERENCES entries(id),
  exported_at INTEGER,
  flags TEXT
);
INSERT INTO entries_rebuilt (${columns})
  SELECT ${columns} FROM entries;
DROP TABLE entries;
ALTER TABLE entries_rebuilt RENAME TO entries;
CREATE INDEX entries_pending ON entries (id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX entries_unsettled ON entries (state, id) WHERE state IN ('sending', 'rejected');
CREATE INDEX entries_kind_created ON entries (kind, created_at);
CREATE INDEX entries_depends_on ON entries (depends_on) WHERE depends_on IS NOT NULL;
CREATE INDEX entries_replaces ON entries (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX entries_customer ON entries (customer_id) WHERE customer_id IS NOT NULL;
CREATE TRIGGER entries_join_shift AFTER INSERT ON entries
WHEN NEW.kind IN ('purchase', 'cancellation')
BEGIN INSERT INTO shift_entries (entry_id, shift_id) SELECT NEW.id, id FROM shifts WHERE closed_at IS NULL; END;
`;
