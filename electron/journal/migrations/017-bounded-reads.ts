// The manager's page and the searches stay bounded at a million entries. Each state's count is
// kept by triggers in a table of five rows, so the page's counts read five rows instead of the
// journal. A sale's short code (the bill_id's last five characters, what a receipt prints) and
// a points claim's purchase (a customer assignment's external_purchase_id) are found through
// indexes on those expressions. A table rebuild (as in 016) drops the triggers: make them again.

// Long lines are pieced together from these; the SQL text is byte for byte what journals already ran.
const noneYet = "('pending', 0), ('sending', 0), ('synced', 0), ('rejected', 0), ('voided', 0)";
const purchaseId = "json_extract(request, '$.body.external_purchase_id')";

export const sql = `
CREATE TABLE entry_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO entry_counts (state, n) VALUES ${noneYet};
UPDATE entry_counts SET n = (SELECT COUNT(*) FROM entries WHERE entries.state = entry_counts.state);
CREATE TRIGGER entry_counts_insert AFTER INSERT ON entries
BEGIN UPDATE entry_counts SET n = n + 1 WHERE state = NEW.state; END;
CREATE TRIGGER entry_counts_delete AFTER DELETE ON entries
BEGIN UPDATE entry_counts SET n = n - 1 WHERE state = OLD.state; END;
CREATE TRIGGER entry_counts_change AFTER UPDATE OF state ON entries WHEN OLD.state != NEW.state
BEGIN
  UPDATE entry_counts SET n = n - 1 WHERE state = OLD.state;
  UPDATE entry_counts SET n = n + 1 WHERE state = NEW.state;
END;
CREATE INDEX entries_short_code ON entries (substr(bill_id, -5));
CREATE INDEX entries_assignment_purchase ON entries (${purchaseId}) WHERE kind = 'customer-assignment';
`;
