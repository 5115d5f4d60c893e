// Vouchers: lists, one voucher, applying one outside a purchase, gift-card balance.
import { checkVoucher, isSpent, usableInStore, refuse } from '../benefits.ts';
import { invalid, resourceNotFound } from '../errors.ts';
import { listReply, matches } from '../listing.ts';
import type { Voucher } from '../model.ts';
import { fromMinorUnits } from '../../shared/money.ts';
import { parseLocalDateTime } from '../time.ts';
import { wireVoucher } from '../wire.ts';
import { bodyOf, bool, ok, str, type Handler, type HandlerContext, type Schemas } from './context.ts';

export function isValidNow(ctx: HandlerContext, v: Voucher): boolean {
  return v.state === 1 && v.valid_from <= ctx.now && v.valid_to >= ctx.now && !isSpent(ctx.project, v);
}

export function voucherRows(ctx: HandlerContext, customerId?: string): Schemas['Voucher'][] {
  const q = ctx.query;
  const owner = customerId ?? str(q, 'customer_id');
  const code = str(q, 'code');
  const storeId = str(q, 'store_id');
  const valid = bool(q, 'is_valid');
  const applied = bool(q, 'is_applied');
  const withoutStores = bool(q, 'without_stores');
  const rewardId = str(q, 'reward_id');
  const { project } = ctx;
  return project.data.vouchers
    .filter(
      (v) =>
        v.state !== 0 &&
        matches(v.customer_id, owner) &&
        matches(v.code, code) &&
        matches(v.reward_id, rewardId) &&
        (storeId === undefined || usableInStore(project, v, storeId)) &&
        (valid === undefined || isValidNow(ctx, v) === valid) &&
        (applied === undefined || (v.applied_date !== null) === applied) &&
        (withoutStores !== true ||
          (v.store_id === null && (project.reward(v.reward_id)?.store_ids.length ?? 0) === 0)),
    )
    .map((v) => wireVoucher(project, v, ctx.lang));
}

export const getVouchers: Handler = (ctx) => listReply('vouchers', voucherRows(ctx), ctx.query, ctx.sortable);

function pathVoucher(ctx: HandlerContext): Voucher {
  const id = ctx.params.voucher_id ?? '';
  const voucher = ctx.project.voucher(id);
  if (!voucher || voucher.state === 0) throw resourceNotFound('vouchers', id);
  return voucher;
}

export const getVoucher: Handler = (ctx) => ok(wireVoucher(ctx.project, pathVoucher(ctx), ctx.lang));

export const postVoucherApply: Handler = (ctx) => {
  const voucher = pathVoucher(ctx);
  const body = bodyOf<'postVoucherApply'>(ctx);
  const at = parseLocalDateTime(body.date_applied);
  if (!at)
    throw invalid(
      'date_applied',
      'invalid_value_format',
      body.date_applied,
      'date_applied must be YYYY-MM-DD HH:MM:SS.',
    );
  const store = body.store_id === undefined ? undefined : ctx.project.store(body.store_id);
  if (body.store_id !== undefined && !store) throw invalid('store_id', 'not_found', body.store_id);
  const reward = ctx.project.reward(voucher.reward_id);
  if (reward?.benefit.kind === 'gift')
    refuse(voucher.code, 'voucher_invalid_type_of_usage', 'A gift card is spent by purchases, not applied.');
  if (store) {
    checkVoucher(ctx.project, voucher, {
      store,
      customerId: voucher.customer_id,
      at,
      currencyId: reward?.benefit.currency_id ?? store.currency_id,
      totalMinor: Number.MAX_SAFE_INTEGER,
      eligibleMinor: 1,
      items: null,
    });
  } else if (isSpent(ctx.project, voucher)) {
    refuse(voucher.code, 'voucher_already_used', 'The voucher was already used.');
  } else if (voucher.valid_to < at) {
    refuse(voucher.code, 'voucher_expired', `The voucher expired on ${voucher.valid_to}.`);
  }
  voucher.applied_date = at;
  voucher.last_change = ctx.now;
  return { status: 204, changed: true };
};

export const postVoucherGiftCardBalance: Handler = (ctx) => {
  const body = bodyOf<'postVoucherGiftCardBalance'>(ctx);
  if (body.voucher_id === undefined && body.code === undefined)
    throw invalid('code', 'required', '', 'Give voucher_id or code.');
  const voucher =
    body.voucher_id !== undefined
      ? ctx.project.voucher(body.voucher_id)
      : ctx.project.voucherByCode(body.code!);
  if (!voucher || voucher.state === 0) {
    throw body.voucher_id !== undefined
      ? invalid('voucher_id', 'not_found', body.voucher_id)
      : invalid('code', 'not_found', body.code);
  }
  const reward = ctx.project.reward(voucher.reward_id);
  if (reward?.benefit.kind !== 'gift')
    throw invalid('code', 'voucher_invalid_type_of_usage', voucher.code, 'The voucher is not a gift card.');
  return ok({
    voucher_id: voucher.voucher_id,
    current_balance: fromMinorUnits(voucher.balance_minor ?? 0),
    original_balance: fromMinorUnits(voucher.original_minor ?? reward.benefit.amount),
  });
};
