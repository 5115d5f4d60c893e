// The kiosk as the app runs it: startApp on kiosk settings (the Customer API client on the
// kiosk's device token), asked through the dispatcher as the screens ask, against the
// sandbox's Customer API. Each way to identify, the account, one voucher per confirmation,
// sign-up with consents, sign-out leaving nothing, out of service while CareCloud is away,
// and no personal data in the log.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestChannels } from '../../shared/ipc/channels.ts';
import type { KioskOverview, KioskRedemption, KioskSignedUp, KioskStatus } from '../../shared/kiosk.ts';
import { startApp } from '../../electron/app/terminal.ts';
import type { KioskTerminal } from '../../electron/app/kiosk-terminal.ts';
import type { Dispatch } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { createKioskApi } from '../../electron/kiosk/customer-api-port.ts';
import { createLogger } from '../../electron/log/logger.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';
import { keyCipher } from '../../electron/settings/cipher.ts';
import { customerPasswords, KIOSK_APPLICATION_ID } from '../../sandbox/customer-seed.ts';
import { cardNumber, demo } from '../../sandbox/seed.ts';
import { roundTripDepth } from '../../sandbox/received.ts';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const JANA = { cardNumber: demo.cards.regular, password: customerPasswords[1]!.password };
const JANA_EMAIL = 'jana.novakova@example.cz';
/** The sandbox's free cards (the cheat sheet's `…9018` to `…9100`); the first is `demo.cards.free`. */
const freeCards = Array.from({ length: 10 }, (_, i) => cardNumber(901 + i));

let sandbox: TestSandbox;
let dataDir: string;
let kiosk: KioskTerminal;
let dispatch: Dispatch;
const logs: string[] = [];
const pushed: KioskStatus[] = [];

type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; reasons?: { name: string; reason: string }[] } };
const ask = async <T>(channel: string, payload?: unknown): Promise<Answer<T>> =>
  (await dispatch(channel, payload, sender)) as Answer<T>;
const value = <T>(answer: Answer<T>): T => {
  if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`);
  return answer.value;
};
const created = () =>
  sandbox.control.requests().filter((r) => r.operation_id === 'postRewardCreateVoucher').length;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  dataDir = mkdtempSync(join(tmpdir(), 'ccpos-kiosk-app-'));
  const settings = memoryBackend({
    mode: 'kiosk',
    kiosk: { customerApiUrl: sandbox.projectUrl, externalApplicationId: KIOSK_APPLICATION_ID },
  });
  const started = await startApp({
    dataDir,
    stores: { settings, operators: memoryBackend(), customerCache: memoryBackend() },
    cipher: keyCipher(randomBytes(32)),
    startDemo: () => Promise.reject(new Error('a configured kiosk starts no demo backend')),
    customerApi: createKioskApi,
    logger: createLogger((line) => logs.push(line)),
  });
  if (started.mode !== 'kiosk') throw new Error('startApp built a till from kiosk settings');
  kiosk = started;
  kiosk.events.connect((event, payload) => {
    if (event === 'kiosk.changed') pushed.push(payload as KioskStatus);
  });
  dispatch = kiosk.dispatcher(previewSenderCheck(new Set([1])));
}, 60_000);
afterAll(async () => {
  await kiosk?.close();
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  sandbox.control.setRateLimit(null);
  await sandbox.control.restoreNetwork();
});
afterEach(async () => {
  await ask('kiosk.signOut', { reason: 'done' });
});

describe('a kiosk started by the app', () => {
  it("is a kiosk: not the demo, no till channel, its own and the screens' boot channels answered", async () => {
    expect(kiosk.demo).toBe(false);
    expect(value(await ask<{ mode?: string }>('session.status')).mode).toBe('kiosk');
    for (const channel of requestChannels.filter(
      (c) =>
        !c.startsWith('kiosk.') &&
        !['session.status', 'session.language', 'input.wedgeSettings', 'input.classify'].includes(c),
    )) {
      expect(await ask(channel, {}), channel).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(value(await ask<KioskStatus>('kiosk.status'))).toMatchObject({
      inService: true,
      signedIn: false,
      demo: false,
    });
    // A scanner's burst is the customer's: no operator is needed to classify it.
    expect(value(await ask<{ kind: string }>('input.classify', { text: demo.cards.regular }))).toMatchObject({
      kind: 'loyalty_card',
      code: demo.cards.regular,
    });
  });

  it('refuses malformed payloads on its channels without echoing them', async () => {
    const bad: [string, unknown][] = [
      ['kiosk.identify', { method: 'card', cardNumber: demo.cards.regular }],
      ['kiosk.identify', { method: 'email', email: 'not-an-email', password: 'x' }],
      ['kiosk.identify', { method: 'pin', pin: '1234' }],
      ['kiosk.identify', { method: 'qr', token: 'short' }],
      ['kiosk.redeem', { rewardId: 'r', confirmationId: 'tap' }],
      ['kiosk.redeem', { rewardId: '', confirmationId: 'confirm-0001' }],
      [
        'kiosk.signUp',
        { firstName: 'A', lastName: 'B', language: 'cs', password: 'Secret-123', agreements: [] },
      ],
      [
        'kiosk.signUp',
        {
          firstName: 'A',
          lastName: 'B',
          email: 'a@example.cz',
          language: 'de',
          password: 'Secret-123',
          agreements: [],
        },
      ],
      ['kiosk.signOut', { reason: 'bored' }],
      ['kiosk.leave', { pin: 'abcd' }],
      ['kiosk.status', { all: true }],
    ];
    for (const [channel, payload] of bad) {
      const answer = await ask(channel, payload);
      expect(answer, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
      expect(JSON.stringify(answer)).not.toContain('Secret-123');
    }
  });

  it('signs a customer in by card and password and shows their own account, fresh from CareCloud', async () => {
    const overview = value(await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA }));
    expect(overview.customer.firstName).toBe('Jana');
    expect(overview.points.available).toBeGreaterThan(0);
    expect(overview.vouchers.length).toBeGreaterThan(0);
    for (const voucher of overview.vouchers) expect(voucher.code).toEqual(expect.any(String));
    expect(overview.rewards.length).toBeGreaterThan(0);
    for (const reward of overview.rewards)
      expect(reward.pointsCost).toBeLessThanOrEqual(overview.points.available);
    expect(value(await ask<KioskStatus>('kiosk.status')).signedIn).toBe(true);
    expect(pushed.at(-1)).toMatchObject({ signedIn: true });
  });

  it('shows credits per currency by their ISO codes', async () => {
    const overview = value(
      await ask<KioskOverview>('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.credits,
        password: customerPasswords[4]!.password,
      }),
    );
    expect(overview.credits.map((c) => c.currency).sort()).toEqual(['CZK', 'EUR']);
    for (const credit of overview.credits) expect(credit.amount).toBeGreaterThan(0);
  });

  it("signs in by e-mail and by phone with the password, and by the QR code of the customer's app", async () => {
    expect(
      value(
        await ask<KioskOverview>('kiosk.identify', {
          method: 'email',
          email: JANA_EMAIL,
          password: JANA.password,
        }),
      ).customer.firstName,
    ).toBe('Jana');
    expect(
      value(
        await ask<KioskOverview>('kiosk.identify', {
          method: 'phone',
          phone: '+420 601 000 001',
          password: JANA.password,
        }),
      ).customer.firstName,
    ).toBe('Jana');
    const { code } = sandbox.control.mintAppLoginCode({ cardNumber: demo.cards.manyPoints });
    expect(
      value(await ask<KioskOverview>('kiosk.identify', { method: 'qr', token: code })).customer.firstName,
    ).toBe('Eva');
    // A code is good once.
    expect(await ask('kiosk.identify', { method: 'qr', token: code })).toMatchObject({
      ok: false,
      error: { code: 'wrong_credentials' },
    });
  });

  it('refuses a wrong password and a blocked card, and nobody is signed in after', async () => {
    expect(
      await ask('kiosk.identify', { method: 'card', cardNumber: JANA.cardNumber, password: 'Wrong2026' }),
    ).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } });
    expect(
      await ask('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.blocked,
        password: customerPasswords[5]!.password,
      }),
    ).toMatchObject({ ok: false, error: { code: 'card_blocked' } });
    expect(value(await ask<KioskStatus>('kiosk.status')).signedIn).toBe(false);
    expect(await ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('redeems a reward once per confirmation: a double tap or repeat, same voucher; a new one, another', async () => {
    const overview = value(
      await ask<KioskOverview>('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.manyPoints,
        password: customerPasswords[3]!.password,
      }),
    );
    const reward = overview.rewards[0]!;
    const before = created();
    const [first, second] = await Promise.all([
      ask<KioskRedemption>('kiosk.redeem', { rewardId: reward.id, confirmationId: 'confirm-double-tap-1' }),
      ask<KioskRedemption>('kiosk.redeem', { rewardId: reward.id, confirmationId: 'confirm-double-tap-1' }),
    ]);
    const one = value(first);
    const two = value(second);
    expect(two.voucher.id).toBe(one.voucher.id);
    expect([one.repeated, two.repeated].sort()).toEqual([false, true]);
    expect(one.voucher.code).toEqual(expect.any(String));
    expect(one.overview.points.available).toBe(overview.points.available - reward.pointsCost);
    expect(one.overview.vouchers.map((v) => v.id)).toContain(one.voucher.id);
    expect(created() - before).toBe(1);

    // The same confirmation later (the screen asked again after a lost answer): CareCloud finds the code, no second
    // voucher.
    const again = value(
      await ask<KioskRedemption>('kiosk.redeem', {
        rewardId: reward.id,
        confirmationId: 'confirm-double-tap-1',
      }),
    );
    expect(again).toMatchObject({ repeated: true, voucher: { id: one.voucher.id } });
    const next = value(
      await ask<KioskRedemption>('kiosk.redeem', {
        rewardId: reward.id,
        confirmationId: 'confirm-next-0002',
      }),
    );
    expect(next.voucher.id).not.toBe(one.voucher.id);
    expect(next.repeated).toBe(false);
  });

  it('after a lost answer, the same confirmation again gives the voucher made at first, not a second', async () => {
    const overview = value(
      await ask<KioskOverview>('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.manyPoints,
        password: customerPasswords[3]!.password,
      }),
    );
    const reward = overview.rewards[0]!;
    sandbox.control.dropNext(1);
    const lost = await ask<KioskRedemption>('kiosk.redeem', {
      rewardId: reward.id,
      confirmationId: 'confirm-lost-answer',
    });
    expect(lost).toMatchObject({ ok: false, error: { code: 'offline' } });
    await sandbox.control.restoreNetwork();
    await expectBackInService();
    const retried = value(
      await ask<KioskRedemption>('kiosk.redeem', {
        rewardId: reward.id,
        confirmationId: 'confirm-lost-answer',
      }),
    );
    expect(retried.repeated).toBe(true);
    const vouchers = retried.overview.vouchers.filter((v) => v.code === retried.voucher.code);
    expect(vouchers).toHaveLength(1);
  });

  it('is out of service while CareCloud is unreachable: nothing shown, no redemption; then back', async () => {
    value(
      await ask<KioskOverview>('kiosk.identify', {
        method: 'card',
        cardNumber: demo.cards.manyPoints,
        password: customerPasswords[3]!.password,
      }),
    );
    const reward = value(await ask<KioskOverview>('kiosk.overview')).rewards[0]!;
    await sandbox.control.cutNetwork('refuse');
    expect(await ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(value(await ask<KioskStatus>('kiosk.status')).inService).toBe(false);
    expect(pushed.at(-1)).toMatchObject({ inService: false });
    const before = created();
    expect(
      await ask('kiosk.redeem', { rewardId: reward.id, confirmationId: 'confirm-offline-01' }),
    ).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await ask('kiosk.signUp', signUp('offline'))).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect(await ask('kiosk.identify', { method: 'card', ...JANA })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    expect(created()).toBe(before);
    await sandbox.control.restoreNetwork();
    await expectBackInService();
    expect(
      value(await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA })).customer.firstName,
    ).toBe('Jana');
  });

  it('lists every consent with its text for a sign-up, none of them answered in advance', async () => {
    const agreements = value(
      await ask<{ id: string; name: string; text: string; mandatory: boolean }[]>('kiosk.agreements'),
    );
    expect(agreements.length).toBeGreaterThanOrEqual(3);
    for (const agreement of agreements) {
      expect(Object.keys(agreement).sort()).toEqual(['id', 'mandatory', 'name', 'text']);
      expect(agreement.text.length).toBeGreaterThan(10);
    }
    expect(agreements.filter((a) => a.mandatory)).toHaveLength(1);
  });

  it('signs a new customer up with their own answer to each consent and signs them in at once', async () => {
    const agreements = value(await ask<{ id: string; mandatory: boolean }[]>('kiosk.agreements'));
    const unanswered = await ask('kiosk.signUp', { ...signUp('unanswered'), agreements: [] });
    expect(unanswered).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const refusedRequired = await ask('kiosk.signUp', {
      ...signUp('refused'),
      agreements: agreements.map((a) => ({ id: a.id, granted: false })),
    });
    expect(refusedRequired).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    // A card somebody already has is refused before any account is made.
    const takenCard = await ask('kiosk.signUp', {
      ...signUp('taken'),
      agreements: agreements.map((a) => ({ id: a.id, granted: a.mandatory })),
      cardNumber: demo.cards.otherCustomer,
    });
    expect(takenCard).toMatchObject({ ok: false, error: { code: 'carecloud_rejected' } });
    expect(sandbox.control.requests().filter((r) => r.operation_id === 'postCustomer')).toHaveLength(0);

    const { overview, card } = value(
      await ask<KioskSignedUp>('kiosk.signUp', {
        ...signUp('ok'),
        agreements: agreements.map((a) => ({ id: a.id, granted: a.mandatory })),
      }),
    );
    expect(card).toBeNull();
    expect(overview.customer).toEqual({ firstName: 'Nová', lastName: 'Zákaznice' });
    expect(overview.points.available).toBe(0);
    expect(value(await ask<KioskStatus>('kiosk.status')).signedIn).toBe(true);

    // With the free card the customer scanned: it is theirs once the account is.
    expect(
      value(
        await ask<KioskSignedUp>('kiosk.signUp', {
          ...signUp('card'),
          agreements: agreements.map((a) => ({ id: a.id, granted: a.mandatory })),
          cardNumber: demo.cards.free,
        }),
      ).card,
    ).toEqual({ assigned: true });
    // Their card is theirs: there is nothing more to give them here.
    expect(await ask('kiosk.assignCard', { cardNumber: freeCards[1] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    const assigned = sandbox.control.requests().filter((r) => r.operation_id === 'postAssignCard');
    expect(assigned.map((r) => r.status)).toEqual([200]);
    await ask('kiosk.signOut', { reason: 'done' });
    expect(
      value(
        await ask<KioskOverview>('kiosk.identify', {
          method: 'card',
          cardNumber: demo.cards.free,
          password: 'Secret-123',
        }),
      ).customer.lastName,
    ).toBe('Zákaznice');
  });

  describe('a sign-up whose scanned card CareCloud refuses once the account exists', () => {
    const consents = async () =>
      value(await ask<{ id: string; mandatory: boolean }[]>('kiosk.agreements')).map((a) => ({
        id: a.id,
        granted: a.mandatory,
      }));
    const accounts = () =>
      sandbox.control
        .requests()
        .filter((r) => r.operation_id === 'postCustomer' && r.status !== null && r.status < 300).length;
    const assignments = () => sandbox.control.requests().filter((r) => r.operation_id === 'postAssignCard');
    afterEach(() => {
      sandbox.control.allowOnCustomerApi('postAssignCard', true);
    });

    it('answers the signed-in account, card not theirs (taken meanwhile), no 2nd account; takes another', async () => {
      const [card, other] = [freeCards[2]!, freeCards[3]!];
      // Between the kiosk's check and its assignment, a till gives the card to Jana.
      sandbox.control.beforeNext('postAssignCard', (project) => {
        project.cardByNumber(card)!.customer_id = project.cardByNumber(demo.cards.regular)!.customer_id;
      });
      const before = accounts();
      const form = { ...signUp('taken-meanwhile'), agreements: await consents(), cardNumber: card };
      const signedUp = value(await ask<KioskSignedUp>('kiosk.signUp', form));
      expect(signedUp.card).toEqual({ assigned: false, why: 'taken', retry: true });
      expect(signedUp.overview.customer).toEqual({ firstName: 'Nová', lastName: 'Zákaznice' });
      expect(accounts()).toBe(before + 1);
      expect(value(await ask<KioskStatus>('kiosk.status')).signedIn).toBe(true);
      expect(pushed.at(-1)).toMatchObject({ signedIn: true });

      // A card somebody has is refused again, without asking to assign it.
      const assigned = assignments().length;
      expect(
        value(await ask<KioskSignedUp>('kiosk.assignCard', { cardNumber: demo.cards.otherCustomer })).card,
      ).toEqual({ assigned: false, why: 'taken', retry: true });
      // A number CareCloud does not know.
      expect(
        value(await ask<KioskSignedUp>('kiosk.assignCard', { cardNumber: '2000000099999' })).card,
      ).toEqual({ assigned: false, why: 'unknown', retry: true });
      expect(assignments()).toHaveLength(assigned);
      // Another free card from the stand is theirs.
      const retried = value(await ask<KioskSignedUp>('kiosk.assignCard', { cardNumber: other }));
      expect(retried.card).toEqual({ assigned: true });
      expect(retried.overview.customer.lastName).toBe('Zákaznice');
      expect(await ask('kiosk.assignCard', { cardNumber: freeCards[4] })).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });

      // The same form sent again (a second tap after the first answer) makes no second account.
      expect(await ask('kiosk.signUp', form)).toMatchObject({
        ok: false,
        error: { code: 'carecloud_rejected' },
      });
      expect(accounts()).toBe(before + 1);
      await ask('kiosk.signOut', { reason: 'done' });
      expect(
        value(
          await ask<KioskOverview>('kiosk.identify', {
            method: 'card',
            cardNumber: other,
            password: 'Secret-123',
          }),
        ).customer.lastName,
      ).toBe('Zákaznice');
    });

    it('says a card blocked meanwhile is not theirs', async () => {
      const card = freeCards[5]!;
      sandbox.control.beforeNext('postAssignCard', (project) => {
        project.cardByNumber(card)!.state = 0;
      });
      const signedUp = value(
        await ask<KioskSignedUp>('kiosk.signUp', {
          ...signUp('blocked-meanwhile'),
          agreements: await consents(),
          cardNumber: card,
        }),
      );
      expect(signedUp.card).toEqual({ assigned: false, why: 'blocked', retry: true });
      expect(kiosk.kiosk.holdsCustomer()).toBe(true);
    });

    it('refuses before any account exists when the card is unknown', async () => {
      const before = accounts();
      const unknown = await ask('kiosk.signUp', {
        ...signUp('unknown'),
        agreements: await consents(),
        cardNumber: '2000000099999',
      });
      expect(unknown).toMatchObject({
        ok: false,
        error: { code: 'carecloud_rejected', reasons: [{ name: 'card_number', reason: 'not_found' }] },
      });
      expect(accounts()).toBe(before);
      expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    });

    it('says no cards here if the project allows no assigning on the Customer API; refuses a retry', async () => {
      sandbox.control.allowOnCustomerApi('postAssignCard', false);
      const before = accounts();
      const signedUp = value(
        await ask<KioskSignedUp>('kiosk.signUp', {
          ...signUp('not-allowed'),
          agreements: await consents(),
          cardNumber: freeCards[6],
        }),
      );
      expect(signedUp.card).toEqual({ assigned: false, why: 'not_allowed', retry: false });
      expect(accounts()).toBe(before + 1);
      expect(assignments().at(-1)?.status).toBe(403);
      // Tried again anyway: the same clear refusal, the customer still signed in.
      expect(value(await ask<KioskSignedUp>('kiosk.assignCard', { cardNumber: freeCards[7] })).card).toEqual({
        assigned: false,
        why: 'not_allowed',
        retry: false,
      });
      expect(kiosk.kiosk.holdsCustomer()).toBe(true);
      expect(kiosk.kiosk.status()).toMatchObject({ inService: true, cardsAtSignUp: false });
      // The sign-up screens ask for no card any more this run.
      expect(pushed.at(-1)).toMatchObject({ cardsAtSignUp: false });
    });

    it('gives a card only to the customer who has just signed up here without one', async () => {
      expect(await ask('kiosk.assignCard', { cardNumber: freeCards[7] })).toMatchObject({
        ok: false,
        error: { code: 'not_signed_in' },
      });
      value(await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA }));
      expect(await ask('kiosk.assignCard', { cardNumber: freeCards[7] })).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      expect(await ask('kiosk.assignCard', { cardNumber: 'not a card' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
    });
  });

  it('signing out logs the customer out of CareCloud and keeps nothing of them in main', async () => {
    value(await ask<KioskOverview>('kiosk.identify', { method: 'card', ...JANA }));
    const logouts = () =>
      sandbox.control.requests().filter((r) => r.operation_id === 'postTokenLogout').length;
    const before = logouts();
    expect(await ask('kiosk.signOut', { reason: 'card_removed' })).toEqual({ ok: true, value: null });
    expect(logouts()).toBe(before + 1);
    expect(kiosk.kiosk.holdsCustomer()).toBe(false);
    expect(await ask('kiosk.overview')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(pushed.at(-1)).toMatchObject({ signedIn: false });
    // The client's own session is gone too: a read for the customer now has nobody to read for.
    expect(kiosk.updateActivity().saleOpen).toBe(false);
  });

  it("leaves kiosk mode only with a manager's PIN", async () => {
    // A configured kiosk has no operators yet: every PIN is refused.
    expect(await ask('kiosk.leave', { pin: '999999' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    expect(kiosk.settings.current.mode).toBe('kiosk');
  });

  it('writes no personal data, password or token to the log', () => {
    const text = logs.join('\n');
    expect(text).toContain('kiosk.identify');
    for (const secret of [
      JANA.cardNumber,
      JANA_EMAIL,
      JANA.password,
      '601000001',
      'Jana',
      'Nováková',
      'Eva2026x',
      'Secret-123',
      'nova.zakaznice',
    ])
      expect(text, secret).not.toContain(secret);
  });
});

let signUps = 0;
function signUp(tag: string) {
  signUps += 1;
  return {
    firstName: 'Nová',
    lastName: 'Zákaznice',
    email: `nova.zakaznice.${tag}.${signUps}@example.cz`,
    language: 'cs',
    password: 'Secret-123',
    agreements: [] as { id: string; granted: boolean }[],
  };
}

async function expectBackInService(): Promise<void> {
  for (let i = 0; i < 200 && !kiosk.kiosk.status().inService; i += 1) {
    await ask('kiosk.agreements');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(kiosk.kiosk.status().inService).toBe(true);
}

describe('a card at the kiosk, CareCloud some distance away', () => {
  it('shows the balance after two round trips: the login, then the customer\u2019s account side by side', async () => {
    value(await ask('kiosk.identify', { method: 'card', ...JANA }));
    await ask('kiosk.signOut', { reason: 'done' });
    sandbox.control.setLatency(60);
    try {
      const before = sandbox.control.requests().at(-1)?.seq ?? 0;
      const overview = value(
        await ask<{ points: { available: number } }>('kiosk.identify', { method: 'card', ...JANA }),
      );
      expect(overview.points.available).toBeGreaterThan(0);
      const requests = sandbox.control.requests().filter((r) => r.seq > before);
      expect(roundTripDepth(requests), JSON.stringify(requests.map((r) => r.operation_id))).toBe(2);
    } finally {
      sandbox.control.setLatency(0);
    }
  });
});
