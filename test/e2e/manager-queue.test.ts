// The manager's queue and audit log as a store manager reads them, in both languages:
// short sale references instead of bill ids, customer names, what was paid, history and
// audit actions in words, dates as the screen's language writes them, and exports that
// download through the screen.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { demo } from '../../sandbox/seed.ts';
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
const zone = 'Europe/Prague';

const e2e = browserTests<SaleLane>();

const csReference = /^\S.* · pokladna \d+ · \d{2}:\d{2} · [0-9A-HJKMNP-TV-Z]{5}$/;
const enReference = /^\S.* · desk \d+ · \d{2}:\d{2} · [0-9A-HJKMNP-TV-Z]{5}$/;
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Sells what is scanned, cash, and answers the bill id and what the receipt says was paid. */
async function sell(page: Page, codes: string[]): Promise<{ billId: string; paid: string }> {
  for (const code of codes) await scanWithWedge(page, code);
  await previewSettled(page);
  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  await page.keyboard.press('Enter');
  await paidOutcome(page);
  const billId = (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
  const paid = plain(await page.getByTestId('receipt-paid').textContent());
  return { billId, paid };
}

async function confirmPin(page: Page): Promise<void> {
  await page.getByTestId('manager-pin').fill(managerPin);
  await page.keyboard.press('Enter');
}

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; text: string }> {
  const waiting = page.waitForEvent('download', { timeout: 30_000 });
  await start();
  const download: Download = await waiting;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function search(page: Page, text: string): Promise<number> {
  await page.getByTestId('filter-search').fill(text);
  await page.getByTestId('filter-apply').click();
  await eventually(() =>
    page.getByTestId('queue-page').or(page.getByTestId('queue-empty')).first().isVisible(),
  ).toBe(true);
  return page.getByTestId('queue-row').count();
}

describe('the manager’s queue', () => {
  it('in Czech: refs, customer’s name, amount paid, Czech dates, history in words, copyable bill id, CSV', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1280, height: 800 } }));
    const { page } = lane;
    await signInTo(page, managerPin);
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await eventually(() => page.getByTestId('connection').textContent()).toContain('Offline');
    const withCard = await sell(page, [coffee, coffee]);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);
    const anonymous = await sell(page, [coffee]);
    // The receipt names the sale by its reference, the bill id is on the element only.
    expect(plain(await page.getByTestId('receipt-bill').textContent())).not.toContain(anonymous.billId);
    await page.keyboard.press('Enter');

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await eventually(() => page.getByTestId('queue-row').count()).toBe(2);
    const row = page.locator(`[data-testid="queue-row"][data-bill="${withCard.billId}"]`);
    const reference = plain(await row.getByTestId('queue-ref').textContent());
    expect(reference).toMatch(csReference);
    expect(reference.endsWith(withCard.billId.slice(-5))).toBe(true);
    expect(plain(await row.textContent())).not.toContain(withCard.billId);
    expect(await row.getByTestId('queue-customer').textContent()).toBe('Jana Nováková');
    expect(plain(await row.getByTestId('queue-paid').textContent())).toContain(withCard.paid);
    expect(plain(await row.getByTestId('queue-paid').textContent())).toContain('hotově');
    expect(await row.getByTestId('queue-cashier').textContent()).toBe('Ukázkový vedoucí');
    const anonymousRow = page.locator(`[data-testid="queue-row"][data-bill="${anonymous.billId}"]`);
    expect(await anonymousRow.getByTestId('queue-customer').textContent()).toBe('Bez zákazníka');
    await screenshot(page, 'manager-queue-cs');

    // One search box: the customer's name, the short code, the whole bill id, the card's digits.
    expect(await search(page, 'novakova')).toBe(1);
    expect(await page.getByTestId('queue-row').getAttribute('data-bill')).toBe(withCard.billId);
    expect(await search(page, anonymous.billId.slice(-5).toLowerCase())).toBe(1);
    expect(await page.getByTestId('queue-row').getAttribute('data-bill')).toBe(anonymous.billId);
    expect(await search(page, reference)).toBe(1);
    expect(await search(page, withCard.billId)).toBe(1);
    expect(await search(page, demo.cards.regular.slice(-4))).toBe(1);
    expect(await search(page, 'Nikdo Takový')).toBe(0);
    await page.getByTestId('filter-search').fill('');

    // Dates as Czech writes them, on the terminal's clock; an American date is refused in words.
    const today = formatCareCloudDateTime(new Date(), zone).slice(0, 10);
    const [year, month, day] = today.split('-').map(Number);
    const czechToday = `${day}. ${month}. ${year}`;
    expect(await page.getByTestId('filter-from').getAttribute('placeholder')).toBe(`např. ${czechToday}`);
    await page
      .getByTestId('filter-from')
      .fill(`${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`);
    await page.getByTestId('filter-apply').click();
    await eventually(() => page.getByTestId('filter-from-problem').textContent()).toBe(
      `Napište datum jako ${czechToday}.`,
    );
    await page.getByTestId('filter-from').fill(czechToday);
    await page.getByTestId('filter-to').fill(czechToday);
    await page.getByTestId('filter-apply').click();
    await eventually(() => page.getByTestId('filter-from-problem').count()).toBe(0);
    await eventually(() => page.getByTestId('queue-row').count()).toBe(2);

    // The export downloads through the screen.
    const csv = await downloaded(page, async () => {
      await page.getByTestId('queue-export-csv').click();
      await confirmPin(page);
    });
    expect(csv.name).toMatch(/^queue-[\w-]+\.csv$/);
    expect(csv.text).toContain(withCard.billId);
    expect(csv.text).toContain(anonymous.billId);
    await eventually(() => page.getByTestId('queue-outcome').getAttribute('data-delivered')).toBe('download');
    expect(plain(await page.getByTestId('queue-outcome').textContent())).toBe(
      `Staženy 2 záznamy jako ${csv.name}.`,
    );

    // The entry: its reference, the full bill id to copy, the money and the history in words.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await row.getByTestId('queue-open').click();
    await page.getByTestId('entry-request').waitFor();
    expect(plain(await page.getByTestId('entry-ref').textContent())).toBe(reference);
    expect(await page.getByTestId('entry-bill-id').textContent()).toBe(withCard.billId);
    await page.getByTestId('copy-bill-id').click();
    await eventually(() => page.getByTestId('copy-outcome').textContent()).toBe('Zkopírováno.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(withCard.billId);
    expect(await page.getByTestId('entry-customer').textContent()).toBe('Jana Nováková');
    expect(plain(await page.getByTestId('entry-paid').textContent())).toContain(withCard.paid);
    expect(plain(await page.getByTestId('entry-list-total').textContent())).toMatch(/Kč$/);
    expect(await page.getByTestId('entry-cashier').textContent()).toBe('Pokladní: Ukázkový vedoucí');
    expect(plain(await page.getByTestId('request-time').textContent())).toContain(czechToday);
    const history = plain(await page.getByTestId('entry-history').textContent());
    expect(history).toContain('zaznamenáno na pokladně, obsluha: Ukázkový vedoucí');
    expect(history).not.toMatch(/recorded|preview@|@/);
    await screenshot(page, 'manager-queue-entry-cs');

    // Sent once CareCloud is back: the attempt and the history say so in Czech.
    await lane.outage(false);
    await eventually(() => page.getByTestId('entry-state').getAttribute('data-state')).toBe('synced');
    await eventually(async () => plain(await page.getByTestId('entry-attempts').textContent())).toContain(
      'odesláno, CareCloud přijal · tato pokladna',
    );
    const sent = plain(await page.getByTestId('entry-history').textContent());
    expect(sent).toContain('převzato k odeslání: tato pokladna');
    expect(sent).toContain('CareCloud přijal');
    expect(sent).not.toMatch(/preview@|synced|accepted/);

    // The audit log: actions in words, the sale by its reference, its export downloaded too.
    await page.getByTestId('queue-back').click();
    await page.getByTestId('audit-log').waitFor();
    const exported = page.locator('[data-testid="audit-row"][data-action="export"]');
    await eventually(() => exported.getByTestId('audit-what').textContent()).toBe('Export fronty');
    const json = await downloaded(page, async () => {
      await page.getByTestId('audit-export-json').click();
      await confirmPin(page);
    });
    expect(json.name).toMatch(/^audit-[\w-]+\.json$/);
    expect(JSON.parse(json.text)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'export', actor: 'Demo Manager' })]),
    );
    await eventually(() => page.getByTestId('audit-exported').getAttribute('data-delivered')).toBe(
      'download',
    );
    await page.getByTestId('audit-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-audit-cs');
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);

  it('in English: a refusal says what CareCloud refused, what a resend changes; history, audit in words', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        settings: { offlinePolicy: { vouchers: 'accept-synced' } },
        viewport: { width: 1280, height: 800 },
      }),
    );
    const { page, sandbox } = lane;
    await signInTo(page, managerPin);
    await page.keyboard.press('F4');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.keyboard.press('F7');
    await page.getByTestId('sync-offline-vouchers').click();
    await page.getByTestId('offline-vouchers-synced').waitFor();
    // Another till spends the voucher after this terminal synced its offline list.
    const found = await sandbox.call<{ data: { vouchers: { voucher_id: string }[] } }>('GET', '/vouchers', {
      query: { code: demo.vouchers.value100 },
    });
    await sandbox.call('POST', `/vouchers/${found.body.data.vouchers[0]!.voucher_id}/actions/apply-voucher`, {
      body: { date_applied: formatCareCloudDateTime(new Date(), zone) },
    });
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    await previewSettled(page);
    await eventually(() =>
      page.locator('[data-testid="sale-voucher-item"]').getAttribute('data-status'),
    ).toBe('applied');
    const refused = await sell(page, []);
    await page.keyboard.press('Enter');
    await lane.outage(false);
    await eventually(() => page.getByTestId('needs-attention').count()).toBe(1);

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    const row = page.locator(`[data-testid="queue-row"][data-bill="${refused.billId}"]`);
    await eventually(() => row.getAttribute('data-state')).toBe('rejected');
    expect(plain(await row.getByTestId('queue-ref').textContent())).toMatch(enReference);
    expect(await row.getByTestId('queue-customer').textContent()).toBe('Jana Nováková');
    // What the customer paid, not the list total (that is beside it, smaller).
    const paidCell = plain(await row.getByTestId('queue-paid').textContent());
    expect(paidCell, refused.paid).toMatch(
      new RegExp(`^${refused.paid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cash list `),
    );
    expect(plain(await row.getByTestId('queue-list-total').textContent())).toMatch(/^list /);
    await screenshot(page, 'manager-queue-rejected-en');

    await row.getByTestId('queue-open').click();
    await page.getByTestId('entry-request').waitFor();
    const refusal = plain(await page.getByTestId('entry-refusal').textContent());
    expect(refusal).toContain('CareCloud refused this sale:');
    expect(await page.getByTestId('entry-reason').first().textContent()).toBe(
      'This voucher has already been used.',
    );
    expect(plain(await page.getByTestId('entry-resend-change').textContent())).toMatch(
      new RegExp(
        `^Resending without the refused benefits records the sale again as a new bill without voucher ` +
          `${demo.vouchers.value100} \\(−.+\\)\\. The items and the payment stay as they were\\.$`,
      ),
    );
    expect(plain(await page.getByTestId('entry-benefits').textContent())).toMatch(/^−/);
    const attempts = plain(await page.getByTestId('entry-attempts').textContent());
    expect(attempts).toContain('sent, refused by CareCloud · this terminal');
    const history = plain(await page.getByTestId('entry-history').textContent());
    expect(history).toContain('recorded at the till by Demo Manager');
    expect(history).toContain('claimed for sending by this terminal');
    expect(history).toContain('refused by CareCloud');
    expect(history).not.toMatch(/preview@|@\S+:\d+|\brecorded\b(?! at)/);
    await screenshot(page, 'manager-queue-refused-entry-en');

    await page.getByTestId('entry-resend').click();
    await confirmPin(page);
    await eventually(() => page.getByTestId('queue-outcome').textContent()).toContain('Sent: entry');
    await page.getByTestId('queue-back').click();
    await page.getByTestId('audit-log').waitFor();
    const resend = page.locator('[data-testid="audit-row"][data-action="resend"]');
    await eventually(() => resend.getByTestId('audit-what').textContent()).toBe(
      'Sale resent without the refused benefits',
    );
    expect(plain(await resend.getByTestId('audit-ref').textContent())).toMatch(enReference);
    expect(await resend.getByTestId('audit-ref').getAttribute('data-bill')).toBe(refused.billId);
    const texts = (await page.getByTestId('audit-what').allTextContents()).join(' | ');
    expect(texts).not.toMatch(/\b(resend|pin-refused|cancel-purchase|audit-export)\b/);
    await page.getByTestId('audit-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-audit-en');
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);
});
