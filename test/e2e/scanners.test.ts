// Keyboard-mode scanners: their bursts are classified in main by the terminal's one
// classifier, and the settings switch for them really turns their detection off and on.
import { describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import { eventually, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';

const e2e = browserTests<SaleLane>();

const wedgeSwitch = 'Přijímat čtečky, které píšou jako klávesnice';

describe('keyboard-mode scanners', () => {
  it('are not read while the settings switch them off, and are read again once it is back on', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1920, height: 1080 } }));
    const { page, sandbox } = lane;
    const cardLookups = (card: string) =>
      sandbox.control.requests().filter((r) => r.path.includes(card)).length;
    await signInTo(page, '9999');
    // The manager lands on the dashboard; the scans here are taken on the customer lookup.
    await page.keyboard.press('F3');
    await page.locator('[data-screen="lookup"]').waitFor();

    async function switchWedge(on: boolean) {
      await page.keyboard.press('F6');
      await page.getByTestId('settings-form').waitFor();
      await page.getByLabel(wedgeSwitch).setChecked(on);
      await page.getByTestId('save-settings').click();
      await page.getByTestId('manager-pin').fill('9999');
      await page.keyboard.press('Enter');
      await page.getByTestId('pin-dialog').waitFor({ state: 'detached' });
      await eventually(() => page.getByTestId('settings-outcome').textContent()).toContain(
        'Nastavení uloženo',
      );
      await page.keyboard.press('Escape');
      await page.locator('[data-screen="lookup"]').waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }

    await switchWedge(false);
    await screenshot(page, 'settings-wedge-off-lookup-cs');
    await scanWithWedge(page, demo.cards.regular);
    await switchWedge(true);
    await scanWithWedge(page, demo.cards.manyPoints);
    await page.locator('[data-screen="customer"]').waitFor();
    await eventually(() => cardLookups(demo.cards.manyPoints)).toBeGreaterThan(0);
    // The burst typed while detection was off was never taken for a scan.
    expect(cardLookups(demo.cards.regular)).toBe(0);
  }, 60_000);
});
