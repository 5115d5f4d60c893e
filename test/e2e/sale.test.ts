// The sale screen in Debian's Chromium against the preview host, with a sandbox the
// test keeps: what lands in CareCloud is checked there, not on the screen.
import { describe, expect, it } from 'vitest';
import { roundCash } from '../../shared/checkout/cash.ts';
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
const barcodes = { coffee: '8594005650015', chocolate: '8594008250120', wine: '8594012340015' };

const e2e = browserTests<SaleLane>();

async function pointsOf(lane: SaleLane, customerId: string): Promise<number> {
  const res = await lane.sandbox.call<{ data: { available_points: number } }>(
    'GET',
    '/wallet/actions/points-overview',
    { query: { customer_id: customerId } },
  );
  return res.body.data.available_points;
}

describe('a sale in the browser', () => {
  it('closes a full sale: card, 3 barcoded items, voucher, points; CareCloud has it once, totals right', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    const before = await pointsOf(lane, demo.customers.regular);
    await signInTo(page, cashierPin);
    await openSale(page);
    await screenshot(page, 'sale-empty-cs');
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    for (const code of [barcodes.coffee, barcodes.chocolate, barcodes.wine]) await scanWithWedge(page, code);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(3);
    await scanWithWedge(page, demo.vouchers.value100);
    await page.getByTestId('sale-points-available').waitFor();
    await page.getByTestId('sale-points').fill('100');
    await page.getByTestId('sale-points').press('Tab');
    await previewSettled(page);
    await eventually(() =>
      page
        .locator(`[data-testid="sale-voucher-item"][data-code="${demo.vouchers.value100}"]`)
        .getAttribute('data-status'),
    ).toBe('applied');
    await eventually(() => page.getByTestId('total-points').count()).toBe(1);
    const toPay = await page.getByTestId('to-pay').textContent();
    await screenshot(page, 'sale-preview-cs');
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await screenshot(page, 'sale-pay-cs');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    expect(await page.getByTestId('receipt-total').textContent()).toBe(toPay);
    await screenshot(page, 'sale-receipt-cs');
    const billId = (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
    const landed = lane.sandbox.control.purchases().filter((p) => p.bill_id === billId);
    expect(landed).toEqual([
      expect.objectContaining({ attempts: 1, canceled: false, purchase_id: expect.any(String) }),
    ]);
    const purchase = await lane.sandbox.call<{ data: { total_price: number; customer_id: string } }>(
      'GET',
      `/purchases/${landed[0]!.purchase_id}`,
    );
    // Coffee 429.00 + chocolate 44.90 + wine 189.00 before benefits, and the cash paid rounded to whole crowns.
    const toPayMinor = Number((toPay ?? '').replace(/[^\d]/g, ''));
    const roundingMinor = roundCash(toPayMinor, 100) - toPayMinor;
    expect(purchase.body.data.customer_id).toBe(demo.customers.regular);
    expect(Math.round(purchase.body.data.total_price * 100)).toBe(66_290 + roundingMinor);
    const earned = Number(
      /(\d[\d\s]*)/
        .exec((await page.getByTestId('receipt-points').textContent()) ?? '')?.[1]
        ?.replace(/\s/g, ''),
    );
    expect(await pointsOf(lane, demo.customers.regular)).toBe(before - 100 + earned);
    // Enter on the default button starts the next sale.
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sale-code');

    // A cashier cancels it from the recent sales; a manager's PIN authorises the refund.
    await page.getByTestId('recent-sales').locator('summary').click();
    // The sale by its short reference (store · desk · time · code), not its bill id.
    const reference =
      (await page
        .locator(`[data-testid="recent-sale"][data-bill="${billId}"] [data-testid="recent-ref"]`)
        .textContent()) ?? '';
    expect(reference).toMatch(new RegExp(` · pokladna \\d+ · \\d{2}:\\d{2} · ${billId.slice(-5)}$`));
    await page
      .locator(`[data-testid="recent-sale"][data-bill="${billId}"] [data-testid="cancel-sale"]`)
      .click();
    await page.getByTestId('manager-pin').fill(cashierPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('pin-problem').count()).toBe(1);
    await page.getByTestId('manager-pin').fill('9999');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cancel-outcome').textContent()).toBe(
      `Prodej ${reference} je stornován.`,
    );
    await eventually(() =>
      page
        .locator(`[data-testid="recent-sale"][data-bill="${billId}"] [data-testid="recent-cancelled"]`)
        .count(),
    ).toBe(1);
    expect(lane.sandbox.control.purchases().filter((p) => p.canceled)).toEqual([
      expect.objectContaining({ attempts: 1, purchase_id: expect.any(String) }),
    ]);
    expect(await pointsOf(lane, demo.customers.regular)).toBe(before);
  }, 60_000);
});
