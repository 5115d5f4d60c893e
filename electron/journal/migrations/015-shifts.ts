// The lane's shifts: the opening float, cash put in and taken out, the closing count and
// the reports (X at any time, Z at the close). Sales and cancellations journaled while a
// shift is open are tied to it by the database itself, whoever appended them. Nothing of
// a closed shift can change: the triggers refuse it, whatever code asks.

// Long lines are pieced together from these; the SQL text is byte for byte what journals already ran.
const laneChanged =
  'NEW.id IS NOT OLD.id OR NEW.store_id IS NOT OLD.store_id OR NEW.cashdesk IS NOT OLD.cashdesk ' +
  'OR NEW.currency IS NOT OLD.currency';
const openingChanged =
  'NEW.opened_by IS NOT OLD.opened_by OR NEW.opened_at IS NOT OLD.opened_at ' +
  'OR NEW.opening_float_minor IS NOT OLD.opening_float_minor';
const zWritten = "EXISTS (SELECT 1 FROM shift_reports WHERE shift_id = OLD.id AND kind = 'Z')";

export const sql = `
CREATE TABLE shifts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  store_id TEXT NOT NULL,
  cashdesk INTEGER NOT NULL,
  currency TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  opening_float_minor INTEGER NOT NULL CHECK (opening_float_minor >= 0),
  closed_by TEXT,
  closed_at INTEGER,
  expected_cash_minor INTEGER,
  counted_cash_minor INTEGER,
  count_detail TEXT,
  approved_by TEXT,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  CHECK (closed_at IS NULL OR (expected_cash_minor IS NOT NULL AND counted_cash_minor IS NOT NULL))
);

CREATE INDEX shifts_open ON shifts (closed_at) WHERE closed_at IS NULL;

CREATE TABLE cash_movements (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES shifts(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  operator TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX cash_movements_shift ON cash_movements (shift_id);

-- No reference to entries: a purge of old synced entries must not reach a closed shift.
CREATE TABLE shift_entries (
  entry_id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES shifts(id)
);
CREATE INDEX shift_entries_shift ON shift_entries (shift_id);

CREATE TABLE shift_reports (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES shifts(id),
  kind TEXT NOT NULL CHECK (kind IN ('X', 'Z')),
  at INTEGER NOT NULL,
  made_by TEXT NOT NULL,
  report TEXT NOT NULL
);
CREATE INDEX shift_reports_shift ON shift_reports (shift_id);
CREATE UNIQUE INDEX shift_reports_one_z ON shift_reports (shift_id) WHERE kind = 'Z';

CREATE TRIGGER shifts_one_open BEFORE INSERT ON shifts
WHEN EXISTS (SELECT 1 FROM shifts WHERE closed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'shift_already_open'); END;

CREATE TRIGGER shifts_opened_closed BEFORE INSERT ON shifts
WHEN NEW.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'shift_closed'); END;

CREATE TRIGGER shifts_closed_stay BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'shift_closed'); END;

-- An open shift changes only by closing: its float, lane and opener stay as opened.
CREATE TRIGGER shifts_open_fixed BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NULL AND (${laneChanged}
  OR ${openingChanged} OR NEW.closed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'shift_fixed'); END;

-- A close needs its Z report first, in the same commit.
CREATE TRIGGER shifts_close_has_z BEFORE UPDATE ON shifts
WHEN OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL AND NOT ${zWritten}
BEGIN SELECT RAISE(ABORT, 'shift_needs_z'); END;

CREATE TRIGGER shifts_kept BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shift_kept'); END;

CREATE TRIGGER cash_movements_open_shift BEFORE INSERT ON cash_movements
WHEN NOT EXISTS (SELECT 1 FROM shifts WHERE id = NEW.shift_id AND closed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'shift_closed'); END;

CREATE TRIGGER cash_movements_fixed BEFORE UPDATE ON cash_movements
BEGIN SELECT RAISE(ABORT, 'cash_movement_fixed'); END;

CREATE TRIGGER cash_movements_kept BEFORE DELETE ON cash_movements
BEGIN SELECT RAISE(ABORT, 'cash_movement_fixed'); END;

CREATE TRIGGER shift_entries_open_shift BEFORE INSERT ON shift_entries
WHEN NOT EXISTS (SELECT 1 FROM shifts WHERE id = NEW.shift_id AND closed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'shift_closed'); END;

CREATE TRIGGER shift_entries_fixed BEFORE UPDATE ON shift_entries
BEGIN SELECT RAISE(ABORT, 'shift_entry_fixed'); END;

CREATE TRIGGER shift_entries_kept BEFORE DELETE ON shift_entries
BEGIN SELECT RAISE(ABORT, 'shift_entry_fixed'); END;

CREATE TRIGGER shift_reports_open_shift BEFORE INSERT ON shift_reports
WHEN NOT EXISTS (SELECT 1 FROM shifts WHERE id = NEW.shift_id AND closed_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'shift_closed'); END;

CREATE TRIGGER shift_reports_fixed BEFORE UPDATE ON shift_reports
BEGIN SELECT RAISE(ABORT, 'shift_report_fixed'); END;

CREATE TRIGGER shift_reports_kept BEFORE DELETE ON shift_reports
BEGIN SELECT RAISE(ABORT, 'shift_report_fixed'); END;

-- Every sale and cancellation journaled while a shift is open belongs to it.
CREATE TRIGGER entries_join_shift AFTER INSERT ON entries
WHEN NEW.kind IN ('purchase', 'cancellation')
BEGIN INSERT INTO shift_entries (entry_id, shift_id) SELECT NEW.id, id FROM shifts WHERE closed_at IS NULL; END;
`;
