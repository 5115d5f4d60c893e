// A loyalty card the terminal has never seen, scanned while CareCloud is unreachable: it
// goes with the sale as its card number and the replay credits the owner's points. When the
// scan rules cannot tell card from voucher, the cashier is asked; nothing is guessed.
import { describe, expect, it } from 'vitest';
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

const coffee = '8594005650015';
const card = demo.cards.manyPoints;
const owner = demo.customers.manyPoints;

const e2e = browserTests<SaleLane>();

async function billOf(page: SaleLane['page']): Promise<string> {
  // The receipt shows the sale's short reference; the bill_id is on the element.
  return (await page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
}

async function availablePoints(lane: SaleLane): Promise<number> {
  const answer = await lane.sandbox.call<{ data: { available_points: number } }>(
    'GET',
    '/wallet/actions/points-overview',
    { query: { customer_id: owner } },
  );
  return answer.body.data.available_points;
}

/** Pays the open offline sale, brings CareCloud back and returns what landed for the bill. */
async function payOfflineAndReplay(
  lane: SaleLane,
): Promise<{ customer_id: string | null; card_number: string | null }> {
  const { page, sandbox } = lane;
  await page.keyboard.press('F12');
  await page.keyboard.press('Enter');
  expect(await paidOutcome(page)).toContain('Uloženo offline');
  expect(await page.getByTestId('points-later').textContent()).toContain('připíšou');
  const billId = await billOf(page);
  await lane.outage(false);
  await eventually(
    () => sandbox.control.purchases().filter((p) => p.bill_id === billId && p.purchase_id).length,
  ).toBe(1);
  const landed = await sandbox.call<{
    data: { purchases: { customer_id: string | null; card_number: string | null }[] };
  }>('GET', '/purchases', { query: { external_purchase_id: billId } });
  return landed.body.data.purchases[0]!;
}

describe('an unknown loyalty card offline', () => {
  it('is attached by its number when a scan rule says it is a card, and the replay credits its owner', async () => {
    const lane = e2e.track(
      await openSaleLane(e2e.browser, {
        settings: {
          input: {
            classification: { rules: [{ name: 'Store cards', kind: 'card', pattern: '^2000\\d{9}$' }] },
          },
        },
      }),
    );
    const { page } = lane;
    const before = await availablePoints(lane);
    await signInTo(page, '1111');
    await openSale(page);
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, card);
    await eventually(() => page.getByTestId('sale-unidentified-card').textContent()).toContain(card);
    await previewSettled(page);
    expect(await page.getByTestId('sale-voucher-item').count()).toBe(0);
    await page.getByTestId('points-later').waitFor();
    await screenshot(page, 'sale-offline-unknown-card-cs');
    expect(await payOfflineAndReplay(lane)).toMatchObject({ customer_id: owner, card_number: card });
    await eventually(() => availablePoints(lane)).toBeGreaterThan(before);
  }, 60_000);

  it('asks the cashier card or voucher when no rule decides, and takes the answer', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, card);
    await page.getByTestId('card-or-voucher').waitFor();
    expect(await page.getByTestId('card-or-voucher').textContent()).toContain(card);
    await screenshot(page, 'sale-offline-card-or-voucher-cs');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('sale-unidentified-card').textContent()).toContain(card);
    await previewSettled(page);
    expect(await page.getByTestId('sale-voucher-item').count()).toBe(0);
    expect(await payOfflineAndReplay(lane)).toMatchObject({ customer_id: owner, card_number: card });
  }, 60_000);
});
