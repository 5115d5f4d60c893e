// The receipt on screen and on paper in Debian's Chromium: one sale, its receipt shown
// with store, cashier, VAT and the points balance, the paper image beside it, the same
// receipt on a fake network printer; a printer that is off, the status bar, a reprint;
// a printer out of paper or with its cover open (as the printer's own DLE EOT status bytes
// say), a reprint from recent sales, an offline receipt saying the points come later; the manager's test page from the
// settings. Both
// languages, the expected words from the catalogues.
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { translate } from '../../shared/i18n/index.ts';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import {
  eventually,
  openSale,
  openSaleLane,
  paidOutcome,
  previewSettled,
  receiptBillId,
  signInTo,
  type SaleLane,
} from './support/sale-page.ts';
import { laneLanguages, messagePattern } from './support/words.ts';
import {
  decodeJob,
  DRAWER_KICK,
  includesBytes,
  startFakePrinter,
  type FakePrinter,
} from '../support/fake-printer.ts';

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';
const e2e = browserTests<SaleLane>();
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

const printers: FakePrinter[] = [];
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
});

async function fakePrinter(port = 0): Promise<FakePrinter> {
  const printer = await startFakePrinter('ready', port);
  printers.push(printer);
  return printer;
}

async function laneWith(printer: FakePrinter): Promise<SaleLane> {
  return e2e.track(
    await openSaleLane(e2e.browser, {
      viewport: { width: 1280, height: 800 },
      settings: {
        printer: { connection: 'network', host: '127.0.0.1', port: printer.port, timeoutMs: 2_000 },
      },
    }),
  );
}

async function switchTo(page: Page, language: 'cs' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language)
    await page.keyboard.press('F4');
  await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** Jana Nováková buys coffee for cash. */
async function sellCoffee(page: Page): Promise<string> {
  await openSale(page);
  await scanWithWedge(page, demo.cards.regular);
  await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
  await scanWithWedge(page, coffee);
  await previewSettled(page);
  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  await page.keyboard.press('Enter');
  await paidOutcome(page);
  return receiptBillId(page);
}

describe('receipts on screen and on paper', () => {
  for (const language of laneLanguages) {
    const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
      translate(language, key, params);
    const problem = (key: 'refused' | 'paper_out' | 'cover_open') => t(`printer.problem.${key}`);
    const words = {
      desk: t('paper.desk', { desk: 1 }),
      vat: t('paper.vatTitle'),
      // The balance's sentence up to the number.
      balance: t('paper.pointsBalance', { points: 7 }).split('7')[0]!.trim(),
      printed: t('printer.printed'),
      off: problem('refused'),
      reprinted: t('printer.reprinted'),
      copy: t('paper.copy'),
      change: t('sale.change'),
      testPrinted: t('printer.testPrinted'),
    };

    it(`shows the receipt it printed, reports a printer that is off and reprints (${language})`, async () => {
      const printer = await fakePrinter();
      const lane = await laneWith(printer);
      const { page } = lane;
      await switchTo(page, language);
      await signInTo(page, cashierPin);
      const billId = await sellCoffee(page);

      // On screen: where, who, VAT, and the balance CareCloud gave after the sale.
      await eventually(async () => plain(await page.getByTestId('receipt-place').textContent())).toContain(
        words.desk,
      );
      expect(await page.getByTestId('receipt-vat-rate').count()).toBe(1);
      expect(plain(await page.getByTestId('receipt-vat').textContent())).toContain('12 %');
      await eventually(async () => plain(await page.getByTestId('receipt-balance').textContent())).toContain(
        words.balance,
      );
      await eventually(async () => await page.getByTestId('print-outcome').textContent()).toBe(words.printed);
      await page.getByTestId('receipt-paper').locator('summary').click();
      await eventually(() =>
        page
          .getByTestId('receipt-paper')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).toBe(true);
      await screenshot(page, `receipt-printed-${language}`);

      // On paper: the same receipt, in the same language, and the drawer opened for cash.
      const job = (await printer.waitForJobs(1))[0]!;
      const text = decodeJob(job);
      expect(text).toContain('Káva zrnková 1 kg');
      expect(text).toContain(words.vat);
      expect(text).toContain(words.change);
      expect(text).toContain(billId.slice(-5));
      expect(includesBytes(job, DRAWER_KICK)).toBe(true);

      // The printer goes off: the next sale still closes; the screen and the status bar say so.
      const port = printer.port;
      await printer.close();
      printers.splice(printers.indexOf(printer), 1);
      await page.getByTestId('next-sale').click();
      const second = await sellCoffee(page);
      expect(await page.getByTestId('sale-outcome').getAttribute('class')).toContain('ok');
      await eventually(async () => (await page.getByTestId('print-outcome').textContent()) ?? '').toContain(
        words.off,
      );
      await eventually(async () => (await page.getByTestId('printer-status').textContent()) ?? '').toContain(
        words.off,
      );
      await screenshot(page, `receipt-printer-off-${language}`);

      // Back on: the reprint button prints a copy, and the status bar clears.
      const back = await fakePrinter(port);
      await page.getByTestId('reprint').click();
      await eventually(async () => await page.getByTestId('print-outcome').textContent()).toBe(
        words.reprinted,
      );
      const copy = decodeJob((await back.waitForJobs(1))[0]!);
      expect(copy).toContain(words.copy);
      expect(copy).toContain(second.slice(-5));
      await eventually(() => page.getByTestId('printer-status').count()).toBe(0);

      // From recent sales, on a printer that answers its status: out of paper, then its cover
      // open, each refused before a byte is printed and said on screen and in the status bar;
      // then ready again, the copy of the first sale.
      await page.getByTestId('next-sale').click();
      await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
      await page.getByTestId('recent-sales').locator('summary').click();
      const firstRow = page.locator(`[data-testid="recent-sale"][data-bill="${billId}"]`);
      for (const state of ['paper_out', 'cover_open'] as const) {
        back.mode = state;
        const jobsBefore = back.jobs.length;
        await firstRow.getByTestId('recent-reprint').click();
        await eventually(() => page.getByTestId('reprint-outcome').textContent()).toBe(
          t('printer.reprintFailed', { problem: problem(state) }),
        );
        await eventually(() => page.getByTestId('printer-status').textContent()).toBe(
          t('printer.status.failed', { problem: problem(state) }),
        );
        await screenshot(page, `receipt-printer-${state.replace('_', '-')}-${language}`);
        // Only the status query reached the printer: no receipt was lost in a printer that cannot print it.
        const [asked] = await back.waitForJobs(jobsBefore + 1).then((jobs) => jobs.slice(jobsBefore));
        expect(decodeJob(asked!)).not.toContain('Káva');
      }
      back.mode = 'ready';
      await firstRow.getByTestId('recent-reprint').click();
      await eventually(() => page.getByTestId('reprint-outcome').textContent()).toBe(words.reprinted);
      const firstCopy = decodeJob(back.jobs.at(-1)!);
      expect(firstCopy).toContain(words.copy);
      expect(firstCopy).toContain(billId.slice(-5));
      await eventually(() => page.getByTestId('printer-status').count()).toBe(0);

      // Offline: the sale is saved, the receipt on screen and on paper says the points come later.
      await lane.outage(true);
      const jobsOnline = back.jobs.length;
      const offline = await sellCoffee(page);
      expect(await page.getByTestId('sale-outcome').textContent()).toMatch(
        messagePattern(language, 'checkout.savedOffline'),
      );
      expect(await page.getByTestId('points-later').textContent()).toBe(t('checkout.pointsLater'));
      await eventually(async () => await page.getByTestId('print-outcome').textContent()).toBe(words.printed);
      const offlinePaper = decodeJob((await back.waitForJobs(jobsOnline + 1))[jobsOnline]!);
      expect(offlinePaper).toContain(offline.slice(-5));
      // The sentence wraps on 48 characters: its first words stand on one line.
      expect(offlinePaper).toContain(t('paper.pointsLater').slice(0, 30));
      await screenshot(page, `receipt-offline-${language}`);
      expect(lane.pageErrors).toEqual([]);
    }, 120_000);

    it(`prints the manager's test page from the settings and shows it (${language})`, async () => {
      const saved = await fakePrinter();
      const lane = await laneWith(saved);
      const { page } = lane;
      await switchTo(page, language);
      await signInTo(page, managerPin);
      await page.keyboard.press('F6');
      await page.getByTestId('settings-form').waitFor();
      await page.getByTestId('printer-fields').scrollIntoViewIfNeeded();
      expect(await page.getByTestId('printer-connection').inputValue()).toBe('network');
      expect(await page.getByTestId('printer-port').inputValue()).toBe(String(saved.port));

      // A printer typed but not saved yet is the one tested.
      const other = await fakePrinter();
      await page.getByTestId('printer-port').fill(String(other.port));
      await page.getByTestId('printer-width').fill('42');
      await page.getByTestId('printer-test').click();
      await eventually(async () => (await page.getByTestId('printer-test-outcome').textContent()) ?? '').toBe(
        words.testPrinted,
      );
      const page1 = decodeJob((await other.waitForJobs(1))[0]!);
      expect(page1).toContain(t('paper.testTitle'));
      expect(page1).toContain('ÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ');
      expect(saved.jobs).toEqual([]);
      await page.getByTestId('printer-test-paper').locator('summary').click();
      await eventually(() =>
        page
          .getByTestId('printer-test-paper')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).toBe(true);
      await screenshot(page, `printer-test-${language}`);

      // A printer that is off says so in the screen's language.
      await other.close();
      printers.splice(printers.indexOf(other), 1);
      await page.getByTestId('printer-test').click();
      await eventually(
        async () => (await page.getByTestId('printer-test-outcome').textContent()) ?? '',
      ).toContain(words.off);
      // A wrong address cannot be tested.
      await page.getByTestId('printer-host').fill('not a host');
      await eventually(() => page.getByTestId('printer-test').isDisabled()).toBe(true);
      expect(lane.pageErrors).toEqual([]);
    }, 120_000);
  }
});
