// The one masking of a synced entry's card number, in SQL so the migration for old rows
// and the send that marks an entry synced do exactly the same: all but the last four
// characters become `*`, in the card_number column and in the request body.
const stars = '*'.repeat(64);
const masked = (value: string) =>
  `CASE WHEN length(${value}) <= 4 THEN substr('${stars}', 1, ` +
  `length(${value})) ELSE substr('${stars}', 1, length(${value}) - 4) || substr(${value}, -4) END`;

export const maskSyncedCardSql =
  `card_number = CASE WHEN card_number IS NULL THEN NULL ` +
  `ELSE ${masked('card_number')} END,
  request = CASE WHEN json_type(request, '$.body.card_number') = 'text'
    THEN json_set(request, '$.body.card_number', ${masked("json_extract(request, '$.body.card_number')")})
    ELSE request END`;

/** A card number as the journal keeps it once synced. */
export function maskSyncedCard(card: string): string {
  return card.length <= 4 ? '*'.repeat(card.length) : `${'*'.repeat(card.length - 4)}${card.slice(-4)}`;
}
