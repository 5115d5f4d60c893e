// Sign-up at the lane in Chromium, in both languages: from the customer lookup and from a
// sale (the new customer joins it at once), a card scanned through the app's one scan path,
// consents each with its own tick, a refused e-mail, a double tap, phone verification by a
// one-time code, and a sign-up offline followed by a sale replayed in order. Each flow in
// Czech and in English, the expected words from the catalogues, with screenshots.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { translate, type Language } from '../../shared/i18n/index.ts';
import { signupFormWords } from '../../shared/i18n/messages/signup-form.ts';
import { agreements } from '../../sandbox/customer-seed.ts';
import { cardNumber, demo } from '../../sandbox/seed.ts';
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

const coffee = '8594005650015';
const e2e = browserTests<SaleLane>();
const laneIn = (language: Language, settings: Record<string, unknown> = {}) =>
  openSaleLane(e2e.browser, { settings: { language, ...settings } });
let emails = 0;
const newEmail = () => `e2e.signup.${process.pid}.${(emails += 1)}.${Date.now()}@example.cz`;

async function customerByEmail(lane: SaleLane, email: string): Promise<{ customer_id: string } | undefined> {
  const res = await lane.sandbox.call<{ data: { customers: { customer_id: string }[] } }>(
    'GET',
    '/customers',
    { query: { email } },
  );
  return res.body.data.customers[0];
}

async function cardOwner(lane: SaleLane, number: string): Promise<string | null> {
  const res = await lane.sandbox.call<{ data: { cards: { customer_id?: string }[] } }>('GET', '/cards', {
    query: { card_number: number },
  });
  return res.body.data.cards[0]?.customer_id ?? null;
}

async function points(lane: SaleLane, customerId: string): Promise<number> {
  const res = await lane.sandbox.call<{ data: { available_points: number } }>(
    'GET',
    '/wallet/actions/points-overview',
    { query: { customer_id: customerId } },
  );
  return res.body.data.available_points;
}

/** Fills the names and the e-mail, leaving the e-mail field so CareCloud is asked about it. */
async function fillCustomer(page: Page, email: string): Promise<void> {
  await page.getByTestId('signup').waitFor();
  await page.getByTestId('signup-first').fill('Alena');
  await page.getByTestId('signup-last').fill('Malá');
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-last').focus();
}

async function scanCardIntoForm(page: Page, card: string): Promise<void> {
  await page.getByTestId('signup-first').focus();
  await scanWithWedge(page, card);
  await eventually(() => page.getByTestId('signup-card').inputValue()).toBe(card);
}

describe.each(laneLanguages)('sign-up at the lane (%s)', (language) => {
  it('from the lookup: consents unticked, the e-mail checked, a card scanned, the customer shown', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    const card = cardNumber(906);
    const email = newEmail();
    await signInTo(page, '1111');
    await page.getByTestId('signup-open').click();
    await fillCustomer(page, email);
    await eventually(() => page.getByTestId('signup-email').getAttribute('data-check')).toBe('free');
    const consents = page.getByTestId('signup-consent');
    expect(await consents.count()).toBe(3);
    for (let i = 0; i < 3; i += 1) expect(await consents.nth(i).isChecked()).toBe(false);
    expect(await page.getByTestId('signup-consents').textContent()).toContain(agreements[0]!.text[language]);
    await consents.nth(0).check();
    await scanCardIntoForm(page, card);
    await page.getByTestId('signup-birthdate').fill('1990-04-01');
    await screenshot(page, `signup-lookup-${language}`);
    await page.getByTestId('signup-submit').click();
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('signup-done').textContent()).toContain(
      translate(language, 'signup.done', { name: 'Alena Malá' }),
    );
    const created = await customerByEmail(lane, email);
    expect(created).toBeDefined();
    expect(await cardOwner(lane, card)).toBe(created!.customer_id);
    await screenshot(page, `signup-lookup-done-${language}`);
    expect(lane.pageErrors).toEqual([]);
  }, 60_000);

  it('from a sale: the new customer joins the sale at once and earns the points of the purchase', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    const card = cardNumber(907);
    const email = newEmail();
    await signInTo(page, '1111');
    await openSale(page);
    await scanWithWedge(page, coffee);
    await previewSettled(page);
    await page.getByTestId('sale-signup').click();
    await fillCustomer(page, email);
    await scanCardIntoForm(page, card);
    expect(await page.getByTestId('signup').textContent()).toContain(agreements[0]!.name[language]);
    await screenshot(page, `signup-sale-${language}`);
    await page.getByTestId('signup-submit').click();
    await eventually(() => page.getByTestId('sale-customer-name').textContent()).toContain('Alena Malá');
    await previewSettled(page);
    await screenshot(page, `signup-sale-joined-${language}`);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toMatch(messagePattern(language, 'checkout.closed'));
    const created = await customerByEmail(lane, email);
    await eventually(() => points(lane, created!.customer_id)).toBeGreaterThan(0);
    expect(lane.pageErrors).toEqual([]);
  }, 60_000);

  it('says an e-mail is already registered before the customer leaves, and creates nobody', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    await signInTo(page, '1111');
    await page.getByTestId('signup-open').click();
    await fillCustomer(page, 'jana.novakova@example.cz');
    await eventually(() => page.getByTestId('signup-email').getAttribute('data-check')).toBe('taken');
    await page.getByTestId('signup-submit').click();
    await eventually(() => page.locator('#signup-email-problem').textContent()).toContain(
      signupFormWords[language]['problem.alreadyRegistered'],
    );
    await screenshot(page, `signup-refused-${language}`);
    expect(lane.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer')).toEqual([]);
    // F4 switches the open form's words to the other language.
    const other: Language = language === 'cs' ? 'en' : 'cs';
    await page.keyboard.press('F4');
    await eventually(() => page.locator('#signup-email-problem').textContent()).toContain(
      signupFormWords[other]['problem.alreadyRegistered'],
    );
  }, 60_000);

  it('makes one customer of a double tap on "Sign up"', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page } = lane;
    const email = newEmail();
    await signInTo(page, '1111');
    await page.getByTestId('signup-open').click();
    await fillCustomer(page, email);
    await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="signup-submit"]')!;
      button.click();
      button.click();
    });
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('signup-done').textContent()).toContain(
      translate(language, 'signup.done', { name: 'Alena Malá' }),
    );
    expect(lane.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer')).toHaveLength(1);
    const res = await lane.sandbox.call<{ data: { total_items: number } }>('GET', '/customers', {
      query: { email },
    });
    expect(res.body.data.total_items).toBe(1);
  }, 60_000);

  it('verifies the phone with a one-time code where the settings ask for it', async () => {
    const lane = e2e.track(await laneIn(language, { signup: { verifyPhone: true } }));
    const { page } = lane;
    const words = signupFormWords[language];
    await signInTo(page, '1111');
    await page.getByTestId('signup-open').click();
    await fillCustomer(page, newEmail());
    await page.getByTestId('signup-phone').fill('+420 777 500 601');
    await page.getByTestId('signup-first').focus();
    await page.getByTestId('signup-submit').click();
    await eventually(() => page.locator('#signup-phone-problem').textContent()).toContain(
      words['problem.notVerified'],
    );
    await page.getByTestId('signup-send-code').click();
    await page.getByTestId('signup-code').waitFor();
    const sent = lane.sandbox.control.oneTimePasswords().at(-1)!;
    expect(sent.recipient).toBe('420777500601');
    await page.getByTestId('signup-code').fill(sent.code === '000000' ? '111111' : '000000');
    await page.getByTestId('signup-verify').click();
    await page.getByTestId('signup-code-wrong').waitFor();
    expect(await page.getByTestId('signup-code-wrong').textContent()).toContain(words.codeWrong);
    await page.getByTestId('signup-code').fill(sent.code);
    await page.getByTestId('signup-verify').click();
    await page.getByTestId('signup-verified').waitFor();
    expect(await page.getByTestId('signup-verified').textContent()).toContain(words.verified);
    await screenshot(page, `signup-otp-${language}`);
    await page.getByTestId('signup-submit').click();
    await page.locator('[data-screen="customer"]').waitFor();
    expect(await page.getByTestId('signup-done').textContent()).toContain(
      translate(language, 'signup.done', { name: 'Alena Malá' }),
    );
  }, 60_000);

  it('offline: sign-up kept, the sale carries the new card, replay credits the new customer in order', async () => {
    const lane = e2e.track(await laneIn(language));
    const { page, sandbox } = lane;
    const card = cardNumber(908);
    const email = newEmail();
    await signInTo(page, '1111');
    // Online once first: the consents and card types are saved on the terminal.
    await page.getByTestId('signup-open').click();
    await page.getByTestId('signup-cancel').click();
    await openSale(page);
    await lane.outage(true);
    await scanWithWedge(page, coffee);
    await page.getByTestId('sale-signup').click();
    await page.getByTestId('signup-offline').waitFor();
    expect(await page.getByTestId('signup-offline').textContent()).toContain(
      signupFormWords[language].offline,
    );
    await fillCustomer(page, email);
    await scanCardIntoForm(page, card);
    await page.getByTestId('signup-consent').nth(0).check();
    await screenshot(page, `signup-offline-${language}`);
    await page.getByTestId('signup-submit').click();
    await eventually(() => page.getByTestId('sale-new-customer').textContent()).toBe(
      translate(language, 'sale.newCustomer', { name: 'Alena Malá' }),
    );
    expect(await page.getByTestId('sale-unidentified-card').textContent()).toContain(card);
    await previewSettled(page);
    await screenshot(page, `signup-offline-sale-${language}`);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    expect(await paidOutcome(page)).toMatch(messagePattern(language, 'checkout.savedOffline'));
    const billId = await receiptBillId(page);
    await lane.outage(false);
    await eventually(
      () => sandbox.control.purchases().filter((p) => p.bill_id === billId && p.purchase_id).length,
    ).toBe(1);
    const created = await customerByEmail(lane, email);
    expect(created).toBeDefined();
    const landed = await sandbox.call<{ data: { purchases: { customer_id: string | null }[] } }>(
      'GET',
      '/purchases',
      { query: { external_purchase_id: billId } },
    );
    expect(landed.body.data.purchases[0]?.customer_id).toBe(created!.customer_id);
    await eventually(() => points(lane, created!.customer_id)).toBeGreaterThan(0);
    const order = sandbox.control
      .requests()
      .filter(
        (r) =>
          r.status !== null &&
          r.status < 300 &&
          ['postCustomer', 'postAssignCard', 'postPurchaseSend'].includes(r.operation_id ?? ''),
      )
      .map((r) => r.operation_id);
    expect(order).toEqual(['postCustomer', 'postAssignCard', 'postPurchaseSend']);
    expect(lane.pageErrors).toEqual([]);
  }, 90_000);

  it('offers sign-up with a free card scanned at a sale, and opens it at once where sign-up is required', async () => {
    const lane = e2e.track(await laneIn(language, { signup: { mode: 'required' } }));
    const { page } = lane;
    await signInTo(page, '1111');
    await openSale(page);
    await scanWithWedge(page, coffee);
    await scanWithWedge(page, demo.cards.free);
    await page.getByTestId('signup').waitFor();
    expect(await page.getByTestId('signup-card').inputValue()).toBe(demo.cards.free);
    expect(await page.getByTestId('signup').textContent()).toContain(signupFormWords[language].title);
    await screenshot(page, `signup-required-${language}`);
  }, 60_000);
});
