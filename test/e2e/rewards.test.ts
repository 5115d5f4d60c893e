// Rewards at the lane and points claimed later in Debian's Chromium: redeem on the customer
// panel and in a sale (applied at once; a double tap makes one voucher), the best reward for
// the bill, offline refusal, and an anonymous sale given to a customer online and offline
// then replayed. Each flow in Czech and in English (the catalogues' words), with screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translate, type Language } from '../../shared/i18n/index.ts';
import { parseBillId } from '../../shared/checkout/sale-reference.ts';
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

const cashierPin = '1111';
const coffee = '8594005650015';
const wine = '8594012340015';
const jana = demo.customers.regular;

const e2e = browserTests<SaleLane>();
const laneIn = (language: Language) => openSaleLane(e2e.browser, { settings: { language } });

async function rewardId(lane: SaleLane, code: string): Promise<string> {
  const res = await lane.sandbox.call<{ data: { rewards: { reward_id: string }[] } }>('GET', '/rewards', {
    query: { code },
  });
  return res.body.data.rewards[0]!.reward_id;
}

async function vouchersOf(lane: SaleLane, customerId: string, reward: string): Promise<string[]> {
  const res = await lane.sandbox.call<{ data: { vouchers: { code: string }[] } }>('GET', '/vouchers', {
    query: { customer_id: customerId, reward_id: reward, count: 100 },
  });
  return res.body.data.vouchers.map((v) => v.code);
}

async function points(lane: SaleLane, customerId: string): Promise<number> {
  const res = await lane.sandbox.call<{ data: { available_points: number } }>(
    'GET',
    '/wallet/actions/points-overview',
    { query: { customer_id: customerId } },
  );
  return res.body.data.available_points;
}

async function purchaseCustomer(lane: SaleLane, billId: string): Promise<string | null> {
  const res = await lane.sandbox.call<{ data: { purchases: { customer_id?: string | null }[] } }>(
    'GET',
    '/purchases',
    { query: { external_purchase_id: billId } },
  );
  return res.body.data.purchases[0]?.customer_id || null;
}

/** Pays the sale on screen by card and goes on to the next one; the bill id of the paid sale. */
async function payByCard(page: Page): Promise<string> {
  await previewSettled(page);
  await page.keyboard.press('F12');
  await page.getByTestId('pay-panel').waitFor();
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await paidOutcome(page);
  const billId = await receiptBillId(page);
  await page.getByTestId('next-sale').click();
  await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('sale-code');
  return billId;
}

describe.each(laneLanguages)('rewards at the lane (%s)', (language) => {
  it('redeems on the customer panel once for a double tap, and says offline when CareCloud is gone', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await scanWithWedge(page, demo.cards.regular);
    await page.locator('[data-screen="customer"]').waitFor();
    const reward = page.locator(`[data-testid="reward"][data-code="${demo.rewards.value100}"]`);
    await reward.getByTestId('reward-redeem').click();
    await expect
      .poll(() => reward.getByTestId('reward-confirming').textContent())
      .toContain(translate(language, 'rewards.confirm', { points: 500, name: 'Jana Nováková' }));
    await screenshot(page, `rewards-panel-confirm-${language}`);
    const before = await points(lane, jana);
    const id = await rewardId(lane, demo.rewards.value100);
    const vouchersBefore = await vouchersOf(lane, jana, id);
    await reward.getByTestId('reward-confirm').dblclick();
    const outcome = reward.getByTestId('reward-outcome');
    await eventually(() => outcome.getAttribute('data-outcome')).toBe('created');
    const made = (await vouchersOf(lane, jana, id)).filter((code) => !vouchersBefore.includes(code));
    expect(made).toHaveLength(1);
    expect(await outcome.textContent()).toBe(translate(language, 'rewards.created', { code: made[0]! }));
    expect(await points(lane, jana)).toBe(before - 500);
    // The panel reads the wallet again: the points and the new voucher.
    await eventually(async () =>
      (await page.getByTestId('points-available').textContent())?.replace(/\s/g, ''),
    ).toBe(String(before - 500));
    await eventually(() => page.getByTestId('vouchers').textContent()).toContain(made[0]!);
    await screenshot(page, `rewards-panel-created-${language}`);

    const percentVouchers = await vouchersOf(lane, jana, await rewardId(lane, demo.rewards.percent10));
    await lane.outage(true);
    const percent = page.locator(`[data-testid="reward"][data-code="${demo.rewards.percent10}"]`);
    await percent.getByTestId('reward-redeem').click();
    await percent.getByTestId('reward-confirm').click();
    await eventually(() => percent.getByTestId('reward-outcome').getAttribute('data-outcome')).toBe(
      'offline',
    );
    expect(await percent.getByTestId('reward-outcome').textContent()).toBe(
      translate(language, 'rewards.offline'),
    );
    await screenshot(page, `rewards-panel-offline-${language}`);
    await lane.outage(false);
    expect(await vouchersOf(lane, jana, await rewardId(lane, demo.rewards.percent10))).toEqual(
      percentVouchers,
    );
    expect(lane.pageErrors).toEqual([]);
  }, 90_000);

  it('recommends the bill’s best reward; a redeem in a sale applies at once, one voucher per double tap', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await page.locator('#sale-code').focus();
    await scanWithWedge(page, coffee);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const rewards = page.getByTestId('sale-rewards');
    await rewards.waitFor();
    await rewards.getByTestId('reward-suggest').click();
    await eventually(() => rewards.getByTestId('reward-best').getAttribute('data-code')).toBe(
      demo.rewards.value100,
    );
    expect(await rewards.getByTestId('reward-best').textContent()).toContain(
      translate(language, 'rewards.best'),
    );
    const best = rewards.locator(`[data-testid="reward"][data-code="${demo.rewards.value100}"]`);
    expect(await best.getByTestId('reward-recommended').count()).toBe(1);
    await screenshot(page, `rewards-sale-suggested-${language}`);

    const id = await rewardId(lane, demo.rewards.value100);
    const vouchersBefore = await vouchersOf(lane, jana, id);
    await best.getByTestId('reward-redeem').click();
    await best.getByTestId('reward-confirm').dblclick();
    await eventually(() => best.getByTestId('reward-outcome').getAttribute('data-outcome')).toBe('created');
    const made = (await vouchersOf(lane, jana, id)).filter((code) => !vouchersBefore.includes(code));
    expect(made).toHaveLength(1);
    expect(await best.getByTestId('reward-outcome').textContent()).toBe(
      translate(language, 'rewards.createdApplied', { code: made[0]! }),
    );
    // Applied at once, once: the sale carries the new code and CareCloud takes it off the bill.
    const applied = page.locator(`[data-testid="sale-voucher-item"][data-code="${made[0]}"]`);
    await eventually(() => applied.getAttribute('data-status')).toBe('applied');
    expect(await page.getByTestId('sale-voucher-item').count()).toBe(1);
    await best.getByTestId('reward-outcome').scrollIntoViewIfNeeded();
    await screenshot(page, `rewards-sale-applied-${language}`);
    const billId = await payByCard(page);
    const bill = lane.sandbox.control.purchases().find((p) => p.bill_id === billId);
    expect(bill).toBeDefined();
    const used = await lane.sandbox.call<{ data: { vouchers: { applied_date?: string | null }[] } }>(
      'GET',
      '/vouchers',
      { query: { code: made[0]! } },
    );
    expect(used.body.data.vouchers[0]?.applied_date).toBeTruthy();
    expect(lane.pageErrors).toEqual([]);
  }, 90_000);
});

describe.each(laneLanguages)('points claimed later (%s)', (language) => {
  it('gives a recent anonymous sale to a customer by card, and a receipt barcode scanned into the form', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    await signInTo(page, cashierPin);
    await openSale(page);
    await scanWithWedge(page, wine);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const billId = await payByCard(page);
    const before = await points(lane, jana);
    await page.getByTestId('recent-sales').locator('summary').click();
    const row = page.locator(`[data-testid="recent-sale"][data-bill="${billId}"]`);
    await row.getByTestId('claim-for').click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('claim-card');
    expect(await page.getByTestId('claim-sale').inputValue()).toBe(billId);
    await page.getByTestId('claim-card').fill(demo.cards.regular);
    await page.getByTestId('claim-find').click();
    await eventually(() => page.getByTestId('claim-customer').textContent()).toBe(
      translate(language, 'claim.customer', { name: 'Jana Nováková' }),
    );
    await page.getByTestId('claim-confirm').dblclick();
    const outcome = page.getByTestId('claim-outcome');
    await eventually(() => outcome.textContent()).toMatch(
      messagePattern(language, 'claim.assigned', { name: 'Jana Nováková' }),
    );
    expect(await purchaseCustomer(lane, billId)).toBe(jana);
    // 189 CZK at one point per 10 CZK.
    expect(await points(lane, jana)).toBe(before + 18);
    await eventually(() => row.getByTestId('recent-claimed').getAttribute('data-state')).toBe('synced');
    expect(await row.getByTestId('claim-for').count()).toBe(0);
    await screenshot(page, `points-claim-assigned-${language}`);

    // The same sale again for another customer, typed by its short reference: refused in the screen's words.
    await page.getByTestId('claim-sale').fill(parseBillId(billId)!.code);
    await page.getByTestId('claim-card').fill(demo.cards.otherCustomer);
    await page.getByTestId('claim-find').click();
    await eventually(() => page.getByTestId('claim-customer').textContent()).toBe(
      translate(language, 'claim.customer', { name: 'Petr Svoboda' }),
    );
    await page.getByTestId('claim-confirm').click();
    await eventually(() => outcome.textContent()).toBe(translate(language, 'claim.refused.already_assigned'));
    // A receipt's barcode scanned into the form fills it; the bill gets nothing.
    await page.getByTestId('claim-sale').fill('');
    await page.getByTestId('claim-sale').focus();
    await scanWithWedge(page, 'NEZNAMY-UCET-1');
    await eventually(() => page.getByTestId('claim-sale').inputValue()).toBe('NEZNAMY-UCET-1');
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    expect(await page.getByTestId('sale-notice').count()).toBe(0);
    await page.getByTestId('claim-confirm').click();
    await eventually(() => outcome.textContent()).toBe(translate(language, 'claim.refused.unknown_sale'));
    await screenshot(page, `points-claim-refused-${language}`);

    // The next anonymous sale, claimed from its receipt: the barcode (the bill_id) scanned into the form.
    await page.locator('#sale-code').focus();
    await scanWithWedge(page, wine);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const scanned = await payByCard(page);
    const pointsBefore = await points(lane, jana);
    const recent = page.getByTestId('recent-sales');
    if (!(await recent.evaluate((details: HTMLDetailsElement) => details.open)))
      await recent.locator('summary').click();
    await page.getByTestId('claim-sale').fill('');
    await page.getByTestId('claim-sale').focus();
    await scanWithWedge(page, scanned);
    await eventually(() => page.getByTestId('claim-sale').inputValue()).toBe(scanned);
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await page.getByTestId('claim-card').fill(demo.cards.regular);
    await page.getByTestId('claim-find').click();
    await eventually(() => page.getByTestId('claim-customer').textContent()).toBe(
      translate(language, 'claim.customer', { name: 'Jana Nováková' }),
    );
    await page.getByTestId('claim-confirm').click();
    await eventually(() => outcome.textContent()).toMatch(
      messagePattern(language, 'claim.assigned', { name: 'Jana Nováková' }),
    );
    expect(await purchaseCustomer(lane, scanned)).toBe(jana);
    expect(await points(lane, jana)).toBe(pointsBefore + 18);
    await screenshot(page, `points-claim-barcode-${language}`);
    expect(lane.pageErrors).toEqual([]);
  }, 90_000);

  it('offline: sales typed by ref or scanned from a receipt get a customer; CareCloud gets them in order', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    await signInTo(page, cashierPin);
    // Jana's card seen once online: the terminal knows her offline.
    await scanWithWedge(page, demo.cards.regular);
    await page.locator('[data-screen="customer"]').waitFor();
    await page.keyboard.press('F3');
    await lane.outage(true);
    await openSale(page);
    await scanWithWedge(page, wine);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const billId = await payByCard(page);
    await page.getByTestId('recent-sales').locator('summary').click();
    await page.getByTestId('claim-sale').fill(`Praha · 1 · ${parseBillId(billId)!.code}`);
    await page.getByTestId('claim-card').fill(demo.cards.regular);
    await page.getByTestId('claim-find').click();
    await eventually(() => page.getByTestId('claim-customer').textContent()).toBe(
      translate(language, 'claim.customer', { name: 'Jana Nováková' }),
    );
    await page.getByTestId('claim-confirm').click();
    const outcome = page.getByTestId('claim-outcome');
    await eventually(() => outcome.textContent()).toMatch(
      messagePattern(language, 'claim.queued.offline', { name: 'Jana Nováková' }),
    );
    const row = page.locator(`[data-testid="recent-sale"][data-bill="${billId}"]`);
    await eventually(() => row.getByTestId('recent-claimed').getAttribute('data-state')).toBe('pending');
    await screenshot(page, `points-claim-offline-${language}`);
    expect(lane.sandbox.control.purchases().some((p) => p.bill_id === billId && p.purchase_id)).toBe(false);

    // A second offline sale, claimed from its receipt's barcode scanned into the form.
    await page.locator('#sale-code').focus();
    await scanWithWedge(page, wine);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const scanned = await payByCard(page);
    const recent = page.getByTestId('recent-sales');
    if (!(await recent.evaluate((details: HTMLDetailsElement) => details.open)))
      await recent.locator('summary').click();
    await page.getByTestId('claim-sale').fill('');
    await page.getByTestId('claim-sale').focus();
    await scanWithWedge(page, scanned);
    await eventually(() => page.getByTestId('claim-sale').inputValue()).toBe(scanned);
    expect(await page.getByTestId('cart-line').count()).toBe(0);
    await page.getByTestId('claim-card').fill(demo.cards.regular);
    await page.getByTestId('claim-find').click();
    await eventually(() => page.getByTestId('claim-customer').textContent()).toBe(
      translate(language, 'claim.customer', { name: 'Jana Nováková' }),
    );
    await page.getByTestId('claim-confirm').click();
    await eventually(() => outcome.textContent()).toMatch(
      messagePattern(language, 'claim.queued.offline', { name: 'Jana Nováková' }),
    );
    const scannedRow = page.locator(`[data-testid="recent-sale"][data-bill="${scanned}"]`);
    await eventually(() => scannedRow.getByTestId('recent-claimed').getAttribute('data-state')).toBe(
      'pending',
    );

    await lane.outage(false);
    await eventually(() => row.getByTestId('recent-claimed').getAttribute('data-state')).toBe('synced');
    await eventually(() => scannedRow.getByTestId('recent-claimed').getAttribute('data-state')).toBe(
      'synced',
    );
    expect(await purchaseCustomer(lane, billId)).toBe(jana);
    expect(await purchaseCustomer(lane, scanned)).toBe(jana);
    await screenshot(page, `points-claim-replayed-${language}`);
    expect(lane.pageErrors).toEqual([]);
  }, 120_000);
});
