// What a customer does at the self-service kiosk, as browser actions on the real screens
// of a demo preview started in kiosk mode.
import type { Browser, Page } from 'playwright-core';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startKioskDemoPreview,
  type DemoPreviewOptions,
  type KioskDemoPreview,
} from '../../../electron/preview/demo-preview.ts';
import { rendererDir, repositoryRoot } from './build.ts';
import { artifactsDir } from './page.ts';

export interface KioskLane {
  page: Page;
  preview: KioskDemoPreview;
  pageErrors: string[];
  close(): Promise<void>;
}

/** A kiosk's touch screen: 1280x1024 unless a test says otherwise. */
export async function openKiosk(
  browser: Browser,
  viewport = { width: 1280, height: 1024 },
  options: Omit<DemoPreviewOptions, 'rendererDir'> = {},
): Promise<KioskLane> {
  const preview = await startKioskDemoPreview({ rendererDir, ...options });
  const context = await browser.newContext({ viewport, hasTouch: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  // The screens' own timers (the idle countdown) run on a clock the test moves.
  await page.clock.install();
  await page.goto(preview.url);
  await page.locator('[data-kiosk-screen="attract"]').waitFor();
  return {
    page,
    preview,
    pageErrors,
    async close() {
      await context.close();
      await preview.close();
    },
  };
}

/**
 * A keyboard-mode scanner reading a code: every key down and up plus Enter in one go, with
 * the US layout's codes (a colon is Shift+Semicolon, as a scanner types it).
 */
export async function scanCode(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const keyOf = (char: string): { code: string; shiftKey: boolean } => {
      if (/\d/.test(char)) return { code: `Digit${char}`, shiftKey: false };
      if (/[a-z]/i.test(char)) return { code: `Key${char.toUpperCase()}`, shiftKey: /[A-Z]/.test(char) };
      const table: Record<string, { code: string; shiftKey: boolean }> = {
        ':': { code: 'Semicolon', shiftKey: true },
        ';': { code: 'Semicolon', shiftKey: false },
        '-': { code: 'Minus', shiftKey: false },
        _: { code: 'Minus', shiftKey: true },
        '.': { code: 'Period', shiftKey: false },
      };
      const known = table[char];
      if (!known) throw new Error(`no key for ${char}`);
      return known;
    };
    const target = document.activeElement ?? document.body;
    const press = (key: string, code: string, shiftKey: boolean) => {
      for (const type of ['keydown', 'keyup'] as const)
        target.dispatchEvent(
          new KeyboardEvent(type, { key, code, shiftKey, bubbles: true, cancelable: true, composed: true }),
        );
    };
    for (const char of text) {
      const { code, shiftKey } = keyOf(char);
      press(char, code, shiftKey);
    }
    press('Enter', 'Enter', false);
  }, code);
}

/** Types on the kiosk's own on-screen keyboard, one tap per key (switching to digits and back as a person would). */
export async function tapKeys(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: /keyboard|klávesnice/i });
  for (const char of text) {
    const wantsSymbols = !/[a-z]/i.test(char);
    const showsSymbols = (await keyboard.getByRole('button', { name: 'ABC', exact: true }).count()) > 0;
    if (wantsSymbols !== showsSymbols)
      await keyboard.getByRole('button', { name: wantsSymbols ? '?123' : 'ABC', exact: true }).click();
    if (char !== char.toLowerCase()) await keyboard.getByRole('button', { name: /^(Shift|Velká)$/ }).click();
    await keyboard.getByRole('button', { name: char, exact: true }).click();
  }
}

/** Everything of the page a person or a script could read: the text, every field's value and every attribute. */
export async function pageTraces(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) parts.push(attribute.value);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
        parts.push(element.value);
    }
    return parts.join('\n');
  });
}

export const kioskShots = join(artifactsDir, 'kiosk');
const docsShots = join(repositoryRoot, 'docs', 'kiosk');

/** A screenshot in test-artifacts/kiosk; `forReadme` also refreshes the README's copy in docs/kiosk. */
export async function kioskScreenshot(page: Page, name: string, forReadme = false): Promise<void> {
  mkdirSync(kioskShots, { recursive: true });
  const file = join(kioskShots, `${name}.png`);
  await page.screenshot({ path: file });
  if (forReadme && process.env.KIOSK_README_SHOTS === '1') {
    mkdirSync(docsShots, { recursive: true });
    copyFileSync(file, join(docsShots, `${name}.png`));
  }
}
