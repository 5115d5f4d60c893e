// `ccpos checkout --file` with a bill file made to fill the journal: a 60 MB file of 200,000
// items, a bill over the cart's line limit, a bill over the byte limit. Each is refused with
// one sentence before anything is journaled, so nothing is resent forever.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeSync, existsSync, openSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { runCcpos, sandboxCliEnv } from '../support/ccpos.ts';
import { tempDir } from '../journal/helpers.ts';
import { bill } from '../sync/sandbox-terminal.ts';

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

const template = bill();
const item = (i: number, name = template.bill.bill_items[0]!.plu_name) => ({
  ...template.bill.bill_items[0]!,
  plu_name: name,
  bill_item_id: String(i + 1),
  price: 1,
  paid_amount: 1,
});

function billWith(items: ReturnType<typeof item>[]): string {
  const file = join(temp.dir, `bill-${items.length}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      customer_id: template.customerId,
      bill: { ...template.bill, total_price: items.length, bill_items: items },
    }),
  );
  return file;
}

async function nothingJournaled(): Promise<void> {
  expect(sandbox.control.purchases()).toEqual([]);
  if (!existsSync(join(temp.dir, 'journal.db'))) return;
  expect((await ccpos('queue', 'list')).out.at(-1)).toMatch(/^0 of 0 shown/);
}

describe('ccpos checkout --file against oversized bills', () => {
  it('refuses a 60 MB file of 200,000 items by its size, without reading it whole or journaling it', async () => {
    const file = join(temp.dir, 'huge.json');
    const fd = openSync(file, 'w');
    writeSync(
      fd,
      `{"customer_id":"${template.customerId}","bill":{"currency_id":"${template.bill.currency_id}",` +
        `"purchase_type_id":"${template.bill.purchase_type_id}","payment_type":"A","total_price":200000,"bill_items":[`,
    );
    const line = JSON.stringify(item(0, 'x'.repeat(150)));
    const batch = Array.from({ length: 1000 }, () => line).join(',');
    for (let i = 0; i < 200; i++) writeSync(fd, (i ? ',' : '') + batch);
    writeSync(fd, ']}}');
    closeSync(fd);
    const { code, err } = await ccpos('checkout', '--file', file);
    expect(code).toBe(2);
    expect(err[0]).toMatch(
      /^The bill file is \d{2}\.\d MB; a bill file may be at most 1 MB\. Nothing was journaled\.$/,
    );
    await nothingJournaled();
  }, 60_000);

  it("refuses more items than the cart's line limit", async () => {
    const { code, err } = await ccpos(
      'checkout',
      '--file',
      billWith(Array.from({ length: 501 }, (_, i) => item(i))),
    );
    expect(code).toBe(2);
    expect(err[0]).toBe(
      'The bill cannot be sent to CareCloud: A bill holds at most 500 items; this one has 501. Nothing was journaled.',
    );
    await nothingJournaled();
  });

  it('refuses a bill within the line limit whose request would be larger than the byte limit', async () => {
    const { code, err } = await ccpos(
      'checkout',
      '--file',
      billWith(Array.from({ length: 500 }, (_, i) => item(i, 'n'.repeat(1200)))),
    );
    expect(code).toBe(2);
    expect(err[0]).toMatch(
      new RegExp(
        /^The bill cannot be sent to CareCloud: The bill is \d+ KB; /.source +
          /a bill may be at most 512 KB\. Nothing was journaled\.$/.source,
      ),
    );
    await nothingJournaled();
  });

  it('still takes a full cart of 500 items', async () => {
    const { code, out } = await ccpos(
      'checkout',
      '--file',
      billWith(Array.from({ length: 500 }, (_, i) => item(i))),
    );
    expect(code).toBe(0);
    expect(out).toContain('outcome      synced');
  });
});
