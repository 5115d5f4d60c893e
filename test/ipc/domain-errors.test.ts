// Every refusal a service throws reaches the screens through the real dispatcher with a code
// of its own, worded in both languages, never as "internal"; and the app's own wiring answers
// the refusals that used to be recognised by message text (or not at all) with their codes.
import { afterEach, describe, expect, it } from 'vitest';
import { CartError } from '../../shared/checkout/cart.ts';
import type { ErrorCode, PosError } from '../../shared/ipc/result.ts';
import * as domain from '../../electron/domain/errors.ts';
import { createDispatcher, type Handlers } from '../../electron/ipc/dispatcher.ts';
import { previewSenderCheck, type SenderContext } from '../../electron/ipc/sender.ts';
import { JournalUnavailableError, SendUncertainError } from '../../electron/journal/errors.ts';
import { ShiftNotFound, ShiftStateError } from '../../electron/journal/shifts.ts';
import { ShiftInputError } from '../../electron/shift/shift-service.ts';
import { SalePlaceError } from '../../electron/checkout/sale-place.ts';
import { BillRefusedError } from '../../electron/sync/bill-check.ts';
import { OfflineBenefitRefusedError } from '../../electron/sync/offline-benefits.ts';
import { NoCustomerSessionError, UnknownCardTypeError } from '../../electron/carecloud/customer-client.ts';
import { errorSentence } from '../../renderer/src/state/errors.ts';
import { Locale } from '../../renderer/src/state/locale.svelte.ts';
import { cashierPin, managerPin, openTerminal, type Fixture } from './terminal-fixture.ts';

const sender: SenderContext = { transport: 'preview', connectionId: 1, origin: 'http://127.0.0.1:1' };
const until = new Date('2026-12-02T15:00:00Z');

/** Each refusal a service throws, and the answer the screens must get for it. */
const refusals: { error: Error; code: ErrorCode; extra?: Partial<PosError> }[] = [
  { error: new domain.NotFound('There is no journal entry 7.'), code: 'not_found' },
  { error: new domain.InvalidState('Entry 7 is synced'), code: 'invalid_state' },
  {
    error: new domain.InvalidInput('An empty sale cannot be paid', [
      { name: 'cart', reason: 'empty', message: 'empty' },
    ]),
    code: 'invalid_payload',
    extra: { reasons: [{ name: 'cart', reason: 'empty', message: 'empty' }] },
  },
  { error: new domain.NotConfigured('No customer source is set'), code: 'not_configured' },
  {
    error: new domain.RefusedByCareCloud('CareCloud refused the sign-up', [
      { name: 'email', reason: 'already_exists', message: 'taken' },
    ]),
    code: 'carecloud_rejected',
    extra: { reasons: [{ name: 'email', reason: 'already_exists', message: 'taken' }] },
  },
  {
    error: new domain.Unavailable('carecloud', 'CareCloud answered nonsense'),
    code: 'carecloud_unavailable',
  },
  { error: new domain.Unavailable('offline', 'Needs CareCloud'), code: 'offline' },
  { error: new domain.Unavailable('journal', 'The journal is read-only'), code: 'journal_unavailable' },
  {
    error: new domain.PinRefused({ reason: 'refused', attemptsLeft: 2 }),
    code: 'wrong_pin',
    extra: { attemptsLeft: 2 },
  },
  {
    error: new domain.PinRefused({ reason: 'locked', until }),
    code: 'locked',
    extra: { until: until.toISOString() },
  },
  { error: new SendUncertainError('Entry 7 may already be in CareCloud'), code: 'maybe_in_carecloud' },
  { error: new JournalUnavailableError('disk-full'), code: 'journal_unavailable' },
  { error: new ShiftStateError('no_open_shift'), code: 'no_open_shift' },
  { error: new ShiftStateError('shift_already_open'), code: 'shift_open' },
  { error: new ShiftStateError('shift_closed'), code: 'shift_closed' },
  { error: new ShiftNotFound(), code: 'not_found' },
  { error: new ShiftInputError('A cash movement needs its reason'), code: 'invalid_payload' },
  { error: new SalePlaceError('No store is chosen for this terminal'), code: 'not_configured' },
  { error: new BillRefusedError('A bill needs at least one item.'), code: 'invalid_payload' },
  { error: new OfflineBenefitRefusedError('points'), code: 'offline' },
  { error: new UnknownCardTypeError(), code: 'unknown_card' },
  { error: new NoCustomerSessionError(), code: 'not_signed_in' },
  { error: new CartError('Line 1: amount too large'), code: 'invalid_payload' },
];

function throwingDispatcher(error: Error) {
  const handlers = { 'session.status': () => Promise.reject(error) } as unknown as Handlers;
  return createDispatcher({
    handlers,
    currentOperator: () => null,
    trustSender: previewSenderCheck(new Set([1])),
  });
}

describe('domain refusals through the dispatcher', () => {
  it.each(refusals.map((r) => [r.error.name, r] as const))(
    '%s reaches the screens with its own code, worded in Czech and English',
    async (_name, { error, code, extra }) => {
      const result = await throwingDispatcher(error)('session.status', undefined, sender);
      expect(result).toMatchObject({ ok: false, error: { code, ...extra } });
      if (result.ok) return;
      for (const language of ['cs', 'en'] as const) {
        const locale = new Locale(language);
        expect(errorSentence(locale, result.error)).not.toBe(
          errorSentence(locale, { code: 'internal', message: '' }),
        );
      }
    },
  );

  it('has a case for every kind of refusal the domain declares', () => {
    const declared = Object.values(domain).filter(
      (value): value is typeof domain.DomainError =>
        typeof value === 'function' && value.prototype instanceof domain.DomainError,
    );
    const covered = new Set(refusals.map((r) => r.error.constructor));
    for (const kind of declared) expect(covered.has(kind), kind.name).toBe(true);
    expect(declared.length).toBeGreaterThanOrEqual(7);
  });

  it('still answers an unexpected failure as internal, without its text', async () => {
    const result = await throwingDispatcher(new Error('ENOENT /home/secret-path'))(
      'session.status',
      undefined,
      sender,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
  });
});

describe('refusals on the app’s own wiring', () => {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  const cart = {
    currency: 'CZK',
    lines: [
      {
        lineId: '1',
        plu: '8594001021000',
        pluList: 'EAN',
        name: 'Rohlík',
        vatRate: 12,
        quantity: 1,
        unitPriceMinor: 390,
        lineDiscountMinor: 0,
        purchaseItemTypeId: 'store_purchase',
        loyaltyOff: false,
      },
    ],
  };
  const ask = { customer: null, voucherCodes: [], points: 0, credit: 0 };

  it('answers an unknown journal entry as not_found on every queue action', async () => {
    fixture = await openTerminal();
    const dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
    await dispatch('operator.signIn', { pin: managerPin }, sender);
    expect(await dispatch('queue.show', { id: 987 }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('queue.retry', { id: 987, pin: managerPin }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('queue.void', { id: 987, reason: 'stuck', pin: managerPin }, sender)).toMatchObject(
      { ok: false, error: { code: 'not_found' } },
    );
    expect(await dispatch('queue.resend', { id: 987, pin: managerPin }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('shift.report', { id: 987 }, sender)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers the sign-up desk’s refusals with their codes', async () => {
    fixture = await openTerminal();
    const dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
    await dispatch('operator.signIn', { pin: cashierPin }, sender);
    expect(
      await dispatch('signup.verifyCode', { requestId: 'never-sent-0001', code: '123456' }, sender),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await dispatch('signup.checkIdentifier', { type: 'email', value: 'not an e-mail' }, sender),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', reasons: [{ name: 'email', reason: 'invalid' }] },
    });
  });

  it('answers a sale on a terminal with no store as not_configured, not internal', async () => {
    fixture = await openTerminal({ settings: { storeId: '' } });
    const dispatch = fixture.terminal.dispatcher(previewSenderCheck(new Set([1])));
    await dispatch('operator.signIn', { pin: cashierPin }, sender);
    const paid = await dispatch(
      'checkout.pay',
      { saleId: 'sale-no-store', cart, ask, tender: 'card', expectedToPayMinor: 390 },
      sender,
    );
    expect(paid).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });
});
