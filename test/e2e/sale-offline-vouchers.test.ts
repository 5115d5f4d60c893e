// Vouchers spent offline: the terminal's own ledger of vouchers in sales CareCloud has
// not confirmed yet refuses a second use, and lets the voucher go when that sale is voided.
import { describe, expect, it } from 'vitest';
import { reasonSentence } from '../../shared/i18n/index.ts';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
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

const managerPin = '9999';
const coffee = '8594005650015';

const e2e = browserTests<SaleLane>();

async function billOf(page: SaleLane['page']): Promise<string> {
  // The receipt shows the sale's short reference; the bill_id is on the element.
  return (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
}

describe('a single-use voucher offline', () => {
  it('is refused in a second offline sale, back once the first is voided; CareCloud sees it used once', async () => {
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
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    const voucher = () =>
      page.locator(`[data-testid="sale-voucher-item"][data-code="${demo.vouchers.value100}"]`);

    // The first offline sale takes the voucher from the pre-synced list.
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await eventually(() => voucher().getAttribute('data-status')).toBe('applied');
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    const firstBill = await billOf(page);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);

    // The second one, still offline and for the same customer, is told the voucher is used.
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await eventually(() => voucher().getAttribute('data-status')).toBe('refused');
    expect(await voucher().getByTestId('sale-voucher-status').textContent()).toBe(
      reasonSentence('cs', { name: 'benefit_codes', reason: 'voucher_already_used' }),
    );
    await screenshot(page, 'sale-offline-voucher-already-used-cs');

    // The manager voids the first sale: its voucher is free again for this terminal.
    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await eventually(() => page.getByTestId('queue-row').count()).toBe(1);
    await page.getByTestId('queue-open').click();
    await page.getByTestId('void-reason').fill('customer changed their mind');
    await page.getByTestId('entry-void').click();
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('entry-state').getAttribute('data-state')).toBe('voided');
    await page.keyboard.press('F5');
    await page.locator('[data-screen="sale"]').waitFor();
    await voucher().getByRole('button').click();
    await eventually(() => voucher().count()).toBe(0);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await eventually(() => voucher().getAttribute('data-status')).toBe('applied');
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    const secondBill = await billOf(page);
    await page.keyboard.press('Enter');

    // Back online, the replay lands once and CareCloud takes the voucher exactly once.
    await lane.outage(false);
    await eventually(
      () => sandbox.control.purchases().filter((p) => p.bill_id === secondBill && p.purchase_id).length,
    ).toBe(1);
    expect(sandbox.control.purchases().filter((p) => p.bill_id === firstBill)).toEqual([]);
    await eventually(() => page.getByTestId('needs-attention').count()).toBe(0);
    const found = await sandbox.call<{ data: { vouchers: { applied_date: string | null }[] } }>(
      'GET',
      '/vouchers',
      { query: { code: demo.vouchers.value100 } },
    );
    expect(found.body.data.vouchers[0]!.applied_date).toEqual(expect.any(String));
  }, 90_000);
});
