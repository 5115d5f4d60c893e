// Parking sales in Debian's Chromium: an empty sale cannot be paid, signing out keeps the
// open sale for its operator (in main: a reload loses nothing), and F11 parks and recalls.
import { describe, expect, it } from 'vitest';
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

describe('parked sales', () => {
  it('refuses to pay an empty sale, parks a sale on F9 for its operator only, offers it back on reload', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    // Nothing to pay: the button is off and F12 opens nothing.
    expect(await page.getByTestId('pay').isDisabled()).toBe(true);
    await page.keyboard.press('F12');
    expect(await page.getByTestId('pay-panel').count()).toBe(0);

    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F9');
    await page.locator('[data-screen="signin"]').waitFor();
    // Another operator does not get it: the manager's sale screen offers no parked sale.
    await signInTo(page, managerPin);
    await openSale(page);
    expect(await page.getByTestId('parked-sales').count()).toBe(0);
    expect(await page.getByTestId('show-parked').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.locator('[data-screen="signin"]').waitFor();
    // It lives in main: a reload of the screens loses nothing.
    await page.reload();
    await page.locator('[data-screen="signin"]').waitFor();
    await page.locator('#pin').fill(cashierPin);
    await page.keyboard.press('Enter');
    await page.getByTestId('parked-sales').waitFor();
    expect(await page.getByTestId('parked-sale').textContent()).toContain('429,00');
    await screenshot(page, 'sale-parked-offer-cs');
    await page.keyboard.press('Enter');
    await page.locator('[data-screen="sale"]').waitFor();
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    expect(await page.getByTestId('cart-line').textContent()).toContain('Káva');
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
  }, 90_000);

  it('F11 parks a sale for a customer who forgot their wallet, and takes it back', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F11');
    await page.getByTestId('park-notice').waitFor();
    await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);
    // F11 over the empty sale lists what is parked; Esc leaves it parked.
    await page.keyboard.press('F11');
    await page.getByTestId('parked-sales').waitFor();
    expect(await page.getByTestId('parked-sale').count()).toBe(1);
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('parked-sales').count()).toBe(0);
    await page.getByTestId('show-parked').click();
    await page.getByTestId('recall-sale').click();
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('F4');
    await eventually(() => page.getByTestId('park-sale').textContent()).toContain('Park the sale');
    await screenshot(page, 'sale-park-en');
  }, 60_000);
});
