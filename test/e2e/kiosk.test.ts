// The self-service kiosk in Chromium: a demo preview in kiosk mode on the sandbox's
// Customer API. Each way in, the customer's account, a reward redeemed (a double tap
// gives one voucher), sign-up with consents, the idle sign-out leaving nothing of the
// customer in the page, and CareCloud unreachable.
import { describe, expect, it } from 'vitest';
import { browserTests } from './support/browser.ts';
import {
  kioskScreenshot,
  openKiosk,
  pageTraces,
  scanCode,
  tapKeys,
  type KioskLane,
} from './support/kiosk-page.ts';
import { eventually } from './support/sale-page.ts';
import { cardNumber, demo } from '../../sandbox/seed.ts';

const jana = {
  card: '2000000000015',
  password: 'Jana2026',
  email: 'jana.novakova@example.cz',
  phone: '420601000001',
};
const eva = { card: '2000000000039', password: 'Eva2026x' };
const e2e = browserTests<KioskLane>();

const screenOf = (lane: KioskLane) =>
  lane.page.locator('[data-kiosk-screen]').getAttribute('data-kiosk-screen');

async function signInWithCard(lane: KioskLane, card: string, password: string): Promise<void> {
  const { page } = lane;
  await scanCode(page, card);
  await page.locator('[data-kiosk-screen="signin"]').waitFor();
  await tapKeys(page, password);
  await page
    .getByRole('button', { name: /^(Sign in|Přihlásit)$/ })
    .last()
    .click();
  await page.locator('[data-kiosk-screen="customer"]').waitFor();
}

describe('the kiosk in the browser', () => {
  it('signs in by a scanned card and the password on the on-screen keyboard, and shows the account', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await kioskScreenshot(page, 'kiosk-attract', true);
    await scanCode(page, jana.card);
    await page.locator('[data-kiosk-screen="signin"]').waitFor();
    await expect.poll(() => page.getByText(/0015/).count()).toBeGreaterThan(0);
    await tapKeys(page, jana.password.slice(0, 4));
    await kioskScreenshot(page, 'kiosk-password', true);
    await tapKeys(page, jana.password.slice(4));
    expect(await page.locator('#kiosk-password').inputValue()).toBe(jana.password);
    await page.getByRole('button', { name: 'Přihlásit' }).last().click();
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Jana');
    expect(Number(await page.locator('[data-points]').getAttribute('data-points'))).toBeGreaterThan(0);
    // Every voucher with a code is a barcode the cashier can scan.
    const vouchers = page.locator('.voucher');
    expect(await vouchers.count()).toBeGreaterThan(0);
    expect(await page.locator('.voucher [data-symbol="barcode"] svg').count()).toBe(
      await page.locator('.voucher [data-code]').count(),
    );
    // English, and back, on the customer's screen.
    await page.getByRole('button', { name: 'Přepnout do angličtiny' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: 'Your points', exact: true }).count())
      .toBe(1);
    await kioskScreenshot(page, 'kiosk-account', true);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-kiosk-screen="attract"]').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Vítejte');
  }, 90_000);

  it('signs in by e-mail and by phone with the password typed on a keyboard; a wrong password is refused', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await page.getByRole('button', { name: 'Přihlásit e-mailem' }).click();
    await page.locator('#kiosk-identifier').fill(jana.email);
    await page.locator('#kiosk-password').fill('not-her-password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#kiosk-password').inputValue()).toBe('');
    await page.locator('#kiosk-password').fill(jana.password);
    await page.keyboard.press('Enter');
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await page.getByRole('button', { name: 'Hotovo' }).click();
    await page.getByRole('button', { name: 'Přihlásit telefonem' }).click();
    await page.locator('#kiosk-identifier').fill(jana.phone);
    await page.locator('#kiosk-password').fill(jana.password);
    await page.keyboard.press('Enter');
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Jana');
  }, 90_000);

  it("signs in by the QR code from the customer's app, scanned like any code", async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    const code = mintAppLoginCode(lane, jana.card);
    await scanCode(page, code);
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Jana');
    // A code used once does not let anybody in again.
    await page.getByRole('button', { name: 'Hotovo' }).click();
    await scanCode(page, code);
    await page.locator('[data-kiosk-screen="attract"] [role="alert"]').waitFor();
  }, 90_000);

  it('redeems a reward once however fast it is tapped, and shows the new voucher as barcode and QR code', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await signInWithCard(lane, eva.card, eva.password);
    const before = await page.locator('.voucher').count();
    const points = Number(await page.locator('[data-points]').getAttribute('data-points'));
    const reward = page.locator('.reward').first();
    await reward.getByRole('button').click();
    await page.locator('#kiosk-redeem-confirm').waitFor();
    await kioskScreenshot(page, 'kiosk-redeem-confirm', true);
    // Two taps in the same instant, before the screen could disable the button.
    await page.locator('#kiosk-redeem-confirm').evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await page.getByRole('dialog').locator('[data-symbol="qr"] svg').waitFor();
    const code = await page.getByRole('dialog').locator('[data-code]').getAttribute('data-code');
    expect(code).toBeTruthy();
    expect(await page.getByRole('dialog').locator('[data-symbol="barcode"] svg').count()).toBe(1);
    await kioskScreenshot(page, 'kiosk-voucher', true);
    await page.getByRole('button', { name: 'Zpět na můj účet' }).click();
    await eventually(() => page.locator('.voucher').count()).toBe(before + 1);
    expect(await page.locator(`.voucher [data-code="${code}"]`).count()).toBe(1);
    expect(Number(await page.locator('[data-points]').getAttribute('data-points'))).toBeLessThan(points);
    // CareCloud itself holds one new voucher: signing in again lists the same ones.
    await page.getByRole('button', { name: 'Hotovo' }).click();
    await signInWithCard(lane, eva.card, eva.password);
    expect(await page.locator('.voucher').count()).toBe(before + 1);
  }, 120_000);

  it('signs a new customer up with each consent ticked by them and a free card they scanned', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await page.getByRole('button', { name: 'Stát se členem' }).click();
    await page.locator('[data-agreement]').first().waitFor();
    const boxes = page.locator('[data-agreement] input[type="checkbox"]');
    expect(await boxes.count()).toBeGreaterThan(1);
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
    for (const agreement of await page.locator('[data-agreement] .text').allTextContents())
      expect(agreement.trim()).not.toBe('');
    await page.locator('#kiosk-signup-firstName').click();
    await tapKeys(page, 'Alena');
    await page.locator('#kiosk-signup-lastName').fill('Kiosková');
    await page.locator('#kiosk-signup-email').fill('alena.kioskova@example.cz');
    await page.locator('#kiosk-signup-password').fill('Alena2026');
    await page.locator('#kiosk-signup-submit').click();
    await page.getByText('Pro registraci zaškrtněte povinné souhlasy.').waitFor();
    await boxes.first().check();
    // A free card from the stand becomes hers.
    await scanCode(page, demo.cards.free);
    await page.getByText(demo.cards.free).waitFor();
    await kioskScreenshot(page, 'kiosk-signup', true);
    await page.locator('#kiosk-signup-submit').click();
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Alena');
    // She is a member with that card: it and her password sign her in.
    await page.getByRole('button', { name: 'Hotovo' }).click();
    await signInWithCard(lane, demo.cards.free, 'Alena2026');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Alena');
  }, 120_000);

  it('a new member whose card is refused after sign-up stays signed in, told why (cs/en), takes another', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    const sandbox = lane.preview.terminal.demoBackend!.sandbox!;
    const [card, other] = [cardNumber(903), cardNumber(904)];
    // A till gives the card to Jana between the kiosk's check and its assignment.
    sandbox.beforeNext('postAssignCard', (project) => {
      project.cardByNumber(card)!.customer_id = project.cardByNumber(jana.card)!.customer_id;
    });
    await fillSignUp(lane, {
      firstName: 'Bára',
      lastName: 'Karetní',
      email: 'bara.karetni@example.cz',
      password: 'Bara2026x',
    });
    await scanCode(page, card);
    await page.getByText(card).waitFor();
    await page.locator('#kiosk-signup-submit').click();
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Bára');
    const note = page.locator('[data-card-note]');
    expect(await note.getAttribute('data-card-note')).toBe('taken');
    expect(await note.textContent()).toContain('Jste členem, ale naskenovanou kartu už má někdo jiný');
    expect(await note.textContent()).toContain('Naskenujte jinou volnou kartu');
    await page.getByRole('button', { name: 'Přepnout do angličtiny' }).click();
    await expect
      .poll(() => note.textContent())
      .toContain('You are a member, but the card you scanned already belongs to someone else');
    await kioskScreenshot(page, 'kiosk-card-refused', true);
    // A card somebody has is refused again; the customer stays.
    await scanCode(page, demo.cards.otherCustomer);
    await eventually(() => page.locator('[data-card-note="taken"]').count()).toBe(1);
    expect(await screenOf(lane)).toBe('customer');
    // Another free card from the stand is hers.
    await scanCode(page, other);
    await page.locator('[data-card-note="assigned"]').waitFor();
    expect(await note.textContent()).toContain('The card is yours now');
    const accounts = sandbox.requests().filter((r) => r.operation_id === 'postCustomer');
    expect(accounts.map((r) => r.status)).toEqual([201]);
    // She signs in with it and her password; the note was hers only.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-kiosk-screen="attract"]').waitFor();
    await signInWithCard(lane, other, 'Bara2026x');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Bára');
    expect(await page.locator('[data-card-note]').count()).toBe(0);
  }, 120_000);

  it('tells a new member this kiosk may not give cards when CareCloud does not allow it; offers no retry', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    lane.preview.terminal.demoBackend!.sandbox!.allowOnCustomerApi('postAssignCard', false);
    await fillSignUp(lane, {
      firstName: 'Cyril',
      lastName: 'Bezkarty',
      email: 'cyril.bezkarty@example.cz',
      password: 'Cyril2026',
    });
    await scanCode(page, cardNumber(905));
    await page.getByText(cardNumber(905)).waitFor();
    await page.locator('#kiosk-signup-submit').click();
    await page.locator('[data-kiosk-screen="customer"]').waitFor();
    const note = page.locator('[data-card-note="not_allowed"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('tento kiosek nesmí vydávat karty');
    expect(await note.textContent()).toContain('O kartu si řekněte na pokladně');
    await page.getByRole('button', { name: 'Přepnout do angličtiny' }).click();
    await expect.poll(() => note.textContent()).toContain('this kiosk is not allowed to give out cards');
    // No retry: a card scanned now is somebody signing in.
    await scanCode(page, jana.card);
    await page.locator('[data-kiosk-screen="signin"]').waitFor();
    expect(lane.preview.terminal.kiosk.status().signedIn).toBe(false);
  }, 120_000);

  it('counts down when left alone, lets the customer extend, then signs out leaving nothing of them', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await signInWithCard(lane, jana.card, jana.password);
    const shown = await pageTraces(page);
    const voucherCodes = await page
      .locator('.voucher [data-code]')
      .evaluateAll((codes) => codes.map((code) => code.getAttribute('data-code') ?? ''));
    expect(shown).toContain('Nováková');
    const { idleSeconds, countdownSeconds } = lane.preview.terminal.kiosk.status().inactivity;
    await page.clock.fastForward(idleSeconds * 1000 + 1000);
    await page.getByRole('alertdialog').waitFor();
    await kioskScreenshot(page, 'kiosk-countdown', true);
    await page.getByRole('button', { name: 'Ještě chvíli' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await screenOf(lane)).toBe('customer');
    await page.clock.fastForward(idleSeconds * 1000 + 1000);
    await page.getByRole('alertdialog').waitFor();
    await page.clock.fastForward(countdownSeconds * 1000 + 1000);
    await page.locator('[data-kiosk-screen="attract"]').waitFor();
    const left = await pageTraces(page);
    for (const trace of ['Jana', 'Nováková', jana.card, jana.card.slice(-4), ...voucherCodes])
      expect(left, trace).not.toContain(trace);
    expect(lane.preview.terminal.kiosk.status().signedIn).toBe(false);
  }, 120_000);

  it('is out of service for loyalty while CareCloud is unreachable, shows nothing stale, and comes back', async () => {
    const lane = e2e.track(await openKiosk(e2e.browser));
    const { page } = lane;
    await signInWithCard(lane, jana.card, jana.password);
    await lane.preview.terminal.demoBackend!.setOutage(true);
    await page.getByRole('button', { name: 'Přepnout do angličtiny' }).click();
    await page.locator('.reward').first().getByRole('button').click();
    await page.locator('#kiosk-redeem-confirm').click();
    await page.locator('[data-kiosk-screen="offline"]').waitFor();
    // The customer was signed out: the kiosk speaks its own language again, and switches as everywhere.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Věrnostní program je mimo provoz',
    );
    await page.getByRole('button', { name: 'Přepnout do angličtiny' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Out of service for loyalty');
    const left = await pageTraces(page);
    for (const trace of ['Jana', 'Nováková']) expect(left).not.toContain(trace);
    await kioskScreenshot(page, 'kiosk-out-of-service', true);
    // Scans wait: nobody is signed in while loyalty is away.
    await scanCode(page, jana.card);
    expect(await screenOf(lane)).toBe('offline');
    await lane.preview.terminal.demoBackend!.setOutage(false);
    await page.locator('[data-kiosk-screen="attract"]').waitFor({ timeout: 30_000 });
  }, 120_000);
});

/** Opens sign-up and fills the form as a customer would, ticking the required consent only. */
async function fillSignUp(
  lane: KioskLane,
  who: { firstName: string; lastName: string; email: string; password: string },
): Promise<void> {
  const { page } = lane;
  await page.getByRole('button', { name: 'Stát se členem' }).click();
  await page.locator('[data-agreement]').first().waitFor();
  await page.locator('[data-agreement] input[type="checkbox"]').first().check();
  await page.locator('#kiosk-signup-firstName').fill(who.firstName);
  await page.locator('#kiosk-signup-lastName').fill(who.lastName);
  await page.locator('#kiosk-signup-email').fill(who.email);
  await page.locator('#kiosk-signup-password').fill(who.password);
}

/** The QR code the customer's mobile app would show, as the sandbox issues it. */
function mintAppLoginCode(lane: KioskLane, card: string): string {
  const mint = lane.preview.terminal.demoBackend?.appLoginCode;
  if (!mint) throw new Error('the demo backend mints no app login codes');
  return mint(card);
}
