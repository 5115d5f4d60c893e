// A manager walks away from the terminal in the middle of the settings: the screen goes
// back to sign-in by itself once the idle time has passed (the terminal's clock is moved).
import { describe, expect, it } from 'vitest';
import { browserTests } from './support/browser.ts';
import { openLane, scanWithWedge, screenshot, signIn, type Lane } from './support/page.ts';
import { eventually, openSale } from './support/sale-page.ts';

const managerPin = '9999';
const cashierPin = '1111';
const coffee = '8594005650015';
const e2e = browserTests<Lane>();

describe('idle sign-out in the browser', () => {
  it('signs an idle manager out and shows the sign-in screen; activity keeps them in', async () => {
    let clock = Date.now();
    const lane = e2e.track(await openLane(e2e.browser, { width: 1280, height: 800 }, { now: () => clock }));
    const { page } = lane;
    await signIn(page, managerPin);
    await page.keyboard.press('F6');
    await page.getByTestId('settings-form').waitFor();
    expect(await page.locator('#idleManagerMinutes').inputValue()).toBe('5');
    expect(await page.locator('#idleCashierMinutes').inputValue()).toBe('15');
    clock += 4 * 60_000;
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="diagnostics"] li').first().waitFor();
    clock += 4 * 60_000;
    expect(await page.locator('[data-screen="signin"]').count()).toBe(0);
    clock += 60_000 + 1;
    await page.locator('[data-screen="signin"]').waitFor({ timeout: 10_000 });
    expect(lane.preview.sessions().map((session) => session.operator)).toEqual([null]);
    await screenshot(page, 'idle-signed-out');
  }, 60_000);

  it('parks the open sale of a cashier signed out for being idle and offers it back to them', async () => {
    let clock = Date.now();
    const lane = e2e.track(await openLane(e2e.browser, { width: 1280, height: 800 }, { now: () => clock }));
    const { page } = lane;
    await signIn(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    clock += 15 * 60_000 + 1;
    await page.locator('[data-screen="signin"]').waitFor({ timeout: 10_000 });
    // Another operator signing in does not get it.
    await signIn(page, managerPin);
    await openSale(page);
    expect(await page.getByTestId('parked-sales').count()).toBe(0);
    await page.keyboard.press('F9');
    await page.locator('[data-screen="signin"]').waitFor();
    await page.locator('#pin').fill(cashierPin);
    await page.keyboard.press('Enter');
    await page.getByTestId('parked-sales').waitFor();
    expect(await page.getByTestId('parked-sale').count()).toBe(1);
    await screenshot(page, 'idle-signed-out-sale-parked');
  }, 90_000);
});
