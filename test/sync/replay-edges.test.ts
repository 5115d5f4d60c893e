// `ccpos replay` against the sandbox: it ends even when a queued cancellation can never be
// sent, and its summary gives each entry's final state as the journal has it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/journal/journal.ts';
import { cancellationEntry } from '../../electron/sync/closure.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { outputField, runCcpos, sandboxCliEnv, writeBillFile } from '../support/ccpos.ts';
import { tempDir } from '../journal/helpers.ts';
import { type bill } from './sandbox-terminal.ts';

let sandbox: TestSandbox;
let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
  temp?.cleanup();
});
beforeEach(async () => {
  await sandbox.control.restoreNetwork();
  sandbox.control.reset();
  sandbox.control.setRateLimit(null);
  temp?.cleanup();
  temp = tempDir();
  env = sandboxCliEnv(sandbox, temp.dir);
});

const ccpos = (...argv: string[]) => runCcpos(env, ...argv);

const billFile = (options?: Parameters<typeof writeBillFile>[1]) => writeBillFile(temp.dir, options);

const field = outputField;

/** A sale closed offline, then its cancellation queued behind it the way the till queues one. */
async function offlineSaleWithCancellation(
  options?: Parameters<typeof bill>[0],
): Promise<{ billId: string }> {
  await sandbox.control.cutNetwork('refuse');
  const closed = await ccpos('checkout', '--file', billFile(options));
  expect(field(closed.out, 'outcome')).toMatch(/^queued/);
  const billId = field(closed.out, 'bill_id')!;
  const journal = Journal.open(join(temp.dir, 'journal.db'));
  try {
    journal.append(cancellationEntry(journal.byBillId(billId)!, 'manager-anna'));
  } finally {
    journal.close();
  }
  await sandbox.control.restoreNetwork();
  return { billId };
}

describe('ccpos replay', () => {
  it('ends when CareCloud refuses the sale a queued cancellation cancels; the manager gets it', async () => {
    const { billId } = await offlineSaleWithCancellation({ vouchers: ['BRNO50'] });
    const replay = await ccpos('replay', '--max-seconds', '20');
    expect(replay.out.at(-2)).toBe('0 synced, 2 rejected, 0 to retry.');
    expect(replay.out.filter((l) => l.includes('original_not_booked'))).toHaveLength(1);
    expect(replay.out.at(-1)).toBe('0 waiting, 2 rejected awaiting a manager.');
    expect(replay.code).toBe(0);
    const list = JSON.parse((await ccpos('queue', 'list', '--json')).out.join('\n')) as {
      entries: { billId: string; state: string; reasons: { reason: string }[] }[];
    };
    expect(list.entries.find((e) => e.billId === `C${billId}`)).toMatchObject({
      state: 'rejected',
      reasons: [{ reason: 'original_not_booked' }],
    });
    expect(sandbox.control.purchases().filter((b) => b.statuses.includes(201))).toEqual([]);
  }, 30_000);

  it('ends when the sale a queued cancellation cancels was voided, and settles the cancellation', async () => {
    const { billId } = await offlineSaleWithCancellation();
    expect(
      (await ccpos('queue', 'void', '1', '--reason', 'rung by mistake', '--by', 'manager-anna')).code,
    ).toBe(0);
    const replay = await ccpos('replay', '--max-seconds', '20');
    expect(replay.out.at(-1)).toBe('0 waiting, 0 rejected awaiting a manager.');
    expect(replay.code).toBe(0);
    const list = JSON.parse((await ccpos('queue', 'list', '--json')).out.join('\n')) as {
      entries: { billId: string; state: string; voidReason: string }[];
    };
    expect(list.entries.find((e) => e.billId === `C${billId}`)).toMatchObject({
      state: 'voided',
      voidReason: expect.stringContaining('nothing to cancel'),
    });
    expect(sandbox.control.requests().filter((r) => r.path.endsWith('/send-purchase'))).toEqual([]);
  }, 30_000);

  it('stops at its time budget with a summary while CareCloud keeps asking it to wait', async () => {
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 4; i++) await ccpos('checkout', '--file', billFile());
    await sandbox.control.restoreNetwork();
    // One send every five seconds: each 429 says to come back within the replay's wait, so without a budget it would
    // keep going.
    sandbox.control.setRateLimit({ perSecond: 0.2, burst: 1 });
    const replay = await ccpos('replay', '--max-seconds', '2');
    expect(replay.err).toEqual([]);
    expect(replay.code).toBe(1);
    expect(replay.out.at(-2)).toMatch(/to retry; stopped after 2 s\.$/);
    expect(replay.out.at(-1)).toMatch(/^[1-4] waiting, 0 rejected awaiting a manager\.$/);
  }, 40_000);

  it('reports entries that met a 429 and then synced in the same run as synced', async () => {
    await sandbox.control.cutNetwork('refuse');
    for (let i = 0; i < 24; i++) await ccpos('checkout', '--file', billFile());
    await sandbox.control.restoreNetwork();
    // The terminal believes in a higher limit than the project has: some sends meet a 429 and are retried.
    writeFileSync(join(temp.dir, 'settings.json'), JSON.stringify({ sync: { rateLimitPerSecond: 40 } }));
    sandbox.control.setRateLimit({ perSecond: 8, burst: 2 });
    const replay = await ccpos('replay', '--max-seconds', '60');
    const limited = sandbox.control.requests().filter((r) => r.status === 429).length;
    expect(limited).toBeGreaterThan(0);
    const journal = Journal.open(join(temp.dir, 'journal.db'));
    try {
      for (const line of replay.out.filter((l) => /^\s+\d+\s/.test(l))) {
        const id = Number(line.trim().split(/\s+/)[0]);
        expect(line).toContain(` ${journal.get(id)!.state} `);
      }
      const synced = journal.list({ state: 'synced' }).total;
      expect(replay.out.at(-2)).toMatch(new RegExp(`^${synced} synced, 0 rejected, ${24 - synced} to retry`));
    } finally {
      journal.close();
    }
  }, 90_000);
});
