// The sandbox's create-voucher (points taken once, one voucher), recommended-best-rewards and
// assign-customer (the sale's points credited to the customer once), every answer checked
// against the contract by the test helper.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demo, storeIds } from '../../sandbox/seed.ts';
import { startTestSandbox, type OkBody, type TestSandbox } from '../support/sandbox.ts';
import { acceptPayment, reasons, sendPurchase } from './bills.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const jana = demo.customers.regular;
const points = async (customerId: string) =>
  (
    await sandbox.call<OkBody<'getWalletPoints'>>('GET', '/wallet/actions/points-overview', {
      query: { customer_id: customerId },
    })
  ).body.data.available_points;
const rewardId = async (code: string) =>
  (await sandbox.call<OkBody<'getRewards'>>('GET', '/rewards', { query: { code } })).body.data.rewards[0]!
    .reward_id!;
const purchase = async (billId: string) =>
  (
    await sandbox.call<OkBody<'getPurchases'>>('GET', '/purchases', {
      query: { external_purchase_id: billId },
    })
  ).body.data.purchases[0]!;
const assign = (body: Record<string, unknown>) =>
  sandbox.call('POST', '/purchases/actions/assign-customer', { body: { store_id: storeIds.praha, ...body } });

describe('create-voucher', () => {
  it('takes the points once and makes exactly one voucher with the code asked for', async () => {
    const before = await points(jana);
    const id = await rewardId(demo.rewards.value100);
    const made = await sandbox.call<OkBody<'postRewardCreateVoucher'>>(
      'POST',
      `/rewards/${id}/actions/create-voucher`,
      { body: { customer_id: jana, code: 'RTEST0000001' } },
    );
    expect(made.status).toBe(201);
    expect(await points(jana)).toBe(before - 500);
    const again = await sandbox.call('POST', `/rewards/${id}/actions/create-voucher`, {
      body: { customer_id: jana, code: 'RTEST0000001' },
    });
    expect(reasons(again.body)).toEqual(['code:already_exists']);
    expect(await points(jana)).toBe(before - 500);
    const found = await sandbox.call<OkBody<'getVouchers'>>('GET', '/vouchers', {
      query: { code: 'RTEST0000001' },
    });
    expect(found.body.data.vouchers.map((v) => [v.voucher_id, v.customer_id])).toEqual([
      [made.body.data.voucher_id, jana],
    ]);
  });

  it('refuses a reward the points do not reach', async () => {
    const id = await rewardId(demo.rewards.expensive);
    const poor = demo.customers.credits;
    const res = await sandbox.call('POST', `/rewards/${id}/actions/create-voucher`, {
      body: { customer_id: poor },
    });
    expect(reasons(res.body)).toEqual(['reward_id:not_enough_points_for_voucher']);
  });
});

describe('recommended-best-rewards', () => {
  it('lists, condensed, only what this customer and bill can use, by priority', async () => {
    const res = await sandbox.call<OkBody<'postPurchaseRecommendedRewards'>>(
      'POST',
      '/purchases/actions/recommended-best-rewards',
      {
        body: {
          ...acceptPayment([{ price: 300 }]),
          payment_type: undefined,
          customer_id: jana,
          reward_list_type: 'C',
        },
      },
    );
    expect(res.status).toBe(200);
    const codes = res.body.data.recommended_best_rewards!.map((r) => r.code);
    expect(codes).toContain(demo.rewards.value100);
    expect(codes).not.toContain(demo.rewards.expensive);
    expect(codes).not.toContain(demo.rewards.brno);
    expect(
      res.body.data.recommended_best_rewards!.find((r) => r.code === demo.rewards.value100)!.max_count,
    ).toBe(Math.floor((await points(jana)) / 500));
  });
});

describe('assign-customer', () => {
  it("credits the sale's points to the customer once, and refuses a second assignment", async () => {
    expect(
      (
        await sandbox.call('POST', '/purchases/actions/send-purchase', {
          body: sendPurchase('LATER-1', [{ price: 250 }, { price: 100, loyaltyOff: true }]),
        })
      ).status,
    ).toBe(201);
    expect((await purchase('LATER-1')).customer_id).toBeFalsy();
    const before = await points(jana);
    const res = await assign({ external_purchase_id: 'LATER-1', card_number: demo.cards.regular });
    expect(res.status).toBe(204);
    // 250 CZK eligible at 1 point per 10 CZK in Praha; the loyalty-off item earns nothing.
    expect(await points(jana)).toBe(before + 25);
    expect((await purchase('LATER-1')).customer_id).toBe(jana);
    const again = await assign({
      external_purchase_id: 'LATER-1',
      customer_id: demo.customers.otherCustomer,
    });
    expect(reasons(again.body)).toEqual(['external_purchase_id:relation_already_exists']);
    expect(await points(jana)).toBe(before + 25);
  });

  it('refuses an unknown bill, a cancelled sale, another store, and a request naming nobody', async () => {
    expect(reasons((await assign({ external_purchase_id: 'NOPE', customer_id: jana })).body)).toEqual([
      'external_purchase_id:not_found',
    ]);
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('LATER-2', [{ price: 100 }]),
    });
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('CLATER-2', [{ price: 100 }], {}, { canceled: true, bill_number: 'LATER-2' }),
    });
    expect(reasons((await assign({ external_purchase_id: 'LATER-2', customer_id: jana })).body)).toEqual([
      'external_purchase_id:not_allowed_value',
    ]);
    await sandbox.call('POST', '/purchases/actions/send-purchase', {
      body: sendPurchase('LATER-3', [{ price: 100 }]),
    });
    expect(
      reasons(
        (await assign({ external_purchase_id: 'LATER-3', customer_id: jana, store_id: storeIds.brno })).body,
      ),
    ).toEqual(['external_purchase_id:not_found']);
    expect(reasons((await assign({ external_purchase_id: 'LATER-3' })).body)).toEqual([
      'customer_id:required',
    ]);
    // The contract requires the purchase's id.
    expect(
      reasons(
        (
          await sandbox.call('POST', '/purchases/actions/assign-customer', {
            body: { store_id: storeIds.praha, customer_id: jana },
          })
        ).body,
      ),
    ).toEqual(['external_purchase_id:required']);
  });
});
