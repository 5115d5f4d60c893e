// The manager's dashboard in Chromium: a manager lands on it, a day of sales made online and
// offline shows in numbers that match the journal, the queue drains, a refused replay
// becomes an alert, every chart is reached by Tab, and it reads in Czech and English.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { formatMoney, formatNumber } from '../../shared/i18n/index.ts';
import { journalFile } from '../../electron/sync/journal-file.ts';
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
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

const e2e = browserTests<SaleLane>();

/** The day's figures as the journal holds them (every entry here is today's), read with SQL of the test's own. */
function journalToday(dataDir: string) {
  const db = new Database(journalFile(dataDir), { readonly: true });
  try {
    const sales = db
      .prepare(
        `SELECT COUNT(*) AS count, TOTAL(p.paid_minor) AS paid,
        TOTAL(e.customer_id IS NOT NULL OR e.card_number IS NOT NULL) AS identified,
        TOTAL(json_array_length(e.request, '$.body.bill.payment_recap.vouchers')) AS vouchers
        FROM entries e LEFT JOIN till_payments p ON p.entry_id = e.id
        WHERE e.kind = 'purchase' AND e.state != 'voided'`,
      )
      .get() as { count: number; paid: number; identified: number; vouchers: number };
    const waiting = (
      db.prepare("SELECT COUNT(*) AS n FROM entries WHERE state IN ('pending', 'sending')").get() as {
        n: number;
      }
    ).n;
    const rejected = (
      db.prepare("SELECT COUNT(*) AS n FROM entries WHERE state = 'rejected'").get() as { n: number }
    ).n;
    return { ...sales, waiting, rejected };
  } finally {
    db.close();
  }
}

async function pay(page: SaleLane['page'], tender: 'cash' | 'card'): Promise<string> {
  await previewSettled(page);
  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  if (tender === 'card') {
    await page.keyboard.press('k');
    await eventually(() => page.getByTestId('tender-card').isChecked()).toBe(true);
  }
  await page.keyboard.press('Enter');
  const outcome = await paidOutcome(page);
  await page.keyboard.press('Enter');
  await eventually(() => page.getByTestId('cart-empty').count()).toBe(1);
  return outcome;
}

async function dashboardShown(page: SaleLane['page']): Promise<void> {
  await page
    .locator('[data-screen="dashboard"] [data-testid="dashboard"][data-state="ready"]')
    .waitFor({ timeout: 15_000 });
}

describe("the manager's dashboard", () => {
  it('shows a day’s online and offline sales, the drain, a refusal alert, by keyboard, in both languages', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        settings: { offlinePolicy: { vouchers: 'accept-synced' } },
        viewport: { width: 1280, height: 800 },
      }),
    );
    const { page, sandbox, dataDir } = lane;
    await signInTo(page, managerPin);
    // The manager lands on the dashboard, and an empty day reads as such.
    await dashboardShown(page);
    expect(plain(await page.getByTestId('sales-count').textContent())).toBe('0');
    expect(await page.getByTestId('dashboard-no-alerts').textContent()).toBe('Žádná upozornění.');
    expect(await page.getByTestId('drain-none').count()).toBe(1);
    expect(await page.evaluate(() => performance.getEntriesByName('ccpos:dashboard-painted').length)).toBe(1);

    // Vouchers for offline use, then another till spends one: its offline replay will be refused.
    await page.keyboard.press('F7');
    await page.getByTestId('sync-offline-vouchers').click();
    await page.getByTestId('offline-vouchers-synced').waitFor();
    const found = await sandbox.call<{ data: { vouchers: { voucher_id: string }[] } }>('GET', '/vouchers', {
      query: { code: demo.vouchers.value100 },
    });
    await sandbox.call('POST', `/vouchers/${found.body.data.vouchers[0]!.voucher_id}/actions/apply-voucher`, {
      body: { date_applied: formatCareCloudDateTime(new Date(), 'Europe/Prague') },
    });

    // Online: Jana's coffee by card.
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    expect(await pay(page, 'card')).not.toContain('offline');
    // Offline: Jana again with the spent voucher, then an anonymous coffee in cash.
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.vouchers.value100);
    expect(await pay(page, 'cash')).toContain('Uloženo offline');
    await scanWithWedge(page, coffee);
    expect(await pay(page, 'cash')).toContain('Uloženo offline');

    // Shift+F8: the dashboard, with the journal's numbers.
    await page.keyboard.press('Shift+F8');
    await dashboardShown(page);
    const offline = journalToday(dataDir);
    expect(offline).toMatchObject({ count: 3, identified: 2, waiting: 2, vouchers: 1 });
    expect(plain(await page.getByTestId('sales-count').textContent())).toBe('3');
    expect(plain(await page.getByTestId('sales-paid').textContent())).toBe(
      plain(formatMoney('cs', offline.paid, 'CZK')),
    );
    expect(plain(await page.getByTestId('loyalty-share').textContent())).toBe('2 z 3 (67 %)');
    expect(plain(await page.getByTestId('vouchers-count').textContent())).toBe('1');
    expect(plain(await page.getByTestId('queue-waiting').textContent())).toBe('2');
    expect(await page.getByTestId('chart-ages').locator('tbody tr').first().getAttribute('data-value')).toBe(
      '2',
    );
    expect(
      plain(await page.getByTestId('chart-tenders').locator('tbody tr').first().textContent()),
    ).toContain('Karta');
    await screenshot(page, 'dashboard-offline-cs');

    // CareCloud is back: the queue drains, the refused replay becomes an alert.
    await lane.outage(false);
    await eventually(async () => plain(await page.getByTestId('queue-waiting').textContent())).toBe('0');
    await eventually(async () => plain(await page.getByTestId('queue-rejected').textContent())).toBe('1');
    const drained = journalToday(dataDir);
    expect(drained).toMatchObject({ waiting: 0, rejected: 1 });
    const rejectedAlert = page.getByTestId('dashboard-alerts').locator('li[data-kind="rejected"]');
    await eventually(() => rejectedAlert.count()).toBe(1);
    expect(await rejectedAlert.textContent()).toContain('CareCloud odmítl');
    // The sale by its short reference (store · desk · time · code), never its long bill id.
    expect(await rejectedAlert.textContent()).toMatch(/ · pokladna \d+ · \d{1,2}:\d{2} · [0-9A-Z]{5}/);
    expect(await rejectedAlert.textContent()).not.toMatch(/[0-9a-z]{20,}/i);
    expect(plain(await page.getByTestId('sales-count').textContent())).toBe(
      formatNumber('cs', drained.count),
    );
    await screenshot(page, 'dashboard-drained-cs');

    // Every chart and the way to the queue are reached by Tab alone.
    await page.getByTestId('dashboard-refresh').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 30 && reached.size < 4; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      if (['chart-hours', 'chart-tenders', 'chart-ages', 'dashboard-open-queue'].includes(id))
        reached.add(id);
    }
    expect([...reached].sort()).toEqual([
      'chart-ages',
      'chart-hours',
      'chart-tenders',
      'dashboard-open-queue',
    ]);

    // In English: the same numbers, every label and the alert in English.
    await page.keyboard.press('F4');
    await eventually(() => page.locator('#dashboard-title').textContent()).toBe("Manager's overview");
    expect(plain(await page.getByTestId('loyalty-share').textContent())).toBe('2 of 3 (67%)');
    expect(await page.getByTestId('chart-hours').locator('caption').textContent()).toContain('Sales by hour');
    expect(await rejectedAlert.textContent()).toContain('refused by CareCloud');
    expect(await page.getByTestId('dashboard').textContent()).not.toMatch(/Dnešní|Fronta|Upozornění/);
    await screenshot(page, 'dashboard-drained-en');

    // F8 from the dashboard opens the queue; Esc comes back to the dashboard.
    await page.getByTestId('dashboard-open-queue').press('Enter');
    await page.locator('[data-screen="queue"]').waitFor();
    await page.keyboard.press('Escape');
    await dashboardShown(page);
  }, 180_000);
});
