import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestChannels, type RequestChannel } from '../../shared/ipc/channels.ts';
import { requests } from '../../shared/ipc/contract.ts';
import type { Dispatch, TillChannel } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from './terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const stranger: SenderContext = { transport: 'preview', connectionId: 2, origin: 'http://127.0.0.1:1' };

/** A payload each till channel's schema must refuse (the kiosk's are in test/kiosk/kiosk-ipc.test.ts). */
const badPayloads: Record<TillChannel, unknown[]> = {
  'session.status': [{ extra: 1 }, 'x', 42],
  'session.language': [{}, { language: 'de' }, { language: 'cs', extra: 1 }, { language: ['cs'] }],
  'operator.signIn': [
    undefined,
    {},
    { pin: 1234 },
    { pin: '12ab' },
    { pin: '1234', role: 'manager' },
    { pin: '1'.repeat(9) },
  ],
  'operator.signOut': [{ now: true }, []],
  'operator.unlock': [{}, { pin: 'abcd' }, { pin: '1234', force: true }],
  'customers.identifyByCard': [
    {},
    { cardNumber: '' },
    { cardNumber: 'a b' },
    { cardNumber: 'x'.repeat(65) },
    { cardNumber: ['1'] },
  ],
  'customers.search': [{}, { query: 'a' }, { query: 'x'.repeat(121) }, { query: null }],
  'customers.profile': [{}, { customerId: '' }, { customerId: 7 }],
  'customers.points': [{ customerId: ' ' }],
  'customers.credits': [{ customerId: {} }],
  'customers.vouchers': [{ customerId: 'x'.repeat(65) }],
  'customers.rewards': [null],
  'settings.get': [{ includePassword: true }],
  'settings.update': [
    {},
    { patch: { language: 'en' } },
    { patch: { password: 42 }, pin: '123456' },
    { patch: { bearerToken: 'x' }, pin: '123456' },
    { patch: { language: 'de' }, pin: '123456' },
    { patch: { requestTimeoutMs: 1 }, pin: '123456' },
  ],
  'settings.stores': [{ all: true }],
  'diagnostics.run': [{ deep: true }],
  'demo.setOutage': [{}, { on: 'yes' }],
  'updates.status': [{ force: true }],
  'updates.postpone': [
    {},
    { hours: 4 },
    { hours: 0, pin: '123456' },
    { hours: 25, pin: '123456' },
    { hours: 1.5, pin: '123456' },
    { hours: '4', pin: '123456' },
  ],
  'checkout.saleOpen': [{}, { open: 'yes' }, { open: true, saleId: 'x' }],
  'checkout.catalogue': [{ all: true }],
  'checkout.product': [{}, { code: '' }, { code: 'a b' }],
  'checkout.preview': [
    {},
    {
      saleId: 'short',
      cart: { currency: 'CZK', lines: [] },
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
    },
  ],
  'checkout.limits': [
    {
      saleId: 'sale-000001',
      cart: { currency: 'CZK', lines: [] },
      ask: { customer: null, voucherCodes: [], points: -1, credit: 0 },
    },
  ],
  'checkout.pay': [
    {
      saleId: 'sale-000001',
      cart: { currency: 'CZK', lines: [] },
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      tender: 'cheque',
      expectedToPayMinor: 0,
    },
  ],
  'checkout.cancel': [{ billId: 'B1' }, { billId: 'B1', pin: 'abcd' }],
  'checkout.recent': [{ limit: 0 }, { limit: 1000 }],
  'checkout.park': [
    {
      saleId: 'sale-000001',
      cart: { currency: 'CZK', lines: [] },
      ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      reason: 'lunch',
      customerName: null,
    },
  ],
  'checkout.parkLeft': [{ saleId: 'sale-000001' }],
  'checkout.parked': [{ all: true }],
  'checkout.recall': [{ id: '' }, {}],
  'checkout.keepOpen': [{}, { sale: { saleId: 'sale-000001' } }, { sale: null, extra: 1 }],
  'checkout.openSale': [{ extra: 1 }, 'open'],
  'vouchers.check': [{ code: 'X' }, { code: '', customerId: null }],
  'vouchers.syncOffline': [{ now: true }],
  'rewards.redeem': [
    { customerId: 'c', rewardId: 'r' },
    { customerId: 'c', rewardId: 'r', confirmationId: 'short' },
    { customerId: '', rewardId: 'r', confirmationId: 'confirmation-0001' },
  ],
  'rewards.recommend': [{ saleId: 'sale-000001' }],
  'purchases.assignCustomer': [
    { sale: '', customerId: 'c' },
    { sale: 'X-1', customerId: 'c', extra: 1 },
    { sale: 'X-1' },
  ],
  'signup.setup': [{ now: true }],
  'signup.checkIdentifier': [
    { type: 'fax', value: 'x' },
    { type: 'email', value: '' },
  ],
  'signup.sendCode': [{ phone: '' }, { phone: 601000001 }],
  'signup.verifyCode': [{ requestId: 'r' }, { requestId: 'r', code: '' }],
  'signup.register': [{ form: {} }, { form: { requestId: 'short' } }],
  'queue.list': [
    {},
    { filter: { states: ['lost'] }, page: { limit: 10 } },
    // The page's cursor is text main wrote; anything else a screen sends is refused before any query.
    { filter: {}, page: { limit: 10, offset: 40 } },
    { filter: {}, page: { limit: 10, cursor: 'after.0' } },
    { filter: {}, page: { limit: 10, cursor: 'after.-5' } },
    { filter: {}, page: { limit: 10, cursor: 'after.99999999999999999' } },
    { filter: {}, page: { limit: 10, cursor: "after.1' OR 1=1 --" } },
    { filter: {}, page: { limit: 10, cursor: 'before.1e3' } },
    { filter: {}, page: { limit: 10, cursor: 'x'.repeat(10_000) } },
    { filter: {}, page: { limit: 10, cursor: 12 } },
  ],
  'queue.show': [{ id: 0 }, { id: '1' }],
  'queue.retry': [{ id: 1 }],
  'queue.void': [
    { id: 1, pin: '1234' },
    { id: 1, pin: '1234', reason: '' },
  ],
  'queue.resend': [{ id: 1, pin: 12 }],
  'queue.export': [
    { filter: {}, format: 'xml', pin: '1234' },
    { filter: {}, format: 'csv', pin: '1234', to: 'desktop' },
  ],
  'queue.customers': [
    { ids: [] },
    { ids: ['x'.repeat(65)] },
    { ids: Array.from({ length: 201 }, (_, i) => `c${i}`) },
  ],
  'audit.list': [{ page: { limit: 500, offset: 0 } }],
  'audit.export': [{ format: 'csv' }],
  'dashboard.figures': [{ day: 'today' }, 'x'],
  'input.classify': [{ text: '' }, { text: 'x'.repeat(4097) }, { text: 42 }, { text: 'CODE', kind: 'card' }],
  'input.wedgeSettings': [{ enabled: false }],
  'printing.status': [{ now: true }],
  'printing.test': [
    { printer: { connection: 'network', host: 'a b' } },
    { printer: { connection: 'serial' } },
    { extra: 1 },
  ],
  'printing.reprint': [{}, { billId: '' }, { billId: 'x'.repeat(65) }],
  'printing.receipt': [{}, { billId: 42 }],
  'shift.current': [{ id: 1 }],
  'shift.open': [
    {},
    { openingFloatMinor: -1 },
    { openingFloatMinor: 1.5 },
    { openingFloatMinor: '100' },
    { openingFloatMinor: 100, by: 'x' },
  ],
  'shift.cash': [
    {},
    { direction: 'in', amountMinor: 0, reason: 'coins' },
    { direction: 'sideways', amountMinor: 100, reason: 'coins' },
    { direction: 'out', amountMinor: 100, reason: '' },
  ],
  'shift.xReport': [{ shiftId: 1 }],
  'shift.close': [
    {},
    { count: { by: 'total' } },
    { count: { by: 'total', totalMinor: -5 } },
    { count: { by: 'denominations', pieces: { abc: 1 } } },
    { count: { by: 'total', totalMinor: 5 }, pin: '12' },
  ],
  'shift.report': [{}, { id: 0 }, { id: 'x' }],
  'shift.closed': [{}, { limit: 0 }, { limit: 51 }],
  'shift.export': [{ id: 1 }, { id: 1, format: 'xlsx' }, { id: 1, format: 'csv', to: 'desktop' }],
  'shift.print': [{}, { id: 'one' }, { id: 1, copies: 2 }],
};

const tillChannels = requestChannels.filter(
  (channel): channel is TillChannel => !channel.startsWith('kiosk.'),
);

describe('IPC dispatcher', () => {
  let fixture: Fixture;
  let dispatch: Dispatch;
  const trusted = new Set([1]);

  beforeEach(async () => {
    fixture = await openTerminal();
    dispatch = fixture.terminal.dispatcher(previewSenderCheck(trusted));
  });
  afterEach(() => fixture.close());

  const signIn = (pin: string) => dispatch('operator.signIn', { pin }, sender);

  it('refuses a channel the contract does not name', async () => {
    for (const channel of ['settings.password', 'ipc.invoke', '__proto__', 'constructor', 42, null]) {
      expect(await dispatch(channel, {}, sender)).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('refuses every channel from a sender it does not trust, before looking at the payload', async () => {
    for (const channel of requestChannels) {
      expect(await dispatch(channel, { pin: managerPin }, stranger)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(fixture.terminal.session.operator).toBeNull();
  });

  it("answers the kiosk's channels on a till as channels it does not know", async () => {
    await signIn(managerPin);
    for (const channel of requestChannels.filter((c) => c.startsWith('kiosk.'))) {
      expect(await dispatch(channel, undefined, sender), channel).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('answers a malformed payload on every channel with a typed error that never echoes the value', async () => {
    await signIn(managerPin);
    for (const channel of tillChannels) {
      for (const payload of badPayloads[channel]) {
        const result = await dispatch(channel, payload, sender);
        expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid_payload' },
        });
        if (!result.ok) {
          expect(result.error.reasons?.length).toBeGreaterThan(0);
          expect(JSON.stringify(result)).not.toContain('12ab');
        }
      }
    }
  });

  it('every channel in the contract has a bad-payload case here', () => {
    expect(Object.keys(badPayloads).sort()).toEqual([...tillChannels].sort());
    expect(Object.keys(requests).sort()).toEqual([...requestChannels].sort());
  });

  it('refuses operator channels before sign-in and manager channels to a cashier', async () => {
    const operatorOnly = requestChannels.filter((c) => requests[c].access === 'operator');
    const managerOnly = requestChannels.filter((c) => requests[c].access === 'manager');
    expect(managerOnly).toEqual(
      expect.arrayContaining([
        'settings.get',
        'settings.update',
        'settings.stores',
        'diagnostics.run',
        'demo.setOutage',
      ]),
    );
    const valid: Partial<Record<RequestChannel, unknown>> = {
      'customers.identifyByCard': { cardNumber: '123' },
      'customers.search': { query: 'Novak' },
      'settings.update': { patch: { language: 'en' }, pin: managerPin },
      'demo.setOutage': { on: true },
      'updates.postpone': { hours: 4, pin: managerPin },
      'checkout.product': { code: '8594001021000' },
      'checkout.preview': {
        saleId: 'sale-000001',
        cart: { currency: 'CZK', lines: [] },
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      },
      'checkout.limits': {
        saleId: 'sale-000001',
        cart: { currency: 'CZK', lines: [] },
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      },
      'checkout.pay': {
        saleId: 'sale-000001',
        cart: { currency: 'CZK', lines: [] },
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
        tender: 'cash',
        expectedToPayMinor: 0,
      },
      'checkout.cancel': { billId: 'B1', pin: managerPin },
      'checkout.recent': { limit: 5 },
      'checkout.park': {
        saleId: 'sale-000001',
        cart: { currency: 'CZK', lines: [] },
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
        reason: 'parked',
        customerName: null,
      },
      'checkout.parkLeft': {
        saleId: 'sale-000001',
        cart: { currency: 'CZK', lines: [] },
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
        reason: 'signOut',
        customerName: null,
      },
      'checkout.parked': undefined,
      'checkout.recall': { id: 'no-such-sale' },
      'checkout.keepOpen': { sale: null },
      'vouchers.check': { code: 'DEMO100', customerId: null },
      'queue.list': { filter: {}, page: { limit: 10 } },
      'queue.show': { id: 1 },
      'queue.retry': { id: 1, pin: managerPin },
      'queue.void': { id: 1, reason: 'test', pin: managerPin },
      'queue.resend': { id: 1, pin: managerPin },
      'queue.export': { filter: {}, format: 'csv', pin: managerPin },
      'queue.customers': { ids: ['c1'] },
      'audit.list': { page: { limit: 10, offset: 0 } },
      'audit.export': { format: 'json', pin: managerPin },
      'dashboard.figures': undefined,
    };
    const payloadFor = (c: RequestChannel) =>
      valid[c] ?? (c.startsWith('customers.') ? { customerId: 'c1' } : undefined);
    for (const channel of [...operatorOnly, ...managerOnly]) {
      expect(await dispatch(channel, payloadFor(channel), sender)).toMatchObject({
        ok: false,
        error: { code: 'not_signed_in' },
      });
    }
    expect(await signIn(cashierPin)).toMatchObject({ ok: true, value: { role: 'cashier' } });
    for (const channel of managerOnly) {
      expect(await dispatch(channel, payloadFor(channel), sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_role' },
      });
    }
    expect(fixture.terminal.settings.view().language).toBe('cs');
    await dispatch('operator.signOut', undefined, sender);
    await signIn(managerPin);
    expect(
      await dispatch('settings.update', { patch: { language: 'en' }, pin: managerPin }, sender),
    ).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('reports wrong PINs and then the lock with its end', async () => {
    for (let left = 4; left >= 1; left -= 1) {
      const result = await signIn('0000');
      expect(result).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    }
    const locked = await signIn('0000');
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
    if (!locked.ok) expect(Date.parse(locked.error.until ?? '')).toBeGreaterThan(Date.now());
    expect(await signIn(managerPin)).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await dispatch('session.status', undefined, sender)).toMatchObject({
      ok: true,
      value: { operator: null, lockedUntil: expect.any(String) },
    });
  });

  it('refuses invalid settings field by field and keeps the password write-only', async () => {
    await signIn(managerPin);
    const bad = await dispatch(
      'settings.update',
      { patch: { projectUrl: 'ftp://x', cashdeskNumber: 'seven' }, pin: managerPin },
      sender,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    if (!bad.ok)
      expect(bad.error.reasons?.map((r) => r.name).sort()).toEqual(['cashdeskNumber', 'projectUrl']);
    const saved = await dispatch(
      'settings.update',
      { patch: { password: 'n3w-Secret' }, pin: managerPin },
      sender,
    );
    expect(saved).toMatchObject({ ok: true, value: { passwordSet: true } });
    expect(JSON.stringify(saved)).not.toContain('n3w-Secret');
    expect(JSON.stringify(await dispatch('settings.get', undefined, sender))).not.toContain('n3w-Secret');
  });

  it('refuses the outage switch outside demo mode', async () => {
    await signIn(managerPin);
    expect(await dispatch('demo.setOutage', { on: true }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_demo' },
    });
  });

  it('answers lookups with `offline` when CareCloud cannot be reached and the card is unknown here', async () => {
    await signIn(cashierPin);
    expect(await dispatch('customers.identifyByCard', { cardNumber: '2000000000015' }, sender)).toMatchObject(
      { ok: false, error: { code: 'offline' } },
    );
    expect(await dispatch('customers.search', { query: 'jana@example.com' }, sender)).toMatchObject({
      ok: true,
      value: { customers: [], fromCache: true },
    });
  });

  it('turns an unexpected failure into `internal` without its text', async () => {
    await signIn(managerPin);
    fixture.stores.settings.set = () => {
      throw new Error('EACCES: /home/secret-path/settings.json');
    };
    const result = await dispatch('settings.update', { patch: { login: 'other' }, pin: managerPin }, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
  });
});
