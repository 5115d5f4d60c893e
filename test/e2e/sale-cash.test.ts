// Cash at the till in Debian's Chromium: the amount handed over, quick amounts, change,
// the currency's cash rounding and what CareCloud is told was paid.
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

const cashierPin = '1111';
const coffee = '8594005650015';
const roll = '8594001021000';

const e2e = browserTests<SaleLane>();

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

async function purchaseTotal(lane: SaleLane): Promise<number> {
  const billId = (await lane.page.getByTestId('receipt-bill').getAttribute('data-bill')) ?? '';
  const landed = lane.sandbox.control.purchases().find((p) => p.bill_id === billId);
  const purchase = await lane.sandbox.call<{ data: { total_price: number } }>(
    'GET',
    `/purchases/${landed!.purchase_id}`,
  );
  return purchase.body.data.total_price;
}

describe('cash at the till', () => {
  it('takes 100 Kč for 23,40 Kč: rounds to crowns, shows, prints tendered, change; CareCloud gets 23 Kč', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, roll);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.getByTestId('line-quantity').fill('6');
    await page.getByTestId('line-quantity').press('Tab');
    await eventually(() => page.getByTestId('line-price').textContent()).toContain('23,40');
    await previewSettled(page);
    expect(plain(await page.getByTestId('to-pay').textContent())).toBe('23,40 Kč');
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    expect(plain(await page.getByTestId('tender-cash-due').textContent())).toBe('23,00 Kč');
    expect(plain(await page.getByTestId('tender-rounding').textContent())).toBe('-0,40 Kč');
    expect((await page.getByTestId('tender-quick').allTextContents()).map(plain)).toEqual([
      '23,00 Kč',
      '100,00 Kč',
      '200,00 Kč',
      '500,00 Kč',
    ]);
    await page.getByTestId('tender-quick').nth(1).click();
    await eventually(async () => plain(await page.getByTestId('tender-change').textContent())).toBe(
      '77,00 Kč',
    );
    await screenshot(page, 'sale-cash-change-cs');
    // Short cash cannot be confirmed.
    await page.getByTestId('tender-cash-given').fill('20');
    await page.getByTestId('tender-problem').waitFor();
    expect(await page.getByTestId('confirm-pay').isDisabled()).toBe(true);
    await page.getByTestId('tender-cash-given').fill('100');
    await page.getByTestId('tender-cash-given').press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    expect(plain(await page.getByTestId('receipt-tendered').textContent())).toBe('100,00 Kč');
    expect(plain(await page.getByTestId('receipt-change').textContent())).toBe('77,00 Kč');
    expect(plain(await page.getByTestId('receipt-rounding').textContent())).toBe('-0,40 Kč');
    expect(plain(await page.getByTestId('receipt-paid').textContent())).toBe('23,00 Kč');
    await screenshot(page, 'sale-cash-receipt-cs');
    expect(await purchaseTotal(lane)).toBe(23);
  }, 60_000);

  it('points "Max" leave no haléř due in cash', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, coffee);
    await previewSettled(page);
    await page.getByTestId('sale-points-max').click();
    await eventually(() => page.getByTestId('total-points').count()).toBe(1);
    await previewSettled(page);
    expect(plain(await page.getByTestId('to-pay').textContent())).toBe('0,13 Kč');
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    expect(plain(await page.getByTestId('tender-cash-due').textContent())).toBe('0,00 Kč');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    expect(plain(await page.getByTestId('receipt-paid').textContent())).toBe('0,00 Kč');
    expect(await purchaseTotal(lane)).toBe(428.87);
  }, 60_000);

  it('splits a payment: a part by card exactly, the rest in cash rounded', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, roll);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.getByTestId('line-quantity').fill('6');
    await page.getByTestId('line-quantity').press('Tab');
    await eventually(() => page.getByTestId('line-price').textContent()).toContain('23,40');
    await previewSettled(page);
    await page.keyboard.press('F12');
    await page.getByTestId('pay-panel').waitFor();
    await page.keyboard.press('s');
    await page.getByTestId('tender-card-part').fill('10');
    await eventually(async () => plain(await page.getByTestId('tender-cash-due').textContent())).toBe(
      '13,00 Kč',
    );
    await page.getByTestId('confirm-pay').click();
    expect(await paidOutcome(page)).toContain('Uzavřeno');
    expect(plain(await page.getByTestId('receipt-card').textContent())).toBe('10,00 Kč');
    expect(plain(await page.getByTestId('receipt-cash').textContent())).toBe('13,00 Kč');
    expect(plain(await page.getByTestId('receipt-bill').textContent())).toContain('Kartou a hotově');
    expect(await purchaseTotal(lane)).toBe(23);
  }, 60_000);
});
