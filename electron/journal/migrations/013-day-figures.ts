// The manager's dashboard reads today's sales and cancellations: one index by kind and time
// bounds those reads to the day asked for, whatever the journal's size (the query-plan test
// in test/journal/figures.test.ts holds them to it). Points CareCloud granted at the till are
// kept beside the payment, since the bill CareCloud receives does not carry them.
export const sql = `
CREATE INDEX entries_kind_created ON entries (kind, created_at);
ALTER TABLE till_payments ADD COLUMN points_earned INTEGER;
`;
