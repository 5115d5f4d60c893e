// Loyalty cards: lookup by number (the checkout's first call), free cards.
import { invalid, resourceNotFound } from '../errors.ts';
import { listReply, matches } from '../listing.ts';
import type { Card } from '../model.ts';
import { wireCard } from '../wire.ts';
import { bodyOf, bool, changed, int, ok, str, strList, type Handler } from './context.ts';

export const getCards: Handler = (ctx) => {
  const q = ctx.query;
  const number = str(q, 'card_number');
  const searchSecondary = bool(q, 'search_secondary_card_number');
  const customerId = str(q, 'customer_id');
  const type = str(q, 'card_type_id');
  const state = int(q, 'state');
  const valid = bool(q, 'is_valid');
  const numbers = strList(q, 'card_number_list');
  const keep = (c: Card) =>
    matches(c.customer_id ?? undefined, customerId) &&
    matches(c.card_type_id, type) &&
    matches(c.state, state) &&
    (!numbers || numbers.includes(c.card_number)) &&
    (valid === undefined || (c.state === 1 && c.valid_to >= ctx.now) === valid);
  let rows: Card[];
  if (number !== undefined && !searchSecondary) {
    // The hot path at the lane: one index lookup instead of a scan.
    const card = ctx.project.cardByNumber(number);
    rows = card && keep(card) ? [card] : [];
  } else {
    rows = ctx.project.data.cards.filter((c) => matches(c.card_number, number) && keep(c));
  }
  return listReply('cards', rows.map(wireCard), q, ctx.sortable);
};

export const getCard: Handler = (ctx) => {
  const id = ctx.params.card_id ?? '';
  const card = ctx.project.card(id);
  if (!card) throw resourceNotFound('cards', id);
  return ok(wireCard(card));
};

export const postValidateFreeCard: Handler = (ctx) => {
  const body = bodyOf<'postValidateFreeCard'>(ctx);
  const card = ctx.project.cardByNumber(body.card_number);
  if (!card) throw invalid('card_number', 'not_found', body.card_number, 'No card with this number.');
  return ok({ is_free_to_use: card.customer_id === null && card.state === 1 });
};

export const postAssignCard: Handler = (ctx) => {
  const body = bodyOf<'postAssignCard'>(ctx);
  const { project } = ctx;
  if (!project.data.card_types.some((t) => t.card_type_id === body.card_type_id))
    throw invalid('card_type_id', 'not_found', body.card_type_id);
  const customer = project.customer(body.customer_id);
  if (!customer) throw invalid('customer_id', 'not_found', body.customer_id);
  if (customer.state === 0) throw invalid('customer_id', 'deleted', body.customer_id);
  let card: Card | undefined;
  if (body.card_number !== undefined) {
    card = project.cardByNumber(body.card_number);
    if (!card) throw invalid('card_number', 'not_found', body.card_number);
    if (card.customer_id !== null)
      throw invalid(
        'card_number',
        'already_exists',
        body.card_number,
        'The card already belongs to a customer.',
      );
    if (card.state === 0) throw invalid('card_number', 'card_is_blocked', body.card_number);
    if (card.card_type_id !== body.card_type_id)
      throw invalid('card_type_id', 'not_allowed_value', body.card_type_id, 'The card is of another type.');
  } else {
    card = project.data.cards.find(
      (c) => c.customer_id === null && c.state === 1 && c.card_type_id === body.card_type_id,
    );
    if (!card)
      throw invalid('card_type_id', 'not_found', body.card_type_id, 'No free card of this type is left.');
  }
  card.customer_id = customer.customer_id;
  card.last_change = ctx.now;
  return changed({ card_id: card.card_id });
};
