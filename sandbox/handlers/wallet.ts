// Points and credits balances, from the ledger purchases write to.
import { invalid } from '../errors.ts';
import { fromMinorUnits } from '../../shared/money.ts';
import { parseLocalDateTime } from '../time.ts';
import { ok, str, type Handler, type HandlerContext } from './context.ts';
import { referencedCustomer } from '../customer-reference.ts';

function period(ctx: HandlerContext): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const [name, key] of [
    ['date_from', 'from'],
    ['date_to', 'to'],
  ] as const) {
    const raw = str(ctx.query, name);
    if (raw === undefined) continue;
    const parsed = parseLocalDateTime(raw);
    if (!parsed)
      throw invalid(name, 'invalid_value_format', raw, `${name} must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.`);
    // A bare date as an upper bound means the whole of that day.
    out[key] = key === 'to' && raw.trim().length === 10 ? `${raw.trim()} 23:59:59` : parsed;
  }
  return out;
}

export const getWalletPoints: Handler = (ctx) => {
  const customer = referencedCustomer(ctx.project, str(ctx.query, 'customer_id') ?? '');
  const { from, to } = period(ctx);
  const inPeriod = ctx.project.points(customer.customer_id, from, to);
  const available = ctx.project.availablePoints(customer.customer_id);
  return ok({
    earned_points: inPeriod.earned,
    redeemed_points: inPeriod.redeemed,
    available_points: available,
    available_points_money_value: ctx.project.data.currencies.map((c) => ({
      currency_id: c.currency_id,
      value: fromMinorUnits(available * c.point_value_minor),
    })),
  });
};

export const getWalletCredits: Handler = (ctx) => {
  const customer = referencedCustomer(ctx.project, str(ctx.query, 'customer_id') ?? '');
  const creditType = str(ctx.query, 'credit_type_id');
  const { from, to } = period(ctx);
  const currencies = ctx.project.data.currencies.filter(
    (c) => creditType === undefined || c.currency_id === creditType,
  );
  if (creditType !== undefined && currencies.length === 0)
    throw invalid('credit_type_id', 'not_found', creditType);
  const split = currencies.map((c) => {
    const b = ctx.project.credits(customer.customer_id, c.currency_id, from, to);
    return {
      currency_id: c.currency_id,
      earned: b.earned,
      redeemed: b.redeemed,
      available: ctx.project.availableCredits(customer.customer_id, c.currency_id),
    };
  });
  // Totals are in the base currency (CZK); the split keeps each currency's own amount.
  const base = (minor: number, currencyId: string) =>
    minor * (ctx.project.data.currencies.find((c) => c.currency_id === currencyId)?.rate_to_base ?? 1);
  return ok({
    earned_credits: fromMinorUnits(split.reduce((sum, s) => sum + base(s.earned, s.currency_id), 0)),
    redeemed_credits: fromMinorUnits(split.reduce((sum, s) => sum + base(s.redeemed, s.currency_id), 0)),
    available_credits: fromMinorUnits(split.reduce((sum, s) => sum + base(s.available, s.currency_id), 0)),
    split_by_currency: split.map((s) => ({
      currency_id: s.currency_id,
      earned_credits: fromMinorUnits(s.earned),
      redeemed_credits: fromMinorUnits(s.redeemed),
      available_credits: fromMinorUnits(s.available),
    })),
  });
};
