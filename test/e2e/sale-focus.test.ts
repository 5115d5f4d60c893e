// What the README promises about keys and focus at the sale, on the real screens:
// a quick key leaves the item field ready for the next scan, Esc drops a half-typed
// code, F2 goes to the sale's card field and F3 leaves the sale alone.
import { describe, expect, it } from 'vitest';
import { browserTests } from './support/browser.ts';
import { eventually, openSale, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';

const e2e = browserTests<SaleLane>();
// Typed by a person, key by key: past the keyboard-scanner detector into the field.
const byHand = { delay: 90 };
const focused = (lane: SaleLane) => lane.page.evaluate(() => document.activeElement?.id ?? '');

describe('focus and keys at the sale', () => {
  it('puts focus back in the item field after a quick key, and after the weight of a weighed one', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await page.locator('[data-testid="quick-key"][data-plu="8594001021000"]').click();
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await eventually(() => focused(lane)).toBe('sale-code');
    // The next code goes straight into the field.
    await page.keyboard.type('8594003840104', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(2);

    await page.locator('[data-testid="quick-key"][data-plu="2000001"]').click();
    await page.getByTestId('weight-dialog').waitFor();
    await page.getByTestId('weight-input').fill('1.25');
    await page.getByTestId('weight-input').press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(3);
    await eventually(() => focused(lane)).toBe('sale-code');
  }, 90_000);

  it('drops a half-typed item or voucher code on Esc and returns to the item field; the sale stays', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await page.keyboard.type('85940', byHand);
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('sale-code').inputValue()).toBe('');
    expect(await focused(lane)).toBe('sale-code');

    await page.keyboard.press('F10');
    await eventually(() => focused(lane)).toBe('sale-voucher');
    await page.keyboard.type('DEMO1', byHand);
    await page.keyboard.press('Escape');
    await eventually(() => focused(lane)).toBe('sale-code');
    expect(await page.getByTestId('sale-voucher').inputValue()).toBe('');
    // Typing again after Esc starts from an empty field.
    await page.keyboard.type('8594005650015', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('sale-voucher-item').count()).toBe(0);
    await expect(page.locator('[data-screen="sale"]').count()).resolves.toBe(1);
  }, 90_000);

  it("takes F2 to the sale's card field, and F3 does not leave the sale", async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await page.keyboard.press('F2');
    await eventually(() => focused(lane)).toBe('sale-card');
    await page.keyboard.press('F3');
    expect(await page.locator('[data-screen="sale"]').count()).toBe(1);
  }, 90_000);
});
