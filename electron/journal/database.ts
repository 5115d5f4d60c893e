// Opens the journal's SQLite file durably: WAL, synchronous FULL (a commit is on
// disk before the sale is reported closed), migrations, and an integrity check.
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, prepareDatabaseFile } from '../config/file-modes.ts';
import { guarded, JournalUnavailableError } from './errors.ts';
import { checkedBeforeOpen, checkIntegrityNow } from './integrity.ts';
import { checkIdentity, ensureFileId, type JournalIdentity } from './identity.ts';
import { migrations } from './migrations/index.ts';
import type { JournalDatabase } from './connection.ts';

export type { JournalDatabase } from './connection.ts';

export interface OpenOptions {
  /** Caps the file size in pages (tests use it to simulate a full disk). */
  maxPageCount?: number;
  /** How long a writer waits for another process holding the lock. */
  busyTimeoutMs?: number;
  /** The identity record beside the file: the database must be the one it names (identity.ts). */
  expectedIdentity?: JournalIdentity | null;
  /**
   * When SQLite's integrity check runs: before opening (the default), or for a large journal in the background
   * (integrity.ts).
   */
  integrity?: 'before-open' | 'background';
  /** Called with every statement as run, values bound (support's SQL trace; the query-plan test). */
  trace?: (sql: string) => void;
}

export const SCHEMA_VERSION = migrations.length;
/** About 40 MB of WAL: a checkpoint every 850 sales or so when nothing pauses. */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** Does nothing: its presence is what keeps SIGXFSZ from ending the process. */
const keepRunningOverFileSizeLimit = () => {};

/**
 * Over a file-size limit (`ulimit -f`) a write fails with EFBIG and the kernel sends SIGXFSZ. Node
 * ignores it, but a package's exit hook (signal-exit) that listens to it alone re-raises it and the
 * process dies after its sentence; with a listener of our own beside it, the EFBIG becomes the
 * journal's sentence and the process ends normally.
 */
function surviveFileSizeLimit(): void {
  if (process.platform !== 'win32' && !process.listeners('SIGXFSZ').includes(keepRunningOverFileSizeLimit))
    process.on('SIGXFSZ', keepRunningOverFileSizeLimit);
}

export function openJournalDatabase(file: string, options: OpenOptions = {}): JournalDatabase {
  surviveFileSizeLimit();
  try {
    return open(file, options);
  } catch (error) {
    // SQLite reports a read-only folder as "cannot open"; say what it really is.
    if (
      error instanceof JournalUnavailableError &&
      error.problem === 'unavailable' &&
      !writable(dirname(file))
    )
      throw new JournalUnavailableError('read-only', { cause: error });
    throw error;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function open(file: string, options: OpenOptions): JournalDatabase {
  return guarded(() => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    } catch (error) {
      throw Object.assign(new Error(`cannot create ${dirname(file)}`, { cause: error }), {
        code: (error as NodeJS.ErrnoException).code,
      });
    }
    // The journal holds card numbers: 0600, and its WAL and SHM follow the file's mode.
    prepareDatabaseFile(file);
    const db = new Database(file, options.trace ? { verbose: (sql) => options.trace!(String(sql)) } : {});
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      if (checkedBeforeOpen(file, options.integrity ?? 'before-open')) checkIntegrityNow(db);
      // Before anything writes to the file, so an emptied or replaced journal is refused as found.
      if (options.expectedIdentity) checkIdentity(db, options.expectedIdentity);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // SQLite's own checkpoint runs inside the commit that crosses its limit, so at the default (1,000 pages, about
      // every 85 sales) one sale in a hundred waited for the WAL to be copied. The sync engine checkpoints once the
      // lane pauses; this limit only bounds the WAL of a terminal that never pauses (a long replay).
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`);
      // better-sqlite3 turns foreign keys on by default; a table rebuild needs them off.
      db.pragma('foreign_keys = OFF');
      migrate(db);
      db.pragma('foreign_keys = ON');
      ensureFileId(db, Date.now());
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/** Runs with foreign keys off (set before this is called), so a migration may rebuild a table. */
function migrate(db: JournalDatabase): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === migrations.length) return;
  // Read again inside the write lock: another process may have migrated meanwhile.
  db.transaction(() => {
    const current = version();
    if (current > migrations.length)
      throw new Error(
        `The offline journal was written by a newer version (schema ${current}); ` +
          `this one knows schema ${migrations.length}.`,
      );
    for (let step = current; step < migrations.length; step++) db.exec(migrations[step]!);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0)
      throw new Error(
        `Upgrading the offline journal would break ${broken.length} links between its records; it was left as it was.`,
      );
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
