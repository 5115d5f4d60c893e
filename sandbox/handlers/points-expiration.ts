// When a customer's points expire (GET /wallet/actions/points-expiration-overview), on both interfaces.
import { invalid } from '../errors.ts';
import { ok, str, type Handler } from './context.ts';

/** Points expire a year after they were earned; redemptions spend the oldest first. */
export const POINTS_LIFETIME_DAYS = 365;

export const getWalletPointsExpiration: Handler = (ctx) => {
  const customerId = str(ctx.query, 'customer_id') ?? '';
  const customer = ctx.project.customer(customerId);
  if (!customer) throw invalid('customer_id', 'not_found', customerId);
  if (customer.state === 0) throw invalid('customer_id', 'customer_was_deleted', customerId);
  const entries = ctx.project.ledgerOf(customerId).filter((e) => e.kind === 'points');
  const lots = entries
    .filter((e) => e.amount > 0)
    .map((e) => ({ left: e.amount, expires: addDays(e.at.slice(0, 10), POINTS_LIFETIME_DAYS) }))
    .sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0));
  let spent = entries.filter((e) => e.amount < 0).reduce((sum, e) => sum - e.amount, 0);
  for (const lot of lots) {
    const used = Math.min(lot.left, spent);
    lot.left -= used;
    spent -= used;
  }
  const today = ctx.now.slice(0, 10);
  const ahead = lots.filter((l) => l.left > 0 && l.expires > today);
  const next = ahead[0]?.expires;
  return ok({
    next_amount: next ? ahead.filter((l) => l.expires === next).reduce((sum, l) => sum + l.left, 0) : 0,
    ...(next ? { next_date: next } : {}),
    current_month_amount: ahead
      .filter((l) => l.expires.slice(0, 7) === today.slice(0, 7))
      .reduce((sum, l) => sum + l.left, 0),
  });
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
