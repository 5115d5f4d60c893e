// Where a page of the manager's queue starts: main writes the cursor into each page it answers
// (the next, previous and last page) and the screen only hands one back. Whatever text comes
// back is read here and nowhere else; anything but a cursor main could have written is refused.
export type QueueCursor = { at: 'after'; id: number } | { at: 'before'; id: number } | { at: 'last' };

const CURSOR = /^(?:(after|before)\.([1-9]\d{0,15})|last)$/;

/** Longer than any cursor main writes. */
export const QUEUE_CURSOR_MAX = 24;

export function readQueueCursor(text: string): QueueCursor | null {
  const match = text.length <= QUEUE_CURSOR_MAX ? CURSOR.exec(text) : null;
  if (!match) return null;
  if (!match[1]) return { at: 'last' };
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  return { at: match[1] as 'after' | 'before', id };
}

export function queueCursorText(cursor: QueueCursor): string {
  return cursor.at === 'last' ? 'last' : `${cursor.at}.${cursor.id}`;
}
