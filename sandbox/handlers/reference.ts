// Reference data the terminal caches: stores, payment and purchase types, currencies,
// languages, countries, statuses, card types, customer sources. Answers carry Cache-Control.
import { resourceNotFound } from '../errors.ts';
import { containsText, listReply, matches } from '../listing.ts';
import { text, wireStore } from '../wire.ts';
import { bool, int, ok, str, type Handler, type HandlerContext } from './context.ts';

const SEEDED_AT = '2026-01-15 09:00:00';

function cached(ctx: HandlerContext): Record<string, string> {
  return { 'Cache-Control': `max-age=${ctx.settings.cacheMaxAgeSeconds}` };
}

function reference(key: string, rows: (ctx: HandlerContext) => object[]): Handler {
  return (ctx) => listReply(key, rows(ctx), ctx.query, ctx.sortable, cached(ctx));
}

export const getStores = reference('stores', (ctx) => {
  const visible = int(ctx.query, 'visible_for_customer');
  const systemId = str(ctx.query, 'system_id');
  const propertyId = str(ctx.query, 'property_id');
  return (
    ctx.project.data.stores
      // The demo stores carry no custom properties, so a property filter finds none.
      .filter(
        (s) => matches(s.visible, visible) && matches(s.system_id, systemId) && propertyId === undefined,
      )
      .map((s) => wireStore(s, ctx.lang))
  );
});

export const getStore: Handler = (ctx) => {
  const id = ctx.params.store_id ?? '';
  const store = ctx.project.store(id);
  if (!store) throw resourceNotFound('stores', id);
  return ok(wireStore(store, ctx.lang), 200, cached(ctx));
};

export const getPaymentTypes = reference('payment_types', (ctx) =>
  ctx.project.data.payment_types.map((t) => ({
    payment_type_id: t.id,
    name: text(t.name, ctx.lang),
    last_change: SEEDED_AT,
  })),
);

export const getPurchaseItemTypes = reference('purchase_item_types', (ctx) =>
  ctx.project
    .purchaseItemTypes()
    .filter((t) => matches(t.text_id, str(ctx.query, 'text_id')))
    .map((t) => ({ type_id: t.id, name: text(t.name, ctx.lang), text_id: t.text_id })),
);

export const getPurchaseTypes = reference('purchase_types', (ctx) =>
  ctx.project.data.purchase_types
    .filter((t) => matches(t.text_id, str(ctx.query, 'text_id')))
    .map((t) => ({ type_id: t.id, name: text(t.name, ctx.lang), text_id: t.text_id })),
);

export const getCurrencies = reference('currencies', (ctx) =>
  ctx.project.data.currencies
    .filter(
      (c) =>
        containsText(text(c.name, ctx.lang), str(ctx.query, 'currency_name')) &&
        matches(c.code, str(ctx.query, 'currency_code')?.toUpperCase()),
    )
    .map((c) => ({ currency_id: c.currency_id, name: text(c.name, ctx.lang), code: c.code })),
);

export const getLanguages = reference('languages', (ctx) =>
  ctx.project.data.languages
    .filter((l) => bool(ctx.query, 'default_language') !== true || l.is_default)
    .map((l) => ({ language_id: l.language_id, state: 1 as const, last_change: SEEDED_AT })),
);

export const getCountries = reference('countries', (ctx) =>
  ctx.project.data.countries
    .filter(
      (c) =>
        matches(c.text_id, str(ctx.query, 'country_id')) &&
        containsText(text(c.name, ctx.lang), str(ctx.query, 'country_name')),
    )
    .map((c) => ({ country_id: c.text_id, name: text(c.name, ctx.lang), state: 1 as const })),
);

export const getStatuses = reference('statuses', (ctx) =>
  ctx.project.data.statuses
    .filter((s) => matches(s.text_id, str(ctx.query, 'text_id')))
    .map((s) => ({
      status_id: s.status_id,
      name: text(s.name, ctx.lang),
      description: text(s.description, ctx.lang),
      validity_period: '1 year',
      collection_points: s.collection_points,
      payment_points: s.payment_points,
      qualification_type: 1,
      discount: s.discount_percent,
      text_id: s.text_id,
      last_change: SEEDED_AT,
    })),
);

export const getCardTypes = reference('card_types', (ctx) =>
  ctx.project.data.card_types
    .filter(
      (t) =>
        containsText(text(t.name, ctx.lang), str(ctx.query, 'name')) &&
        matches(t.text_id, str(ctx.query, 'text_id')),
    )
    .map((t) => ({
      card_type_id: t.card_type_id,
      text_id: t.text_id,
      name: text(t.name, ctx.lang),
      prefix: t.prefix,
    })),
);

export const getCustomerSources = reference('customer_sources', (ctx) =>
  ctx.project.data.customer_sources
    .filter((s) => matches(s.text_id, str(ctx.query, 'customer_source_text_id')))
    .map((s) => ({
      customer_source_id: s.id,
      name: text(s.name, ctx.lang),
      customer_source_text_id: s.text_id,
      state: 1 as const,
      last_change: SEEDED_AT,
    })),
);
