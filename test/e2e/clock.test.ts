// One clock: with Chromium running in another time zone than the terminal's setting,
// every time on the receipt, the status bar, the queue, an entry's history, the audit
// log and the PIN lock is the terminal's (Europe/Prague), never the browser's.
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

const managerPin = '9999';
const coffee = '8594005650015';
const terminalZone = 'Europe/Prague';
// Six hours behind Prague: no minute on one clock reads the same on the other.
const browserZone = 'America/New_York';

const e2e = browserTests<SaleLane>();

const wallClock = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );

/** Every hh:mm in the text, each of which must be a minute of [from, to] on the terminal's clock. */
function expectTerminalClock(text: string, from: number, to: number): void {
  const shown = [...text.matchAll(/(?<!\d)(\d{1,2}):(\d{2})(?!\d)/g)].map(
    (m) => `${m[1]!.padStart(2, '0')}:${m[2]}`,
  );
  expect(shown.length, `a time in "${text}"`).toBeGreaterThan(0);
  const minutes = new Set<string>();
  for (let at = from - 60_000; at <= to + 60_000; at += 30_000) minutes.add(wallClock(at, terminalZone));
  for (const time of shown) expect([...minutes], `"${text}" on the ${terminalZone} clock`).toContain(time);
}

describe('one clock', () => {
  it('shows every time in the terminal zone while the browser runs in another', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, { timezoneId: browserZone, viewport: { width: 1920, height: 1080 } }),
    );
    const { page } = lane;
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(browserZone);
    const start = Date.now();
    await signInTo(page, managerPin);
    await openSale(page);
    await scanWithWedge(page, coffee);
    await previewSettled(page);
    await lane.outage(true);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    const paid = Date.now();
    await eventually(() => page.getByTestId('connection').textContent()).toContain('Offline od');
    expectTerminalClock((await page.getByTestId('connection').textContent()) ?? '', start, paid);
    const receiptTime = (await page.getByTestId('receipt-bill').textContent()) ?? '';
    expectTerminalClock(receiptTime, start, paid);
    // The terminal's date too, in the cashier's language.
    expect(receiptTime).toContain(
      new Intl.DateTimeFormat('cs-CZ', {
        timeZone: terminalZone,
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
      }).format(paid),
    );
    await page.keyboard.press('Enter');

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    expectTerminalClock((await page.getByTestId('queue-row').first().textContent()) ?? '', start, paid);
    await page.getByTestId('queue-open').first().click();
    await page.getByTestId('entry-request').waitFor();
    expectTerminalClock(
      (await page.getByTestId('entry-request').locator('p').first().textContent()) ?? '',
      start,
      paid,
    );
    expectTerminalClock((await page.getByTestId('entry-history').textContent()) ?? '', start, paid);
    // A manager action writes the audit log.
    await page.getByTestId('entry-retry').click();
    await page.getByTestId('manager-pin').fill(managerPin);
    await page.keyboard.press('Enter');
    await page.getByTestId('queue-outcome').waitFor();
    const retried = Date.now();
    await page.getByTestId('queue-back').click();
    await eventually(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    for (const row of await page.getByTestId('audit-row').allTextContents())
      expectTerminalClock(row, start, retried);
    await screenshot(page, 'clock-queue-new-york-browser');

    // Five wrong PINs lock sign-in for five minutes: "until" on the terminal's clock.
    await page.keyboard.press('F9');
    await page.locator('[data-screen="signin"]').waitFor();
    const locking = Date.now();
    for (let i = 0; i < 5; i++) {
      await page.locator('#pin').fill('0000');
      await page.keyboard.press('Enter');
      await eventually(() => page.locator('#pin').inputValue()).toBe('');
    }
    await eventually(() => page.getByTestId('signin-message').textContent()).toContain('zamčen');
    const locked = Date.now();
    expectTerminalClock(
      (await page.getByTestId('signin-message').textContent()) ?? '',
      locking + 5 * 60_000,
      locked + 5 * 60_000,
    );
  }, 90_000);
});
