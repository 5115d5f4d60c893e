// The journal's identity record: a small file beside journal.db naming the database this
// terminal keeps (a random id stored in both), the highest entry id it has seen and its last
// checkpoint. SQLite opens a missing or 0-byte file as a new, empty database, so without
// this a journal emptied, replaced or restored from an older copy would quietly become the
// terminal's journal and its queued sales would vanish without a word.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { replacePrivateFile, syncFolder } from '../config/file-modes.ts';
import { JournalUnavailableError } from './errors.ts';
import type { JournalDatabase } from './connection.ts';

const identitySchema = z
  .object({
    version: z.literal(1),
    fileId: z.string().uuid(),
    highestEntryId: z.number().int().nonnegative(),
    checkpointedAt: z.number().int().nonnegative().nullable(),
  })
  .strict();

export type JournalIdentity = z.infer<typeof identitySchema>;

/** `journal.db` -> `journal.identity.json`, in the same folder. */
export function identityFileOf(journalFile: string): string {
  return join(dirname(journalFile), `${basename(journalFile).replace(/\.db$/, '')}.identity.json`);
}

/** The record as written, or null when there is none yet (a new terminal, or one from before the record existed). */
export function readIdentityRecord(journalFile: string): JournalIdentity | null {
  const file = identityFileOf(journalFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new JournalUnavailableError('identity-damaged', { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JournalUnavailableError('identity-damaged', { cause: error });
  }
  const record = identitySchema.safeParse(parsed);
  if (!record.success) throw new JournalUnavailableError('identity-damaged', { cause: record.error });
  return record.data;
}

/** Written to a temporary file, synced, then renamed over the old record, so a crash leaves one whole record. */
export function writeIdentityRecord(journalFile: string, identity: JournalIdentity): void {
  replacePrivateFile(identityFileOf(journalFile), `${JSON.stringify(identity, null, 2)}\n`);
}

/** Keeps a record that no longer matches (before a manager adopts the journal) under a dated name. */
export function setIdentityRecordAside(journalFile: string, at: number): string | null {
  const file = identityFileOf(journalFile);
  if (!existsSync(file)) return null;
  const aside = file.replace(/\.json$/, `.replaced-${new Date(at).toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(file, aside);
  syncFolder(dirname(file));
  return aside;
}

/** What the database itself says: its id (null before migration 012 ran) and its highest entry id. */
export function databaseIdentity(db: JournalDatabase): { fileId: string | null; highestEntryId: number } {
  const hasTable = (name: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const fileId = hasTable('journal_identity')
    ? ((db.prepare('SELECT file_id FROM journal_identity').get() as { file_id: string } | undefined)
        ?.file_id ?? null)
    : null;
  const highestEntryId = hasTable('entries')
    ? ((db.prepare('SELECT MAX(id) AS id FROM entries').get() as { id: number | null }).id ?? 0)
    : 0;
  return { fileId, highestEntryId };
}

/**
 * Run before migrations, so a 0-byte file is still recognisable as one: refuses a database that
 * is not the one the record names, or that holds fewer entries than the terminal had (ids never
 * come back, even after a purge).
 */
export function checkIdentity(db: JournalDatabase, expected: JournalIdentity): void {
  const actual = databaseIdentity(db);
  const saved =
    expected.checkpointedAt === null
      ? ''
      : `, last saved to disk at ${new Date(expected.checkpointedAt).toISOString()}`;
  const had = `This terminal's journal had entries up to no. ${expected.highestEntryId}${saved}`;
  if (actual.fileId !== expected.fileId) {
    const found =
      actual.highestEntryId === 0
        ? 'this one is empty'
        : `this one is another journal, with entries up to no. ${actual.highestEntryId}`;
    throw new JournalUnavailableError('replaced', { detail: `(${had}; ${found}.)` });
  }
  if (actual.highestEntryId < expected.highestEntryId) {
    throw new JournalUnavailableError('sales-missing', {
      detail: `(${had}; this one ends at no. ${actual.highestEntryId}.)`,
    });
  }
}

/** Gives a journal its id the first time it is opened after migration 012; returns the id. */
export function ensureFileId(db: JournalDatabase, now: number): string {
  const read = () =>
    (db.prepare('SELECT file_id FROM journal_identity').get() as { file_id: string } | undefined)?.file_id;
  // Read first: a journal opened on a read-only disk must not need a write to open.
  const existing = read();
  if (existing !== undefined) return existing;
  db.prepare('INSERT OR IGNORE INTO journal_identity (singleton, file_id, created_at) VALUES (1, ?, ?)').run(
    randomUUID(),
    now,
  );
  return read()!;
}

/**
 * A manager accepting the journal as it is: it gets a new id, so a copy of another terminal's journal is no longer that
 * one.
 */
export function renewFileId(db: JournalDatabase, now: number): string {
  const fileId = randomUUID();
  db.prepare(
    'INSERT INTO journal_identity (singleton, file_id, created_at) VALUES (1, ?, ?) ' +
      'ON CONFLICT (singleton) DO UPDATE SET file_id = excluded.file_id, created_at = excluded.created_at',
  ).run(fileId, now);
  return fileId;
}
