// Every voucher refusal as its sentence, at the sale and on the voucher check screen.
import { describe, expect, it } from 'vitest';
import { reasonSentence, translate } from '../../shared/i18n/index.ts';
import { demo } from '../../sandbox/seed.ts';
import { browserTests } from './support/browser.ts';
import { scanWithWedge, screenshot } from './support/page.ts';
import { eventually, openSale, openSaleLane, signInTo, type SaleLane } from './support/sale-page.ts';

const e2e = browserTests<SaleLane>();

const refused: [string, string][] = [
  [demo.vouchers.expired, 'voucher_expired'],
  [demo.vouchers.used, 'voucher_already_used'],
  [demo.vouchers.otherStore, 'voucher_cant_be_used_in_store'],
  [demo.vouchers.otherCustomer, 'voucher_assigned_to_another_customer'],
  [demo.vouchers.minimumPurchase, 'insufficient_amount_of_purchase'],
  [demo.vouchers.notYetValid, 'voucher_cant_be_applied_by_date'],
  [demo.vouchers.giftEmpty, 'voucher_already_used'],
];

describe('vouchers in the browser', () => {
  it('shows each refusal as its sentence at the sale, and any code on the voucher check', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, '8594008250120');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    for (const [code, reason] of [...refused, ['NOSUCHCODE', 'not_found'] as [string, string]]) {
      await page.getByTestId('sale-voucher').fill(code);
      await page.getByTestId('sale-voucher').press('Enter');
      const item = page.locator(`[data-testid="sale-voucher-item"][data-code="${code}"]`);
      await eventually(() => item.getAttribute('data-status')).toBe('refused');
      const sentence =
        reason === 'not_found'
          ? translate('cs', 'checkout.refusal.not_found')
          : reasonSentence('cs', { name: 'benefit_codes', reason });
      expect(await item.getByTestId('sale-voucher-status').textContent()).toBe(sentence);
      if (code === demo.vouchers.expired) await screenshot(page, 'sale-voucher-refused-cs');
      await item.getByRole('button').click();
    }
    // The voucher check: read-only facts, the refusal as a sentence, a gift card's balance.
    await page.keyboard.press('F7');
    await page.getByTestId('voucher-check').waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('voucher-code');
    await page.getByTestId('voucher-code').fill(demo.vouchers.expired);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('voucher-refusal').first().textContent()).toBe(
      reasonSentence('cs', { name: 'benefit_codes', reason: 'voucher_expired' }),
    );
    await screenshot(page, 'voucher-check-refused-cs');
    await page.getByTestId('voucher-code').fill(demo.vouchers.giftPartly);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('voucher-balance').count()).toBe(1);
    await page.keyboard.press('F4');
    await eventually(() => page.getByTestId('voucher-balance').textContent()).toMatch(/^Balance .+ of .+/);
    await screenshot(page, 'voucher-check-gift-card-en');
    await page.getByTestId('voucher-code').fill(demo.vouchers.value100);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('voucher-valid').count()).toBe(1);
    expect(await page.getByTestId('voucher-value').textContent()).toContain('100');
    await page.keyboard.press('Escape');
    await page.locator('[data-screen="sale"]').waitFor();
    await screenshot(page, 'sale-vouchers-en');
  });

  it('counts only applied vouchers to the per-purchase cap; a refused one keeps its reason, is removable', async () => {
    const lane = e2e.track(await openSaleLane(e2e.browser));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await scanWithWedge(page, demo.cards.regular);
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toBe('Jana Nováková');
    await scanWithWedge(page, '8594005650015');
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    const item = (code: string) => page.locator(`[data-testid="sale-voucher-item"][data-code="${code}"]`);
    const sentence = (reason: string) =>
      reason === 'not_found'
        ? translate('cs', 'checkout.refusal.not_found')
        : reasonSentence('cs', { name: 'benefit_codes', reason });
    // The sandbox, like CareCloud, takes at most three vouchers per bill.
    const asked: [string, string, string][] = [
      [demo.vouchers.value100, 'applied', ''],
      [demo.vouchers.expired, 'refused', 'voucher_expired'],
      [demo.vouchers.otherStore, 'refused', 'voucher_cant_be_used_in_store'],
      ['NOSUCHCODE', 'refused', 'not_found'],
      [demo.vouchers.percent10, 'applied', ''],
    ];
    for (const [code, status, reason] of asked) {
      await page.getByTestId('sale-voucher').fill(code);
      await page.getByTestId('sale-voucher').press('Enter');
      await eventually(() => item(code).getAttribute('data-status')).toBe(status);
      if (reason)
        expect(await item(code).getByTestId('sale-voucher-status').textContent()).toBe(sentence(reason));
    }
    // Every earlier answer still stands: nothing turned into "too many vouchers".
    for (const [code, status, reason] of asked) {
      expect(await item(code).getAttribute('data-status')).toBe(status);
      if (reason)
        expect(await item(code).getByTestId('sale-voucher-status').textContent()).toBe(sentence(reason));
    }
    await screenshot(page, 'sale-vouchers-refused-not-counted-cs');
    await item(demo.vouchers.expired).getByRole('button').click();
    await eventually(() => item(demo.vouchers.expired).count()).toBe(0);
    // A third applied voucher fits; a fourth applied one is the one that is too many.
    await page.getByTestId('sale-voucher').fill(demo.vouchers.storeBound);
    await page.getByTestId('sale-voucher').press('Enter');
    await eventually(() => item(demo.vouchers.storeBound).getAttribute('data-status')).toBe('applied');
    await page.getByTestId('sale-voucher').fill(demo.vouchers.giftFull);
    await page.getByTestId('sale-voucher').press('Enter');
    await eventually(() => item(demo.vouchers.giftFull).getAttribute('data-status')).toBe('refused');
    expect(await item(demo.vouchers.giftFull).getByTestId('sale-voucher-status').textContent()).toBe(
      sentence('max_number_of_voucher_exceeded'),
    );
    for (const code of [demo.vouchers.value100, demo.vouchers.percent10, demo.vouchers.storeBound])
      expect(await item(code).getAttribute('data-status')).toBe('applied');
  });
});
