// The README's "Try it in one minute", step by step, in the web preview a newcomer
// opens (`npm run preview:web` starts the same demo preview), typed like a person.
import { describe, expect, it } from 'vitest';
import { browserTests } from './support/browser.ts';
import { openLane, signIn, type Lane } from './support/page.ts';
import { eventually } from './support/sale-page.ts';

const e2e = browserTests<Lane>();
const byHand = { delay: 90 };

describe('the README first round', () => {
  it('signs in, finds Jana by typed card, sells 2 coffees, a free croissant, pays, opens manager screens', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await signIn(page, '1111');

    // 2. The card number typed into the search field.
    await page.keyboard.type('2000000000015', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    // The cheat sheet's other ways in: an e-mail and a local phone number.
    await page.keyboard.press('F3');
    await page.keyboard.type('eva.dvorakova@example.cz', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Eva Dvořáková');
    await page.keyboard.press('F3');
    await page.keyboard.type('601000004', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Tomáš Černý');
    await page.keyboard.press('F3');
    await page.keyboard.type('2000000000015', byHand);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');

    // 3. A sale with her: two coffees, a croissant, COFFEE2.
    await page.keyboard.press('F5');
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
    for (const code of ['8594005650015', '8594005650015', '8594001023004']) {
      await page.keyboard.type(code, byHand);
      await page.keyboard.press('Enter');
    }
    await eventually(() => page.getByTestId('sale-code').inputValue()).toBe('');
    await eventually(() => page.locator('[data-testid="cart-line"]').allTextContents()).toEqual([
      expect.stringContaining('Káva'),
      expect.stringContaining('Croissant'),
    ]);
    await page.keyboard.press('F10');
    await page.keyboard.type('COFFEE2', byHand);
    await page.keyboard.press('Enter');
    await eventually(() =>
      page.locator('[data-testid="sale-voucher-item"][data-code="COFFEE2"]').getAttribute('data-status'),
    ).toBe('applied');
    expect(
      await page.locator('[data-testid="sale-voucher-item"][data-code="COFFEE2"]').textContent(),
    ).toContain('24,90');

    // 4. F12, Enter: paid; the receipt has the purchase id; Enter is the next sale.
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sale-outcome').textContent()).toMatch(/\w{6,}/);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(0);
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');

    // 5. Sign out; the manager's queue and settings with the outage switch.
    await page.keyboard.press('F9');
    await page.locator('[data-screen="signin"]').waitFor();
    await signIn(page, '9999');
    await page.keyboard.press('F8');
    await page.locator('[data-screen="queue"]').waitFor();
    await page.keyboard.press('F6');
    await page.locator('[data-screen="settings"]').waitFor();
    await page.getByTestId('outage').waitFor();
  }, 120_000);
});
