// What the customer paid for a till sale (card, cash rounded, handed over, change), which
// CareCloud's bill cannot hold: recent sales show it before a manager cancels one.
export const sql = `
CREATE TABLE till_payments (
  entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  paid_minor INTEGER NOT NULL,
  settlement TEXT NOT NULL
);
`;
