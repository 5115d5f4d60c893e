// The manager's list pages by the last id it showed instead of an offset, and each of its
// filters reaches its entries through an index. Counts are kept per state and kind (replacing
// 017's per-state table; one row written per append either way, made when a state and kind
// first meet), so a kind filter's total reads a few rows. Voided entries and the kinds other
// than purchases get partial indexes in id order: a sale's append pays for neither. A card is
// searched by its last four digits through an expression index (a synced entry keeps only
// those); longer digits filter what it finds.
export const sql = `
DROP TRIGGER entry_counts_insert;
DROP TRIGGER entry_counts_delete;
DROP TRIGGER entry_counts_change;
DROP TABLE entry_counts;
CREATE TABLE entry_kind_counts (
  state TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (state, kind)
) WITHOUT ROWID;
INSERT INTO entry_kind_counts (state, kind, n)
  SELECT state, kind, COUNT(*) FROM entries GROUP BY state, kind;
CREATE TRIGGER entry_kind_counts_insert AFTER INSERT ON entries
BEGIN
  INSERT INTO entry_kind_counts (state, kind, n) VALUES (NEW.state, NEW.kind, 1)
  ON CONFLICT (state, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER entry_kind_counts_delete AFTER DELETE ON entries
BEGIN UPDATE entry_kind_counts SET n = n - 1 WHERE state = OLD.state AND kind = OLD.kind; END;
CREATE TRIGGER entry_kind_counts_change AFTER UPDATE OF state ON entries WHEN OLD.state != NEW.state
BEGIN
  UPDATE entry_kind_counts SET n = n - 1 WHERE state = OLD.state AND kind = OLD.kind;
  INSERT INTO entry_kind_counts (state, kind, n) VALUES (NEW.state, NEW.kind, 1)
  ON CONFLICT (state, kind) DO UPDATE SET n = n + 1;
END;
CREATE INDEX entries_voided ON entries (id) WHERE state = 'voided';
CREATE INDEX entries_other_kinds ON entries (kind, id) WHERE kind != 'purchase';
CREATE INDEX entries_card_tail ON entries (substr(card_number, -4)) WHERE card_number IS NOT NULL;
`;
