import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { JournalUnavailableError } from '../../electron/journal/errors.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A real tmpfs of the given size; null where this machine does not let us mount. */
function smallTmpfs(sizeKb: number): string | null {
  const dir = join(temp(), 'mnt');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  cleanups.push(() => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }));
  return dir;
}
const canMount = (() => {
  const dir = smallTmpfs(64);
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  return dir !== null;
})();

function problemOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof JournalUnavailableError) return error.problem;
    throw error;
  }
  throw new Error('expected the journal to refuse');
}

function fillUntilRefused(journal: Journal): { kept: number; problem: string } {
  let kept = 0;
  for (;;) {
    try {
      journal.append(
        purchaseEntry({ request: { method: 'POST', path: '/x', body: { padding: 'x'.repeat(2000) } } }),
      );
      kept++;
    } catch (error) {
      if (!(error instanceof JournalUnavailableError)) throw error;
      return { kept, problem: error.problem };
    }
    if (kept > 100_000) throw new Error('the journal never filled up');
  }
}

describe('a full disk', () => {
  it('refuses the sale with a typed error once the size limit is reached, keeping what was written', () => {
    const file = join(temp(), 'journal.db');
    const journal = Journal.open(file, { maxPageCount: 64 });
    const { kept, problem } = fillUntilRefused(journal);
    expect(problem).toBe('disk-full');
    expect(kept).toBeGreaterThan(5);
    expect(journal.stats().queued).toBe(kept);
    journal.close();
  });

  it.skipIf(!canMount)('refuses the sale on a real filesystem that runs out of space', () => {
    const dir = smallTmpfs(1024)!;
    const journal = Journal.open(join(dir, 'journal.db'));
    const { kept, problem } = fillUntilRefused(journal);
    expect(problem).toBe('disk-full');
    expect(kept).toBeGreaterThan(5);
    journal.close();
    const reopened = Journal.open(join(dir, 'journal.db'));
    expect(reopened.stats().queued).toBe(kept);
    reopened.close();
  });

  it('says so in one sentence', () => {
    expect(new JournalUnavailableError('disk-full').message).toMatch(
      /^The disk holding the offline journal is full[^.]*\.$/,
    );
  });
});

describe.skipIf(!canMount)('a read-only data dir', () => {
  it('refuses to create a journal there', () => {
    const dir = smallTmpfs(1024)!;
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    expect(() => writeFileSync(join(dir, 'probe'), 'x')).toThrow(/read-only/);
    expect(problemOf(() => Journal.open(join(dir, 'journal.db')))).toBe('read-only');
  });

  it('refuses to open an existing journal that became read-only', () => {
    const dir = smallTmpfs(1024)!;
    const journal = Journal.open(join(dir, 'journal.db'));
    journal.append(purchaseEntry());
    journal.close();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    expect(problemOf(() => Journal.open(join(dir, 'journal.db')))).toBe('read-only');
  });
});

describe('a corrupt file', () => {
  it('is reported as damaged when it is not a database at all', () => {
    const file = join(temp(), 'journal.db');
    writeFileSync(
      file,
      'this is not an SQLite file, it is a text file that happens to sit where the journal should be '.repeat(
        50,
      ),
    );
    expect(problemOf(() => Journal.open(file))).toBe('corrupt');
  });

  it('is reported as damaged when pages inside it are overwritten', () => {
    const file = join(temp(), 'journal.db');
    const journal = Journal.open(file);
    for (let i = 0; i < 200; i++) journal.append(purchaseEntry());
    journal.close();
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(16 * 4096);
    const fd = openSync(file, 'r+');
    const garbage = Buffer.alloc(4096 * 4, 0xa5);
    writeSync(fd, garbage, 0, garbage.length, 4096 * 2);
    closeSync(fd);
    expect(readFileSync(file).subarray(0, 16).toString()).toBe('SQLite format 3\0');
    expect(problemOf(() => Journal.open(file))).toBe('corrupt');
  });
});
