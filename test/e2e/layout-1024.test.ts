// The README's screen size claim, measured: at 1024x768 no screen scrolls sideways,
// every button and field a finger may need is at least 44 px in both directions (a
// checkbox by its label), and the sale's Pay button stays in view.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge } from './support/page.ts';
import {
  eventually,
  openSale,
  openSaleLane,
  previewSettled,
  signInTo,
  type SaleLane,
} from './support/sale-page.ts';

const e2e = browserTests<SaleLane>();

interface Measure {
  overflow: number;
  small: string[];
}

function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      'button, input:not([type="checkbox"]):not([type="radio"]), select, textarea, a[href]',
    )) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || element.closest('.visually-hidden')) continue;
      if (box.height < 44 || box.width < 44) {
        const name = element.id || element.dataset.testid || element.textContent?.trim().slice(0, 20);
        small.push(
          `${element.tagName.toLowerCase()}#${name} ${Math.round(box.width)}x${Math.round(box.height)}`,
        );
      }
    }
    // A checkbox or radio button is touched by its label.
    for (const element of document.querySelectorAll<HTMLInputElement>(
      'input[type="checkbox"], input[type="radio"]',
    )) {
      if (element.getBoundingClientRect().width === 0) continue;
      const label =
        element.closest('label') ??
        (element.id ? document.querySelector(`label[for="${element.id}"]`) : null);
      const box = (label ?? element).getBoundingClientRect();
      if (box.height < 44 || box.width < 44)
        small.push(
          `${element.type}#${element.id || element.name} ${Math.round(box.width)}x${Math.round(box.height)}`,
        );
    }
    return { overflow: document.documentElement.scrollWidth - window.innerWidth, small };
  });
}

describe('screens at 1024x768', () => {
  it('scroll no screen sideways and keep touch targets at 44 px', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1024, height: 768 } }));
    const { page } = lane;
    const seen: Record<string, Measure> = {};
    seen.signin = await measure(page);
    await signInTo(page, '9999');
    seen.lookup = await measure(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('customer-name').textContent()).toBe('Jana Nováková');
    for (const part of ['points', 'credits', 'vouchers', 'rewards'])
      await page.locator(`[data-testid="${part}"]:not([data-state="loading"])`).waitFor();
    seen.customer = await measure(page);
    await page.keyboard.press('F3');
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    for (const code of ['8594005650015', '8594001022007', '8594008250120']) await scanWithWedge(page, code);
    await scanWithWedge(page, demo.vouchers.percent10);
    await previewSettled(page);
    seen.sale = await measure(page);
    // Pay stays in view, also where a window frame and a taskbar take 80 px of the height.
    for (const height of [768, 688]) {
      await page.setViewportSize({ width: 1024, height });
      const pay = await page.locator('#sale-pay').boundingBox();
      expect(pay && pay.y >= 0 && pay.y + pay.height <= height, `Pay at 1024x${height}`).toBe(true);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    seen.pay = await measure(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F7');
    await page.locator('[data-screen="vouchers"]').waitFor();
    seen.vouchers = await measure(page);
    await page.keyboard.press('F8');
    await page.locator('[data-screen="queue"]').waitFor();
    seen.queue = await measure(page);
    await page.keyboard.press('F6');
    await page.locator('[data-screen="settings"]').waitFor();
    seen.settings = await measure(page);
    for (const [screen, found] of Object.entries(seen)) {
      expect(found.overflow, screen).toBeLessThanOrEqual(0);
      expect(found.small, screen).toEqual([]);
    }
  }, 120_000);
});
