// Whether the journal file is sound (SQLite's quick_check). Its cost grows with the journal: a
// small journal is checked before it opens; a large one opens at once and is checked on a
// worker thread with its own read-only connection, so a terminal with a million sales is
// ready within a second and the lane never waits for the check.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { JournalDatabase } from './connection.ts';
import { JournalUnavailableError, journalProblemOf } from './errors.ts';

/** Above this size (about 60,000 sales) the check runs in the background. */
export const CHECK_BEFORE_OPEN_UP_TO_BYTES = 64 * 1024 * 1024;

export type IntegrityVerdict = 'ok' | 'corrupt';

export function checkIntegrityNow(db: JournalDatabase): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw new JournalUnavailableError('corrupt');
}

export function checkedBeforeOpen(file: string, when: 'before-open' | 'background'): boolean {
  if (when === 'before-open') return true;
  try {
    return statSync(file).size <= CHECK_BEFORE_OPEN_UP_TO_BYTES;
  } catch {
    return true;
  }
}

// Plain CommonJS for an eval worker: it runs the same whatever bundles the main process.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let answer;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('quick_check');
    answer = { ok: rows.length === 1 && rows[0].quick_check === 'ok' };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { ok: false, code: error && error.code ? String(error.code) : '', message: String(error && error.message) };
}
parentPort.postMessage(answer);
`;

/**
 * Runs quick_check on a worker thread. `corrupt` only when SQLite says so; a check that could not
 * run for another reason (the file locked, say) rejects, and the journal goes on as it was.
 */
export function checkIntegrityInBackground(file: string): Promise<IntegrityVerdict> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    // The check must never keep a closing process alive.
    worker.unref();
    worker.once('message', (answer: { ok: boolean; code?: string; message?: string }) => {
      if (answer.ok) resolve('ok');
      else if (answer.code === undefined || journalProblemOf(answer) === 'corrupt') resolve('corrupt');
      else reject(new Error(`the journal's integrity check could not run: ${answer.message ?? answer.code}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the journal's integrity check ended with code ${code}`));
    });
  });
}
