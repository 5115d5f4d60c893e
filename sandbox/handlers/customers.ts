// Customers and what hangs off them: cards, vouchers, rewards.
import { agreements } from '../customer-seed.ts';
import { invalid, resourceNotFound } from '../errors.ts';
import { listReply, matches } from '../listing.ts';
import type { Customer } from '../model.ts';
import { statusIds } from '../seed.ts';
import { wireCard, wireCustomer } from '../wire.ts';
import { bodyOf, bool, changed, ok, str, strList, type Handler, type HandlerContext } from './context.ts';
import { rewardRows } from './rewards.ts';
import { voucherRows } from './vouchers.ts';

/** The customer of a path, 404 when unknown, refused when deleted. */
export function pathCustomer(ctx: HandlerContext): Customer {
  const id = ctx.params.customer_id ?? '';
  const customer = ctx.project.customer(id);
  if (!customer) throw resourceNotFound('customers', id);
  if (customer.state === 0) throw invalid('customer_id', 'deleted', id, 'The customer was deleted.');
  return customer;
}

export const getCustomers: Handler = (ctx) => {
  const q = ctx.query;
  const email = str(q, 'email')?.toLowerCase();
  const phone = str(q, 'phone');
  const first = str(q, 'first_name')?.toLowerCase();
  const last = str(q, 'last_name')?.toLowerCase();
  const birthdate = isoBirthdate(str(q, 'birthdate'));
  const source = str(q, 'customer_source_id');
  const emails = strList(q, 'email_list')?.map((e) => e.toLowerCase());
  const ids = strList(q, 'customer_ids');
  const rows = ctx.project.data.customers
    .filter(
      (c) =>
        c.state !== 0 &&
        matches(c.email?.toLowerCase(), email) &&
        matches(c.phone ?? undefined, phone) &&
        matches(c.first_name.toLowerCase(), first) &&
        matches(c.last_name.toLowerCase(), last) &&
        matches(c.birthdate ?? undefined, birthdate) &&
        matches(c.source_id, source) &&
        (!emails || (c.email !== null && emails.includes(c.email.toLowerCase()))) &&
        (!ids || ids.includes(c.customer_id)),
    )
    .map(wireCustomer);
  return listReply('customers', rows, q, ctx.sortable);
};

export const getCustomer: Handler = (ctx) => ok(wireCustomer(pathCustomer(ctx)));

export const postCustomer: Handler = (ctx) => {
  const body = bodyOf<'postCustomer'>(ctx);
  const { project } = ctx;
  const info = body.customer.personal_information;
  if (!project.data.languages.some((l) => l.language_id === info.language_id))
    throw invalid('language_id', 'not_allowed_value', info.language_id);
  if (info.email && project.customerByEmail(info.email))
    throw invalid('email', 'already_exists', info.email, 'A customer with this e-mail already exists.');
  if (info.phone && project.customerByPhone(info.phone))
    throw invalid('phone', 'already_exists', info.phone, 'A customer with this phone number already exists.');
  if (
    info.birthdate &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(info.birthdate) || info.birthdate > ctx.now.slice(0, 10))
  )
    throw invalid(
      'birthdate',
      'invalid_value_format',
      info.birthdate,
      'A birth date is a past day as YYYY-MM-DD.',
    );
  const known = new Set(agreements.map((a) => a.agreement_id));
  const unknownConsent = info.consents?.find((c) => !known.has(c.consent_id));
  if (unknownConsent)
    throw invalid('consent_id', 'not_found', unknownConsent.consent_id, 'No consent with this id.');
  if (info.store_id && !project.store(info.store_id)) throw invalid('store_id', 'not_found', info.store_id);
  const sourceId = body.customer_source.customer_source_id;
  if (!project.data.customer_sources.some((s) => s.id === sourceId))
    throw invalid('customer_source_id', 'not_found', sourceId);
  const customer: Customer = {
    customer_id: project.nextId('customer'),
    first_name: info.first_name ?? '',
    last_name: info.last_name ?? '',
    email: info.email ?? null,
    phone: info.phone ?? null,
    birthdate: info.birthdate ?? null,
    gender: info.gender ?? null,
    language_id: info.language_id,
    store_id: info.store_id ?? null,
    state: 1,
    status_id: statusIds.bronze,
    source_id: sourceId,
    city: info.address?.city ?? null,
    ...(info.consents?.length
      ? { consents: info.consents.map((c) => ({ consent_id: c.consent_id, consent_value: c.consent_value })) }
      : {}),
    last_change: ctx.now,
  };
  project.addCustomer(customer);
  return changed({ customer_id: customer.customer_id }, 201);
};

/** The spec accepts a birthdate as `YYYY-MM-DD` or `DD.MM.YYYY`; customers keep the first. */
export function isoBirthdate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const czech = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!czech) return text.trim();
  return `${czech[3]}-${czech[2]!.padStart(2, '0')}-${czech[1]!.padStart(2, '0')}`;
}

const searchFields = ['first_name', 'last_name', 'birthdate', 'card_number'] as const;

export const getCustomerSearch: Handler = (ctx) => {
  const given = searchFields.filter((f) => str(ctx.query, f) !== undefined);
  const strict = ctx.query.mode === 'strict';
  if (strict) {
    const missing = searchFields.find((f) => !given.includes(f));
    if (missing) throw invalid(missing, 'required', '', `Strict search needs ${searchFields.join(', ')}.`);
  }
  if (given.length === 0) return ok({ strict: [] });
  const want = (f: (typeof searchFields)[number]) =>
    f === 'birthdate' ? isoBirthdate(str(ctx.query, f))! : str(ctx.query, f)!.toLowerCase();
  const results: { customer_id: string; match: number }[] = [];
  for (const c of ctx.project.data.customers) {
    if (c.state === 0) continue;
    const hits = given.filter((f) => {
      if (f === 'card_number')
        return ctx.project.cardByNumber(str(ctx.query, f)!)?.customer_id === c.customer_id;
      const value = f === 'first_name' ? c.first_name : f === 'last_name' ? c.last_name : c.birthdate;
      return (value ?? '').toLowerCase() === want(f);
    }).length;
    const match = Math.round((hits / given.length) * 100);
    if (strict ? match === 100 : hits > 0) results.push({ customer_id: c.customer_id, match });
  }
  results.sort((a, b) => b.match - a.match);
  return ok({ strict: results });
};

export const getSubCustomerCards: Handler = (ctx) => {
  const customer = pathCustomer(ctx);
  const q = ctx.query;
  const number = str(q, 'card_number');
  const type = str(q, 'card_type_id');
  const numbers = strList(q, 'card_number_list');
  const valid = bool(q, 'is_valid');
  const rows = ctx.project.data.cards
    .filter(
      (c) =>
        c.customer_id === customer.customer_id &&
        matches(c.card_number, number) &&
        matches(c.card_type_id, type) &&
        (!numbers || numbers.includes(c.card_number)) &&
        (valid === undefined || (c.state === 1 && c.valid_to >= ctx.now) === valid),
    )
    .map(wireCard);
  return listReply('cards', rows, q, ctx.sortable);
};

export const getSubCustomerVouchers: Handler = (ctx) => {
  const customer = pathCustomer(ctx);
  return listReply('vouchers', voucherRows(ctx, customer.customer_id), ctx.query, ctx.sortable);
};

/** The seed keeps one status per customer: one record, valid from the customer's last change, open-ended. */
export const getSubCustomerStatus: Handler = (ctx) => {
  const customer = pathCustomer(ctx);
  const validNow = bool(ctx.query, 'valid_now');
  const rows = [
    {
      status_record_id: `${customer.customer_id}-status`,
      status_id: customer.status_id,
      customer_id: customer.customer_id,
      valid_from: customer.last_change,
      valid_to: '2099-12-31 23:59:59',
      state: 1 as const,
      last_change: customer.last_change,
    },
  ].filter((r) => validNow === undefined || (r.valid_from <= ctx.now && r.valid_to >= ctx.now) === validNow);
  return listReply('status_records', rows, ctx.query, ctx.sortable);
};

export const getSubCustomerRewards: Handler = (ctx) => {
  pathCustomer(ctx);
  return listReply('rewards', rewardRows(ctx), ctx.query, ctx.sortable);
};
