// Whose sale it is, and the points field, in Debian's Chromium against the preview
// host: what lands in CareCloud is checked in the sandbox, not only on the screen.
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
const coffee = '8594005650015';

const e2e = browserTests<SaleLane>();

async function billOf(page: SaleLane['page']): Promise<string> {
  return (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
}

describe('whose sale it is', () => {
  it('F5 from another customer’s panel asks; Enter gives the sale to that customer, in CareCloud too', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    await openSale(page);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    // The voucher check, the next customer, Petr's card, back to the sale.
    await page.keyboard.press('F7');
    await page.locator('[data-screen="vouchers"]').waitFor();
    await page.keyboard.press('F3');
    await page.locator('[data-screen="lookup"]').waitFor();
    await scanWithWedge(page, demo.cards.otherCustomer);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Petr Svoboda');
    await page.keyboard.press('F5');
    await page.getByTestId('customer-switch').waitFor();
    expect(await page.getByTestId('customer-switch').textContent()).toContain('Jana Nováková');
    await screenshot(page, 'sale-customer-switch-cs');
    // Esc keeps the sale's own customer.
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('customer-switch').count()).toBe(0);
    expect(await page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    // Asked again, Enter takes the customer on the panel; the items stay.
    await page.keyboard.press('F7');
    await page.locator('[data-screen="vouchers"]').waitFor();
    await page.keyboard.press('F3');
    await scanWithWedge(page, demo.cards.otherCustomer);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Petr Svoboda');
    await page.keyboard.press('F5');
    await page.getByTestId('customer-switch').waitFor();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Petr Svoboda');
    expect(await page.getByTestId('cart-line').count()).toBe(1);
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    const billId = await billOf(page);
    const landed = lane.sandbox.control.purchases().find((p) => p.bill_id === billId);
    const purchase = await lane.sandbox.call<{ data: { customer_id: string } }>(
      'GET',
      `/purchases/${landed!.purchase_id}`,
    );
    expect(purchase.body.data.customer_id).toBe(demo.customers.otherCustomer);
  }, 60_000);

  it('F5 from the panel of the sale’s own customer asks nothing', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    await openSale(page);
    await page.keyboard.press('F7');
    await page.locator('[data-screen="vouchers"]').waitFor();
    await page.keyboard.press('F3');
    await page.locator('[data-screen="lookup"]').waitFor();
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    await openSale(page);
    expect(await page.getByTestId('customer-switch').count()).toBe(0);
    expect(await page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
  }, 60_000);
});

describe('the points field', () => {
  it('applies typed points after a pause, without Enter; the newest value wins', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    await previewSettled(page);
    await page.getByTestId('sale-points-available').waitFor();
    const field = page.getByTestId('sale-points');
    // Typed key by key and left alone: no Enter, no Tab.
    await field.click();
    await field.pressSequentially('5');
    await field.pressSequentially('0');
    // On a slow machine the pause may pass between the two keys: 5 applies, then 50.
    await eventually(() => page.locator('#totals-title ~ dl').textContent()).toContain('Použito 50 bodů');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sale-points');
    // Changed again: the newest value is the one applied.
    await field.press('Backspace');
    await field.press('Backspace');
    await field.pressSequentially('30');
    await eventually(() => page.locator('#totals-title ~ dl').textContent()).toContain('Použito 30 bodů');
    await previewSettled(page);
    expect(await page.locator('#totals-title ~ dl').textContent()).not.toContain('Použito 50 bodů');
    await screenshot(page, 'sale-points-typed-cs');
  }, 60_000);
});
