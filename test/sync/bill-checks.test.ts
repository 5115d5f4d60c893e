// Bills checked before the journal (negative money, quantities of 0 or less, paid above price,
// a total that is not its lines), the sandbox refusing what CareCloud would, and the bill file's
// smaller edges: a UTF-8 byte-order mark, and a file-size limit on the process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { runCcpos, sandboxCliEnv } from '../support/ccpos.ts';
import { tempDir } from '../journal/helpers.ts';
import { bill } from './sandbox-terminal.ts';
import { buildCli, cliBundle } from './cli-process.ts';

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
beforeEach(() => {
  sandbox.control.reset();
  temp?.cleanup();
  temp = tempDir();
  env = sandboxCliEnv(sandbox, temp.dir);
});

const ccpos = (...argv: string[]) => runCcpos(env, ...argv);

type Closed = ReturnType<typeof bill>;
type Item = Closed['bill']['bill_items'][number];

function fileOf(change: (b: Closed['bill']) => void, prefix = ''): string {
  const closed = bill({ total: 200 });
  change(closed.bill);
  const file = join(temp.dir, `bill-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    prefix +
      JSON.stringify({ customer_id: closed.customerId, card_number: closed.cardNumber, bill: closed.bill }),
  );
  return file;
}

const line = (b: Closed['bill']): Item => b.bill_items[0]!;

describe('bill arithmetic, checked before the journal', () => {
  const refusals: [string, (b: Closed['bill']) => void, string][] = [
    [
      'a negative total with negative prices',
      (b) =>
        Object.assign(b, {
          total_price: -199.9,
          bill_items: [{ ...line(b), price: -199.9, paid_amount: -199.9 }],
        }),
      'Item 1: the price must not be negative.',
    ],
    ['a negative total', (b) => (b.total_price = -199.9), 'The bill total must not be negative.'],
    [
      'a negative paid amount',
      (b) => Object.assign(line(b), { paid_amount: -1 }),
      'Item 1: the paid amount must not be negative.',
    ],
    ['a quantity of 0', (b) => (line(b).quantity = 0), 'Item 1: the quantity must be more than 0.'],
    ['a quantity of -1', (b) => (line(b).quantity = -1), 'Item 1: the quantity must be more than 0.'],
    [
      'an item paid above its price',
      (b) => Object.assign(line(b), { paid_amount: 300 }),
      'Item 1: the paid amount is more than its price.',
    ],
    [
      'a total that is not the sum of the lines',
      (b) => (b.total_price = 150),
      "The bill total 150 is not the sum of its items' paid amounts (200).",
    ],
    [
      'negative points paid with',
      (b) => (b.payment_recap = { credit_points: -50 }),
      'The points paid with must not be negative.',
    ],
  ];
  for (const [what, change, sentence] of refusals)
    it(`refuses ${what} without journaling it`, async () => {
      const { code, err } = await ccpos('checkout', '--file', fileOf(change));
      expect(code).toBe(2);
      expect(err[0]).toBe(`The bill cannot be sent to CareCloud: ${sentence} Nothing was journaled.`);
      expect((await ccpos('queue', 'list')).out.at(-1)).toMatch(/^0 of 0 shown/);
      expect(sandbox.control.requests()).toEqual([]);
    });

  it('keeps taking a bill whose lines are discounted and whose total is their paid amounts', async () => {
    const { code, out } = await ccpos(
      'checkout',
      '--file',
      fileOf((b) =>
        Object.assign(b, {
          total_price: 180.5,
          bill_items: [{ ...line(b), price: 200, paid_amount: 180.5 }],
        }),
      ),
    );
    expect(out).toContain('outcome      synced');
    expect(code).toBe(0);
  });
});

describe('the sandbox refuses what CareCloud would', () => {
  async function send(change: (b: Closed['bill']) => void): Promise<{ status: number; body: unknown }> {
    const closed = bill({ total: 200 });
    change(closed.bill);
    const body = {
      store_id: closed.storeId,
      cashdesk_number: closed.cashdesk,
      customer_id: closed.customerId,
      bill: {
        ...closed.bill,
        bill_id: `neg-${Math.random().toString(36).slice(2)}`,
        payment_time: '2026-06-15 12:00:00',
        canceled: false,
      },
    };
    const res = await sandbox.call('POST', '/purchases/actions/send-purchase', { body });
    return { status: res.status, body: res.body };
  }

  it('does not book negative prices, negative totals or a total that is not its lines', async () => {
    for (const change of [
      (b: Closed['bill']) =>
        Object.assign(b, {
          total_price: -199.9,
          bill_items: [{ ...line(b), price: -199.9, paid_amount: -199.9 }],
        }),
      (b: Closed['bill']) => Object.assign(line(b), { paid_amount: -5 }),
      (b: Closed['bill']) => (b.total_price = 150),
    ]) {
      const { status, body } = await send(change);
      expect(status).toBe(400);
      expect(body).toMatchObject({
        error: { error_data: { invalid_params: [{ reason: 'not_allowed_value' }] } },
      });
    }
    expect(sandbox.control.purchases().filter((p) => p.statuses.includes(201))).toEqual([]);
  });
});

describe('bill file edges', () => {
  it('reads a bill file saved with a UTF-8 byte-order mark', async () => {
    const { code, out, err } = await ccpos(
      'checkout',
      '--file',
      fileOf(() => {}, '\uFEFF'),
    );
    expect(err).toEqual([]);
    expect(out).toContain('outcome      synced');
    expect(code).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')(
    'under a file-size limit prints the journal sentence and exits 1 instead of dying from SIGXFSZ',
    async () => {
      try {
        execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
      } catch {
        return;
      }
      await buildCli();
      // A journal already larger than the limit the command then runs under.
      expect((await ccpos('queue', 'list')).code).toBe(0);
      const file = fileOf(() => {});
      const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>(
        (resolve, reject) => {
          const child = spawn(
            'prlimit',
            ['--fsize=8192', '--', process.execPath, cliBundle, 'checkout', '--file', file],
            { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
          );
          let err = '';
          child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
          child.on('error', reject);
          child.on('exit', (code, signal) => resolve({ code, signal, err }));
        },
      );
      expect(result).toEqual({
        code: 1,
        signal: null,
        err: expect.stringContaining('The offline journal could not be written'),
      });
      expect(sandbox.control.requests().filter((r) => r.path.endsWith('/send-purchase'))).toEqual([]);
    },
    60_000,
  );
});
