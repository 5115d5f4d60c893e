// Recent sales in Debian's Chromium: what the customer paid (not the list total), when,
// by whom and the items, shown before a manager's PIN cancels the sale.
import { describe, expect, it } from 'vitest';
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

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';

const e2e = browserTests<SaleLane>();
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('recent sales', () => {
  it('show what was paid, when, by whom and the items; the cancel dialog shows them before manager PIN', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    await page.getByTestId('sale-points-available').waitFor();
    await page.getByTestId('sale-points').fill('100');
    await page.getByTestId('sale-points').press('Enter');
    await eventually(() => page.getByTestId('total-points').count()).toBe(1);
    await previewSettled(page);
    // 429,00 less the silver 3 % (12,87) and 100 points: 316,13 by card.
    expect(plain(await page.getByTestId('to-pay').textContent())).toBe('316,13 Kč');
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const billId = (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
    await page.keyboard.press('Enter');
    await page.getByTestId('recent-sales').locator('summary').click();
    const row = page.locator(`[data-testid="recent-sale"][data-bill="${billId}"]`);
    await eventually(async () => plain(await row.getByTestId('recent-paid').textContent())).toBe('316,13 Kč');
    expect(await row.textContent()).toContain('Ukázková pokladní');
    const reference = plain(await row.getByTestId('recent-ref').textContent());
    expect(reference).toMatch(new RegExp(`^\\S.* · pokladna \\d+ · \\d{2}:\\d{2} · ${billId.slice(-5)}$`));
    await row.getByTestId('cancel-sale').click();
    const dialog = page.getByTestId('pin-dialog');
    await dialog.waitFor();
    expect(plain(await dialog.getByTestId('facts-paid').textContent())).toContain('316,13 Kč');
    expect(plain(await dialog.getByTestId('facts-list-total').textContent())).toBe('429,00 Kč');
    expect(await dialog.getByTestId('facts-who').textContent()).toBe('Ukázková pokladní');
    // The customer by name, not by CareCloud's id.
    expect(await dialog.getByTestId('facts-customer').textContent()).toBe('Jana Nováková');
    expect(await dialog.getByTestId('facts-when').textContent()).toMatch(/\d{1,2}:\d{2}/);
    expect(await dialog.getByTestId('facts-item').allTextContents()).toEqual([
      expect.stringContaining('Káva zrnková 1 kg'),
    ]);
    expect(await dialog.textContent()).toContain('Použito 100 bodů');
    await screenshot(page, 'sale-recent-cancel-cs');
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cancel-outcome').textContent()).toBe(
      `Prodej ${reference} je stornován.`,
    );
    expect(lane.sandbox.control.purchases().filter((p) => p.canceled)).toHaveLength(1);
  }, 60_000);
});
