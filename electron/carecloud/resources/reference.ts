// Reference lists: always downloaded whole, saved on the terminal, and served from there
// when CareCloud cannot be reached or answers with a failure of its own.
import { ConnectionError, RateLimitError, ServerError, UnexpectedResponseError } from '../errors.ts';
import { collectAll, fetchPage, listAll } from '../paging.ts';
import type { CallOptions, Pipeline } from '../pipeline.ts';
import type { ReferenceStore } from '../reference-store.ts';
import type { Schemas } from '../types.ts';

export interface ReferenceList<T> {
  items: T[];
  fetchedAt: string;
  /** `terminal`: CareCloud was unavailable and this is the copy saved on disk. */
  source: 'carecloud' | 'terminal';
}

const isOutage = (error: unknown) =>
  error instanceof ConnectionError ||
  error instanceof ServerError ||
  error instanceof RateLimitError ||
  error instanceof UnexpectedResponseError;

/** How long a downloaded reference list is answered from memory before CareCloud is asked again. */
export const REFERENCE_TTL_MS = 15 * 60_000;

/**
 * `project`: the address of the project asked now; every list, in memory and on disk, is
 * that project's (a download begun before a switch is kept as the project it came from).
 */
export function referenceResource(
  pipeline: Pipeline,
  store: ReferenceStore,
  now: () => number,
  project: () => string,
) {
  // Reference lists change rarely and are read on every customer panel: answer from
  // memory, and write the disk copy only when a download really happened. Their names are
  // in the language asked for, so each language has its own copy (a switch refreshes them).
  const downloaded = new Map<string, { list: ReferenceList<unknown>; until: number }>();
  function load<T>(kind: string, path: string, itemsKey: string, paged: boolean) {
    return async (options?: CallOptions): Promise<ReferenceList<T>> => {
      const language = pipeline.language();
      const from = project();
      const key = `${from} ${language} ${kind}`;
      const remembered = downloaded.get(key);
      if (remembered && !options?.fresh && remembered.until > now())
        return remembered.list as ReferenceList<T>;
      try {
        const items = paged
          ? await collectAll(listAll<T>(pipeline, path, itemsKey, {}, options))
          : (await fetchPage<T>(pipeline, path, itemsKey, {}, options)).items;
        const fetchedAt = new Date(now()).toISOString();
        store.write(from, kind, { language, fetchedAt, items });
        const list: ReferenceList<T> = { items, fetchedAt, source: 'carecloud' };
        downloaded.set(key, { list, until: now() + REFERENCE_TTL_MS });
        return list;
      } catch (error) {
        const saved = isOutage(error) ? store.read(from, kind, language) : undefined;
        if (!saved) throw error;
        return { items: saved.items as T[], fetchedAt: saved.fetchedAt, source: 'terminal' };
      }
    };
  }
  return {
    stores: load<Schemas['Store']>('stores', '/stores', 'stores', true),
    paymentTypes: load<Schemas['PaymentType']>('payment-types', '/payment-types', 'payment_types', true),
    purchaseTypes: load<Schemas['Purchase-type']>(
      'purchase-types',
      '/purchase-types',
      'purchase_types',
      true,
    ),
    purchaseItemTypes: load<Schemas['Purchase-item-type']>(
      'purchase-item-types',
      '/purchase-item-types',
      'purchase_item_types',
      true,
    ),
    currencies: load<Schemas['Currency']>('currencies', '/currencies', 'currencies', true),
    languages: load<Schemas['Language']>('languages', '/languages', 'languages', false),
    countries: load<Schemas['Country']>('countries', '/countries', 'countries', true),
    statuses: load<Schemas['Status']>('statuses', '/statuses', 'statuses', true),
    cardTypes: load<Schemas['CardType']>('card-types', '/card-types', 'card_types', true),
    customerSources: load<Schemas['CustomerSource']>(
      'customer-sources',
      '/customer-sources',
      'customer_sources',
      true,
    ),
    /** The consents a sign-up asks for, with their texts in the language asked for. */
    agreements: load<Schemas['AgreementList']>('agreements', '/agreements', 'agreements', true),
    /** Forgets the lists read into memory (another project); the next read asks CareCloud. */
    forget: (): void => downloaded.clear(),
    /** The saved copy only, without asking CareCloud (offline start-up). */
    saved: <T>(kind: string): ReferenceList<T> | undefined => {
      const saved = store.read(project(), kind, pipeline.language());
      return saved
        ? { items: saved.items as T[], fetchedAt: saved.fetchedAt, source: 'terminal' }
        : undefined;
    },
  };
}
