// Quitting the app while a purchase is on its way to CareCloud: the built main bundle,
// configured for a test sandbox that holds every answer longer than the terminal waits.
// The sync engine stops before the journal closes, so the send's outcome is recorded and
// the entry is left pending; the next start sends it, and CareCloud holds it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLine, cartTotals, type Cart } from '../../shared/checkout/cart.ts';
import { productLine, type Product } from '../../shared/checkout/catalogue.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { ensureShellBuilt } from '../support/electron-stand-in/build.ts';
import { configureTerminal } from '../support/electron-stand-in/configured.ts';
import { launchMain, type MainProcess } from '../support/electron-stand-in/main-process.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const cashierPin = '4826';
const coffee = '8594005650015';

interface Row {
  id: number;
  state: string;
  lease_owner: string | null;
  attempt_count: number;
}

/** The journal as another process sees it: read-only, while the app may still have it open. */
function purchaseRow(dataDir: string, billId: string): Row | undefined {
  const db = new Database(journalFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT id, state, lease_owner, attempt_count FROM entries WHERE bill_id = ?')
      .get(billId) as Row | undefined;
  } finally {
    db.close();
  }
}

function unfinishedAttempts(dataDir: string, entryId: number): number {
  const db = new Database(journalFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare('SELECT count(*) AS n FROM attempts WHERE entry_id = ? AND finished_at IS NULL')
        .get(entryId) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function waitFor<T>(read: () => T | undefined | false, what: string, main: MainProcess): Promise<T> {
  for (;;) {
    const value = read();
    if (value) return value;
    if (!main.running) throw new Error(`The main process ended before ${what}\n${main.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a quit while a purchase is being sent', () => {
  let sandbox: TestSandbox;
  let dataDir: string;
  const keychainKey = randomBytes(32);
  const running: MainProcess[] = [];

  beforeAll(async () => {
    await ensureShellBuilt();
    sandbox = await startTestSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'ccpos-shell-quit-'));
    await configureTerminal({
      dataDir,
      projectUrl: sandbox.projectUrl,
      keychainKey,
      cashierPin,
      settings: { timeouts: { lookupMs: 3_000, closureMs: 1_000, loginMs: 5_000 } },
    });
  }, 240_000);

  afterAll(async () => {
    for (const main of running) await main.kill();
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the entry pending, and the next start sends it exactly once', async () => {
    const first = launchMain({ dataDir, keychainKey });
    running.push(first);
    await first.ready();
    expect(await first.invoke('session.status')).toMatchObject({ ok: true, value: { demo: false } });
    expect(await first.invoke('operator.signIn', { pin: cashierPin })).toMatchObject({ ok: true });
    const product = (
      await first.invoke<{ ok: true; value: Product | null }>('checkout.product', { code: coffee })
    ).value;
    if (!product) throw new Error('the sandbox has no coffee');
    const cart: Cart = addLine({ currency: 'CZK', lines: [] }, productLine(product));
    const total = cartTotals(cart).totalMinor;

    // CareCloud now answers after 3 s; the terminal waits 1 s for a closure.
    sandbox.control.setLatency(3_000);
    const paid = await first.invoke<{ ok: true; value: { outcome: string; receipt: { billId: string } } }>(
      'checkout.pay',
      {
        saleId: `shell-quit-${Date.now()}`,
        cart,
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
        tender: 'cash',
        expectedToPayMinor: total,
      },
    );
    expect(paid).toMatchObject({ ok: true, value: { outcome: 'saved_offline' } });
    const billId = paid.value.receipt.billId;

    // The sync engine's retry is in flight when the app is asked to quit.
    const sending = await waitFor(
      () => {
        const row = purchaseRow(dataDir, billId);
        return row?.state === 'sending' ? row : undefined;
      },
      'a retry was in flight',
      first,
    );
    const exit = await first.quit();
    expect(exit).toEqual({ code: 0, signal: null });

    const after = purchaseRow(dataDir, billId);
    expect(after).toMatchObject({ state: 'pending', lease_owner: null });
    expect(after!.attempt_count).toBeGreaterThanOrEqual(2);
    // Every attempt's outcome was written before the journal closed.
    expect(unfinishedAttempts(dataDir, sending.id)).toBe(0);

    // The held answers land in CareCloud meanwhile; the next start finds the bill there.
    sandbox.control.setLatency(0);
    const second = launchMain({ dataDir, keychainKey });
    running.push(second);
    await second.ready();
    await waitFor(() => purchaseRow(dataDir, billId)?.state === 'synced', 'the entry was synced', second);
    expect(sandbox.control.purchases().filter((bill) => bill.bill_id === billId)).toHaveLength(1);
    expect(await second.quit()).toEqual({ code: 0, signal: null });
    expect(purchaseRow(dataDir, billId)).toMatchObject({ state: 'synced', lease_owner: null });
  }, 120_000);
});
