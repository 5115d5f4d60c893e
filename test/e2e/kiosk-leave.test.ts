// A manager makes the kiosk a till again from the kiosk's own screen, in Chromium on the
// demo kiosk preview: the discreet staff button on the attract screen, a wrong PIN tapped
// on the keypad (refused in the screen's language, still a kiosk, no restart), then the
// manager's PIN: main switches the settings to a till and asks for the restart.
import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n/index.ts';
import { translateKiosk } from '../../shared/i18n/kiosk.ts';
import { browserTests } from './support/browser.ts';
import { kioskScreenshot, openKiosk, type KioskLane } from './support/kiosk-page.ts';
import { laneLanguages } from './support/words.ts';

const e2e = browserTests<KioskLane>();

async function tapPin(lane: KioskLane, language: 'cs' | 'en', pin: string): Promise<void> {
  const keypad = lane.page.getByRole('group', { name: translateKiosk(language, 'kiosk.staff.keypad') });
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).tap();
}

describe.each(laneLanguages)('leaving kiosk mode on the kiosk (%s)', (language) => {
  const k = (key: Parameters<typeof translateKiosk>[1]) => translateKiosk(language, key);

  it('refuses a wrong manager PIN and stays a kiosk; the right one restarts the terminal as a till', async () => {
    let restartsAsked = 0;
    const lane = e2e.track(
      await openKiosk(e2e.browser, undefined, { onLeaveKiosk: () => (restartsAsked += 1) }),
    );
    const { page, preview } = lane;
    if (language === 'en')
      await page.getByRole('button', { name: translateKiosk('cs', 'kiosk.languageName') }).tap();
    await page.getByRole('heading', { level: 1, name: k('kiosk.attract.welcome') }).waitFor();

    const staff = page.getByRole('button', { name: k('kiosk.staff.button'), exact: true });
    const box = await staff.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(64);
    expect(box!.height).toBeGreaterThanOrEqual(64);
    await staff.tap();
    const dialog = page.getByRole('dialog', { name: k('kiosk.staff.title') });
    await dialog.waitFor();

    await tapPin(lane, language, '1234');
    await dialog.getByRole('button', { name: k('kiosk.staff.confirm') }).tap();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      new RegExp(`^${translate(language, 'pin.refused').replace('.', '\\.')}`),
    );
    expect(await page.locator('#kiosk-staff-pin').inputValue()).toBe('');
    await kioskScreenshot(page, `kiosk-leave-refused-${language}`);
    expect(restartsAsked).toBe(0);
    expect(preview.terminal.settings.current.mode).toBe('kiosk');

    await tapPin(lane, language, '9999');
    await dialog.getByRole('button', { name: k('kiosk.staff.confirm') }).tap();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(k('kiosk.staff.restarting'));
    await expect.poll(() => restartsAsked).toBe(1);
    expect(preview.terminal.settings.current.mode).toBe('till');
    await kioskScreenshot(page, `kiosk-leave-restarting-${language}`);
  }, 90_000);
});
