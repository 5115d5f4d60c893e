// Manager actions and exports; audit rows outlive the entries they name.
export const sql = `
ALTER TABLE entries ADD COLUMN replaces INTEGER REFERENCES entries(id);
ALTER TABLE entries ADD COLUMN exported_at INTEGER;

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entry_id INTEGER,
  detail TEXT NOT NULL
);
CREATE INDEX audit_entry ON audit (entry_id);
`;
