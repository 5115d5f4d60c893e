// The customer panel says what is true for this store: the status by name, points valued
// in the store's currency only (and not at all for a status that cannot pay with them),
// credits per currency with the unit, vouchers usable here apart from those that are not
// with why, inactive customers flagged, and offline the last-known values with their age.
import { describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import { eventually, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';

const cashierPin = '1111';
const e2e = browserTests<SaleLane>();

async function showCustomer(page: SaleLane['page'], card: string, name: string): Promise<void> {
  if ((await page.locator('[data-screen="customer"]').count()) > 0) {
    await page.keyboard.press('F3');
    await page.locator('[data-screen="lookup"]').waitFor();
  }
  await scanWithWedge(page, card);
  await eventually(() => page.getByTestId('customer-name').textContent()).toBe(name);
  for (const part of ['points', 'credits', 'vouchers', 'rewards'])
    await page.locator(`[data-testid="${part}"]:not([data-state="loading"])`).waitFor();
}

describe('the customer panel', () => {
  it('shows the status, values and vouchers as they are in this store, and last-known values offline', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1280, height: 900 } }));
    const { page } = lane;
    await signInTo(page, cashierPin);

    await showCustomer(page, demo.cards.regular, 'Jana Nováková');
    expect(await page.getByTestId('customer-status').textContent()).toBe('Stříbro');
    const worth = (await page.getByTestId('points-value').textContent()) ?? '';
    expect(worth).toContain('Kč');
    expect(worth).not.toContain('€');
    expect(await page.getByTestId('vouchers-here').textContent()).toContain(demo.vouchers.value100);
    expect(await page.getByTestId('vouchers-here').textContent()).not.toContain(demo.vouchers.otherStore);
    expect(
      await page
        .locator(`[data-testid="vouchers-elsewhere"] [data-code="${demo.vouchers.otherStore}"]`)
        .textContent(),
    ).toContain('Tento poukaz nelze v této prodejně uplatnit.');
    expect(await page.getByTestId('customer-inactive').count()).toBe(0);
    await screenshot(page, 'customer-panel-vouchers-cs');

    await showCustomer(page, demo.cards.credits, 'Tomáš Černý');
    const credits = await page.locator('[data-testid="credits-by-currency"] li').allTextContents();
    expect(credits.map((t) => t.replace(/\s/g, ' '))).toEqual(['500,00 Kč', '20,00 €']);
    expect(await page.getByTestId('credits').textContent()).not.toMatch(/1\s000|520/);

    await showCustomer(page, demo.cards.cannotPayByPoints, 'Jakub Horák');
    expect(await page.getByTestId('customer-status').textContent()).toBe('Základ');
    await page.getByTestId('points-cannot-pay').waitFor();
    expect(await page.getByTestId('points-value').count()).toBe(0);

    await showCustomer(page, demo.cards.inactiveCustomer, 'Zdeněk Pokorný');
    await page.getByTestId('customer-inactive').waitFor();
    await screenshot(page, 'customer-panel-inactive-cs');

    // CareCloud goes away: a customer seen before shows the last values with their age, not four errors.
    await lane.outage(true);
    await showCustomer(page, demo.cards.regular, 'Jana Nováková');
    for (const part of ['points', 'credits', 'vouchers', 'rewards']) {
      await eventually(() => page.locator(`[data-testid="${part}"]`).getAttribute('data-last-known')).toBe(
        'true',
      );
      expect(await page.getByTestId(`${part}-last-known`).textContent()).toMatch(
        /Poslední známý stav z CareCloudu, před \d+ (s|min)/,
      );
    }
    expect(await page.locator('.failed').count()).toBe(0);
    expect(await page.getByTestId('points-value').textContent()).toBe(worth);
    await screenshot(page, 'customer-panel-offline-cs');
  }, 90_000);
});
