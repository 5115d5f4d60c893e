import { describe, expect, it } from 'vitest';
import { Kiosk } from '../../renderer/src/state/kiosk.svelte.ts';
import type { IdleClock } from '../../renderer/src/state/kiosk-idle.svelte.ts';
import {
  kioskPort,
  type KioskAgreement,
  type KioskOverview,
  type KioskStatus,
} from '../../renderer/src/state/kiosk-port.ts';
import type { Result, ScanEvent } from '../../shared/ipc/index.ts';
import { deferred, fail, fakeMain, ok, type Handlers } from './fake-main.ts';

const inService: KioskStatus = {
  inService: true,
  signedIn: false,
  demo: true,
  language: 'cs',
  timeZone: 'Europe/Prague',
  inactivity: { idleSeconds: 60, countdownSeconds: 20 },
  cardsAtSignUp: true,
};

const jana: KioskOverview = {
  customer: { firstName: 'Jana', lastName: 'Nováková' },
  points: {
    available: 1250,
    value: { amount: 12500, currency: 'CZK' },
    expiringSoon: [{ points: 100, expiresOn: '2026-12-31' }],
  },
  credits: [{ amount: 5000, currency: 'CZK' }],
  vouchers: [
    {
      id: 'v1',
      code: 'DEMO100',
      name: 'Sleva 100 Kč',
      value: { amount: 10000, currency: 'CZK' },
      validTo: '2027-01-31 23:59:59',
    },
  ],
  rewards: [{ id: 'r1', name: 'Káva zdarma', pointsCost: 200, description: null }],
  asOf: '2026-12-02T12:00:00.000Z',
};

const agreements: KioskAgreement[] = [
  {
    id: 'gdpr',
    name: 'Personal data',
    text: 'We keep your name and contact for the programme.',
    mandatory: true,
  },
  { id: 'news', name: 'Newsletter', text: 'Offers by e-mail.', mandatory: false },
];

type KioskMethod =
  | 'status'
  | 'identify'
  | 'overview'
  | 'redeem'
  | 'agreements'
  | 'signUp'
  | 'assignCard'
  | 'signOut'
  | 'keepAlive';
type Answers = Partial<{
  [M in KioskMethod]: (payload: never) => Promise<Result<unknown>> | Result<unknown>;
}>;

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: IdleClock = {
    setTimeout(fn, ms) {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { clock, advance, now: () => now };
}

/** The kiosk on the real `createPosApi` and the app's own port over it; main's side answered by the test. */
function kioskWith(answers: Answers = {}) {
  const kioskAnswers: Answers = {
    status: () => ok(inService),
    identify: () => ok(jana),
    signOut: () => ok(null),
    keepAlive: () => ok(inService),
    ...answers,
  };
  const handlers: Handlers = {
    'session.language': () => ok({} as never),
    'input.classify': ({ text }) => ok(classified(text)),
  };
  for (const [method, answer] of Object.entries(kioskAnswers))
    (handlers as Record<string, unknown>)[`kiosk.${method}`] = answer;
  const main = fakeMain(handlers);
  const time = manualClock();
  let ids = 0;
  const kiosk = new Kiosk(main.pos, kioskPort(main.pos), {
    clock: time.clock,
    now: time.now,
    newId: () => `confirm-${++ids}`,
  });
  const stop = kiosk.start();
  const push = (status: KioskStatus) => main.emit('kiosk.changed', status);
  const calls = {
    filter: (predicate: (call: { method: string; payload: unknown }) => boolean) =>
      kioskCalls().filter(predicate),
    find: (predicate: (call: { method: string; payload: unknown }) => boolean) =>
      kioskCalls().find(predicate),
    some: (predicate: (call: { method: string; payload: unknown }) => boolean) =>
      kioskCalls().some(predicate),
  };
  const kioskCalls = () =>
    main.calls
      .filter((call) => call.channel.startsWith('kiosk.'))
      .map((call) => ({ method: call.channel.slice('kiosk.'.length), payload: call.payload }));
  return { kiosk, calls, main, time, stop, push };
}

function classified(text: string): ScanEvent {
  return {
    kind: /^2\d{12}$/.test(text) ? 'loyalty_card' : 'unknown',
    code: text,
    source: 'wedge',
    deviceId: null,
    decidedBy: 'rule',
  };
}

const scan = (code: string, kind: ScanEvent['kind'] = 'loyalty_card'): ScanEvent => ({
  kind,
  code,
  source: 'hid',
  deviceId: 'd1',
  decidedBy: 'rule',
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Everything of a customer the kiosk's state could still hold. */
function customerTraces(kiosk: Kiosk): unknown[] {
  return [
    kiosk.overview,
    kiosk.signIn.identifier,
    kiosk.signIn.password,
    kiosk.signUp.value('firstName'),
    kiosk.signUp.value('email'),
    kiosk.signUp.cardNumber,
    kiosk.redeem.state.phase,
  ].filter((trace) => trace !== null && trace !== '' && trace !== 'none');
}

describe('kiosk identification', () => {
  it('shows the attract screen once main says loyalty is in service', async () => {
    const { kiosk } = kioskWith();
    expect(kiosk.screen).toBe('connecting');
    await settle();
    expect(kiosk.screen).toBe('attract');
    expect(kiosk.locale.language).toBe('cs');
  });

  it('signs in by a scanned card and the password typed on the screen, keeping no password', async () => {
    const { kiosk, calls } = kioskWith();
    await settle();
    await kiosk.acceptScan(scan('2000000000015'));
    expect(kiosk.screen).toBe('signin');
    expect(kiosk.signIn.method).toBe('card');
    expect(kiosk.signIn.field).toBe('password');
    for (const key of 'heslo123') kiosk.signIn.type(key);
    kiosk.signIn.backspace();
    kiosk.signIn.type('3');
    await kiosk.submitSignIn();
    expect(calls.find((call) => call.method === 'identify')?.payload).toEqual({
      method: 'card',
      cardNumber: '2000000000015',
      password: 'heslo123',
    });
    expect(kiosk.screen).toBe('customer');
    expect(kiosk.overview?.points.available).toBe(1250);
    expect(kiosk.signIn.password).toBe('');
  });

  it('signs in by e-mail or phone and password; a refusal stays on the form without the password', async () => {
    const { kiosk, calls } = kioskWith({
      identify: (payload: { method: string }) =>
        payload.method === 'email' ? fail('wrong_credentials') : ok(jana),
    });
    await settle();
    kiosk.beginTyped('email');
    kiosk.signIn.identifier = 'jana@example.com';
    kiosk.signIn.password = 'wrong';
    await kiosk.submitSignIn();
    expect(kiosk.screen).toBe('signin');
    expect(kiosk.signIn.error?.code).toBe('wrong_credentials');
    expect(kiosk.signIn.password).toBe('');
    kiosk.beginTyped('phone');
    kiosk.signIn.identifier = '+420 600 100 200';
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    expect(calls.filter((call) => call.method === 'identify').map((call) => call.payload)).toEqual([
      { method: 'email', email: 'jana@example.com', password: 'wrong' },
      { method: 'phone', phone: '+420600100200', password: 'heslo123' },
    ]);
    expect(kiosk.screen).toBe('customer');
  });

  it('signs in by the QR code from the app, through the wedge scan path like every scan', async () => {
    const { kiosk, calls, main } = kioskWith();
    await settle();
    await kiosk.acceptWedgeText('app-token-6f1c2d9e');
    expect(main.calls.filter((call) => call.channel === 'input.classify')).toHaveLength(1);
    expect(calls.find((call) => call.method === 'identify')?.payload).toEqual({
      method: 'qr',
      token: 'app-token-6f1c2d9e',
    });
    expect(kiosk.screen).toBe('customer');
  });

  it('takes HID scans pushed by main', async () => {
    const { kiosk, main } = kioskWith();
    await settle();
    main.emit('input.scan', scan('2000000000015'));
    await settle();
    expect(kiosk.screen).toBe('signin');
  });

  it('closes the password screen when main says the card left its reader, keeping nothing of it', async () => {
    const { kiosk, main, calls } = kioskWith();
    await settle();
    main.emit('input.scan', scan('2000000000015'));
    await settle();
    for (const key of 'hes') kiosk.signIn.type(key);
    main.emit('kiosk.cardWithdrawn', {});
    expect(kiosk.screen).toBe('attract');
    expect(customerTraces(kiosk)).toEqual([]);
    expect(calls.some((call) => call.method === 'identify')).toBe(false);
  });

  it('leaves an e-mail sign-in and a sign-in on its way alone when a card leaves a reader', async () => {
    const signingIn = deferred<Result<KioskOverview>>();
    const { kiosk, main } = kioskWith({ identify: () => signingIn.promise });
    await settle();
    kiosk.beginTyped('email');
    main.emit('kiosk.cardWithdrawn', {});
    expect(kiosk.screen).toBe('signin');
    await kiosk.acceptScan(scan('2000000000015'));
    for (const key of 'heslo') kiosk.signIn.type(key);
    const submitted = kiosk.submitSignIn();
    main.emit('kiosk.cardWithdrawn', {});
    expect(kiosk.screen).toBe('signin');
    signingIn.resolve(ok(jana));
    await submitted;
    expect(kiosk.screen).toBe('customer');
  });

  it('says why a QR code was refused on the attract screen', async () => {
    const { kiosk } = kioskWith({ identify: () => fail('wrong_credentials') });
    await settle();
    await kiosk.acceptScan(scan('expired-token-123', 'unknown'));
    expect(kiosk.screen).toBe('attract');
    expect(kiosk.problem?.code).toBe('wrong_credentials');
  });
});

describe('kiosk redemption', () => {
  it('sends one redemption per confirmation however often it is tapped, and shows the new voucher', async () => {
    const answer = deferred<Result<unknown>>();
    const redeemed = {
      voucher: { id: 'v9', code: 'RWD-0001', name: 'Káva zdarma', value: null, validTo: null },
      repeated: false,
      overview: { ...jana, points: { ...jana.points, available: 1050 } },
    };
    const { kiosk, calls } = kioskWith({ redeem: () => answer.promise });
    await settle();
    await kiosk.acceptScan(scan('2000000000015'));
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    kiosk.redeem.ask(jana.rewards[0]!);
    const taps = [kiosk.confirmRedeem(), kiosk.confirmRedeem(), kiosk.confirmRedeem()];
    expect(kiosk.redeem.sending).toBe(true);
    answer.resolve(ok(redeemed));
    await Promise.all(taps);
    const sent = calls.filter((call) => call.method === 'redeem');
    expect(sent).toEqual([{ method: 'redeem', payload: { rewardId: 'r1', confirmationId: 'confirm-1' } }]);
    expect(kiosk.redeem.state.phase).toBe('done');
    expect(kiosk.overview?.points.available).toBe(1050);
    // A new confirmation is a new id.
    kiosk.redeem.clear();
    kiosk.redeem.ask(jana.rewards[0]!);
    expect(kiosk.redeem.state.phase === 'confirming' && kiosk.redeem.state.confirmationId).toBe('confirm-2');
  });

  it('shows a refused redemption and drops an answer that lands after sign-out', async () => {
    const answer = deferred<Result<unknown>>();
    const { kiosk } = kioskWith({ redeem: () => answer.promise });
    await settle();
    kiosk.beginTyped('email');
    kiosk.signIn.identifier = 'jana@example.com';
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    kiosk.redeem.ask(jana.rewards[0]!);
    const pending = kiosk.confirmRedeem();
    await kiosk.signOut('done');
    answer.resolve(ok({ voucher: jana.vouchers[0], repeated: false, overview: jana }));
    await pending;
    expect(kiosk.screen).toBe('attract');
    expect(customerTraces(kiosk)).toEqual([]);
  });
});

describe('kiosk privacy', () => {
  it('counts down after the idle time, lets the customer extend, then signs out leaving nothing', async () => {
    const { kiosk, calls, time } = kioskWith();
    await settle();
    await kiosk.acceptScan(scan('2000000000015'));
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    time.advance(59_000);
    expect(kiosk.idle.counting).toBe(false);
    time.advance(1_000);
    expect(kiosk.idle.secondsLeft).toBe(20);
    time.advance(5_000);
    expect(kiosk.idle.secondsLeft).toBe(15);
    kiosk.extend();
    expect(kiosk.idle.counting).toBe(false);
    expect(calls.filter((call) => call.method === 'keepAlive')).toHaveLength(1);
    time.advance(80_000);
    await settle();
    expect(kiosk.screen).toBe('attract');
    expect(calls.filter((call) => call.method === 'signOut').map((call) => call.payload)).toEqual([
      { reason: 'inactivity' },
    ]);
    expect(customerTraces(kiosk)).toEqual([]);
    expect(kiosk.idle.running).toBe(false);
  });

  it('forgets the customer when main signs them out or loyalty is out of service; shows nothing stale', async () => {
    const { kiosk, push } = kioskWith();
    await settle();
    kiosk.beginTyped('email');
    kiosk.signIn.identifier = 'jana@example.com';
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    push({ ...inService, signedIn: true });
    expect(kiosk.screen).toBe('customer');
    push({ ...inService, signedIn: false });
    expect(kiosk.screen).toBe('attract');
    expect(customerTraces(kiosk)).toEqual([]);
    await kiosk.acceptScan(scan('2000000000015'));
    kiosk.signIn.password = 'heslo123';
    await kiosk.submitSignIn();
    push({ ...inService, inService: false, signedIn: false });
    expect(kiosk.screen).toBe('offline');
    expect(customerTraces(kiosk)).toEqual([]);
    // Scans wait for loyalty to be back.
    await kiosk.acceptScan(scan('2000000000015'));
    expect(kiosk.screen).toBe('offline');
    push(inService);
    expect(kiosk.screen).toBe('attract');
  });

  it('goes back to the screen language of the kiosk after a customer switched it', async () => {
    const { kiosk, main } = kioskWith();
    await settle();
    await kiosk.switchLanguage('en');
    expect(kiosk.locale.language).toBe('en');
    await kiosk.openSignUp();
    await kiosk.signOut('done');
    expect(kiosk.locale.language).toBe('cs');
    expect(
      main.calls.filter((call) => call.channel === 'session.language').map((call) => call.payload),
    ).toEqual([{ language: 'en' }, { language: 'cs' }]);
  });
});

describe('kiosk sign-up', () => {
  it('shows every consent unticked, needs the mandatory ones, sends each answer with the scanned card', async () => {
    const { kiosk, calls } = kioskWith({
      agreements: () => ok(agreements),
      signUp: () =>
        ok({
          overview: { ...jana, customer: { firstName: 'Petr', lastName: 'Svoboda' } },
          card: { assigned: true },
        }),
    });
    await settle();
    await kiosk.openSignUp();
    expect(kiosk.screen).toBe('signup');
    expect(kiosk.signUp.agreements?.map((agreement) => kiosk.signUp.accepted(agreement.id))).toEqual([
      false,
      false,
    ]);
    kiosk.signUp.field = 'firstName';
    for (const key of 'Petr') kiosk.signUp.type(key);
    kiosk.signUp.set('lastName', 'Svoboda');
    kiosk.signUp.set('email', 'petr@example');
    kiosk.signUp.set('password', 'short');
    await kiosk.submitSignUp();
    expect(kiosk.signUp.problems).toEqual(['email', 'password', 'agreement']);
    expect(calls.some((call) => call.method === 'signUp')).toBe(false);
    kiosk.signUp.set('email', 'petr@example.com');
    kiosk.signUp.set('password', 'dlouheheslo');
    kiosk.signUp.setAccepted('gdpr', true);
    await kiosk.acceptScan(scan('2000000000022'));
    await kiosk.submitSignUp();
    expect(calls.find((call) => call.method === 'signUp')?.payload).toEqual({
      firstName: 'Petr',
      lastName: 'Svoboda',
      email: 'petr@example.com',
      language: 'cs',
      password: 'dlouheheslo',
      agreements: [
        { id: 'gdpr', granted: true },
        { id: 'news', granted: false },
      ],
      cardNumber: '2000000000022',
    });
    expect(kiosk.screen).toBe('customer');
    expect(kiosk.signUp.value('password')).toBe('');
  });

  it('drops a scanned card main says this kiosk cannot give, offers none after, and signs up without it', async () => {
    let attempts = 0;
    const { kiosk, calls } = kioskWith({
      agreements: () => ok([]),
      signUp: (payload: { cardNumber?: string }) => {
        attempts++;
        return payload.cardNumber
          ? fail('invalid_payload', 'no cards here', {
              reasons: [
                {
                  name: 'cardNumber',
                  reason: 'not_allowed_value',
                  message: 'cards are given at the checkout',
                },
              ],
            })
          : ok({ overview: jana, card: null });
      },
    });
    await settle();
    await kiosk.openSignUp();
    kiosk.signUp.set('firstName', 'Petr');
    kiosk.signUp.set('lastName', 'Svoboda');
    kiosk.signUp.set('phone', '777123456');
    kiosk.signUp.set('password', 'dlouheheslo');
    await kiosk.acceptScan(scan('2000000009018'));
    expect(kiosk.signUp.cardNumber).toBe('2000000009018');
    await kiosk.submitSignUp();
    expect(kiosk.screen).toBe('signup');
    expect(kiosk.signUp.cardsRefused).toBe(true);
    expect(kiosk.signUp.cardNumber).toBeNull();
    expect(kiosk.signUp.error).toBeNull();
    await kiosk.acceptScan(scan('2000000009018'));
    expect(kiosk.signUp.cardNumber).toBeNull();
    await kiosk.submitSignUp();
    expect(attempts).toBe(2);
    expect(
      calls
        .filter((call) => call.method === 'signUp')
        .map((call) => (call.payload as { cardNumber?: string }).cardNumber),
    ).toEqual(['2000000009018', undefined]);
    expect(kiosk.screen).toBe('customer');
  });

  it('knows from the status it gives no cards: none taken from a scan or sent; a later status may offer', async () => {
    const { kiosk, calls, push } = kioskWith({
      status: () => ok({ ...inService, cardsAtSignUp: false }),
      agreements: () => ok([]),
      signUp: () => ok(jana),
    });
    await settle();
    await kiosk.openSignUp();
    expect(kiosk.signUp.cardsOffered).toBe(false);
    expect(kiosk.signUp.cardsRefused).toBe(false);
    kiosk.signUp.set('firstName', 'Petr');
    kiosk.signUp.set('lastName', 'Svoboda');
    kiosk.signUp.set('phone', '777123456');
    kiosk.signUp.set('password', 'dlouheheslo');
    await kiosk.acceptScan(scan('2000000009018'));
    expect(kiosk.signUp.cardNumber).toBeNull();
    await kiosk.submitSignUp();
    expect(
      calls
        .filter((call) => call.method === 'signUp')
        .map((call) => (call.payload as { cardNumber?: string }).cardNumber),
    ).toEqual([undefined]);
    push({ ...inService, signedIn: true, cardsAtSignUp: true });
    expect(kiosk.signUp.cardsOffered).toBe(true);
  });

  it('asks for an e-mail or a phone', async () => {
    const { kiosk } = kioskWith({ agreements: () => ok([]) });
    await settle();
    await kiosk.openSignUp();
    kiosk.signUp.set('firstName', 'Petr');
    kiosk.signUp.set('lastName', 'Svoboda');
    kiosk.signUp.set('password', 'dlouheheslo');
    expect(kiosk.signUp.check()).toEqual(['contact']);
    kiosk.signUp.set('phone', '+420 777 123 456');
    expect(kiosk.signUp.check()).toEqual([]);
  });

  it('shows the new account if the card is refused after sign-up, says why, tries the next card scanned', async () => {
    const petr = { ...jana, customer: { firstName: 'Petr', lastName: 'Svoboda' } };
    const { kiosk, calls } = kioskWith({
      agreements: () => ok([]),
      signUp: () => ok({ overview: petr, card: { assigned: false, why: 'taken', retry: true } }),
      assignCard: (payload: { cardNumber: string }) =>
        ok({
          overview: petr,
          card:
            payload.cardNumber === '2000000009025'
              ? { assigned: true }
              : { assigned: false, why: 'unknown', retry: true },
        }),
    });
    await settle();
    await kiosk.openSignUp();
    kiosk.signUp.set('firstName', 'Petr');
    kiosk.signUp.set('lastName', 'Svoboda');
    kiosk.signUp.set('phone', '777123456');
    kiosk.signUp.set('password', 'dlouheheslo');
    await kiosk.acceptScan(scan('2000000009018'));
    await kiosk.submitSignUp();
    expect(kiosk.screen).toBe('customer');
    expect(kiosk.overview?.customer.firstName).toBe('Petr');
    expect(kiosk.card).toEqual({ assigned: false, why: 'taken', retry: true });
    expect(kiosk.signUp.value('password')).toBe('');
    // A card scanned now is tried for Petr, not taken as somebody signing in.
    await kiosk.acceptScan(scan('2000000099999', 'unknown'));
    expect(kiosk.card).toEqual({ assigned: false, why: 'unknown', retry: true });
    await kiosk.acceptScan(scan('2000000009025'));
    expect(kiosk.card).toEqual({ assigned: true });
    expect(kiosk.screen).toBe('customer');
    expect(calls.filter((call) => call.method === 'assignCard').map((call) => call.payload)).toEqual([
      { cardNumber: '2000000099999' },
      { cardNumber: '2000000009025' },
    ]);
    expect(calls.some((call) => call.method === 'signOut')).toBe(false);
    // With the card theirs, the next card scanned is somebody else signing in again.
    await kiosk.acceptScan(scan('2000000000015'));
    expect(kiosk.screen).toBe('signin');
    expect(kiosk.card).toBeNull();
  });

  it('offers no retry if this kiosk may not give cards: a scanned card signs in; sign-out forgets why', async () => {
    const { kiosk, calls } = kioskWith({
      agreements: () => ok([]),
      signUp: () => ok({ overview: jana, card: { assigned: false, why: 'not_allowed', retry: false } }),
    });
    await settle();
    await kiosk.openSignUp();
    kiosk.signUp.set('firstName', 'Jana');
    kiosk.signUp.set('lastName', 'Nováková');
    kiosk.signUp.set('phone', '777123456');
    kiosk.signUp.set('password', 'dlouheheslo');
    await kiosk.submitSignUp();
    expect(kiosk.card).toEqual({ assigned: false, why: 'not_allowed', retry: false });
    await kiosk.signOut('done');
    expect(kiosk.card).toBeNull();
    expect(calls.some((call) => call.method === 'assignCard')).toBe(false);
  });
});
