// The till's status line reads the queue after every sale: with this index and the
// pending one it counts only unsettled entries instead of scanning the whole journal.
// New sales enter it only while they are being sent, so appends do not pay for it.
export const sql = `
CREATE INDEX entries_unsettled ON entries (state, id) WHERE state IN ('sending', 'rejected');
`;
