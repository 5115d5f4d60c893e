// A screenshot of every sale, voucher and queue screen in Czech and English, at
// 1024x768 and where the layout changes most also at 1920x1080, for people to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { launchChromium } from './support/browser.ts';
import { ensureRendererBuilt } from './support/build.ts';
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

let browser: Browser;
let lane: SaleLane | null = null;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  const errors = lane?.pageErrors ?? [];
  await lane?.close();
  await browser?.close();
  expect(errors).toEqual([]);
});

/** Screenshots the screen in Czech, then in English, and switches back. */
async function inBothLanguages(page: Page, name: string, wide = false): Promise<void> {
  for (const language of ['cs', 'en'] as const) {
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await screenshot(page, `screen-${name}-${language}`);
    if (wide) {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, `screen-${name}-${language}-1920`);
      await page.setViewportSize({ width: 1024, height: 768 });
    }
    await page.keyboard.press('F4');
  }
  await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('cs');
}

describe('every new screen in both languages', () => {
  it('leaves screenshots of sale, pay, receipt, recent sales, voucher check, queue, entry and audit log', async () => {
    lane = await openSaleLane(browser);
    const { page } = lane;
    await signInTo(page, '9999');
    await openSale(page);
    await inBothLanguages(page, 'sale-empty');
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    for (const code of ['8594005650015', '8594001022007', '8594008250120']) await scanWithWedge(page, code);
    await scanWithWedge(page, demo.vouchers.percent10);
    await scanWithWedge(page, demo.vouchers.expired);
    await previewSettled(page);
    await eventually(() =>
      page.locator('[data-testid="sale-voucher-item"][data-status="refused"]').count(),
    ).toBe(1);
    await inBothLanguages(page, 'sale', true);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await inBothLanguages(page, 'sale-pay');
    // F4 asks CareCloud for the bill again in the new language; pay confirms once that answer is in.
    await previewSettled(page);
    await page.keyboard.press('Enter');
    await paidOutcome(page);
    await inBothLanguages(page, 'sale-receipt', true);
    await page.keyboard.press('Enter');
    await page.getByTestId('recent-sales').locator('summary').click();
    await page.getByTestId('cancel-sale').first().click();
    await page.getByTestId('pin-dialog').waitFor();
    await inBothLanguages(page, 'sale-cancel-pin');
    await page.keyboard.press('Escape');
    // The sheet is modal: the language switches with it closed.
    for (const language of ['cs', 'en'] as const) {
      await page.keyboard.press('F1');
      await page.getByTestId('shortcuts').waitFor();
      await screenshot(page, `screen-shortcuts-${language}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
      await page.keyboard.press('F4');
    }
    await page.keyboard.press('F7');
    await page.getByTestId('voucher-code').fill(demo.vouchers.value100);
    await page.keyboard.press('Enter');
    await page.getByTestId('voucher-facts').waitFor();
    await inBothLanguages(page, 'voucher-check');

    await lane.outage(true);
    await openSale(page);
    await scanWithWedge(page, '8594001021000');
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uloženo offline');
    await inBothLanguages(page, 'sale-saved-offline');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await inBothLanguages(page, 'queue', true);
    await page.locator('[data-testid="queue-row"][data-state="pending"] [data-testid="queue-open"]').click();
    await page.getByTestId('entry-request').waitFor();
    await inBothLanguages(page, 'queue-entry');
    await page.getByTestId('queue-back').click();
    await page.getByTestId('audit-log').scrollIntoViewIfNeeded();
    await inBothLanguages(page, 'audit-log');
    await lane.outage(false);
  }, 120_000);
});
