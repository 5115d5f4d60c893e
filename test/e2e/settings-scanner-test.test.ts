// A support technician checks a keyboard-mode scanner on the settings screen, in Chromium
// on the preview host: "Scan a test code" waits for one scan, shows the code, where it
// came from, its speed and what it says about the scanner's setup; Esc and the Cancel
// button stop waiting; the test scan never reaches the open sale, and the next scan does.
import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../sandbox/seed.ts';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n/index.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import { eventually, openSale, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';
import { laneLanguages, messagePattern } from './support/words.ts';

const e2e = browserTests<SaleLane>();
const managerPin = '9999';

describe.each(laneLanguages)('scanning a test code in the settings (%s)', (language) => {
  const t = (key: MessageKey, params?: MessageParams) => translate(language, key, params);

  it('shows the scanned coffee barcode and what it says about the scanner; the open sale does not get it', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { settings: { language } }));
    const { page } = lane;
    await signInTo(page, managerPin);
    await openSale(page);
    await page.keyboard.press('F6');
    await page.getByTestId('settings-form').waitFor();
    const test = page.getByTestId('scanner-test');
    const start = test.getByRole('button', { name: t('scanTest.start') });
    await start.scrollIntoViewIfNeeded();
    const waiting = page.getByTestId('scanner-test-waiting');

    // Esc stops waiting and stays on the settings; so does the Cancel button.
    await start.click();
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe(t('scanTest.waiting'));
    await page.keyboard.press('Escape');
    await waiting.waitFor({ state: 'detached' });
    expect(await page.locator('[data-screen]').getAttribute('data-screen')).toBe('settings');
    await start.click();
    await test.getByRole('button', { name: new RegExp(`^${t('scanTest.cancel')}`) }).click();
    await waiting.waitFor({ state: 'detached' });

    await start.click();
    await waiting.waitFor();
    await scanWithWedge(page, demoProducts.coffee);
    const report = page.getByTestId('scanner-test-report');
    await report.waitFor();
    expect(await page.getByTestId('scanner-test-code').textContent()).toBe(demoProducts.coffee);
    expect(await page.getByTestId('scanner-test-source').textContent()).toBe(t('scanTest.from.keyboard'));
    expect(await page.getByTestId('scanner-test-speed').textContent()).toMatch(
      messagePattern(language, 'scanTest.speed.keys'),
    );
    const checks = await report
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-check'), li.lastElementChild?.textContent]),
      );
    expect(checks).toEqual([
      ['scanTest.check.suffix', t('scanTest.check.suffix', { key: 'Enter' })],
      ['scanTest.check.layout', t('scanTest.check.layout', { layout: t('scanTest.layout.us') })],
      ['scanTest.check.speed', expect.stringMatching(messagePattern(language, 'scanTest.check.speed'))],
      ['scanTest.check.gtin', t('scanTest.check.gtin', { format: 'EAN-13' })],
    ]);
    // The settings' own fields got nothing of the scan either.
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    await report.scrollIntoViewIfNeeded();
    await screenshot(page, `settings-scanner-test-${language}`);

    await page.keyboard.press('Escape');
    await page.locator('[data-screen="sale"]').waitFor();
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    // The same scan at the sale is an item: the test scan would have been one.
    await scanWithWedge(page, demoProducts.coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  }, 60_000);
});
