// The screens' side of rewards and points claimed later, over a scripted main: every press
// of one confirmation carries the same id and the voucher is handed on once; a scan into the
// claim form fills the focused field.
import { describe, expect, it } from 'vitest';
import { PointsClaimForm, RewardRedeemer } from '../../renderer/src/state/rewards.svelte.ts';
import type { ResultOf } from '../../shared/ipc/index.ts';
import { alice, aliceCard, deferred, fakeMain, ok } from './fake-main.ts';

describe('redeeming a reward on screen', () => {
  it('sends one confirmation id for every press and applies the voucher once', async () => {
    const answer = deferred<ResultOf<'rewards.redeem'>>();
    const main = fakeMain({ 'rewards.redeem': () => answer.promise });
    const redeemer = new RewardRedeemer(main.pos);
    redeemer.ask('c1', 'r1');
    const id = redeemer.confirming!.confirmationId;
    const applied: string[] = [];
    const first = redeemer.confirm((code) => applied.push(code));
    const second = redeemer.confirm((code) => applied.push(code));
    expect(second).toBe(first);
    expect(redeemer.busy).toBe(true);
    answer.resolve(ok({ outcome: 'created', voucher: { voucherId: 'v1', code: 'RCODE', rewardId: 'r1' } }));
    await first;
    expect(main.calls.map((c) => c.payload)).toEqual([
      { customerId: 'c1', rewardId: 'r1', confirmationId: id },
    ]);
    expect(applied).toEqual(['RCODE']);
    expect(redeemer.confirming).toBeNull();
    expect(redeemer.last).toMatchObject({
      rewardId: 'r1',
      result: { ok: true, outcome: { outcome: 'created' } },
    });
  });

  it('keeps the confirmation after an unanswered press, and the next press sends the same id', async () => {
    const answers: ResultOf<'rewards.redeem'>[] = [
      ok({ outcome: 'uncertain' }),
      ok({ outcome: 'created', voucher: { voucherId: 'v1', code: 'RCODE', rewardId: 'r1' } }),
    ];
    const main = fakeMain({ 'rewards.redeem': () => answers.shift()! });
    const redeemer = new RewardRedeemer(main.pos);
    redeemer.ask('c1', 'r1');
    await redeemer.confirm();
    expect(redeemer.confirming).not.toBeNull();
    await redeemer.confirm();
    const ids = main.calls.map((c) => (c.payload as { confirmationId: string }).confirmationId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    // A new confirmation is a new id.
    redeemer.ask('c1', 'r1');
    expect(redeemer.confirming!.confirmationId).not.toBe(ids[0]);
  });

  it('closes the confirmation when offline: nothing was asked', async () => {
    const main = fakeMain({ 'rewards.redeem': () => ok({ outcome: 'offline' as const }) });
    const redeemer = new RewardRedeemer(main.pos);
    redeemer.ask('c1', 'r1');
    await redeemer.confirm();
    expect(redeemer.confirming).toBeNull();
    expect(redeemer.last?.result).toEqual({ ok: true, outcome: { outcome: 'offline' } });
  });
});

describe('the points-claim form', () => {
  it('takes a scan into the focused field only, finds the card, and sends the sale once at a time', async () => {
    const sent = deferred<ResultOf<'purchases.assignCustomer'>>();
    const main = fakeMain({
      'customers.identifyByCard': () => ok({ customer: alice, card: aliceCard, fromCache: false }),
      'purchases.assignCustomer': () => sent.promise,
    });
    const form = new PointsClaimForm(main.pos);
    expect(form.takeScan('BILL-1')).toBeNull();
    form.focused('sale');
    expect(form.takeScan('BILL-1')).toBe('sale');
    form.focused('card');
    expect(form.takeScan(aliceCard.number)).toBe('card');
    form.focused(null);
    expect([form.sale, form.card]).toEqual(['BILL-1', aliceCard.number]);
    await form.findCard((c) => `${c.firstName} ${c.lastName}`);
    expect(form.customer).toEqual({ id: 'c1', name: 'Alice Nováková', cardNumber: aliceCard.number });
    const first = form.send();
    expect(await form.send()).toBeNull();
    sent.resolve(ok({ outcome: 'assigned', billId: 'BILL-1' }));
    expect(await first).toEqual({
      ok: true,
      outcome: { outcome: 'assigned', billId: 'BILL-1' },
      name: 'Alice Nováková',
    });
    expect(main.calls.filter((c) => c.channel === 'purchases.assignCustomer').map((c) => c.payload)).toEqual([
      { sale: 'BILL-1', customerId: 'c1', cardNumber: aliceCard.number },
    ]);
  });
});
