// Marks a manager should see on an entry, e.g. a voucher accepted offline from the pre-synced list.
export const sql = `
ALTER TABLE entries ADD COLUMN flags TEXT;
`;
