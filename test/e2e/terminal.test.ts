// The terminal in Debian's Chromium against the web preview host in demo mode.
import { describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { openLane, scanWithWedge, screenshot, signIn, type Lane } from './support/page.ts';

const cashierPin = '1111';

/** The page settles at its own pace on a busy machine: wait for it, within reason. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const managerPin = '9999';

const e2e = browserTests<Lane>();

describe('checkout terminal in the browser', () => {
  it('signs a cashier in with the demo PIN after a wrong one, and shows who and where', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await eventually(() => page.getByTestId('demo-badge').textContent()).toBe('DEMO');
    await eventually(() => page.getByTestId('connection').textContent()).toContain('Online');
    await page.locator('#pin').fill('0000');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('signin-message').textContent()).toContain('PIN nebyl přijat');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('pin');
    await screenshot(page, 'signin-wrong-pin');
    await signIn(page, cashierPin);
    expect(await page.getByTestId('operator').textContent()).toContain('Ukázková pokladní');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('customer-search');
    expect(await page.getByTestId('open-settings').count()).toBe(0);
    await screenshot(page, 'lookup');
  });

  it('locks sign-in after five wrong PINs, says until when, and another manager unlocks it on the screen', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.locator('#pin').fill(`000${attempt}`);
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('signin-message').textContent()).toContain(
        attempt === 4 ? 'Další špatný PIN' : `zbývají ${5 - attempt} pokusy`,
      );
    }
    await page.locator('#pin').fill('0005');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('signin-message').textContent()).toMatch(
      /zamčené do \d{1,2}:\d{2}/,
    );
    expect(await page.locator('#pin').isDisabled()).toBe(true);
    await screenshot(page, 'signin-locked');
    await page.getByTestId('signin-unlock').click();
    await page.getByTestId('manager-pin').fill(cashierPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('pin-problem').textContent()).toContain('PIN nebyl přijat');
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await page.getByTestId('pin-dialog').waitFor({ state: 'detached' });
    await eventually(() => page.locator('#pin').isDisabled()).toBe(false);
    await signIn(page, cashierPin);
  });

  it('opens the customer panel from a keyboard-wedge scan and a HID scan event, every part filled in', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await signIn(page, cashierPin);
    await scanWithWedge(page, demo.cards.regular);
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    expect(await page.getByTestId('customer-card').textContent()).toContain(demo.cards.regular);
    for (const part of ['points', 'credits', 'vouchers', 'rewards']) {
      await page.locator(`[data-testid="${part}"][data-state="ready"]`).waitFor();
    }
    expect(await page.getByTestId('points-available').textContent()).toMatch(/^\d[\d\s]*$/);
    expect(await page.getByTestId('search').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'next-customer',
    );
    await screenshot(page, 'customer-1024x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'customer-1920x1080');
    await page.keyboard.press('F3');
    await page.locator('[data-screen="lookup"]').waitFor();
    // A HID scanner's scans come from the main process as input.scan events.
    lane.preview.terminal.events.publish('input.scan', {
      kind: 'product',
      code: '8594001234561',
      source: 'hid',
      deviceId: 'scanner-1',
      decidedBy: 'rule',
    });
    await eventually(() => page.getByTestId('lookup-notice').textContent()).toContain('čárový kód zboží');
    lane.preview.terminal.events.publish('input.scan', {
      kind: 'loyalty_card',
      code: demo.cards.manyPoints,
      source: 'hid',
      deviceId: 'scanner-1',
      decidedBy: 'rule',
    });
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Eva Dvořáková');
  });

  it('finds a customer by email or a typed phone number, and lists several by name for the arrow keys', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await signIn(page, cashierPin);
    await page.getByTestId('search').fill('jana.novakova@example.cz');
    await page.keyboard.press('Enter');
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    // Typed by a person, key by key: the wedge detector must hand the digits back to the field.
    await page.keyboard.press('F2');
    await page.keyboard.type('420601000002', { delay: 90 });
    await page.keyboard.press('Enter');
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Petr Svoboda');
    // CareCloud's name search is exact: an unaccented name finds nobody, and the screen says why.
    await page.keyboard.press('F2');
    await page.getByTestId('search').fill('novakova');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('lookup-notice').textContent(), { timeout: 15_000 })
      .toContain('Nováková, ne novakova');
    await page.keyboard.press('F2');
    await page.getByTestId('search').fill('Nováková');
    await page.keyboard.press('Enter');
    await page.locator('[data-result="1"]').waitFor();
    await screenshot(page, 'search-results');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.locator('[data-result="1"] strong').textContent();
    await page.keyboard.press('Enter');
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(chosen);
  }, 60_000);

  it('says plainly when a card is unknown, blocked or its customer deleted', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await signIn(page, cashierPin);
    await scanWithWedge(page, demo.cards.free);
    await eventually(() => page.getByTestId('lookup-notice').textContent()).toContain(
      `Kartu ${demo.cards.free} nemá žádný zákazník`,
    );
    await screenshot(page, 'unknown-card');
    await scanWithWedge(page, demo.cards.blocked);
    await eventually(() => page.getByTestId('lookup-notice').textContent()).toContain('je zablokovaná');
    await scanWithWedge(page, demo.cards.deletedCustomer);
    await eventually(() => page.getByTestId('lookup-notice').textContent()).toContain(
      'byl v CareCloudu smazán',
    );
    expect(await page.locator('[data-screen="lookup"]').count()).toBe(1);
  });

  it('switches the language with F4 until sign-out; the saved language changes only in the settings', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page, preview } = lane;
    await page.keyboard.press('F4');
    await eventually(() => page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await signIn(page, managerPin);
    // A manager lands on the dashboard.
    await eventually(() => page.locator('h1').textContent()).toBe("Manager's overview");
    await page.keyboard.press('F1');
    await page.getByTestId('shortcuts').waitFor();
    await screenshot(page, 'shortcuts-english');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
    await page.keyboard.press('F4');
    await eventually(() => page.locator('h1').textContent()).toBe('Přehled vedoucího');
    await eventually(() => preview.terminal.settings.view().language).toBe('cs');
    await page.keyboard.press('F4');
    await eventually(() => page.locator('h1').textContent()).toBe("Manager's overview");
    expect(preview.terminal.settings.view().language).toBe('cs');
  });

  it('saves a manager’s settings change and shows it again', async () => {
    const lane = e2e.track(await openLane(e2e.browser, { width: 1920, height: 1080 }));
    const { page, preview } = lane;
    await signIn(page, managerPin);
    await page.keyboard.press('F6');
    await page.getByTestId('settings-form').waitFor();
    await page.getByTestId('cash-desk').fill('42');
    await page.getByTestId('store').selectOption(demo.stores.brno);
    await page.getByTestId('save-settings').click();
    // Every change asks for a manager's PIN typed for it.
    await page.getByTestId('manager-pin').fill(cashierPin);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('pin-problem').textContent()).toContain('PIN nebyl přijat');
    expect(preview.terminal.settings.view().cashdeskNumber).not.toBe('42');
    await screenshot(page, 'settings-pin');
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await page.getByTestId('pin-dialog').waitFor({ state: 'detached' });
    await eventually(() => page.getByTestId('settings-outcome').textContent()).toContain('Nastavení uloženo');
    await screenshot(page, 'settings-saved');
    expect(preview.terminal.settings.view()).toMatchObject({
      cashdeskNumber: '42',
      storeId: demo.stores.brno,
    });
    // Esc goes back where the manager came from: the dashboard they landed on.
    await page.keyboard.press('Escape');
    await page.locator('[data-screen="dashboard"]').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByTestId('cash-desk').inputValue()).toBe('42');
    expect(await page.getByTestId('store').inputValue()).toBe(demo.stores.brno);
    await page.getByTestId('cash-desk').fill('4x');
    await page.getByTestId('save-settings').click();
    await eventually(() => page.getByTestId('settings-outcome').textContent()).toContain('Zkontrolujte');
    expect(preview.terminal.settings.view().cashdeskNumber).toBe('42');
    await page.getByTestId('test-connection').click();
    await page.locator('[data-testid="diagnostics"] li').first().waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('diagnostics').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-diagnostics-1024x768');
  });

  it('goes offline during a simulated outage, still knows a seen card, and comes back online', async () => {
    const lane = e2e.track(await openLane(e2e.browser));
    const { page } = lane;
    await signIn(page, managerPin);
    await scanWithWedge(page, demo.cards.regular);
    await page.locator('[data-screen="customer"]').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('outage').check();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F3');
    // The terminal calls itself offline after a few unreachable attempts: each lookup is one.
    await expect
      .poll(
        async () => {
          await scanWithWedge(page, demo.cards.otherCustomer);
          return page.getByTestId('connection').textContent();
        },
        { timeout: 15_000, interval: 300 },
      )
      .toContain('Offline od');
    await eventually(() => page.getByTestId('lookup-notice').textContent()).toContain(
      'CareCloud není dostupný',
    );
    await screenshot(page, 'outage-offline');
    await scanWithWedge(page, demo.cards.regular);
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('from-cache').textContent()).toContain('offline kopii');
    await screenshot(page, 'outage-customer-from-cache');
    await page.keyboard.press('F6');
    await page.getByTestId('outage').uncheck();
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 })
      .toContain('Online');
  }, 60_000);
});
