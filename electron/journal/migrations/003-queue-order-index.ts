// Claims walk the pending entries in journal order; an index in that order (only over
// pending rows) lets the claim stop at the first due entry instead of sorting the queue.
// State counts and the oldest queued entry come from a (state, created_at) index.
export const sql = `
DROP INDEX entries_queue;
CREATE INDEX entries_pending ON entries (id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX entries_state ON entries (state, created_at);
`;
