// Weighed goods in Debian's Chromium: a per-kg quick key asks for the weight (on-screen
// keypad or keyboard), quantities show in the cashier's language, and the receipt prints
// the quantity the line total was computed from.
import { describe, expect, it } from 'vitest';
import { browserTests } from './support/browser.ts';
import { screenshot } from './support/page.ts';
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
const bananas = '2000001';
const apples = '2000002';

const e2e = browserTests<SaleLane>();
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('weighed goods', () => {
  it('asks the weight of a per-kg quick key, shows a decimal comma, prints 0,725 × 34,90 Kč = 25,30 Kč', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await page.locator(`[data-testid="quick-key"][data-plu="${bananas}"]`).click();
    await page.getByTestId('weight-dialog').waitFor();
    // Nothing is on the bill until the weight is given.
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    for (const key of ['0', 'decimal', '7', '2', '5'])
      await page.locator(`[data-testid="weight-key"][data-key="${key}"]`).click();
    expect(await page.getByTestId('weight-input').inputValue()).toBe('0,725');
    await screenshot(page, 'sale-weight-keypad-cs');
    await page.getByTestId('weight-confirm').click();
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('line-quantity').inputValue()).toBe('0,725');
    expect(plain(await page.getByTestId('line-price').textContent())).toContain('25,30 Kč');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sale-code');

    // The keyboard works too, and Esc adds nothing.
    await page.locator(`[data-testid="quick-key"][data-plu="${apples}"]`).click();
    await page.getByTestId('weight-dialog').waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('weight-dialog').count()).toBe(0);
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    await page.locator(`[data-testid="quick-key"][data-plu="${apples}"]`).click();
    await page.getByTestId('weight-dialog').waitFor();
    await page.keyboard.type('1.2');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
    expect(await page.getByTestId('line-quantity').nth(1).inputValue()).toBe('1,2');

    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const lines = (await page.getByTestId('receipt-line').allTextContents()).map(plain);
    expect(lines[0]).toContain('0,725 × 34,90 Kč');
    expect(lines[0]).toContain('25,30 Kč');
    expect(lines[1]).toContain('1,2 × 42,90 Kč');
    expect(lines[1]).toContain('51,48 Kč');
    await screenshot(page, 'sale-weight-receipt-cs');
    // CareCloud gets the same quantity and amount.
    const billId = (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
    const received = lane.sandbox.control.purchases().find((p) => p.bill_id === billId);
    const purchase = await lane.sandbox.call<{ data: { total_price: number } }>(
      'GET',
      `/purchases/${received!.purchase_id}`,
    );
    expect(purchase.body.data.total_price).toBe(76.78);
  }, 60_000);
});
