// What a cashier does at the sale screen, as browser actions.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.ts';
import { rendererDir } from './build.ts';
import { startSaleHost, type SaleHost } from './sale-host.ts';

/** The page settles at its own pace on a busy machine: wait for it, within reason. */
export const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

export interface SaleLane {
  page: Page;
  sandbox: TestSandbox;
  host: SaleHost;
  dataDir: string;
  pageErrors: string[];
  /** Cuts CareCloud off and waits until the terminal calls itself offline, or brings it back. */
  outage(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface SaleLaneOptions {
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** The browser's own time zone (Chromium's), which may differ from the terminal's setting. */
  timezoneId?: string;
}

export async function openSaleLane(browser: Browser, options: SaleLaneOptions = {}): Promise<SaleLane> {
  const sandbox = await startTestSandbox();
  const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-e2e-sale-'));
  const host = await startSaleHost({
    rendererDir,
    dataDir,
    projectUrl: sandbox.projectUrl,
    outage: (on) => (on ? sandbox.control.cutNetwork('refuse') : sandbox.control.restoreNetwork()),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1024, height: 768 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(host.url);
  await page.locator('[data-screen="signin"]').waitFor();
  return {
    page,
    sandbox,
    host,
    dataDir,
    pageErrors,
    async outage(on) {
      const { sync } = host.terminal;
      await host.terminal.demoBackend!.setOutage(on);
      if (on) while (sync.online) await sync.probe();
      else {
        await sync.probe();
        sync.kick();
      }
    },
    async close() {
      await context.close();
      await host.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signInTo(page: Page, pin: string): Promise<void> {
  await page.locator('#pin').fill(pin);
  await page.keyboard.press('Enter');
  // A cashier lands on the customer lookup, a manager on the dashboard.
  await page.locator('[data-screen="lookup"], [data-screen="dashboard"]').waitFor();
}

/** F5 to the sale screen, focus in the item field. */
export async function openSale(page: Page): Promise<void> {
  await page.keyboard.press('F5');
  await page.locator('[data-screen="sale"]').waitFor();
  await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
}

/** Waits until the preview answered for the sale as it is now. */
export async function previewSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="sale-totals"][data-state="ready"]').waitFor({ timeout: 15_000 });
}

export async function paidOutcome(page: Page): Promise<string> {
  await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
  return (await page.getByTestId('sale-outcome').textContent()) ?? '';
}

/** The receipt's bill id (the receipt shows the sale's short reference; the id is on the element). */
export async function receiptBillId(page: Page): Promise<string> {
  return (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
}
