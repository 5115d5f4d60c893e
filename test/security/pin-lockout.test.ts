// Attacks on the PIN lockout, against a real terminal (its own wiring, the sandbox as
// CareCloud): a burst of parallel guesses, a cashier alternating guesses with their own
// PIN, and a signed-in cashier reading the answers of cancellation as an oracle.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cartTotals } from '../../shared/checkout/cart.ts';
import type { Result } from '../../shared/ipc/result.ts';
import { OperatorDirectory } from '../../electron/operators/operators.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  sender,
  type CheckoutFixture,
} from '../checkout/fixture.ts';
import { openTerminal } from '../ipc/terminal-fixture.ts';

/** The PINs a guesser tries: none belongs to anybody. */
const guesses = Array.from({ length: 32 }, (_, i) => String(100000 + i));
const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);
/** An answer without what legitimately changes from one refusal to the next. */
const shape = (result: Result<unknown>) =>
  result.ok ? result : { ...result, error: { ...result.error, attemptsLeft: undefined } };

async function closedSale(f: CheckoutFixture): Promise<string> {
  const cart = await cartOf(f, [barcodes.bread]);
  const paid = await f.ok('checkout.pay', {
    saleId: newSaleId(),
    cart,
    ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
    tender: 'cash',
    expectedToPayMinor: cartTotals(cart).totalMinor,
  });
  if (paid.outcome !== 'closed') throw new Error(paid.outcome);
  return paid.receipt.billId;
}

describe('PIN lockout under attack', () => {
  let f: CheckoutFixture;
  beforeEach(async () => {
    f = await openCheckout();
  });
  afterEach(() => f.close());

  it('32 parallel wrong PINs at sign-in lock it, and the right manager PIN is refused straight after', async () => {
    const answers = await Promise.all(guesses.map((pin) => f.call('operator.signIn', { pin })));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'wrong_pin')).toHaveLength(4);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(28);
    expect(await f.call('operator.signIn', { pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(f.terminal.session.operator).toBeNull();
  });

  it('32 parallel wrong manager PINs at cancellation lock manager PINs; the right one is refused after', async () => {
    await f.signIn(cashierPin);
    const billId = await closedSale(f);
    const answers = await Promise.all(guesses.map((pin) => f.call('checkout.cancel', { billId, pin })));
    expect(answers.map(codeOf).filter((c) => c === 'wrong_pin')).toHaveLength(4);
    expect(await f.call('checkout.cancel', { billId, pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(f.sandbox.control.purchases().filter((b) => b.bill_id === `C${billId}`)).toHaveLength(0);
  });

  it('a cashier alternating guesses with their own PIN at sign-in is locked out after five guesses', async () => {
    const answers: string[] = [];
    for (const pin of guesses.slice(0, 6)) {
      answers.push(codeOf(await f.call('operator.signIn', { pin })));
      const own = await f.call('operator.signIn', { pin: cashierPin });
      if (own.ok) await f.call('operator.signOut', undefined);
    }
    expect(answers).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked', 'locked']);
    expect(await f.call('operator.signIn', { pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });

  it("a cashier's own PIN does not reset the manager-PIN count: alternating at cancellation locks it", async () => {
    await f.signIn(cashierPin);
    const billId = await closedSale(f);
    const answers: string[] = [];
    for (const pin of guesses.slice(0, 6)) {
      answers.push(codeOf(await f.call('checkout.cancel', { billId, pin })));
      await f.signIn(cashierPin);
    }
    expect(answers).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked', 'locked']);
    expect(await f.call('checkout.cancel', { billId, pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });

  it('cancellation is no oracle: a cashier PIN reads as wrong, an unknown bill says the same for any PIN', async () => {
    await f.signIn(cashierPin);
    const billId = await closedSale(f);
    const wrong = await f.call('checkout.cancel', { billId, pin: '424242' });
    const cashiers = await f.call('checkout.cancel', { billId, pin: cashierPin });
    expect(shape(cashiers)).toEqual(shape(wrong));
    expect(JSON.stringify(cashiers)).not.toMatch(/manager|cashier|role/i);

    const noBill = 'NO-SUCH-BILL';
    const withManagerPin = await f.call('checkout.cancel', { billId: noBill, pin: managerPin });
    const withWrongPin = await f.call('checkout.cancel', { billId: noBill, pin: '424243' });
    expect(withManagerPin).toEqual(withWrongPin);
    expect(withManagerPin).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Those two cost no tries: the count stands where the two refusals above left it.
    expect(await f.call('checkout.cancel', { billId, pin: '424244' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', attemptsLeft: 2 },
    });
  });

  it('queue actions and settings give the same refusal for a cashier PIN as for an unknown one', async () => {
    await f.signIn(managerPin);
    const wrong = await f.call('settings.update', { patch: { language: 'en' }, pin: '424242' });
    const cashiers = await f.call('settings.update', { patch: { language: 'en' }, pin: cashierPin });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(shape(cashiers)).toEqual(shape(wrong));
    const export1 = await f.call('queue.export', { filter: {}, format: 'csv', pin: cashierPin });
    expect(shape(export1)).toEqual(shape(wrong));
    // Unknown entries answer before the PIN: nothing to learn about it there either.
    expect(await f.call('queue.retry', { id: 99_999, pin: managerPin })).toEqual(
      await f.call('queue.retry', { id: 99_999, pin: '424242' }),
    );
    expect(f.terminal.settings.view().language).toBe('cs');
  });

  it('the lock survives a restart, and another manager lifts it on the terminal', async () => {
    for (const pin of guesses.slice(0, 5)) await f.call('operator.signIn', { pin });
    await f.restart();
    expect(await f.call('operator.signIn', { pin: cashierPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await f.call('session.status', undefined)).toMatchObject({
      ok: true,
      value: { lockedUntil: expect.any(String) },
    });

    // A cashier cannot lift it, and gets the same refusal as any wrong PIN.
    expect(await f.call('operator.unlock', { pin: cashierPin })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    expect(await f.call('operator.unlock', { pin: managerPin })).toEqual({ ok: true, value: null });
    expect(await f.call('operator.signIn', { pin: cashierPin })).toMatchObject({
      ok: true,
      value: { role: 'cashier' },
    });
    expect(await f.call('operator.unlock', { pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    await f.signIn(managerPin);
    const audit = await f.ok('audit.list', { page: { limit: 20, offset: 0 } });
    expect(audit.records.map((r) => r.action)).toEqual(expect.arrayContaining(['pin-unlock', 'pin-refused']));
  });

  it('the unlock prompt has a count of its own: guessing there locks it too, and it does not lift itself', async () => {
    for (const pin of guesses.slice(0, 5)) await f.call('operator.signIn', { pin });
    const answers = await Promise.all(guesses.slice(5).map((pin) => f.call('operator.unlock', { pin })));
    expect(answers.map(codeOf).filter((c) => c === 'wrong_pin')).toHaveLength(4);
    expect(await f.call('operator.unlock', { pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await f.call('operator.signIn', { pin: managerPin })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });
});

describe('manager PINs on a configured terminal', () => {
  it('a 4-digit manager PIN (one left from the demo) is refused like a wrong PIN', async () => {
    const fixture = await openTerminal();
    try {
      await new OperatorDirectory(fixture.stores.operators, { minManagerPin: 4 }).add({
        name: 'Demo Manager',
        role: 'manager',
        pin: '9999',
      });
      const dispatch = fixture.terminal.dispatcher(() => true);
      expect(await dispatch('operator.signIn', { pin: '9999' }, sender)).toMatchObject({
        ok: false,
        error: { code: 'wrong_pin' },
      });
      expect(await dispatch('operator.signIn', { pin: managerPin }, sender)).toMatchObject({
        ok: true,
        value: { role: 'manager' },
      });
    } finally {
      await fixture.close();
    }
  });
});
