// CareCloud took the sale but the journal could not write its answer (the disk hit its limit,
// another program held the journal): the sale is reported closed with its bill id, by
// `ccpos checkout` and by the app's pay alike, and the answer is recorded once it can be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../electron/cli/main.ts';
import { Journal } from '../../electron/journal/journal.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { tempDir } from '../journal/helpers.ts';
import { bill } from './sandbox-terminal.ts';
import { buildCli, startCli } from './cli-process.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  newSaleId,
  openCheckout,
  type CheckoutFixture,
} from '../checkout/fixture.ts';

function hasPrlimit(): boolean {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the journal holds an entry being sent: the sale is written and its request is on the way. */
async function whenSending(file: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare("SELECT id FROM entries WHERE state = 'sending'").get() as
          { id: number } | undefined;
        if (row) return row.id;
      } catch {
        // The schema is still being created.
      } finally {
        db.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no entry was ever being sent');
}

describe('ccpos checkout when the journal cannot record the answer', () => {
  let sandbox: TestSandbox;
  let temp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    await buildCli();
    sandbox = await startTestSandbox();
    temp = tempDir();
  });
  afterAll(async () => {
    await sandbox.close();
    temp.cleanup();
  });

  it.skipIf(process.platform !== 'linux' || !hasPrlimit())(
    'reports the sale closed with its bill id when a file-size limit stops the journal after the send',
    async () => {
      const env = {
        CCPOS_DATA_DIR: temp.dir,
        CARECLOUD_PROJECT_URL: sandbox.projectUrl,
        CARECLOUD_APP_ID: sandbox.credentials.user_external_application_id,
        CARECLOUD_LOGIN: sandbox.credentials.login,
        CARECLOUD_PASSWORD: sandbox.credentials.password,
        CCPOS_STORE_ID: storeIds.praha,
        CCPOS_CASHDESK: '2',
        CCPOS_TIMEZONE: 'Europe/Prague',
      };
      const { customerId, cardNumber, bill: closed } = bill();
      const file = join(temp.dir, 'bill.json');
      writeFileSync(file, JSON.stringify({ customer_id: customerId, card_number: cardNumber, bill: closed }));
      sandbox.control.setLatency(800);
      const cli = startCli(['checkout', '--file', file], env);
      const journalFile = join(temp.dir, 'journal.db');
      await whenSending(journalFile);
      // From now on no file of that process may grow: the journal's next write fails, as on a full disk.
      execFileSync('prlimit', [`--pid=${cli.child.pid}`, `--fsize=${statSync(`${journalFile}-wal`).size}`]);
      const { code, signal, out, err } = await cli.done;
      sandbox.control.setLatency(0);

      expect({ code, signal, err, out }).toEqual({ code: 0, signal: null, err: '', out: expect.any(String) });
      const billId = /^bill_id +(\S+)$/m.exec(out)?.[1];
      expect(billId).toMatch(/-2-/);
      expect(out).toMatch(/^outcome +synced$/m);
      expect(out).toMatch(/^journal +CareCloud has the sale, but the journal could not record it yet/m);
      expect(sandbox.control.purchases()).toEqual([
        expect.objectContaining({ bill_id: billId, statuses: [201] }),
      ]);

      // The journal still has the sale as being sent by a process that is gone: the next replay settles it without a
      // double.
      const replay: string[] = [];
      expect(await main(['replay'], { out: (l) => replay.push(l), err: (l) => replay.push(l), env })).toBe(0);
      const journal = Journal.open(journalFile);
      try {
        expect(journal.byBillId(billId!)).toMatchObject({ state: 'synced' });
      } finally {
        journal.close();
      }
      expect(sandbox.control.purchases().filter((b) => b.statuses.includes(201))).toHaveLength(1);
    },
    60_000,
  );
});

describe("the app's pay when the journal cannot record the answer", () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    // The journal's busy wait blocks this process for seconds; on a loaded machine that must not
    // outlast the cashier's wait, or the sale would be reported saved offline instead.
    f = await openCheckout({ settings: { timeouts: { closureMs: 90_000 } } });
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('shows the sale closed, then records the answer once the journal is free', async () => {
    const cart = await cartOf(f, [barcodes.bread]);
    const ask = { customer: null, voucherCodes: [], points: 0, credit: 0 };
    const saleId = newSaleId();
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('the preview is not current');
    expect(shown.preview.toPayMinor).toBe(cartTotals(cart).totalMinor);
    f.sandbox.control.setLatency(800);
    const paying = f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'cash',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    const journalFile = join(f.dataDir, 'journal.db');
    const id = await whenSending(journalFile);
    // Another program takes the journal's write lock while the answer is on its way, longer than the terminal waits for
    // it.
    const other = new Database(journalFile);
    other.prepare('BEGIN IMMEDIATE').run();
    let paid: Awaited<typeof paying>;
    try {
      paid = await paying;
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
      f.sandbox.control.setLatency(0);
    }
    expect(paid.outcome).toBe('closed');
    if (paid.outcome !== 'closed') return;
    expect(paid.purchaseId).toBeTruthy();
    const landed = f.sandbox.control.purchases();
    expect(landed).toEqual([
      expect.objectContaining({
        bill_id: paid.receipt.billId,
        purchase_id: paid.purchaseId,
        statuses: [201],
      }),
    ]);

    const deadline = Date.now() + 15_000;
    const journal = Journal.open(journalFile);
    try {
      while (journal.get(id)!.state !== 'synced' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(journal.get(id)).toMatchObject({
        state: 'synced',
        remoteId: paid.purchaseId,
        billId: paid.receipt.billId,
      });
    } finally {
      journal.close();
    }
  }, 120_000);
});
