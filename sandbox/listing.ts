// Paging, sorting and the list envelope every collection answers with:
// `count` (default 100, min 1), `offset`, `sort_field`/`sort_direction`, `total_items` over all pages.
import { invalid } from './errors.ts';
import type { Reply } from './handlers/context.ts';

export function listReply<T extends object>(
  key: string,
  rows: T[],
  query: Record<string, unknown>,
  sortable: readonly string[],
  headers?: Record<string, string>,
): Reply {
  const count = typeof query.count === 'number' ? query.count : 100;
  const offset = typeof query.offset === 'number' ? query.offset : 0;
  const field =
    typeof query.sort_field === 'string' && query.sort_field !== '' ? query.sort_field : undefined;
  let sorted = rows;
  if (field !== undefined) {
    if (!sortable.includes(field))
      throw invalid(
        'sort_field',
        'not_allowed_value',
        field,
        `Cannot sort by ${field}; sortable fields: ${sortable.join(', ')}.`,
      );
    const direction = query.sort_direction === 'DESC' ? -1 : 1;
    sorted = [...rows].sort(
      (a, b) =>
        direction * compare((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]),
    );
  }
  const data = { [key]: sorted.slice(offset, offset + count), total_items: rows.length };
  return headers ? { status: 200, body: { data }, headers } : { status: 200, body: { data } };
}

function compare(a: unknown, b: unknown): number {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Keeps rows whose field equals the filter; no filter keeps all. */
export function matches(value: unknown, filter: string | number | boolean | undefined): boolean {
  return filter === undefined || value === filter;
}

export function containsText(value: string | null | undefined, filter: string | undefined): boolean {
  return filter === undefined || (value ?? '').toLowerCase().includes(filter.toLowerCase());
}
