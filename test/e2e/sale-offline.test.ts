// Outage mid-day, a replay CareCloud rejects and the manager's resend, a double press
// on pay, a host killed after the journal, and a whole sale by keyboard alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { demo } from '../../sandbox/seed.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';
import { browserTests } from './support/browser.ts';
import { rendererDir, repositoryRoot } from './support/build.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import {
  eventually,
  openSale,
  openSaleLane,
  paidOutcome,
  previewSettled,
  signInTo,
  type SaleLane,
} from './support/sale-page.ts';

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';
const bread = '8594001022007';

const e2e = browserTests<SaleLane>();

async function billOf(page: SaleLane['page']): Promise<string> {
  // The receipt shows the sale's short reference; the bill_id is on the element.
  return (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
}

describe('offline and recovery in the browser', () => {
  it('journals two sales in an outage, syncs each once when it ends, and the status bar returns online', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    // Seen once online, the card is known offline too.
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await eventually(() => page.getByTestId('connection').textContent()).toContain('Offline');
    const bills: string[] = [];
    for (const [i, code] of [coffee, bread].entries()) {
      await scanWithWedge(page, code);
      await previewSettled(page);
      if (i === 0) {
        // Points need CareCloud: the default policy refuses them offline, and says so.
        await page.getByTestId('sale-offline-mark').waitFor();
        await page.getByTestId('sale-points').fill('50');
        await page.getByTestId('sale-points').press('Tab');
        await eventually(() => page.getByTestId('benefit-refusal').textContent()).toBe(
          'Platba body: Pokladna je offline; tohle potřebuje CareCloud, teď to nejde použít.',
        );
        await page.getByTestId('points-later').waitFor();
        await screenshot(page, 'sale-offline-points-refused-cs');
      }
      await page.keyboard.press('F12');
      await page.getByTestId('pay-panel').waitFor();
      await page.keyboard.press('Enter');
      expect(await paidOutcome(page)).toContain(`Pořadí ve frontě: ${i + 1}`);
      if (i === 0) expect(await page.getByTestId('points-later').textContent()).toContain('připíšou');
      bills.push(await billOf(page));
      if (i === 0) await screenshot(page, 'sale-saved-offline-cs');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);
    }
    await eventually(() => page.getByTestId('queue').textContent()).toContain('2');
    // Journaled without a network attempt: CareCloud never saw them while it was cut off.
    expect(lane.sandbox.control.purchases().filter((p) => bills.includes(p.bill_id))).toEqual([]);
    await lane.outage(false);
    await eventually(
      () =>
        lane!.sandbox.control.purchases().filter((p) => bills.includes(p.bill_id) && p.purchase_id).length,
    ).toBe(2);
    for (const billId of bills)
      expect(lane.sandbox.control.purchases().filter((p) => p.bill_id === billId)).toEqual([
        expect.objectContaining({ attempts: 1 }),
      ]);
    await eventually(() => page.getByTestId('connection').textContent()).toContain('Online');
    await eventually(() => page.getByTestId('queue').textContent()).toBe('Nic nečeká na odeslání');
  }, 60_000);

  it('queues a replay CareCloud rejects; the manager resends it without the voucher, the audit says who', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        settings: { offlinePolicy: { vouchers: 'accept-synced' } },
        viewport: { width: 1920, height: 1080 },
      }),
    );
    const { page, sandbox } = lane;
    await signInTo(page, managerPin);
    await page.keyboard.press('F7');
    await page.getByTestId('sync-offline-vouchers').click();
    await page.getByTestId('offline-vouchers-synced').waitFor();
    // Another till spends the voucher after this terminal synced its offline list.
    const found = await sandbox.call<{ data: { vouchers: { voucher_id: string }[] } }>('GET', '/vouchers', {
      query: { code: demo.vouchers.value100 },
    });
    await sandbox.call('POST', `/vouchers/${found.body.data.vouchers[0]!.voucher_id}/actions/apply-voucher`, {
      body: { date_applied: formatCareCloudDateTime(new Date(), 'Europe/Prague') },
    });
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await eventually(() =>
      page.locator('[data-testid="sale-voucher-item"]').getAttribute('data-status'),
    ).toBe('applied');
    await page.getByTestId('sale-offline-mark').waitFor();
    await page.getByTestId('points-later').waitFor();
    await screenshot(page, 'sale-offline-voucher-cs-1920');
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    const billId = await billOf(page);
    await page.keyboard.press('Enter');
    await lane.outage(false);
    await eventually(() => page.getByTestId('needs-attention').count()).toBe(1);

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await page.getByTestId('filter-state').selectOption('rejected');
    await page.getByTestId('filter-apply').click();
    await eventually(() => page.getByTestId('queue-row').count()).toBe(1);
    expect(await page.getByTestId('count-rejected').textContent()).toBe('1');
    await screenshot(page, 'queue-rejected-cs');
    await page.getByTestId('queue-open').click();
    await page.getByTestId('entry-request').waitFor();
    expect(await page.getByTestId('entry-reason').first().textContent()).toBe('Tento poukaz už byl použit.');
    expect(await page.getByTestId('request-voucher').textContent()).toContain(demo.vouchers.value100);
    await page.keyboard.press('F4');
    await eventually(() => page.getByTestId('entry-resend').textContent()).toBe(
      'Resend without the refused benefits',
    );
    await screenshot(page, 'queue-entry-en');
    await page.getByTestId('entry-resend').click();
    await page.getByTestId('manager-pin').fill('0000');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('pin-problem').textContent()).toBe(
      'PIN not accepted. 4 tries left before PINs lock here.',
    );
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('queue-outcome').textContent()).toContain('Sent: entry');
    await eventually(
      () =>
        sandbox.control
          .purchases()
          .filter((p) => p.purchase_id && p.bill_id !== billId && p.bill_id.startsWith(billId.slice(0, 8)))
          .length,
    ).toBe(1);
    expect(sandbox.control.purchases().find((p) => p.bill_id === billId)?.purchase_id ?? null).toBeNull();
    await page.getByTestId('queue-back').click();
    await page.getByTestId('audit-log').waitFor();
    await eventually(() =>
      page.locator('[data-testid="audit-row"][data-action="resend"]').textContent(),
    ).toContain('Demo Manager');
    expect(
      await page.locator('[data-testid="audit-row"][data-action="pin-refused"]').count(),
    ).toBeGreaterThan(0);
    await page.getByTestId('audit-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'queue-audit-en');
    await page.getByTestId('audit-export-json').click();
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('audit-exported').count()).toBe(1);
  }, 90_000);

  it('gives one purchase for a double press on pay', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page, sandbox } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('confirm-pay').dblclick();
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const billId = await billOf(page);
    expect(sandbox.control.purchases().filter((p) => p.bill_id === billId)).toEqual([
      expect.objectContaining({ attempts: 1 }),
    ]);
    expect(sandbox.control.requests().filter((r) => r.operation_id === 'postPurchaseSend')).toHaveLength(1);
  });

  it('sells a whole sale by keyboard alone', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await page.keyboard.press('F5');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
    // Typed by a person, key by key: past the wedge detector into the field.
    await page.keyboard.type(coffee, { delay: 90 });
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await eventually(() => page.getByTestId('line-quantity').inputValue()).toBe('2');
    await page.keyboard.press('F2');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-card');
    await page.keyboard.type(demo.cards.regular, { delay: 90 });
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await page.keyboard.press('F10');
    await page.keyboard.type(demo.vouchers.percent10, { delay: 90 });
    await page.keyboard.press('Enter');
    await previewSettled(page);
    await eventually(() =>
      page.locator('[data-testid="sale-voucher-item"]').getAttribute('data-status'),
    ).toBe('applied');
    await page.keyboard.press('F12');
    await page.keyboard.press('k');
    await eventually(() => page.getByTestId('tender-card').isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    expect(await page.getByTestId('receipt-bill').textContent()).toContain('Kartou');
    expect(await page.getByTestId('receipt-line').textContent()).toContain('2 ×');
    await page.keyboard.press('F4');
    await eventually(() => page.getByTestId('next-sale').textContent()).toContain('Next sale');
    await screenshot(page, 'sale-receipt-en');
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
    await screenshot(page, 'sale-empty-en');
  }, 60_000);
});

describe('a host killed after the journal', () => {
  let sandbox: TestSandbox;
  let dataDir: string;
  let child: ChildProcess | null = null;

  async function startHost(): Promise<string> {
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repositoryRoot, 'test/e2e/support/host-process.ts'),
        rendererDir,
        dataDir,
        sandbox.projectUrl,
      ],
      { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = proc;
    return new Promise((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      proc.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    });
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    dataDir = mkdtempSync(join(tmpdir(), 'ccpos-e2e-crash-'));
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('still gives exactly one purchase after a kill and a restart on the same data', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const page = await context.newPage();
      await page.goto(await startHost());
      await signInTo(page, cashierPin);
      await openSale(page);
      await scanWithWedge(page, bread);
      await previewSettled(page);
      // CareCloud takes the purchase but the answer never arrives: the closure stays in the journal.
      sandbox.control.dropNext(1);
      await page.keyboard.press('F12');
      await page.keyboard.press('Enter');
      expect(await paidOutcome(page)).toContain('Uloženo offline');
      const billId = await billOf(page);
      expect(sandbox.control.purchases().filter((p) => p.bill_id === billId && p.purchase_id)).toHaveLength(
        1,
      );
      const dead = child!;
      const exited = new Promise((resolve) => dead.once('exit', resolve));
      dead.kill('SIGKILL');
      await exited;

      const again = await context.newPage();
      await again.goto(await startHost());
      await signInTo(again, cashierPin);
      await eventually(() => again.getByTestId('queue').textContent()).toBe('Nic nečeká na odeslání');
      const landed = sandbox.control.purchases().filter((p) => p.bill_id === billId);
      expect(landed).toHaveLength(1);
      expect(landed[0]!.purchase_id).toEqual(expect.any(String));
    } finally {
      await context.close();
    }
  }, 60_000);
});
