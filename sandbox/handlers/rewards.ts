// Rewards, and turning points into a voucher.
import { invalid, resourceNotFound } from '../errors.ts';
import { listReply, matches, containsText } from '../listing.ts';
import type { Reward, Voucher } from '../model.ts';
import { wireReward } from '../wire.ts';
import {
  bodyOf,
  bool,
  changed,
  int,
  ok,
  str,
  strList,
  type Handler,
  type HandlerContext,
  type Schemas,
} from './context.ts';
import { referencedCustomer } from '../customer-reference.ts';

export function rewardRows(ctx: HandlerContext): Schemas['Reward'][] {
  const q = ctx.query;
  const name = str(q, 'name');
  const storeId = str(q, 'store_id');
  const valid = bool(q, 'is_valid');
  const code = str(q, 'code');
  const automated = bool(q, 'is_automated');
  const group = int(q, 'reward_group');
  const withoutStores = bool(q, 'without_stores');
  const tags = strList(q, 'tag_ids');
  const type = str(q, 'reward_type_id');
  return ctx.project.data.rewards
    .filter(
      (r) =>
        r.state !== 0 &&
        containsText(r.name[ctx.lang], name) &&
        (storeId === undefined || r.store_ids.length === 0 || r.store_ids.includes(storeId)) &&
        (valid === undefined || (r.state === 1) === valid) &&
        matches(r.code, code) &&
        matches(r.is_automated, automated) &&
        matches(r.reward_group, group) &&
        matches(r.reward_type_id, type) &&
        (withoutStores !== true || r.store_ids.length === 0) &&
        // The demo rewards carry no tags, so a tag filter finds none.
        (tags === undefined || tags.length === 0),
    )
    .map((r) => wireReward(ctx.project, r, ctx.lang));
}

export const getRewards: Handler = (ctx) => listReply('rewards', rewardRows(ctx), ctx.query, ctx.sortable);

function pathReward(ctx: HandlerContext): Reward {
  const id = ctx.params.reward_id ?? '';
  const reward = ctx.project.reward(id);
  if (!reward || reward.state === 0) throw resourceNotFound('rewards', id);
  return reward;
}

export const getReward: Handler = (ctx) => ok(wireReward(ctx.project, pathReward(ctx), ctx.lang));

function addDays(local: string, days: number): string {
  const d = new Date(`${local.replace(' ', 'T')}Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)} ${local.slice(11)}`;
}

export const postRewardCreateVoucher: Handler = (ctx) => {
  const reward = pathReward(ctx);
  const body = bodyOf<'postRewardCreateVoucher'>(ctx);
  const { project } = ctx;
  const customer = referencedCustomer(project, body.customer_id);
  if (reward.state !== 1)
    throw invalid('reward_id', 'not_allowed_value', reward.reward_id, 'The reward is not active.');
  if (body.code !== undefined && project.voucherByCode(body.code))
    throw invalid('code', 'already_exists', body.code, 'A voucher with this code exists.');
  const available = project.availablePoints(customer.customer_id);
  if (available < reward.points_cost) {
    throw invalid(
      'reward_id',
      'not_enough_points_for_voucher',
      reward.reward_id,
      `The reward costs ${reward.points_cost} points; the customer has ${available}.`,
    );
  }
  const voucherId = project.nextId('voucher');
  const gift = reward.benefit.kind === 'gift';
  const voucher: Voucher = {
    voucher_id: voucherId,
    code: body.code ?? `R${voucherId.slice(0, 9).toUpperCase()}`,
    customer_id: customer.customer_id,
    reward_id: reward.reward_id,
    store_id: reward.store_ids.length === 1 ? reward.store_ids[0]! : null,
    bearer: gift,
    valid_from: ctx.now,
    valid_to: addDays(ctx.now, 365),
    applied_date: null,
    balance_minor: gift ? reward.benefit.amount : null,
    original_minor: gift ? reward.benefit.amount : null,
    note: body.note ?? '',
    state: 1,
    created_at: ctx.now,
    last_change: ctx.now,
  };
  project.addVoucher(voucher);
  project.addLedger({
    customer_id: customer.customer_id,
    kind: 'points',
    amount: -reward.points_cost,
    currency_id: null,
    at: ctx.now,
    purchase_id: null,
  });
  return changed({ voucher_id: voucher.voucher_id }, 201);
};
