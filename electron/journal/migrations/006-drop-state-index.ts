// The state index cost every sale's commit more than it saved: queue counts are read a
// few times a second at most, and a scan of a retention-sized journal is cheap.
export const sql = `
DROP INDEX entries_state;
`;
