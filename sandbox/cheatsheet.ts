// The demo cheat sheet: credentials, stores and cash desks, cards, voucher codes and
// rewards, each with what it demonstrates. Printed by `--cheatsheet` (text or JSON).
import type { EarningRule } from './model.ts';
import type { Project } from './project.ts';
import {
  agreements,
  customerPasswords,
  KIOSK_APPLICATION_ID,
  MOBILE_APPLICATION_ID,
} from './customer-seed.ts';
import { cardNumber, customerId, demo, demoProducts } from './seed.ts';
import type { Credentials } from './tokens.ts';

export interface Cheatsheet {
  base_url: string | null;
  credentials: Credentials;
  stores: {
    store_id: string;
    code: string;
    name: string;
    currency: string;
    cash_desks: number[];
    earning: string;
  }[];
  cards: { card_number: string; customer: string; points: number; shows: string }[];
  vouchers: { code: string; shows: string }[];
  rewards: { code: string; name: string; points_cost: number }[];
  /** The Customer API (kiosk): its applications and the customers who can log in there. */
  customer_api: {
    application_id: string;
    mobile_application_id: string;
    logins: {
      card_number: string;
      customer: string;
      email: string | null;
      password: string;
      shows: string;
    }[];
    /** How a test or a demo gets the code a customer's mobile app would show. */
    app_login_code: string;
  };
  /** Cards no customer holds yet: sign a new customer up with one (validate-free-card, assign-free-card). */
  free_cards: string[];
  /** The consents a sign-up shows (GET /agreements), by text id. */
  agreements: string[];
}

const cardStories: Record<keyof typeof demo.cards, string> = {
  regular: 'regular customer (silver, 3 % status discount) with most demo vouchers',
  otherCustomer: 'another customer; owns OTHERCUST and the gift cards',
  manyPoints: 'gold customer with a lot of points',
  credits: 'customer with credits (500 CZK and 20 EUR): pay with payment type C',
  blocked: 'blocked card: card_is_blocked',
  deletedCustomer: 'card of a deleted customer: customer_was_deleted',
  newCustomer: 'new customer with no points',
  cannotPayByPoints: 'status that cannot pay with points: customer_cant_pay_by_points',
  euroCustomer: 'customer of the Bratislava (EUR) store; owns EURO5',
  inactiveCustomer: 'customer who is not active (state 2)',
  free:
    'free card with no customer: sign a new customer up with it (validate-free-card / assign-free-card); ' +
    'see free cards',
};

const voucherStories: Record<keyof typeof demo.vouchers, string> = {
  value100: '100 CZK off, card regular',
  percent10: '10 % off items not marked loyalty_off, card regular',
  expired: 'voucher_expired',
  used: 'voucher_already_used',
  otherStore: 'Brno-only reward: voucher_cant_be_used_in_store elsewhere',
  storeBound: 'issued for Praha: voucher_not_allowed_in_store elsewhere',
  productCondition:
    `free croissant (${demoProducts.croissant}) with two coffees (${demoProducts.coffee}): ` +
    `voucher_condition_count_not_satisfied / voucher_bonus_count_not_satisfied`,
  goldOnly: 'for gold customers only; card regular is silver: voucher_cant_be_applied_by_segment',
  pointsAtTill: 'costs 2000 points when used; card regular has fewer: not_enough_points_for_voucher',
  pointsAtTillAffordable: 'costs 2000 points when used, card manyPoints',
  weekend: '20 % off on Saturdays and Sundays: voucher_cant_be_applied_by_validity_days on weekdays',
  otherCustomer: 'voucher_assigned_to_another_customer for card regular',
  minimumPurchase: '200 CZK off from 1000 CZK: insufficient_amount_of_purchase below',
  notYetValid: 'voucher_cant_be_applied_by_date (valid from 2098)',
  happyHour: '15 % off between 14:00 and 16:00: voucher_cant_be_applied_by_time outside',
  euro: '5 EUR off in Bratislava; voucher_invalid_type_of_usage on a CZK bill',
  giftFull: 'gift card, 500 of 500 CZK left, anyone may use it',
  giftPartly: 'gift card, 120 of 1000 CZK left',
  giftEmpty: 'gift card with nothing left: voucher_already_used',
};

/** "1 point per 10 CZK", "1 point per 0.40 EUR": the rule in the store's own currency. */
export function earningText(rule: EarningRule, currencyCode: string): string {
  const amount =
    rule.per_minor % 100 === 0 ? String(rule.per_minor / 100) : (rule.per_minor / 100).toFixed(2);
  return `${rule.points} ${rule.points === 1 ? 'point' : 'points'} per ${amount} ${currencyCode}`;
}

export function cheatsheet(project: Project, credentials: Credentials, baseUrl: string | null): Cheatsheet {
  const customerName = (number: string) => {
    const card = project.cardByNumber(number);
    const customer = card?.customer_id ? project.customer(card.customer_id) : undefined;
    return customer ? `${customer.first_name} ${customer.last_name}` : '(none)';
  };
  const pointsOf = (number: string) => {
    const id = project.cardByNumber(number)?.customer_id;
    return id ? project.availablePoints(id) : 0;
  };
  return {
    base_url: baseUrl,
    credentials,
    stores: project.data.stores.map((s) => ({
      store_id: s.store_id,
      code: s.store_code,
      name: s.name.cs,
      currency: project.data.currencies.find((c) => c.currency_id === s.currency_id)?.code ?? '?',
      cash_desks: s.cashdesks,
      earning: earningText(
        s.earning,
        project.data.currencies.find((c) => c.currency_id === s.currency_id)?.code ?? '?',
      ),
    })),
    cards: (Object.keys(demo.cards) as (keyof typeof demo.cards)[]).map((key) => ({
      card_number: demo.cards[key],
      customer: customerName(demo.cards[key]),
      points: pointsOf(demo.cards[key]),
      shows: cardStories[key],
    })),
    vouchers: (Object.keys(demo.vouchers) as (keyof typeof demo.vouchers)[]).map((key) => ({
      code: demo.vouchers[key],
      shows: voucherStories[key],
    })),
    rewards: project.data.rewards.map((r) => ({ code: r.code, name: r.name.cs, points_cost: r.points_cost })),
    customer_api: {
      application_id: KIOSK_APPLICATION_ID,
      mobile_application_id: MOBILE_APPLICATION_ID,
      logins: Object.entries(customerPasswords).map(([n, login]) => {
        const customer = project.customer(customerId(Number(n)));
        return {
          card_number: cardNumber(Number(n)),
          customer: customer ? `${customer.first_name} ${customer.last_name}` : '(none)',
          email: customer?.email ?? null,
          password: login.password,
          shows: login.shows,
        };
      }),
      app_login_code:
        'POST /__sandbox/customer-api/app-login-code {"card_number": "..."} (control listener) ' +
        'or sandbox.control.mintAppLoginCode({ cardNumber })',
    },
    free_cards: project.data.cards
      .filter((c) => c.customer_id === null && c.state === 1)
      .map((c) => c.card_number),
    agreements: agreements.map((a) => a.text_id),
  };
}

export function cheatsheetText(sheet: Cheatsheet): string[] {
  const lines = ['CareCloud sandbox: demo cheat sheet', ''];
  if (sheet.base_url) lines.push(`Base URL   ${sheet.base_url}`);
  lines.push(
    `Login      user_external_application_id=${sheet.credentials.user_external_application_id} ` +
      `login=${sheet.credentials.login} password=${sheet.credentials.password}`,
    '',
    'Stores (cash desks)',
  );
  for (const s of sheet.stores)
    lines.push(
      `  ${s.code.padEnd(6)} ${s.name.padEnd(20)} ${s.currency}  ` +
        `desks ${s.cash_desks.join(',')}  ${s.earning}  id ${s.store_id}`,
    );
  lines.push('', 'Cards');
  for (const c of sheet.cards)
    lines.push(
      `  ${c.card_number}  ${c.customer.padEnd(22)} ${String(c.points).padStart(7)} pts  ${c.shows}`,
    );
  lines.push('', 'Voucher codes');
  for (const v of sheet.vouchers) lines.push(`  ${v.code.padEnd(10)} ${v.shows}`);
  lines.push('', 'Rewards (create-voucher)');
  for (const r of sheet.rewards)
    lines.push(`  ${r.code.padEnd(10)} ${r.name.padEnd(30)} ${r.points_cost} pts`);
  lines.push(
    '',
    `Kiosk (Customer API)  external_application_id=${sheet.customer_api.application_id}  ` +
      `mobile app ${sheet.customer_api.mobile_application_id}`,
  );
  for (const l of sheet.customer_api.logins)
    lines.push(`  ${l.card_number}  ${l.customer.padEnd(22)} ${l.password.padEnd(12)} ${l.shows}`);
  lines.push(`  app login code: ${sheet.customer_api.app_login_code}`);
  lines.push('', 'Free cards (sign-up at the lane)', `  ${sheet.free_cards.join(' ')}`);
  lines.push(
    '',
    `Consents    ${sheet.agreements.join(', ')}`,
    'One-time codes sent: GET /__sandbox/one-time-passwords (control API)',
  );
  return lines;
}
