// The journal's identity record: a journal emptied, deleted, replaced or rolled back on disk is
// refused with a sentence that says how to recover, by the journal, by `ccpos` and by the app,
// instead of silently becoming a new, empty journal.
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTerminal } from '../../electron/app/terminal.ts';
import type { DemoBackend } from '../../electron/demo/demo-backend.ts';
import { JournalUnavailableError } from '../../electron/journal/errors.ts';
import { identityFileOf } from '../../electron/journal/identity.ts';
import { Journal } from '../../electron/journal/journal.ts';
import { migrations } from '../../electron/journal/migrations/index.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { demo } from '../../sandbox/seed.ts';
import { outputField, runCcpos, sandboxCliEnv, writeBillFile } from '../support/ccpos.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { purchaseEntry, tempDir } from './helpers.ts';

let temp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  temp = tempDir();
  file = join(temp.dir, 'journal.db');
});
afterEach(() => temp.cleanup());

/** A journal holding `count` queued sales, checkpointed as the engine does after an offline batch. */
function journalWithSales(count: number, at = file): void {
  const journal = Journal.open(at);
  try {
    for (let i = 0; i < count; i++) journal.append(purchaseEntry());
    journal.checkpoint();
  } finally {
    journal.close();
  }
}

function refusal(open: () => unknown): JournalUnavailableError {
  try {
    open();
  } catch (error) {
    if (error instanceof JournalUnavailableError) return error;
    throw error;
  }
  throw new Error('the journal opened');
}

function removeJournalFiles(at = file): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${at}${suffix}`, { force: true });
}

describe("the journal's identity record", () => {
  it('refuses a journal truncated to 0 bytes, names the sales it should hold, and leaves the file as found', () => {
    journalWithSales(40);
    removeJournalFiles();
    writeFileSync(file, '');
    truncateSync(file, 0);

    const error = refusal(() => Journal.open(file));
    expect(error.problem).toBe('replaced');
    expect(error.message).toContain('takes no sales');
    expect(error.message).toContain('entries up to no. 40');
    expect(error.message).toContain('this one is empty');
    expect(error.message).toContain('ccpos journal adopt');
    expect(statSync(file).size).toBe(0);
  });

  it('refuses a deleted journal rather than starting a new one', () => {
    journalWithSales(3);
    removeJournalFiles();
    expect(refusal(() => Journal.open(file)).problem).toBe('replaced');
  });

  it("refuses another terminal's journal copied over this one", () => {
    journalWithSales(2);
    const other = join(temp.dir, 'other', 'journal.db');
    journalWithSales(7, other);
    removeJournalFiles();
    copyFileSync(other, file);
    const error = refusal(() => Journal.open(file));
    expect(error.problem).toBe('replaced');
    expect(error.message).toContain('another journal, with entries up to no. 7');
  });

  it('refuses an older copy of its own journal put back, which lacks the newest sales', () => {
    journalWithSales(10);
    const backup = join(temp.dir, 'journal.backup.db');
    copyFileSync(file, backup);
    journalWithSales(5);
    removeJournalFiles();
    copyFileSync(backup, file);
    const error = refusal(() => Journal.open(file));
    expect(error.problem).toBe('sales-missing');
    expect(error.message).toContain('entries up to no. 15');
    expect(error.message).toContain('ends at no. 10');
  });

  it('refuses to guess when the record itself is damaged or not a record', () => {
    journalWithSales(1);
    for (const text of [
      '{"version":1,"fileId":"x',
      JSON.stringify({ version: 1, fileId: 'not-a-uuid', highestEntryId: -3, checkpointedAt: null }),
      '[]',
    ]) {
      writeFileSync(identityFileOf(file), text);
      const error = refusal(() => Journal.open(file));
      expect(error.problem).toBe('identity-damaged');
      expect(error.message).toContain('journal.identity.json');
    }
  });

  it('notes the highest entry and the time at every checkpoint', () => {
    const journal = Journal.open(file, { now: () => Date.UTC(2026, 11, 2, 9, 0) });
    try {
      journal.append(purchaseEntry());
      journal.append(purchaseEntry());
      journal.checkpoint();
      expect(JSON.parse(readFileSync(identityFileOf(file), 'utf8'))).toMatchObject({
        highestEntryId: 2,
        checkpointedAt: Date.UTC(2026, 11, 2, 9, 0),
      });
    } finally {
      journal.close();
    }
    expect(statSync(identityFileOf(file)).mode & 0o777).toBe(0o600);
  });

  it('takes a journal from before the record existed as it is, and starts keeping its record', () => {
    // Schema 11: every migration before the identity table, with sales in it.
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    for (const step of migrations.slice(0, 11)) db.exec(step);
    db.pragma('user_version = 11');
    db.close();
    const old = Journal.open(file);
    old.append(purchaseEntry());
    old.close();
    rmSync(identityFileOf(file));

    const journal = Journal.open(file);
    try {
      expect(journal.stats().queued).toBe(1);
      expect(JSON.parse(readFileSync(identityFileOf(file), 'utf8'))).toMatchObject({
        version: 1,
        highestEntryId: 1,
      });
    } finally {
      journal.close();
    }
  });

  it('lets a manager adopt the journal on disk: the old record is kept aside, the audit says what was expected', () => {
    journalWithSales(40);
    const before = JSON.parse(readFileSync(identityFileOf(file), 'utf8')) as { fileId: string };
    removeJournalFiles();
    expect(() => Journal.adopt(file, '  ')).toThrow(/name of who/);

    const { journal, previous, setAside, identity } = Journal.adopt(file, 'manager-anna');
    try {
      expect(previous).toMatchObject({ highestEntryId: 40 });
      expect(setAside && existsSync(setAside)).toBe(true);
      expect(identity.fileId).not.toBe(before.fileId);
      const audit = journal.audit().find((r) => r.action === 'journal-adopted');
      expect(audit).toMatchObject({
        actor: 'manager-anna',
        detail: { previousHighestEntryId: 40, previousFileId: before.fileId, highestEntryId: 0 },
      });
    } finally {
      journal.close();
    }
    Journal.open(file).close();
  });
});

describe('a replaced journal at the till', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('`ccpos checkout` refuses, `ccpos journal status` says why, `ccpos journal adopt --by` undoes it', async () => {
    const env = sandboxCliEnv(sandbox, temp.dir);
    const first = await runCcpos(env, 'checkout', '--file', writeBillFile(temp.dir));
    expect(outputField(first.out, 'outcome')).toBe('synced');
    const booked = sandbox.control.purchases().length;
    removeJournalFiles();
    writeFileSync(file, '');

    const refused = await runCcpos(env, 'checkout', '--file', writeBillFile(temp.dir));
    expect(refused.code).not.toBe(0);
    expect(refused.err.join('\n')).toContain('is not the one this terminal kept');
    expect(sandbox.control.purchases()).toHaveLength(booked);

    const status = await runCcpos(env, 'journal', 'status');
    expect(status.code).toBe(1);
    expect(status.err.join('\n')).toContain('ccpos journal adopt');
    expect((await runCcpos(env, 'journal', 'adopt')).code).toBe(2);

    const adopted = await runCcpos(env, 'journal', 'adopt', '--by', 'manager-anna');
    expect(adopted.code).toBe(0);
    expect(adopted.out.join('\n')).toContain('expected entries up to no. 1');
    expect(readdirSync(temp.dir).some((name) => /^journal\.identity\.replaced-.*\.json$/.test(name))).toBe(
      true,
    );
    expect((await runCcpos(env, 'journal', 'status')).code).toBe(0);
    const again = await runCcpos(env, 'checkout', '--file', writeBillFile(temp.dir));
    expect(outputField(again.out, 'outcome')).toBe('synced');
  });

  it('the app refuses to start on it, with the sentence main shows before it exits', async () => {
    journalWithSales(4);
    removeJournalFiles();
    const backend: DemoBackend = {
      projectUrl: sandbox.projectUrl,
      credentials: {
        externalApplicationId: sandbox.credentials.user_external_application_id,
        login: sandbox.credentials.login,
        password: sandbox.credentials.password,
      },
      defaultStoreId: demo.stores.praha,
      outage: false,
      setOutage: async () => {},
      close: async () => {},
    };
    const starting = startTerminal({
      dataDir: temp.dir,
      stores: { settings: memoryBackend(), operators: memoryBackend(), customerCache: memoryBackend() },
      cipher: keyCipher(randomBytes(32)),
      startDemo: async () => backend,
      label: 'test',
    });
    await expect(starting).rejects.toBeInstanceOf(JournalUnavailableError);
    await expect(starting).rejects.toMatchObject({ problem: 'replaced' });
  });
});
