// What a cashier does, as browser actions on the real screens.
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startDemoPreview,
  type DemoPreview,
  type DemoPreviewOptions,
} from '../../../electron/preview/demo-preview.ts';
import { rendererDir, repositoryRoot } from './build.ts';

export const artifactsDir = join(repositoryRoot, 'test-artifacts');

export interface Lane {
  page: Page;
  preview: DemoPreview;
  /** Errors the page threw or logged; a test fails on any. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openLane(
  browser: Browser,
  viewport = { width: 1024, height: 768 },
  options: Omit<DemoPreviewOptions, 'rendererDir'> = {},
): Promise<Lane> {
  // A lane of tests about other things takes cash without opening a shift.
  const preview = await startDemoPreview({
    rendererDir,
    settings: { shift: { cashNeedsOpenShift: false } },
    ...options,
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(preview.url);
  await page.locator('[data-screen="signin"]').waitFor();
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

export async function signIn(page: Page, pin: string): Promise<void> {
  await page.locator('#pin').fill(pin);
  await page.keyboard.press('Enter');
  // A cashier lands on the customer lookup, a manager on the dashboard.
  await page.locator('[data-screen="lookup"], [data-screen="dashboard"]').waitFor();
}

/**
 * A keyboard-wedge scanner: every key down and up of the code plus Enter,
 * dispatched in one go so the gaps are as short as a scanner's on any machine.
 */
export async function scanWithWedge(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const codeOf = (char: string) =>
      /\d/.test(char) ? `Digit${char}` : /[a-z]/i.test(char) ? `Key${char.toUpperCase()}` : 'Minus';
    const target = document.activeElement ?? document.body;
    const press = (key: string, code: string, shiftKey: boolean) => {
      for (const type of ['keydown', 'keyup'] as const) {
        target.dispatchEvent(
          new KeyboardEvent(type, { key, code, shiftKey, bubbles: true, cancelable: true, composed: true }),
        );
      }
    };
    for (const char of text) press(char, codeOf(char), /[A-Z]/.test(char));
    press('Enter', 'Enter', false);
  }, code);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
}
