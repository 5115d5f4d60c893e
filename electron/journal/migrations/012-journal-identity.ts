// A random id for this journal file, kept in it and in the identity record beside it
// (identity.ts): a file emptied, replaced or restored from another copy no longer
// carries the id the terminal expects. The id itself is written when the journal opens.
export const sql = `
CREATE TABLE journal_identity (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  file_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);`;
