// Every screen at 1024×768, 1280×800 and 1920×1080, in Czech and in English, for a cashier
// and a manager, measured in the page: no sideways scroll, no text cut off, no clipped
// title, no wrapped top bar, no control over another, nothing outside the window, and
// the things a cashier must see (a sale's voucher results, a form's errors, a saved
// message) inside the window and not under the sticky totals. Screenshots of each go to
// test-artifacts/layout/. One browser, one terminal; the window is resized, not reopened.
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { repositoryRoot } from './support/build.ts';
import { artifactsDir, scanWithWedge } from './support/page.ts';
import {
  eventually,
  openSale,
  openSaleLane,
  paidOutcome,
  previewSettled,
  signInTo,
  type SaleLane,
} from './support/sale-page.ts';

const sizes = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const languages = ['cs', 'en'] as const;
type Language = (typeof languages)[number];

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';
const roll = '8594001021000';

/** The screens App.svelte routes to, read from its source so a new screen cannot be forgotten. */
function routedScreens(): string[] {
  const app = readFileSync(join(repositoryRoot, 'renderer/src/components/App.svelte'), 'utf8');
  const state = readFileSync(join(repositoryRoot, 'renderer/src/state/terminal.svelte.ts'), 'utf8');
  const inApp = [...app.matchAll(/terminal\.screen === '(\w+)'/g)].map((m) => m[1]!);
  const declared = /export type Screen =\s*([^;]+);/.exec(state)?.[1] ?? '';
  const inType = [...declared.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  return [...new Set([...inApp, ...inType])].sort();
}

/** Screens a test cannot stop on: `connecting` lasts until the first status arrives. */
const transient = new Set(['connecting']);

interface Check {
  /** Elements that must be inside the window and on top where they are (not under sticky parts). */
  mustSee?: string[];
}

/** Runs in the page: every layout problem of what is on the screen now, as sentences. */
function layoutProblems(mustSee: string[]): string[] {
  const problems: string[] = [];
  const width = window.innerWidth;
  const height = window.innerHeight;
  const name = (el: Element): string => {
    const id = el.id ? `#${el.id}` : '';
    const testId = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${testId ? `[${testId}]` : ''}${text ? ` "${text}"` : ''}`;
  };
  const shown = (el: Element): boolean => {
    if (
      el.closest('details:not([open])') &&
      !el.closest('summary') &&
      el.closest('details:not([open])') !== el
    ) {
      const details = el.closest('details:not([open])')!;
      if (!details.querySelector(':scope > summary')?.contains(el)) return false;
    }
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    return !el.closest('.visually-hidden');
  };
  const scroller = document.scrollingElement!;
  if (scroller.scrollWidth > scroller.clientWidth + 1)
    problems.push(`the page scrolls sideways (${scroller.scrollWidth} > ${scroller.clientWidth})`);

  /** How many lines an element's text takes. */
  const lines = (el: Element): number => {
    // Text boxes only: a range's rects also hold the boxes of whole elements inside it.
    const rects: DOMRect[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node.textContent ?? '').trim() === '' || !node.parentElement || !shown(node.parentElement))
        continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
    }
    rects.sort((a, b) => a.top - b.top);
    if (rects.length === 0) return 0;
    let count = 1;
    let lineBottom = rects[0]!.bottom;
    for (const rect of rects) {
      if (rect.top >= lineBottom - 1) {
        count += 1;
        lineBottom = rect.bottom;
      } else lineBottom = Math.max(lineBottom, rect.bottom);
    }
    return count;
  };

  const modal =
    [...document.querySelectorAll('dialog[open], [aria-modal="true"]')].filter(shown).at(-1) ?? null;
  const elements = [...document.querySelectorAll('body *')].filter(shown);
  for (const el of elements) {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const hasText = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
    );
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    const clips =
      style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    if (clips && (el.textContent ?? '').trim() !== '' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${name(el)} is cut off (${el.scrollWidth} > ${el.clientWidth})`);
    if (/^H[1-3]$/.test(el.tagName) && el.scrollWidth > el.clientWidth + 1)
      problems.push(`title ${name(el)} does not fit (${el.scrollWidth} > ${el.clientWidth})`);
    if (
      (hasText || el.matches('button, input, select, textarea, a[href]')) &&
      (rect.right > width + 1 || rect.left < -1)
    ) {
      if (!modal || modal.contains(el))
        problems.push(
          `${name(el)} is outside the window sideways (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`,
        );
    }
  }

  for (const bar of document.querySelectorAll('.shell > header, .shell > footer')) {
    if (lines(bar) > 1)
      problems.push(`the ${bar.tagName === 'HEADER' ? 'top' : 'status'} bar wraps onto ${lines(bar)} lines`);
  }
  for (const control of document.querySelectorAll('.shell > header button, .shell > footer > *')) {
    if (shown(control) && lines(control) > 1) problems.push(`${name(control)} in a bar wraps`);
  }

  /** The part of an element its scrolled and clipping ancestors and the window leave visible; null when none. */
  const visibleRect = (el: Element): { left: number; top: number; right: number; bottom: number } | null => {
    const rect = el.getBoundingClientRect();
    const box = {
      left: Math.max(rect.left, 0),
      top: Math.max(rect.top, 0),
      right: Math.min(rect.right, width),
      bottom: Math.min(rect.bottom, height),
    };
    // A modal dialog is in the top layer: nothing around it clips it.
    for (let parent = el.parentElement; parent; parent = parent.parentElement) {
      if (parent.tagName === 'DIALOG') break;
      const style = getComputedStyle(parent);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = parent.getBoundingClientRect();
      box.left = Math.max(box.left, clip.left);
      box.top = Math.max(box.top, clip.top);
      box.right = Math.min(box.right, clip.right);
      box.bottom = Math.min(box.bottom, clip.bottom);
    }
    return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : null;
  };
  const interactive = elements
    .filter(
      (el) =>
        el.matches(
          'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
        ) &&
        (!modal || modal.contains(el)),
    )
    .map((el) => ({ el, box: visibleRect(el) }))
    .filter((c): c is { el: Element; box: NonNullable<ReturnType<typeof visibleRect>> } => c.box !== null);
  for (let i = 0; i < interactive.length; i += 1) {
    const { el: a, box: ra } = interactive[i]!;
    for (let j = i + 1; j < interactive.length; j += 1) {
      const { el: b, box: rb } = interactive[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (overlapX > 1 && overlapY > 1) problems.push(`${name(a)} and ${name(b)} overlap`);
    }
  }

  for (const selector of mustSee) {
    const found = [...document.querySelectorAll(selector)].filter(shown);
    if (found.length === 0) problems.push(`nothing matches ${selector}`);
    for (const el of found) {
      const rect = el.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > height + 1 || rect.left < 0 || rect.right > width + 1) {
        problems.push(
          `${name(el)} is not in the window (${Math.round(rect.top)}–${Math.round(rect.bottom)} of ${height})`,
        );
        continue;
      }
      const x = rect.left + Math.min(rect.width / 2, 8);
      for (const y of [rect.top + 2, rect.bottom - 2]) {
        const top = document.elementFromPoint(x, y);
        if (top && !el.contains(top) && !top.contains(el)) problems.push(`${name(el)} is under ${name(top)}`);
      }
    }
  }
  return problems;
}

const artifacts = join(artifactsDir, 'layout');
const e2e = browserTests<SaleLane>();

/** One terminal and one page for the whole file: each state is measured at every size. */
class Walk {
  readonly problems: string[] = [];
  readonly screens = new Set<string>();
  constructor(readonly lane: SaleLane) {}
  get page(): Page {
    return this.lane.page;
  }

  async language(language: Language): Promise<void> {
    const page = this.page;
    if ((await page.evaluate(() => document.documentElement.lang)) !== language)
      await page.keyboard.press('F4');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
  }

  /** Measures what is on the screen now at each size, with a screenshot of each. */
  async check(label: string, language: Language, options: Check = {}): Promise<void> {
    const page = this.page;
    const screen = await page.locator('.screen').getAttribute('data-screen');
    if (screen) this.screens.add(screen);
    for (const size of sizes) {
      await page.setViewportSize(size);
      // Two frames: the resize is laid out and anything that scrolls itself into view has done so.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const found = await page.evaluate(layoutProblems, options.mustSee ?? []);
      for (const problem of found)
        this.problems.push(`${label} ${language} ${size.width}×${size.height}: ${problem}`);
      await page.screenshot({
        path: join(artifacts, `${label}-${language}-${size.width}x${size.height}.png`),
      });
    }
    await page.setViewportSize(sizes[0]);
  }
}

async function cashierWalk(walk: Walk, language: Language): Promise<void> {
  const { page } = walk;
  await walk.language(language);
  await walk.check('signin', language);
  await signInTo(page, cashierPin);
  await walk.check('lookup', language);

  await page.locator('#customer-search').fill('Nováková');
  await page.locator('#customer-search').press('Enter');
  await page.locator('#results-title').waitFor();
  await walk.check('lookup-results', language);

  await page.locator('#customer-search').fill('');
  await scanWithWedge(page, demo.cards.regular);
  await page.locator('[data-screen="customer"]').waitFor();
  await eventually(() => page.locator('[data-screen="customer"] [aria-busy="true"]').count()).toBe(0);
  await walk.check('customer', language);

  await page.keyboard.press('F1');
  await page.getByTestId('shortcuts').waitFor();
  await walk.check('shortcuts', language);
  await page.keyboard.press('Escape');

  await openSale(page);
  await scanWithWedge(page, coffee);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await page.locator('#sale-code').focus();
  await scanWithWedge(page, roll);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(2);
  for (const code of [demo.vouchers.value100, 'EXPIRED1']) {
    await page.locator('#sale-voucher').fill(code);
    await page.locator('#sale-voucher').press('Enter');
  }
  await previewSettled(page);
  await eventually(() =>
    page.locator('[data-testid="sale-voucher-item"][data-status="checking"]').count(),
  ).toBe(0);
  await walk.check('sale-vouchers', language, { mustSee: ['[data-testid="sale-voucher-status"]'] });

  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  await walk.check('sale-pay', language, { mustSee: ['[data-testid="confirm-pay"]'] });
  await page.getByTestId('tender-quick').first().click();
  await page.getByTestId('confirm-pay').click();
  await paidOutcome(page);
  await walk.check('sale-receipt', language, { mustSee: ['[data-testid="sale-outcome"]'] });
  await page.getByTestId('next-sale').click();

  await page.getByTestId('recent-sales').locator('summary').click();
  await page.getByTestId('recent-sale').first().waitFor();
  await page.getByTestId('recent-sales').scrollIntoViewIfNeeded();
  await walk.check('recent-sales', language);
  await page.getByTestId('recent-sales').locator('summary').click();

  await page.locator('#sale-code').focus();
  await scanWithWedge(page, roll);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await page.keyboard.press('F11');
  await eventually(() => page.getByTestId('cart-line').count()).toBe(0);
  await page.keyboard.press('F11');
  await page.getByTestId('parked-sales').waitFor();
  await walk.check('parked', language);
  await page.getByTestId('recall-sale').first().click();
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await page.getByTestId('clear-sale').click();

  await page.keyboard.press('F7');
  await page.locator('[data-screen="vouchers"]').waitFor();
  await page.locator('#voucher-code').fill(demo.vouchers.giftPartly);
  await page.locator('#voucher-code').press('Enter');
  await page.getByTestId('voucher-facts').waitFor();
  // A partly spent gift card: anyone's, its balance of its value, partly used and when last.
  expect(((await page.getByTestId('voucher-used').textContent()) ?? '').replace(/\s/g, ' ')).toContain(
    language === 'cs' ? 'Částečně použita: utraceno 880,00' : 'Partly used: CZK 880.00 spent',
  );
  expect(await page.getByTestId('voucher-owner').textContent()).toBe(
    language === 'cs' ? 'Komukoli' : 'Anyone',
  );
  await walk.check('voucher-check', language, { mustSee: ['[data-testid="voucher-balance"]'] });

  // The shift: opened once (the second language finds it open), its X report and the drawer count.
  await page.keyboard.press('Shift+F5');
  await page.getByTestId('shift-screen').waitFor();
  await eventually(() =>
    page.locator('[data-testid="shift-none"], [data-testid="shift-open-facts"]').count(),
  ).toBe(1);
  if ((await page.getByTestId('shift-none').count()) > 0) {
    await page.getByTestId('shift-float').fill('2000');
    await page.getByTestId('shift-open').click();
  }
  await page.getByTestId('shift-open-facts').waitFor();
  await page.getByTestId('shift-x').click();
  await page.getByTestId('shift-report').waitFor();
  await page.getByTestId('shift-close').click();
  await page.getByTestId('shift-count').waitFor();
  await walk.check('shift', language);
  await page.keyboard.press('F9');
  await page.locator('[data-screen="signin"]').waitFor();
}

async function managerWalk(walk: Walk, language: Language): Promise<void> {
  const { page } = walk;
  await walk.language(language);
  await signInTo(page, managerPin);
  // A manager lands on the dashboard.
  await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
  await walk.check('dashboard', language);
  await page.keyboard.press('F3');
  await page.locator('[data-screen="lookup"]').waitFor();
  await walk.check('manager-lookup', language);

  await page.keyboard.press('F6');
  await page.locator('[data-screen="settings"]').waitFor();
  await page.getByTestId('settings-form').waitFor();
  await walk.check('settings', language);
  await page.getByTestId('test-connection').click();
  await eventually(() => page.getByTestId('diagnostics').locator('li').count()).toBeGreaterThan(0);
  await walk.check('settings-diagnostics', language);

  // A wrong field: the error is shown where the manager looks, whatever the window's size.
  await page.getByTestId('cash-desk').fill('abc');
  await page.getByTestId('save-settings').click();
  await eventually(() => page.locator('.field.invalid .problem').count()).toBeGreaterThan(0);
  await walk.check('settings-errors', language, { mustSee: ['.field.invalid .problem'] });
  await page.getByTestId('cash-desk').fill('2');
  await page.getByTestId('save-settings').click();
  await page.getByTestId('pin-dialog').waitFor();
  await walk.check('pin-dialog', language);
  await page.getByTestId('manager-pin').fill(managerPin);
  await page.getByTestId('pin-confirm').click();
  await eventually(() => page.getByTestId('pin-dialog').count()).toBe(0);
  await eventually(() => page.getByTestId('settings-outcome').textContent()).not.toBe('');
  await walk.check('settings-saved', language, { mustSee: ['[data-testid="settings-outcome"]:not(:empty)'] });
  await page.keyboard.press('Escape');
  // Saving applies the saved language; the walk goes on in its own.
  await walk.language(language);

  await page.keyboard.press('F8');
  await page.locator('[data-screen="queue"]').waitFor();
  await page.getByTestId('queue-row').first().waitFor();
  await walk.check('queue', language);
  await page.getByTestId('audit-log').scrollIntoViewIfNeeded();
  await walk.check('audit-log', language);
  await page.getByTestId('queue-open').first().click();
  await page.getByTestId('queue-back').waitFor();
  await walk.check('queue-entry', language);
  await page.keyboard.press('F9');
  await page.locator('[data-screen="signin"]').waitFor();
}

describe('layout at three sizes in both languages', () => {
  it('knows every screen the app routes to', () => {
    // The walks below visit these; a new screen must be added to them (and to this list).
    expect(routedScreens()).toEqual([
      'connecting',
      'customer',
      'dashboard',
      'lookup',
      'queue',
      'sale',
      'settings',
      'shift',
      'signin',
      'vouchers',
    ]);
  });

  it('lays out every screen for a cashier and a manager without overflow, overlap or cut-off text', async () => {
    mkdirSync(artifacts, { recursive: true });
    const walk = new Walk(e2e.track(await openSaleLane(e2e.browser, { viewport: sizes[0] })));
    for (const language of languages) {
      await cashierWalk(walk, language);
      await managerWalk(walk, language);
    }
    writeFileSync(join(artifacts, 'problems.txt'), walk.problems.join('\n') + '\n');
    expect([...walk.screens].sort()).toEqual(routedScreens().filter((s) => !transient.has(s)));
    expect(walk.problems).toEqual([]);
  }, 600_000);
});
