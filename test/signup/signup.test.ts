// Sign-up at the lane through the terminal's own wiring (dispatcher, journal, sync engine)
// against the sandbox: consents, identifiers checked first, free cards, one customer per
// form however often it is sent, one-time codes, and a sign-up offline followed by a sale
// that replays in order so the purchase's points reach the new customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenefitAsk } from '../../shared/checkout/bill.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import type { SignupForm } from '../../shared/signup.ts';
import { cardNumber, demo } from '../../sandbox/seed.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  pointsOf,
  type CheckoutFixture,
} from '../checkout/fixture.ts';

let formCounter = 0;
function form(overrides: Partial<SignupForm> = {}): SignupForm {
  formCounter += 1;
  return {
    requestId: `signup-test-${process.pid}-${formCounter}-${Date.now()}`,
    firstName: 'Alena',
    lastName: 'Malá',
    email: `alena.mala.${formCounter}.${Date.now()}@example.cz`,
    phone: '',
    language: 'cs',
    birthdate: '',
    consents: [],
    cardNumber: '',
    verificationId: null,
    ...overrides,
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function cardOwner(f: CheckoutFixture, number: string): Promise<string | null> {
  const res = await f.sandbox.call<{ data: { cards: { customer_id?: string }[] } }>('GET', '/cards', {
    query: { card_number: number },
  });
  return res.body.data.cards[0]?.customer_id ?? null;
}

async function customersWithEmail(
  f: CheckoutFixture,
  email: string,
): Promise<
  {
    customer_id: string;
    personal_information: { consents?: { consent_id: string; consent_value: number }[]; store_id?: string };
  }[]
> {
  const res = await f.sandbox.call<{ data: { customers: never[] } }>('GET', '/customers', {
    query: { email },
  });
  return res.body.data.customers;
}

async function outage(f: CheckoutFixture, on: boolean): Promise<void> {
  await f.signIn(managerPin);
  await f.setOutage(on);
  await f.signIn(cashierPin);
}

describe('sign-up at the lane', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('offers the consents CareCloud lists, with their texts, and the languages', async () => {
    const setup = await f.ok('signup.setup', undefined);
    expect(setup.mode).toBe('offered');
    expect(setup.offline).toBe(false);
    expect(setup.agreements?.map((a) => a.id)).toHaveLength(3);
    expect(setup.agreements?.every((a) => a.name !== '' && a.text !== '')).toBe(true);
    expect(setup.languages).toEqual(expect.arrayContaining(['cs', 'en']));
  });

  it('signs a customer up with a free card and the consents ticked, in the terminal store', async () => {
    const setup = await f.ok('signup.setup', undefined);
    const [gtc, marketing] = setup.agreements!;
    const card = cardNumber(902);
    const sent = form({
      cardNumber: card,
      phone: '+420 777 100 201',
      birthdate: '1990-04-01',
      consents: [
        { agreementId: gtc!.id, given: true },
        { agreementId: marketing!.id, given: false },
      ],
    });
    const outcome = await f.ok('signup.register', { form: sent });
    if (outcome.outcome !== 'registered')
      throw new Error(`expected registered, got ${JSON.stringify(outcome)}`);
    expect(outcome.card?.number).toBe(card);
    expect(outcome.customer.phone).toBe('420777100201');
    expect(await cardOwner(f, card)).toBe(outcome.customer.id);
    const [created] = await customersWithEmail(f, sent.email);
    expect(created?.personal_information.store_id).toBe(demo.stores.praha);
    expect(created?.personal_information.consents).toEqual([
      { consent_id: gtc!.id, consent_value: 1 },
      { consent_id: marketing!.id, consent_value: 0 },
    ]);
    // The card now identifies the new customer at the lane.
    const identified = await f.ok('customers.identifyByCard', { cardNumber: card });
    expect(identified.customer.id).toBe(outcome.customer.id);
  });

  it('creates one customer for a form sent twice at once (a double tap)', async () => {
    const sent = form({ cardNumber: cardNumber(903) });
    const before = f.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer').length;
    const [a, b] = await Promise.all([
      f.ok('signup.register', { form: sent }),
      f.ok('signup.register', { form: sent }),
    ]);
    expect(a).toEqual(b);
    const again = await f.ok('signup.register', { form: sent });
    expect(again).toEqual(a);
    expect(await customersWithEmail(f, sent.email)).toHaveLength(1);
    expect(
      f.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer').length - before,
    ).toBe(1);
  });

  it('refuses a registered e-mail or phone before creating anything, saying so as the field is left', async () => {
    expect(
      await f.ok('signup.checkIdentifier', { type: 'email', value: 'jana.novakova@example.cz' }),
    ).toEqual({ free: false });
    expect(await f.ok('signup.checkIdentifier', { type: 'phone', value: '601 000 002' })).toEqual({
      free: false,
    });
    expect(await f.ok('signup.checkIdentifier', { type: 'email', value: 'nobody.yet@example.cz' })).toEqual({
      free: true,
    });
    const before = f.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer').length;
    const outcome = await f.ok('signup.register', {
      form: form({ email: 'jana.novakova@example.cz', phone: '420601000002' }),
    });
    expect(outcome).toEqual({
      outcome: 'refused',
      problems: [
        { field: 'email', reason: 'already_registered' },
        { field: 'phone', reason: 'already_registered' },
      ],
    });
    expect(f.sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer').length).toBe(before);
  });

  it('refuses a card that is not free, and a card CareCloud does not know', async () => {
    expect(await f.ok('signup.register', { form: form({ cardNumber: demo.cards.regular }) })).toEqual({
      outcome: 'refused',
      problems: [{ field: 'cardNumber', reason: 'card_not_free' }],
    });
    expect(await f.ok('signup.register', { form: form({ cardNumber: '2000000999992' }) })).toEqual({
      outcome: 'refused',
      problems: [{ field: 'cardNumber', reason: 'card_unknown' }],
    });
  });

  it('refuses what the form itself gets wrong, in main as on the screen', async () => {
    const outcome = await f.ok('signup.register', {
      form: form({ firstName: ' ', email: '', phone: '', birthdate: '2999-01-01' }),
    });
    expect(outcome).toEqual({
      outcome: 'refused',
      problems: [
        { field: 'firstName', reason: 'required' },
        { field: 'contact', reason: 'required' },
        { field: 'birthdate', reason: 'in_future' },
      ],
    });
    const consent = await f.ok('signup.register', {
      form: form({ consents: [{ agreementId: 'no-such-consent', given: true }] }),
    });
    expect(consent).toEqual({
      outcome: 'refused',
      problems: [{ field: 'consents', reason: 'unknown_consent' }],
    });
  });
});

describe('phone verification by one-time code', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout({ settings: { signup: { mode: 'required', verifyPhone: true } } });
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('creates nobody until the code the customer received is verified', async () => {
    const phone = '+420 777 300 401';
    const unverified = form({ phone });
    expect(await f.ok('signup.register', { form: unverified })).toEqual({
      outcome: 'refused',
      problems: [{ field: 'phone', reason: 'not_verified' }],
    });
    const { requestId } = await f.ok('signup.sendCode', { phone });
    const sent = f.sandbox.control.oneTimePasswords().find((o) => o.request_id === requestId);
    expect(sent?.recipient).toBe('420777300401');
    const wrong = sent!.code === '000000' ? '111111' : '000000';
    expect(await f.ok('signup.verifyCode', { requestId, code: wrong })).toEqual({ valid: false });
    expect(await f.ok('signup.verifyCode', { requestId, code: sent!.code })).toEqual({ valid: true });
    const outcome = await f.ok('signup.register', {
      form: { ...unverified, requestId: `${unverified.requestId}-2`, verificationId: requestId },
    });
    expect(outcome.outcome).toBe('registered');
    // A verified code proves that phone only.
    const other = await f.ok('signup.register', {
      form: form({ phone: '+420 777 300 402', verificationId: requestId }),
    });
    expect(other).toEqual({ outcome: 'refused', problems: [{ field: 'phone', reason: 'not_verified' }] });
  });
});

describe('sign-up while CareCloud is unreachable, then a sale', () => {
  let f: CheckoutFixture;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
    await f.ok('signup.setup', undefined); // the consents are saved on the terminal while online
  });
  afterAll(() => f?.close());

  it('journals sign-up and card; the sale carries the card, its points reach the new customer on replay', async () => {
    await outage(f, true);
    const card = cardNumber(904);
    const setup = await f.ok('signup.setup', undefined);
    expect(setup.offline).toBe(true);
    expect(setup.agreements).toHaveLength(3);
    const sent = form({
      cardNumber: card,
      consents: [{ agreementId: setup.agreements![0]!.id, given: true }],
    });
    const outcome = await f.ok('signup.register', { form: sent });
    expect(outcome).toEqual({
      outcome: 'saved_offline',
      firstName: 'Alena',
      lastName: 'Malá',
      cardNumber: card,
    });

    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const ask: BenefitAsk = {
      customer: null,
      unidentifiedCard: card,
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const saleId = newSaleId();
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'cash',
      expectedToPayMinor: cartTotals(cart).totalMinor,
    });
    if (paid.outcome !== 'saved_offline') throw new Error(`expected saved_offline, got ${paid.outcome}`);

    await outage(f, false);
    await until('the sale in CareCloud', () =>
      f.sandbox.control.purchases().some((p) => p.bill_id === paid.receipt.billId && p.purchase_id),
    );
    await until('the queue is empty', () => f.terminal.sync.status().queued === 0);
    const [created] = await customersWithEmail(f, sent.email);
    expect(created).toBeDefined();
    expect(await cardOwner(f, card)).toBe(created!.customer_id);
    expect(await pointsOf(f.sandbox, created!.customer_id)).toBeGreaterThan(0);
    // In order: the customer, then the card, then the sale.
    const order = f.sandbox.control
      .requests()
      .filter(
        (r) =>
          r.status !== null &&
          r.status < 300 &&
          ['postCustomer', 'postAssignCard', 'postPurchaseSend'].includes(r.operation_id ?? ''),
      )
      .map((r) => r.operation_id);
    expect(order.slice(-3)).toEqual(['postCustomer', 'postAssignCard', 'postPurchaseSend']);
  });

  it('leaves a lost-answer sign-up back as "already exists" to the manager, with card and sale after it', async () => {
    const card = cardNumber(905);
    const sent = form({ cardNumber: card });
    // CareCloud creates the customer, but its answer never reaches the terminal.
    f.sandbox.control.dropNext(1, 'postCustomer');
    const outcome = await f.ok('signup.register', { form: sent });
    expect(outcome.outcome).toBe('saved_offline');
    const cart = await cartOf(f, [barcodes.coffee]);
    const saleId = newSaleId();
    const ask: BenefitAsk = {
      customer: null,
      unidentifiedCard: card,
      voucherCodes: [],
      points: 0,
      credit: 0,
    };
    const shown = await f.ok('checkout.preview', { saleId, cart, ask });
    if (!shown.current) throw new Error('not current');
    const paid = await f.ok('checkout.pay', {
      saleId,
      cart,
      ask,
      tender: 'cash',
      expectedToPayMinor: shown.preview.toPayMinor,
    });
    expect(paid.outcome).toBe('saved_offline');
    f.terminal.sync.kick();
    await until('nothing left to send', () => f.terminal.sync.status().queued === 0);
    await f.signIn(managerPin);
    const rejected = await f.ok('queue.list', {
      filter: { states: ['rejected'] },
      page: { limit: 10 },
    });
    expect(rejected.entries.map((e) => e.kind).sort()).toEqual([
      'card-assignment',
      'customer-signup',
      'purchase',
    ]);
    // The customer exists once (the lost answer's), and nobody was given the card on a guess.
    expect(await customersWithEmail(f, sent.email)).toHaveLength(1);
    expect(await cardOwner(f, card)).toBeNull();
    await f.signIn(cashierPin);
  });
});
