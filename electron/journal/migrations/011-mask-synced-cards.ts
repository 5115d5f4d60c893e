// Once CareCloud has an entry, the journal keeps only its card number's last four digits
// (the column and the request body); entries synced before this rule are masked here.
import { maskSyncedCardSql } from '../card-mask.ts';

export const sql = `UPDATE entries SET ${maskSyncedCardSql} WHERE state = 'synced';`;
