// Every index is paid for on each sale's commit. Date and customer filters are manager
// look-ups over a journal that retention keeps small, so they scan instead.
export const sql = `
DROP INDEX entries_created;
DROP INDEX entries_customer;
`;
