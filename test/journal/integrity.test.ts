// A large journal opens without waiting for SQLite's integrity check, which then runs on a
// worker thread; a damaged file found that way takes no more sales and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { CHECK_BEFORE_OPEN_UP_TO_BYTES } from '../../electron/journal/integrity.ts';
import { JournalUnavailableError } from '../../electron/journal/errors.ts';
import { fillJournal } from '../support/big-journal.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

describe('the integrity check of a large journal', () => {
  const temp = tempDir();
  const sound = join(temp.dir, 'sound', 'journal.db');
  beforeAll(() => {
    // Just over the size checked before opening.
    fillJournal(sound, {
      entries: 72_000,
      from: Date.parse('2026-11-01T08:00:00Z'),
      to: Date.parse('2026-12-01T18:00:00Z'),
      pending: 20,
    });
    expect(statSync(sound).size).toBeGreaterThan(CHECK_BEFORE_OPEN_UP_TO_BYTES);
  }, 120_000);
  afterAll(() => temp.cleanup());

  it('opens at once, finds the file sound on a worker thread, and takes sales', async () => {
    const journal = Journal.open(sound, { integrity: 'background' });
    try {
      expect(await journal.integrity).toBe('ok');
      expect(journal.append(purchaseEntry()).state).toBe('pending');
    } finally {
      journal.close();
    }
  });

  it('takes no sale and claims nothing once the worker finds pages damaged', async () => {
    const damaged = join(temp.dir, 'damaged.db');
    copyFileSync(sound, damaged);
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    const garbage = Buffer.alloc(4096 * 8, 0xa5);
    writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    const journal = Journal.open(damaged, { integrity: 'background' });
    try {
      expect(await journal.integrity).toBe('corrupt');
      expect(() => journal.append(purchaseEntry())).toThrow(JournalUnavailableError);
      expect(() => journal.append(purchaseEntry())).toThrow(/damaged/);
      expect(() => journal.claimNext('test', 60_000)).toThrow(JournalUnavailableError);
    } finally {
      journal.close();
    }
    // Opened the careful way (as `ccpos journal status` does), the same file is refused before anything reads it.
    expect(() => Journal.open(damaged)).toThrow(/damaged/);
  });
});
