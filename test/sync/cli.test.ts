// `ccpos checkout`, `replay` and `queue` end to end against the sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { outputField, runCcpos, sandboxCliEnv, writeBillFile } from '../support/ccpos.ts';
import { tempDir } from '../journal/helpers.ts';

let sandbox: TestSandbox;
let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.control.restoreNetwork();
  sandbox.control.reset();
  temp?.cleanup();
  temp = tempDir();
  env = sandboxCliEnv(sandbox, temp.dir);
});
afterAll(() => temp?.cleanup());

const ccpos = (...argv: string[]) => runCcpos(env, ...argv);

const billFile = (options?: Parameters<typeof writeBillFile>[1]) => writeBillFile(temp.dir, options);

const field = outputField;

describe('ccpos checkout', () => {
  it('journals the sale, sends it and prints bill_id, outcome and purchase id', async () => {
    const { code, out } = await ccpos('checkout', '--file', billFile(), '--operator', 'support-eva');
    expect(code).toBe(0);
    expect(field(out, 'outcome')).toBe('synced');
    const billId = field(out, 'bill_id')!;
    expect(sandbox.control.purchases()).toEqual([
      expect.objectContaining({ bill_id: billId, purchase_id: field(out, 'purchase id') }),
    ]);
    const show = await ccpos('queue', 'list', '--bill-id', billId, '--json');
    expect(JSON.parse(show.out.join('\n'))).toMatchObject({
      total: 1,
      entries: [{ state: 'synced', operator: 'support-eva' }],
    });
  });

  it('queues the sale when CareCloud is unreachable, and replay sends it later', async () => {
    await sandbox.control.cutNetwork('refuse');
    const closed = await ccpos('checkout', '--file', billFile());
    expect(closed.code).toBe(0);
    expect(field(closed.out, 'outcome')).toMatch(/^queued/);
    const stuck = await ccpos('replay');
    expect(stuck.code).toBe(1);
    expect(stuck.out).toContain('CareCloud cannot be reached; nothing was sent.');
    await sandbox.control.restoreNetwork();
    const replayed = await ccpos('replay');
    expect(replayed.code).toBe(0);
    expect(replayed.out.some((l) => l.includes(field(closed.out, 'bill_id')!) && l.includes('synced'))).toBe(
      true,
    );
    expect(replayed.out.at(-1)).toBe('0 waiting, 0 rejected awaiting a manager.');
    expect(sandbox.control.purchases()).toHaveLength(1);
  });

  it('exits 1 and names the reasons when CareCloud refuses the sale', async () => {
    const { code, out } = await ccpos('checkout', '--file', billFile({ vouchers: ['BRNO50'] }));
    expect(code).toBe(1);
    expect(field(out, 'outcome')).toBe('rejected');
    expect(field(out, 'refused')).toMatch(/^benefit_codes\//);
  });

  it('refuses a bill file that is not a bill, in one sentence, without journaling anything', async () => {
    const file = join(temp.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ bill: { bill_id: 'X1', currency_id: 'czk' } }));
    const fixed = await ccpos('checkout', '--file', file);
    expect(fixed.code).toBe(2);
    expect(fixed.err[0]).toBe(
      'The bill file must not set bill.bill_id: it is fixed when the sale is journaled.',
    );
    writeFileSync(file, JSON.stringify({ bill: { currency_id: 'czk', total_price: 'ten' } }));
    const wrong = await ccpos('checkout', '--file', file);
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toMatch(/^The bill file is invalid at bill\.\w+: .*\.$/);
    writeFileSync(file, '{ not json');
    expect((await ccpos('checkout', '--file', file)).err[0]).toBe('The bill file is not valid JSON.');
    expect((await ccpos('queue', 'list')).out.at(-1)).toMatch(/^0 of 0 shown/);
  });

  it('says what configuration is missing', async () => {
    delete env.CARECLOUD_PASSWORD;
    const { code, err } = await ccpos('replay');
    expect(code).toBe(2);
    expect(err[0]).toContain('No CareCloud password');
    const passwordFile = join(temp.dir, 'password');
    writeFileSync(passwordFile, `${sandbox.credentials.password}\n`, { mode: 0o600 });
    expect((await ccpos('replay', '--password-file', passwordFile)).code).toBe(0);
  });
});

describe('ccpos queue', () => {
  it('lists, shows, voids, resends and exports', async () => {
    const refused = await ccpos('checkout', '--file', billFile({ vouchers: ['BRNO50'] }));
    await sandbox.control.cutNetwork('refuse');
    await ccpos('checkout', '--file', billFile());
    await sandbox.control.restoreNetwork();

    const list = await ccpos('queue', 'list', '--state', 'rejected,pending');
    expect(list.code).toBe(0);
    expect(list.out.at(-1)).toMatch(/^2 of 2 shown; pending 1, sending 0, synced 0, rejected 1, voided 0$/);

    const show = await ccpos('queue', 'show', '1');
    expect(show.out[0]).toBe('entry 1: purchase, rejected');
    expect(show.out).toContain('attempts:');
    expect(show.out.some((l) => l.includes('benefit_codes/'))).toBe(true);

    expect((await ccpos('queue', 'void', '2')).code).toBe(2);
    const voided = await ccpos('queue', 'void', '2', '--reason', 'entered twice', '--by', 'manager-anna');
    expect(voided.out).toEqual([
      `Entry 2 (${JSON.parse((await ccpos('queue', 'list', '--json')).out.join('\n')).entries[1].billId}) is voided.`,
    ]);

    const resent = await ccpos('queue', 'resend', '1', '--by', 'manager-anna');
    expect(resent.out[0]).toMatch(/^Entry 1 is resent as entry 3 with bill_id /);
    expect((await ccpos('replay')).code).toBe(0);
    expect(sandbox.control.purchases().filter((b) => b.statuses.includes(201))).toHaveLength(1);
    expect(field(refused.out, 'bill_id')).toBeTruthy();

    const out = join(temp.dir, 'export.csv');
    const exported = await ccpos('queue', 'export', '--format', 'csv', '--out', out, '--by', 'manager-anna');
    expect(exported.out).toEqual([`3 entries written to ${out}.`]);
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
    const audit = JSON.parse((await ccpos('queue', 'show', '1', '--json')).out.join('\n')) as {
      audit: { action: string }[];
    };
    expect(audit.audit.map((a) => a.action)).toEqual(['resend']);
  });

  it('explains bad arguments', async () => {
    expect((await ccpos('queue')).err[0]).toBe('Say what to do: list, show, retry, void, resend or export.');
    expect((await ccpos('queue', 'list', '--state', 'lost')).err[0]).toMatch(
      /^--state must be one of pending, sending/,
    );
    expect((await ccpos('queue', 'show', 'abc')).err[0]).toMatch(/by its number/);
    expect((await ccpos('queue', 'show', '99')).err[0]).toBe(
      'ccpos queue failed: There is no journal entry 99.',
    );
  });
});
