// CareCloud's credentials and tokens must never reach the screens: every channel is
// called (valid and malformed, as cashier and manager, online and during an outage)
// against a demo terminal on the sandbox, and every answer and pushed event is searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestChannels, type RequestChannel } from '../../shared/ipc/channels.ts';
import { demo } from '../../sandbox/seed.ts';
import { startSandboxBackend } from '../../electron/demo/sandbox-backend.ts';
import type { Dispatch, TillChannel } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from './terminal-fixture.ts';

const settingsPassword = 'Sett1ngs-Pa55word-xyz';
const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };

describe('no token or password crosses to the screens', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  const seen: string[] = [];
  const called = new Set<RequestChannel>();

  beforeAll(async () => {
    fixture = await openTerminal({
      startDemo: () => startSandboxBackend({ rateLimit: null }),
      operators: true,
    });
    fixture.terminal.events.connect((event, payload) => seen.push(JSON.stringify({ event, payload })));
    const trusted = previewSenderCheck(new Set([1]));
    const raw = fixture.terminal.dispatcher(trusted);
    dispatch = async (channel, payload, from) => {
      const result = await raw(channel, payload, from);
      seen.push(JSON.stringify(result));
      if (typeof channel === 'string' && (requestChannels as readonly string[]).includes(channel))
        called.add(channel as RequestChannel);
      return result;
    };
  });
  afterAll(() => fixture.close());

  const customer = demo.customers.regular;
  const sampleCart = {
    currency: 'CZK',
    lines: [
      {
        lineId: '1',
        plu: '8594001021000',
        pluList: 'EAN',
        name: 'Rohlík',
        vatRate: 12,
        quantity: 2,
        unitPriceMinor: 390,
        lineDiscountMinor: 0,
        purchaseItemTypeId: 'store_purchase',
        loyaltyOff: false,
      },
    ],
  };
  const sampleAsk = {
    customer: { customerId: customer, cardNumber: demo.cards.regular },
    voucherCodes: [demo.vouchers.percent10],
    points: 0,
    credit: 0,
  };
  // The kiosk's channels answer `unknown_channel` on a till; a kiosk's own answers are searched in test/kiosk/.
  const valid: Record<TillChannel, unknown> = {
    'session.status': undefined,
    'session.language': { language: 'en' },
    'operator.signIn': { pin: managerPin },
    'operator.signOut': undefined,
    'operator.unlock': { pin: managerPin },
    'customers.identifyByCard': { cardNumber: demo.cards.regular },
    'customers.search': { query: 'Nov' },
    'customers.profile': { customerId: customer },
    'customers.points': { customerId: customer },
    'customers.credits': { customerId: demo.customers.credits },
    'customers.vouchers': { customerId: customer },
    'customers.rewards': { customerId: customer },
    'settings.get': undefined,
    'settings.update': { patch: { password: settingsPassword, login: 'demo' }, pin: managerPin },
    'settings.stores': undefined,
    'diagnostics.run': undefined,
    'demo.setOutage': { on: false },
    'updates.status': undefined,
    'updates.postpone': { hours: 2, pin: managerPin },
    'checkout.saleOpen': { open: false },
    'checkout.catalogue': undefined,
    'checkout.product': { code: '8594001021000' },
    'checkout.preview': { saleId: 'no-secrets-sale', cart: sampleCart, ask: sampleAsk },
    'checkout.limits': { saleId: 'no-secrets-sale', cart: sampleCart, ask: sampleAsk },
    'checkout.pay': {
      saleId: 'no-secrets-sale',
      cart: sampleCart,
      ask: sampleAsk,
      tender: 'card',
      expectedToPayMinor: 1,
    },
    'checkout.cancel': { billId: 'NO-SUCH-BILL', pin: managerPin },
    'checkout.recent': { limit: 10 },
    'checkout.park': {
      saleId: 'no-secrets-sale',
      cart: sampleCart,
      ask: sampleAsk,
      reason: 'parked',
      customerName: null,
    },
    'checkout.parkLeft': {
      saleId: 'no-secrets-sale',
      cart: sampleCart,
      ask: sampleAsk,
      reason: 'signOut',
      customerName: null,
    },
    'checkout.parked': undefined,
    'checkout.recall': { id: 'no-such-sale' },
    'checkout.keepOpen': {
      sale: { saleId: 'no-secrets-sale', cart: sampleCart, ask: sampleAsk, customerName: null },
    },
    'checkout.openSale': undefined,
    'vouchers.check': { code: demo.vouchers.value100, customerId: customer },
    'rewards.redeem': {
      customerId: customer,
      rewardId: 'no-such-reward',
      confirmationId: 'no-secrets-confirmation',
    },
    'rewards.recommend': { saleId: 'no-secrets-sale', cart: sampleCart, ask: sampleAsk },
    'purchases.assignCustomer': { sale: 'no-secrets-bill', customerId: customer },
    'vouchers.syncOffline': undefined,
    'signup.setup': undefined,
    'signup.checkIdentifier': { type: 'email', value: 'new.customer@example.cz' },
    'signup.sendCode': { phone: '+420 777 000 111' },
    'signup.verifyCode': { requestId: 'no-such-request', code: '123456' },
    'signup.register': {
      form: {
        requestId: 'no-secrets-form-1',
        firstName: 'Nová',
        lastName: 'Zákaznice',
        email: 'nova.zakaznice@example.cz',
        phone: '',
        language: 'cs',
        birthdate: '',
        consents: [],
        cardNumber: '',
        verificationId: null,
      },
    },
    'queue.list': { filter: {}, page: { limit: 10 } },
    'queue.show': { id: 1 },
    'queue.retry': { id: 1, pin: managerPin },
    'queue.void': { id: 999, reason: 'no such entry', pin: managerPin },
    'queue.resend': { id: 1, pin: managerPin },
    'queue.export': { filter: {}, format: 'json', pin: managerPin },
    'queue.customers': { ids: [customer] },
    'audit.list': { page: { limit: 10, offset: 0 } },
    'audit.export': { format: 'csv', pin: managerPin },
    'dashboard.figures': undefined,
    'input.classify': { text: demo.cards.regular },
    'input.wedgeSettings': undefined,
    'printing.status': undefined,
    'printing.test': {},
    'printing.reprint': { billId: 'B-none' },
    'printing.receipt': { billId: 'B-none' },
    'shift.current': undefined,
    'shift.open': { openingFloatMinor: 100_000 },
    'shift.cash': { direction: 'in', amountMinor: 5_000, reason: 'Coins from the safe' },
    'shift.xReport': undefined,
    'shift.close': { count: { by: 'total', totalMinor: 105_000 } },
    'shift.report': { id: 1 },
    'shift.closed': { limit: 5 },
    'shift.export': { id: 1, format: 'csv' },
    'shift.print': { id: 1 },
  };

  async function everyChannel(): Promise<void> {
    for (const channel of requestChannels) {
      if (channel === 'operator.signIn' || channel === 'operator.signOut') continue;
      await dispatch(
        channel,
        channel.startsWith('kiosk.') ? undefined : valid[channel as TillChannel],
        sender,
      );
      await dispatch(channel, { malformed: settingsPassword }, sender);
    }
  }

  it('holds for every channel, signed out, as cashier, as manager, and offline', async () => {
    await everyChannel();
    expect(await dispatch('operator.signIn', { pin: cashierPin }, sender)).toMatchObject({ ok: true });
    await everyChannel();
    await dispatch('operator.signOut', undefined, sender);
    expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({ ok: true });
    await everyChannel();
    expect(await dispatch('diagnostics.run', undefined, sender)).toMatchObject({
      ok: true,
      value: {
        checks: expect.arrayContaining([
          expect.objectContaining({ id: 'login', status: 'pass' }),
          expect.objectContaining({ id: 'store', status: 'pass' }),
        ]),
      },
    });
    expect(await dispatch('demo.setOutage', { on: true }, sender)).toMatchObject({ ok: true });
    await everyChannel();
    await dispatch('demo.setOutage', { on: false }, sender);
    await dispatch('operator.signIn', { pin: '0000' }, sender);
    await dispatch('operator.signOut', undefined, sender);

    expect([...called].sort()).toEqual([...requestChannels].sort());
    const token = await fixture.terminal.careCloud().session.token();
    expect(token.length).toBeGreaterThan(8);
    const secrets = [token, demo.credentials.password, settingsPassword];
    expect(fixture.terminal.settings.password()).toBe(settingsPassword);
    expect(seen.length).toBeGreaterThan(100);
    for (const text of seen) {
      for (const secret of secrets)
        expect(text.includes(secret), `a secret in ${text.slice(0, 200)}`).toBe(false);
      expect(text).not.toMatch(/bearer|authorization|password"\s*:\s*"|passwordCiphertext/i);
    }
  });
});
