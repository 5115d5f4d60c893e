// The shift in Debian's Chromium, in both languages, on a lane with the default setting
// (cash needs an open shift): a cash sale refused, the shift opened with its float, a cash
// sale, cash in and out, the X report, the count by notes and coins past the limit with a
// manager's PIN, the Z report and its CSV and PDF downloads; the X report printed on a fake
// network printer and the Z report on a printer that went off. The words from the catalogues.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { translate, type Language, type MessageKey } from '../../shared/i18n/index.ts';
import {
  CUT,
  decodeJob,
  DRAWER_KICK,
  includesBytes,
  startFakePrinter,
  type FakePrinter,
} from '../support/fake-printer.ts';
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

const cashierPin = '1111';
const managerPin = '9999';
const coffee = '8594005650015';

const e2e = browserTests<SaleLane>();
const printers: FakePrinter[] = [];
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
});

/** A title's words before its number ("X výkaz {id}" -> "X výkaz"). */
const titleOf = (language: Language, key: MessageKey) => translate(language, key).split('{')[0]!.trim();
const wordsIn = (language: Language) => ({
  refused: translate(language, 'error.noOpenShift'),
  x: titleOf(language, 'shift.report.xTitle'),
  z: titleOf(language, 'shift.report.zTitle'),
  expected: translate(language, 'shift.report.expected'),
  drawer: translate(language, 'shift.report.section.drawer'),
  printed: translate(language, 'shift.report.printed'),
  printerOff: translate(language, 'shift.report.printFailed', {
    problem: translate(language, 'printer.problem.refused'),
  }),
});

async function payCash(lane: SaleLane, tendered: string): Promise<void> {
  const { page } = lane;
  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  await page.getByTestId('tender-cash-given').fill(tendered);
  await page.getByTestId('tender-cash-given').press('Enter');
}

async function shiftDay(language: Language): Promise<void> {
  const printer = await startFakePrinter();
  printers.push(printer);
  const lane = e2e.track(
    await openSaleLane(e2e.browser, {
      settings: {
        language,
        shift: { cashNeedsOpenShift: true, countDifferenceLimitMinor: 1_000 },
        printer: { connection: 'network', host: '127.0.0.1', port: printer.port, timeoutMs: 2_000 },
      },
    }),
  );
  const { page } = lane;
  const w = wordsIn(language);
  await signInTo(page, cashierPin);

  // Cash before the shift opens is refused with the reason, and the sale stays.
  await openSale(page);
  await scanWithWedge(page, coffee);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await previewSettled(page);
  await payCash(lane, '500');
  await eventually(async () => (await page.getByTestId('sale-notice').textContent()) ?? '').toContain(
    w.refused,
  );
  await screenshot(page, `shift-refused-${language}`);
  await page.keyboard.press('Escape');

  // Shift+F5: open the shift with a float of 2 000.
  await page.keyboard.press('Shift+F5');
  await page.getByTestId('shift-screen').waitFor();
  await page.getByTestId('shift-none').waitFor();
  await page.getByTestId('shift-float').fill('2000');
  await page.getByTestId('shift-open').click();
  await eventually(() => page.getByTestId('shift-expected').getAttribute('data-minor')).toBe('200000');
  await screenshot(page, `shift-open-${language}`);

  // Back to the sale (still on the bill) and paid in cash: 100 handed over.
  await openSale(page);
  await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
  await previewSettled(page);
  // Both languages write two decimals: the digits are the amount in hellers.
  const dueMinor = Number(((await page.getByTestId('to-pay').textContent()) ?? '').replace(/\D/g, ''));
  await payCash(lane, '500');
  await paidOutcome(page);
  const cashKept = Math.round(dueMinor / 100) * 100;

  // Cash in 500, cash out 300, each with its reason.
  await page.keyboard.press('Shift+F5');
  await page.getByTestId('shift-screen').waitFor();
  await page.getByTestId('shift-move-in').check();
  await page.getByTestId('shift-move-amount').fill('500');
  await page
    .getByTestId('shift-move-reason')
    .fill(language === 'cs' ? 'Drobné z trezoru' : 'Coins from the safe');
  await page.getByTestId('shift-move-save').click();
  await eventually(() => page.getByTestId('shift-movement').count()).toBe(1);
  await page.getByTestId('shift-move-out').check();
  await page.getByTestId('shift-move-amount').fill('300');
  await page.getByTestId('shift-move-reason').fill(language === 'cs' ? 'Odvod do banky' : 'Banked');
  await page.getByTestId('shift-move-save').click();
  await eventually(() => page.getByTestId('shift-movement').count()).toBe(2);
  const expected = 200_000 + cashKept + 50_000 - 30_000;
  await eventually(() => page.getByTestId('shift-expected').getAttribute('data-minor')).toBe(
    String(expected),
  );

  // The X report: the shift goes on.
  await page.getByTestId('shift-x').click();
  await eventually(() => page.getByTestId('shift-report').getAttribute('data-kind')).toBe('X');
  expect(await page.getByTestId('shift-report').textContent()).toContain(w.x);
  expect(await page.getByTestId('shift-report').textContent()).toContain(w.expected);
  await screenshot(page, `shift-x-${language}`);
  // Printed on the receipt printer in the screen's language: cut, and no drawer kick for a report.
  const receipts = printer.jobs.length;
  await page.getByTestId('shift-print').click();
  await eventually(() => page.getByTestId('shift-printed').textContent()).toBe(w.printed);
  const paper = (await printer.waitForJobs(receipts + 1))[receipts]!;
  expect(decodeJob(paper)).toContain(w.x);
  expect(decodeJob(paper)).toContain(w.expected);
  expect(includesBytes(paper, CUT)).toBe(true);
  expect(includesBytes(paper, DRAWER_KICK)).toBe(false);

  // The count by notes and coins, 20 short of what is expected: past the limit a manager confirms.
  await page.getByTestId('shift-close').click();
  await page.getByTestId('shift-count').waitFor();
  let rest = expected - 2_000;
  for (const value of [
    500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100,
  ]) {
    const pieces = Math.floor(rest / value);
    rest -= pieces * value;
    if (pieces > 0)
      await page.locator(`[data-testid="shift-pieces"][data-value="${value}"]`).fill(String(pieces));
  }
  await eventually(() => page.getByTestId('shift-difference').getAttribute('data-minor')).toBe('-2000');
  await screenshot(page, `shift-count-${language}`);
  await page.getByTestId('shift-confirm-close').click();
  await page.getByTestId('shift-needs-manager').waitFor();
  await screenshot(page, `shift-manager-${language}`);
  await page.locator('dialog input[type="password"], dialog input').first().fill(managerPin);
  await page.locator('dialog input').first().press('Enter');
  await eventually(() => page.getByTestId('shift-report').getAttribute('data-kind')).toBe('Z');
  const z = (await page.getByTestId('shift-report').textContent()) ?? '';
  expect(z).toContain(w.z);
  expect(z).toContain(w.drawer);
  await page.getByTestId('shift-none').waitFor();
  await screenshot(page, `shift-z-${language}`);

  // Both files come down through the browser.
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('shift-export-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
  expect(csv).toContain(`"${w.drawer}"`);
  expect(csv).toContain(`"'-20.00","CZK"`);
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('shift-export-pdf').click();
  const pdf = readFileSync((await (await pdfDownload).path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByTestId('shift-exported').waitFor();
  // The printer went off: printing the Z report says so in the screen's language.
  await printer.close();
  await page.getByTestId('shift-print').click();
  await eventually(() => page.getByTestId('shift-print-failed').textContent()).toBe(w.printerOff);
  await screenshot(page, `shift-z-printer-off-${language}`);
  expect(lane.pageErrors).toEqual([]);
}

describe('the shift at the lane', () => {
  it(
    'in Czech: refused cash, open, sale, cash in and out, X, count past the limit with a manager, Z, CSV and PDF',
    () => shiftDay('cs'),
    120_000,
  );
  it('in English: the same day', () => shiftDay('en'), 120_000);
});
