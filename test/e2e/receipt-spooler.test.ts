// A receipt printed through the operating system's print queue "as raw", in Chromium and in
// both languages, on the app's own path: the terminal runs `lp` as it finds it on PATH, and
// PATH starts with a recording stand-in (test/support/recording-command.ts) that keeps the
// arguments and the bytes. A queue CUPS does not know is reported and the sale is kept;
// the reprint from recent sales goes through once the queue is there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type Language } from '../../shared/i18n/index.ts';
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
import { codePagesSelected, CUT, decodeJob, DRAWER_KICK, includesBytes } from '../support/fake-printer.ts';
import { recordingCommand, type RecordingCommand } from '../support/recording-command.ts';

const cashierPin = '1111';
const coffee = '8594005650015';
const queue = 'Pokladna_EPSON';
const e2e = browserTests<SaleLane>();

let lp: RecordingCommand;
let pathBefore: string | undefined;
beforeAll(() => {
  lp = recordingCommand('lp');
  pathBefore = process.env.PATH;
  process.env.PATH = `${lp.dir}:${process.env.PATH ?? ''}`;
});
afterAll(() => {
  process.env.PATH = pathBefore;
  lp.remove();
});

async function sellCoffeeForCash(lane: SaleLane): Promise<string> {
  const { page } = lane;
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

describe.each(laneLanguages)('receipts through the operating system spooler (%s)', (language: Language) => {
  it('hands raw ESC/POS bytes to lp for the queue, reports a missing queue, reprints from recent sales', async () => {
    lp.succeed();
    const runsBefore = lp.runs().length;
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        viewport: { width: 1280, height: 800 },
        settings: { language, printer: { connection: 'spooler', queue, timeoutMs: 5_000 } },
      }),
    );
    const { page } = lane;
    await signInTo(page, cashierPin);
    const billId = await sellCoffeeForCash(lane);
    await eventually(() => page.getByTestId('print-outcome').textContent()).toBe(
      translate(language, 'printer.printed'),
    );
    await screenshot(page, `receipt-spooler-printed-${language}`);

    const [run] = lp.runs().slice(runsBefore);
    expect(run!.args).toEqual(['-d', queue, '-o', 'raw', '-s']);
    const text = decodeJob(run!.stdin);
    expect(text).toContain('Káva zrnková 1 kg');
    expect(text).toContain(translate(language, 'paper.vatTitle'));
    expect(text).toContain(billId.slice(-5));
    expect(codePagesSelected(run!.stdin)).toContain(18);
    expect(includesBytes(run!.stdin, CUT)).toBe(true);
    expect(includesBytes(run!.stdin, DRAWER_KICK)).toBe(true);

    // CUPS no longer has the queue: the sale still closes, the screen and the status bar say why.
    lp.failWith(`lp: The printer or class does not exist.`);
    await page.getByTestId('next-sale').click();
    const second = await sellCoffeeForCash(lane);
    expect(await page.getByTestId('sale-outcome').textContent()).toMatch(
      messagePattern(language, 'checkout.closed'),
    );
    const notFound = translate(language, 'printer.problem.not_found');
    await eventually(() => page.getByTestId('print-outcome').textContent()).toBe(
      translate(language, 'printer.failed', { problem: notFound }),
    );
    await eventually(() => page.getByTestId('printer-status').textContent()).toBe(
      translate(language, 'printer.status.failed', { problem: notFound }),
    );
    await screenshot(page, `receipt-spooler-missing-${language}`);

    // The queue is back: the reprint from recent sales prints a copy of that sale.
    lp.succeed();
    await page.getByTestId('next-sale').click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
    await page.getByTestId('recent-sales').locator('summary').click();
    await page
      .locator(`[data-testid="recent-sale"][data-bill="${second}"]`)
      .getByTestId('recent-reprint')
      .click();
    await eventually(() => page.getByTestId('reprint-outcome').textContent()).toBe(
      translate(language, 'printer.reprinted'),
    );
    const copy = lp.runs().at(-1)!;
    expect(copy.args).toEqual(['-d', queue, '-o', 'raw', '-s']);
    expect(decodeJob(copy.stdin)).toContain(second.slice(-5));
    await eventually(() => page.getByTestId('printer-status').count()).toBe(0);
    await screenshot(page, `receipt-spooler-reprinted-${language}`);
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);
});
