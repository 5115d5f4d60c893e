// Why the journal cannot keep a sale, as one sentence the till can show.
import { InvalidState, Unavailable } from '../domain/errors.ts';

export type JournalProblem =
  | 'disk-full'
  | 'read-only'
  | 'corrupt'
  | 'busy'
  | 'write-failed'
  | 'unavailable'
  | 'replaced'
  | 'sales-missing'
  | 'identity-damaged';

const sentences: Record<JournalProblem, string> = {
  'disk-full':
    'The disk holding the offline journal is full, so this terminal cannot keep sales while CareCloud is unreachable.',
  'read-only':
    'The offline journal folder is read-only, so this terminal cannot keep sales while CareCloud is unreachable.',
  corrupt:
    'The offline journal file is damaged, so this terminal cannot keep sales until it is repaired or restored.',
  'write-failed':
    'The offline journal could not be written (the disk may be full, over a size limit, ' +
    'or failing), so this terminal cannot keep sales while CareCloud is unreachable.',
  busy: 'The offline journal is locked by another program for too long, so this sale could not be recorded.',
  unavailable:
    'The offline journal cannot be opened, so this terminal cannot keep sales while CareCloud is unreachable.',
  replaced:
    'The offline journal is not the one this terminal kept (it was emptied, ' +
    'deleted or replaced), so this terminal takes no sales: ' +
    'put its journal.db back from a backup, or a manager accepts this journal with ' +
    '`ccpos journal adopt`, knowing the sales queued in the old one will not reach CareCloud from here.',
  'sales-missing':
    'The offline journal holds fewer sales than this terminal kept (an older copy was put back, ' +
    'or its write-ahead file was lost), so this terminal takes no sales: ' +
    'put the newest journal.db back, or a manager accepts this journal with `ccpos journal adopt`, ' +
    'knowing the missing sales will not reach CareCloud from here.',
  'identity-damaged':
    "The offline journal's identity record (journal.identity.json) is damaged, " +
    'so this terminal cannot tell whether its journal is complete and takes no sales: ' +
    'put the record back from a backup, or a manager accepts the journal as it is with `ccpos ' +
    'journal adopt`.',
};

/**
 * A manager's change refused because CareCloud may already have the entry: an earlier send of it got no clear answer.
 */
export class SendUncertainError extends InvalidState {
  override name = 'SendUncertainError';
}

export class JournalUnavailableError extends Unavailable {
  override name = 'JournalUnavailableError';
  constructor(
    readonly problem: JournalProblem,
    options?: ErrorOptions & { detail?: string },
  ) {
    super(
      'journal',
      options?.detail ? `${sentences[problem]} ${options.detail}` : sentences[problem],
      options,
    );
  }
}

/** Maps SQLite's error codes (better-sqlite3 puts them on `code`) to the problem a person can act on. */
export function journalProblemOf(error: unknown): JournalProblem | null {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (
    [
      'SQLITE_IOERR_WRITE',
      'SQLITE_IOERR_FSYNC',
      'SQLITE_IOERR_TRUNCATE',
      'SQLITE_IOERR_SHMSIZE',
      'EFBIG',
    ].includes(code)
  )
    return 'write-failed';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM')
    return 'unavailable';
  if (code === 'ENOSPC') return 'disk-full';
  if (code === 'EROFS' || code === 'EACCES') return 'read-only';
  return null;
}

/** Runs a journal operation and turns storage failures into JournalUnavailableError; other errors pass through. */
export function guarded<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof JournalUnavailableError) throw error;
    const problem = journalProblemOf(error);
    if (problem) throw new JournalUnavailableError(problem, { cause: error });
    throw error;
  }
}
