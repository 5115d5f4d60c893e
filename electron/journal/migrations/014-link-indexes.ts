// Reads that follow a link between entries (a cancellation to its sale, a resend to the entry
// it replaces) or a customer's entries are held to an index, so their cost does not grow with
// the journal. The link indexes are partial: most entries link nothing and cost nothing to append.
export const sql = `
CREATE INDEX entries_depends_on ON entries (depends_on) WHERE depends_on IS NOT NULL;
CREATE INDEX entries_replaces ON entries (replaces) WHERE replaces IS NOT NULL;
CREATE INDEX entries_customer ON entries (customer_id) WHERE customer_id IS NOT NULL;
`;
