// Walking CareCloud lists page by page with count/offset until total_items is reached.
import { UnexpectedResponseError } from './errors.ts';
import type { CallOptions, Pipeline, QueryParams } from './pipeline.ts';
import type { Page } from './types.ts';

export const DEFAULT_PAGE_SIZE = 100;
/** A list longer than this is not something a terminal should hold; the walk stops. */
export const MAX_LIST_ITEMS = 50_000;

/** Reads `data[itemsKey]` and `data.total_items` of a list answer, refusing other shapes. */
export function readPage<T>(data: unknown, itemsKey: string, path: string): Page<T> {
  const record =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  const items = record?.[itemsKey] ?? [];
  if (!record || !Array.isArray(items)) {
    throw new UnexpectedResponseError(
      200,
      'application/json',
      '',
      `CareCloud GET ${path}: list answer without a "${itemsKey}" array`,
      { method: 'GET', path, correlationId: '', attempt: 0 },
    );
  }
  const total = record.total_items;
  const totalItems = typeof total === 'number' && Number.isFinite(total) && total >= 0 ? total : items.length;
  return { items: items as T[], totalItems };
}

export async function fetchPage<T>(
  pipeline: Pipeline,
  path: string,
  itemsKey: string,
  query: QueryParams = {},
  options?: CallOptions,
): Promise<Page<T>> {
  const data = await pipeline.request<unknown>({ method: 'GET', path, query }, options);
  return readPage<T>(data, itemsKey, path);
}

export type PageFetcher<T> = (count: number, offset: number) => Promise<Page<T>>;

/**
 * Every record, page after page; stops on total_items, an empty page, or MAX_LIST_ITEMS.
 * A short page does not end the walk: a server may cap `count` below what was asked.
 */
export async function* walkPages<T>(
  fetcher: PageFetcher<T>,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<T, void, undefined> {
  let offset = 0;
  for (;;) {
    const page = await fetcher(pageSize, offset);
    for (const item of page.items) yield item;
    offset += page.items.length;
    // An empty page ends the walk even if total_items promises more: never loop on a lying count.
    if (page.items.length === 0 || offset >= page.totalItems || offset >= MAX_LIST_ITEMS) return;
  }
}

export async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A paged list endpoint walked to the end. */
export function listAll<T>(
  pipeline: Pipeline,
  path: string,
  itemsKey: string,
  query: QueryParams = {},
  options?: CallOptions,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<T, void, undefined> {
  return walkPages<T>(
    (count, offset) => fetchPage<T>(pipeline, path, itemsKey, { ...query, count, offset }, options),
    pageSize,
  );
}
