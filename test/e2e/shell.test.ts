// One sale through the whole app without the preview host: the screens in Chromium, the
// real preload's `window.pos`, the built main bundle's IPC handlers under the Electron
// stand-in, its journal, and CareCloud (a test sandbox).
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { journalFile } from '../../electron/sync/journal-file.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge } from './support/page.ts';
import {
  eventually,
  openSale,
  paidOutcome,
  previewSettled,
  receiptBillId,
  signInTo,
} from './support/sale-page.ts';
import { ensureShellBuilt, openShellLane, type ShellLane } from './support/shell-lane.ts';

const cashierPin = '4826';
const coffee = '8594005650015';
const roll = '8594001021000';

const e2e = browserTests<ShellLane>();
beforeAll(() => ensureShellBuilt(), 240_000);

function journalState(dataDir: string, billId: string): string | undefined {
  const db = new Database(journalFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT state FROM entries WHERE bill_id = ?').get(billId) as { state: string } | undefined
    )?.state;
  } finally {
    db.close();
  }
}

describe('the app, renderer to CareCloud, through the preload and the main process', () => {
  it('takes a cash sale that main journals and CareCloud books once', async () => {
    const lane = e2e.track(await openShellLane(e2e.browser, { cashierPin }));
    const { page, main, sandbox, dataDir } = lane;
    expect(
      await page.evaluate(() => Object.keys((window as unknown as { pos: object }).pos).includes('checkout')),
    ).toBe(true);
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const billId = await receiptBillId(page);
    expect(billId).not.toBe('');
    expect(sandbox.control.purchases().filter((bill) => bill.bill_id === billId)).toHaveLength(1);
    expect(journalState(dataDir, billId)).toBe('synced');
    // The page reached main through the preload's channels.
    expect(lane.invoked).toEqual(
      expect.arrayContaining([
        'pos:session.status',
        'pos:operator.signIn',
        'pos:checkout.product',
        'pos:checkout.preview',
        'pos:checkout.pay',
      ]),
    );
    // and main pushed its status events to the window.
    expect(main.sent.map((message) => message.channel)).toEqual(
      expect.arrayContaining(['pos-event:sync.status', 'pos-event:session.changed']),
    );
  }, 120_000);

  it('carries on with the open sale when the renderer dies and main reloads it', async () => {
    const lane = e2e.track(await openShellLane(e2e.browser, { cashierPin }));
    const { page, main, sandbox } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, roll);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
    const names = await page.getByTestId('cart-line').allTextContents();
    // Main holds the sale as the screen shows it before the renderer goes.
    await eventually(
      async () =>
        (await main.invoke<{ ok: true; value: { cart: { lines: unknown[] } } | null }>('checkout.openSale'))
          .value?.cart.lines.length,
    ).toBe(2);
    const loads = lane.invoked.filter((channel) => channel === 'pos:session.status').length;
    await main.request({
      op: 'emit',
      target: 'webContents',
      targetId: lane.webContentsId,
      event: 'render-process-gone',
      args: [{ reason: 'oom', exitCode: 133 }],
    });
    // The page starts from nothing: it asks main for the session again.
    await eventually(
      () => lane.invoked.filter((channel) => channel === 'pos:session.status').length,
    ).toBeGreaterThan(loads);
    await page.locator('[data-screen="sale"]').waitFor();
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await page.getByTestId('cart-line').allTextContents()).toEqual(names);
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const billId = await receiptBillId(page);
    expect(sandbox.control.purchases().filter((bill) => bill.bill_id === billId)).toHaveLength(1);
    // Paid: main keeps no open sale any more.
    await eventually(
      async () => (await main.invoke<{ ok: true; value: unknown }>('checkout.openSale')).value,
    ).toBe(null);
  }, 120_000);
});
