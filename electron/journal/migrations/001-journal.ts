// The journal: one row per write that must reach CareCloud, in journal order.

// Long lines are pieced together from these; the SQL text is byte for byte what journals already ran.
const kinds = "'purchase', 'cancellation', 'voucher-application', 'customer-signup', 'card-assignment'";

export const sql = `
CREATE TABLE entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
  updated_at INTEGER NOT NULL
);
CREATE INDEX entries_queue ON entries (state, next_attempt_at, id);
CREATE INDEX entries_created ON entries (created_at);
CREATE INDEX entries_customer ON entries (customer_id);

CREATE TABLE transitions (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  cause TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX transitions_entry ON transitions (entry_id);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  outcome TEXT,
  http_status INTEGER,
  error TEXT
);
CREATE INDEX attempts_entry ON attempts (entry_id);
`;
