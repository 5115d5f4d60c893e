// A queue longer than a page, as a store manager reviews it after an outage, in both languages:
// the pager turns forward and back by main's cursors, jumps to the oldest and newest entries,
// keeps the counts, and a card's last digits find its sales, paged the same way.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { purchaseEntry } from '../../electron/sync/closure.ts';
import { storeIds } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { screenshot } from './support/page.ts';
import { eventually, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';

const managerPin = '9999';
const zone = 'Europe/Prague';
const e2e = browserTests<SaleLane>();
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The card of the sales the manager looks for, and the one every other sale carries its own of. */
const wanted = '2990000424242';
const cardOf = (n: number) => `2990000${String(n).padStart(6, '0')}`;

/** Sales journaled offline by the terminal's own sync engine, as the till's pay does with the circuit open. */
async function sellOffline(lane: SaleLane, cards: readonly string[]): Promise<string[]> {
  await lane.outage(true);
  const bills: string[] = [];
  for (const [i, card] of cards.entries()) {
    const price = 50 + i;
    const outcome = await lane.host.terminal.sync.close(
      purchaseEntry(
        {
          storeId: storeIds.praha,
          cashdesk: 1,
          operator: 'Demo Manager',
          cardNumber: card,
          bill: {
            currency_id: 'czk',
            total_price: price,
            purchase_type_id: 'pt',
            payment_type: 'A',
            bill_items: [
              {
                plu_ids: [{ list_code: 'EAN', code: '8594001021000' }],
                plu_name: 'Rohlík',
                vat_rate: 12,
                quantity: 1,
                price,
                paid_amount: price,
                bill_item_id: '1',
                loyalty_off: false,
                purchase_item_type_id: 'store_purchase',
              },
            ],
          },
        },
        { timeZone: zone },
      ),
    );
    if (outcome.outcome !== 'queued') throw new Error(`sale ${i} was ${outcome.outcome}, not queued`);
    bills.push(outcome.entry.billId!);
  }
  return bills;
}

const pageText = (page: Page) => page.getByTestId('queue-page').textContent().then(plain);

async function turn(page: Page, button: 'first' | 'prev' | 'next' | 'last', expected: string): Promise<void> {
  await page.getByTestId(`queue-${button}`).click();
  await eventually(() => pageText(page)).toBe(expected);
}

/** The bill ids of the rows shown, oldest first. */
const shownBills = (page: Page) =>
  page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-bill')));

// 45 sales: every third (15 of them) with the wanted card, the others with cards of their own.
const cards = Array.from({ length: 45 }, (_, i) => (i % 3 === 0 ? wanted : cardOf(i)));

describe('paging the manager’s queue', () => {
  it('in Czech: 45 sales over three pages, oldest and newest, a card found by its last four digits', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1280, height: 800 } }));
    const { page } = lane;
    await signInTo(page, managerPin);
    const sold = await sellOffline(lane, cards);

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await eventually(() => pageText(page)).toBe('Záznamy 1–20 z 45');
    expect(await page.getByTestId('count-pending').textContent()).toBe('45');
    expect(await page.getByTestId('queue-row').count()).toBe(20);
    expect(await page.getByTestId('queue-prev').isDisabled()).toBe(true);
    expect(await page.getByTestId('queue-first').isDisabled()).toBe(true);
    const first = await shownBills(page);

    await turn(page, 'next', 'Záznamy 21–40 z 45');
    const second = await shownBills(page);
    await turn(page, 'next', 'Záznamy 41–45 z 45');
    const third = await shownBills(page);
    expect(await page.getByTestId('queue-next').isDisabled()).toBe(true);
    expect(await page.getByTestId('queue-last').isDisabled()).toBe(true);
    // Every sale once, oldest first, over the three pages.
    const all = [...first, ...second, ...third];
    expect(all).toEqual(sold);
    await screenshot(page, 'manager-queue-pages-cs');

    await turn(page, 'prev', 'Záznamy 21–40 z 45');
    expect(await shownBills(page)).toEqual(second);
    await turn(page, 'first', 'Záznamy 1–20 z 45');
    expect(await shownBills(page)).toEqual(first);
    expect(plain(await page.getByTestId('queue-first').textContent())).toBe('Nejstarší');
    await turn(page, 'last', 'Záznamy 26–45 z 45');
    expect(plain(await page.getByTestId('queue-last').textContent())).toBe('Nejnovější');
    expect(await shownBills(page)).toEqual(all.slice(-20));

    // The card's last four digits as printed on it: its 15 sales, on one page, the others not.
    await page.getByTestId('filter-search').fill(wanted.slice(-4));
    await page.getByTestId('filter-apply').click();
    await eventually(() => pageText(page)).toBe('Záznamy 1–15 z 15');
    expect(await shownBills(page)).toEqual(all.filter((_, i) => i % 3 === 0));
    expect(await page.getByTestId('queue-next').isDisabled()).toBe(true);
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);

  it('in English: a search by a card’s last digits pages too; a new sale shows on the newest page', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser, { viewport: { width: 1280, height: 800 } }));
    const { page } = lane;
    await signInTo(page, managerPin);
    await page.keyboard.press('F4');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    // 60 sales, 23 of them with the wanted card.
    const more = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? wanted : cardOf(100 + i)));
    await sellOffline(lane, [...cards, ...more]);
    const wantedCount = [...cards, ...more].filter((card) => card === wanted).length;
    expect(wantedCount).toBe(23);

    await page.keyboard.press('F8');
    await page.getByTestId('queue-table').waitFor();
    await eventually(() => pageText(page)).toBe('Entries 1–20 of 60');
    await page.getByTestId('filter-search').fill(wanted.slice(-6));
    await page.getByTestId('filter-apply').click();
    await eventually(() => pageText(page)).toBe(`Entries 1–20 of ${wantedCount}`);
    const first = await shownBills(page);
    await turn(page, 'next', `Entries 21–${wantedCount} of ${wantedCount}`);
    const second = await shownBills(page);
    expect(new Set([...first, ...second]).size).toBe(wantedCount);
    expect(plain(await page.getByTestId('queue-prev').textContent())).toBe('Previous');
    expect(plain(await page.getByTestId('queue-last').textContent())).toBe('Newest');
    await screenshot(page, 'manager-queue-card-search-en');

    // The whole number finds the same sales; another card's number none of them.
    await page.getByTestId('filter-search').fill(wanted);
    await page.getByTestId('filter-apply').click();
    await eventually(() => pageText(page)).toBe(`Entries 1–20 of ${wantedCount}`);
    await page.getByTestId('filter-search').fill(cardOf(4));
    await page.getByTestId('filter-apply').click();
    await eventually(() => pageText(page)).toBe('Entries 1–1 of 1');

    // A sale journaled while the manager reads: the newest page has it.
    await page.getByTestId('filter-search').fill(wanted.slice(-4));
    await page.getByTestId('filter-apply').click();
    await eventually(() => pageText(page)).toBe(`Entries 1–20 of ${wantedCount}`);
    await sellOffline(lane, [wanted]);
    await turn(page, 'last', `Entries ${wantedCount + 1 - 19}–${wantedCount + 1} of ${wantedCount + 1}`);
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);
});
