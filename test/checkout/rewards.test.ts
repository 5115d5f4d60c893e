// Rewards at the lane through the terminal's own channels against the sandbox: one voucher
// per confirmation however often it is sent (at once, again, after a lost answer), refusals,
// offline, and the best rewards for a bill.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../sandbox/seed.ts';
import { voucherCodeFor } from '../../electron/checkout/rewards-desk.ts';
import {
  barcodes,
  cartOf,
  cashierPin,
  managerPin,
  newSaleId,
  openCheckout,
  pointsOf,
  type CheckoutFixture,
} from './fixture.ts';

type Reward = { reward_id: string; code: string; points_cost: number };

async function rewardOf(f: CheckoutFixture, code: string): Promise<Reward> {
  const res = await f.sandbox.call<{ data: { rewards: Reward[] } }>('GET', '/rewards', { query: { code } });
  const reward = res.body.data.rewards.find((r) => r.code === code);
  if (!reward) throw new Error(`no reward ${code}`);
  return reward;
}

async function vouchersOf(
  f: CheckoutFixture,
  customerId: string,
  rewardId: string,
): Promise<{ voucher_id: string; code: string }[]> {
  const res = await f.sandbox.call<{ data: { vouchers: { voucher_id: string; code: string }[] } }>(
    'GET',
    '/vouchers',
    { query: { customer_id: customerId, reward_id: rewardId, count: 100 } },
  );
  return res.body.data.vouchers;
}

let confirmations = 0;
function confirmationId(): string {
  confirmations += 1;
  return `test-confirmation-${process.pid}-${confirmations}`;
}

describe('redeeming a reward', () => {
  let f: CheckoutFixture;
  const customerId = demo.customers.manyPoints;
  beforeAll(async () => {
    f = await openCheckout();
    await f.signIn(cashierPin);
  });
  afterAll(() => f?.close());

  it('makes one voucher for a confirmation pressed three times at once and once more later', async () => {
    const reward = await rewardOf(f, demo.rewards.value100);
    const before = await pointsOf(f.sandbox, customerId);
    const vouchersBefore = await vouchersOf(f, customerId, reward.reward_id);
    const confirmation = confirmationId();
    const payload = { customerId, rewardId: reward.reward_id, confirmationId: confirmation };
    const answers = await Promise.all([
      f.ok('rewards.redeem', payload),
      f.ok('rewards.redeem', payload),
      f.ok('rewards.redeem', payload),
    ]);
    const again = await f.ok('rewards.redeem', payload);
    for (const answer of [...answers, again])
      expect(answer).toEqual({
        outcome: 'created',
        voucher: {
          voucherId: expect.any(String),
          code: voucherCodeFor(confirmation),
          rewardId: reward.reward_id,
        },
      });
    expect(
      new Set([...answers, again].map((a) => (a.outcome === 'created' ? a.voucher.voucherId : null))).size,
    ).toBe(1);
    const made = (await vouchersOf(f, customerId, reward.reward_id)).filter(
      (v) => !vouchersBefore.some((b) => b.voucher_id === v.voucher_id),
    );
    expect(made.map((v) => v.code)).toEqual([voucherCodeFor(confirmation)]);
    expect(await pointsOf(f.sandbox, customerId)).toBe(before - reward.points_cost);
  });

  it('a new confirmation makes a new voucher', async () => {
    const reward = await rewardOf(f, demo.rewards.percent10);
    const first = await f.ok('rewards.redeem', {
      customerId,
      rewardId: reward.reward_id,
      confirmationId: confirmationId(),
    });
    const second = await f.ok('rewards.redeem', {
      customerId,
      rewardId: reward.reward_id,
      confirmationId: confirmationId(),
    });
    if (first.outcome !== 'created' || second.outcome !== 'created') throw new Error('expected two vouchers');
    expect(first.voucher.voucherId).not.toBe(second.voucher.voucherId);
  });

  it('after an answer lost on the way, pressing again finds the voucher the first press made', async () => {
    const reward = await rewardOf(f, demo.rewards.value100);
    const before = await pointsOf(f.sandbox, customerId);
    const payload = { customerId, rewardId: reward.reward_id, confirmationId: confirmationId() };
    f.sandbox.control.dropNext(1);
    expect(await f.ok('rewards.redeem', payload)).toEqual({ outcome: 'uncertain' });
    // CareCloud made it: the points are gone already.
    expect(await pointsOf(f.sandbox, customerId)).toBe(before - reward.points_cost);
    const found = await f.ok('rewards.redeem', payload);
    expect(found).toMatchObject({
      outcome: 'created',
      voucher: { code: voucherCodeFor(payload.confirmationId) },
    });
    const withCode = (await vouchersOf(f, customerId, reward.reward_id)).filter(
      (v) => v.code === voucherCodeFor(payload.confirmationId),
    );
    expect(withCode).toHaveLength(1);
    expect(await pointsOf(f.sandbox, customerId)).toBe(before - reward.points_cost);
  });

  it('one confirmation cannot be reused for another reward', async () => {
    const first = await rewardOf(f, demo.rewards.value100);
    const other = await rewardOf(f, demo.rewards.percent10);
    const confirmation = confirmationId();
    await f.ok('rewards.redeem', { customerId, rewardId: first.reward_id, confirmationId: confirmation });
    const reused = await f.ok('rewards.redeem', {
      customerId,
      rewardId: other.reward_id,
      confirmationId: confirmation,
    });
    expect(reused).toMatchObject({
      outcome: 'refused',
      reasons: [{ name: 'confirmation_id', reason: 'already_exists' }],
    });
  });

  it('refuses with CareCloud reason when the points do not reach, and takes nothing', async () => {
    const reward = await rewardOf(f, demo.rewards.expensive);
    const poor = demo.customers.credits; // 40 points
    const before = await pointsOf(f.sandbox, poor);
    const answer = await f.ok('rewards.redeem', {
      customerId: poor,
      rewardId: reward.reward_id,
      confirmationId: confirmationId(),
    });
    expect(answer).toEqual({
      outcome: 'refused',
      reasons: [expect.objectContaining({ name: 'reward_id', reason: 'not_enough_points_for_voucher' })],
    });
    expect(await pointsOf(f.sandbox, poor)).toBe(before);
    expect(await vouchersOf(f, poor, reward.reward_id)).toEqual([]);
  });

  it('says offline and asks nothing while CareCloud is unreachable', async () => {
    const reward = await rewardOf(f, demo.rewards.value100);
    const before = (await vouchersOf(f, customerId, reward.reward_id)).length;
    await f.signIn(managerPin);
    await f.setOutage(true);
    await f.signIn(cashierPin);
    try {
      expect(
        await f.ok('rewards.redeem', {
          customerId,
          rewardId: reward.reward_id,
          confirmationId: confirmationId(),
        }),
      ).toEqual({ outcome: 'offline' });
      const cart = await cartOf(f, [barcodes.coffee]);
      expect(
        await f.ok('rewards.recommend', {
          saleId: newSaleId(),
          cart,
          ask: { customer: { customerId, cardNumber: null }, voucherCodes: [], points: 0, credit: 0 },
        }),
      ).toEqual({ rewards: [], offline: true });
    } finally {
      await f.signIn(managerPin);
      await f.setOutage(false);
      await f.signIn(cashierPin);
    }
    expect(await vouchersOf(f, customerId, reward.reward_id)).toHaveLength(before);
  });

  it('recommends what this bill and this customer can use, best first, with the reward to redeem', async () => {
    const cart = await cartOf(f, [barcodes.coffee, barcodes.wine]);
    const answer = await f.ok('rewards.recommend', {
      saleId: newSaleId(),
      cart,
      ask: {
        customer: { customerId: demo.customers.regular, cardNumber: demo.cards.regular },
        voucherCodes: [],
        points: 0,
        credit: 0,
      },
    });
    expect(answer.offline).toBe(false);
    const codes = answer.rewards.map((r) => r.code);
    expect(codes).toContain(demo.rewards.value100);
    // Brno only, and a minimum purchase this bill does not reach: not for this bill.
    expect(codes).not.toContain(demo.rewards.brno);
    expect(codes).not.toContain(demo.rewards.expensive);
    const value100 = answer.rewards.find((r) => r.code === demo.rewards.value100)!;
    const reward = await rewardOf(f, demo.rewards.value100);
    expect(value100).toMatchObject({
      rewardId: reward.reward_id,
      pointsCost: reward.points_cost,
      maxCount: expect.any(Number),
    });
    expect(value100.maxCount).toBeGreaterThan(0);
  });

  it('recommends nothing for a sale without a customer', async () => {
    const cart = await cartOf(f, [barcodes.coffee]);
    expect(
      await f.ok('rewards.recommend', {
        saleId: newSaleId(),
        cart,
        ask: { customer: null, voucherCodes: [], points: 0, credit: 0 },
      }),
    ).toEqual({ rewards: [], offline: false });
  });
});
