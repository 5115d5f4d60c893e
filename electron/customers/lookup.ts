// Customer lookups for the lane: by card, by e-mail / phone / name, and the wallet
// parts of the customer panel. CareCloud first; the terminal's cache when CareCloud
// cannot be reached, flagged so the screen can say so.
import type {
  CardSummary,
  CreditsOverview,
  CustomerIdentified,
  CustomerProfile,
  CustomerSearchResult,
  CustomerSummary,
  PointsOverview,
  RewardList,
  VoucherList,
} from '../../shared/customers.ts';
import type { Money } from '../../shared/money.ts';
import { z } from 'zod';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { voucherPlaceRefusals } from '../checkout/voucher-check.ts';
import { failure, success, type Result } from '../../shared/outcome.ts';
import { currencyDecimals, toMinorUnits } from '../../shared/money.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { ConnectionError, InvalidRequestError, NotFoundError } from '../carecloud/errors.ts';
import type { Schemas } from '../carecloud/types.ts';
import type { CustomerCache, WalletPart } from './cache.ts';
import { matchesQuery, readCustomerQuery } from './query.ts';

/** The part of the CareCloud client that customer lookups use. */
export type CustomerApi = Pick<
  CareCloudClient,
  'cards' | 'customers' | 'wallet' | 'vouchers' | 'rewards' | 'reference'
>;

export interface Connectivity {
  /** True once the terminal knows CareCloud is unreachable: lookups go straight to the cache. */
  offline(): boolean;
  /** A lookup found CareCloud unreachable: let the sync engine find out for everyone. */
  unreachable(): void;
}

/** Where the lane sells: wallet values are shown for this store, its currency and its clock. */
export interface StorePlace {
  storeId(): string;
  currency(): string;
  timeZone(): string;
}

const searchLimit = 20;

/** How long a scan's read-ahead waits for the panel to ask for it. */
const readAheadMs = 5_000;

/** The calls the customer panel makes for one customer; the read-ahead after a card scan makes the same. */
const customerCalls = {
  cards: (api: CustomerApi, id: string) => api.cards.ofCustomer(id, { count: 20 }),
  points: (api: CustomerApi, id: string) => api.wallet.pointsOverview(id),
  credits: (api: CustomerApi, id: string) => api.wallet.creditsOverview(id),
  vouchers: (api: CustomerApi, id: string) => api.vouchers.ofCustomer(id, { is_valid: true, count: 100 }),
  rewards: (api: CustomerApi, id: string) => api.rewards.ofCustomer(id, { count: 100 }),
};
type AheadCall = keyof typeof customerCalls | 'customer';
type AheadAnswer<K extends AheadCall> = K extends keyof typeof customerCalls
  ? Awaited<ReturnType<(typeof customerCalls)[K]>>
  : Schemas['Customer'];

interface ReadAhead {
  until: number;
  customer: Promise<Schemas['Customer']>;
  status: Promise<{ name: string; canPayWithPoints: boolean } | null>;
  calls: Map<AheadCall, Promise<unknown>>;
}

export function customerSummary(customer: Schemas['Customer']): CustomerSummary {
  const info = customer.personal_information;
  return {
    id: customer.customer_id ?? '',
    firstName: info.first_name || null,
    lastName: info.last_name || null,
    email: info.email || null,
    phone: info.phone || null,
    statusName: null,
    inactive: customer.state === 2,
  };
}

export function cardSummary(card: Schemas['Card']): CardSummary {
  return {
    id: card.card_id ?? '',
    number: card.card_number,
    validTo: card.valid_to || null,
    active: card.state === 1,
  };
}

/** CareCloud refuses to read a deleted customer with reason `deleted` (or `customer_was_deleted`). */
const isDeletedRefusal = (error: unknown): boolean =>
  error instanceof InvalidRequestError &&
  (error.hasReason('deleted') || error.hasReason('customer_was_deleted'));

/** CareCloud's customer state: 0 deleted, 1 active, 2 not active. */
const isDeleted = (customer: Schemas['Customer']): boolean => customer.state === 0;

export class CustomerLookup {
  readonly #api: () => CustomerApi;
  readonly #cache: CustomerCache;
  readonly #connectivity: Connectivity;
  readonly #now: () => number;
  readonly #place: StorePlace;

  readonly #storeCountry: () => Promise<string | null>;
  readonly #ahead = new Map<string, ReadAhead>();

  constructor(options: {
    api: () => CustomerApi;
    cache: CustomerCache;
    connectivity: Connectivity;
    place: StorePlace;
    storeCountry?: () => Promise<string | null>;
    now?: () => number;
  }) {
    this.#api = options.api;
    this.#place = options.place;
    this.#storeCountry = options.storeCountry ?? (async () => null);
    this.#cache = options.cache;
    this.#connectivity = options.connectivity;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The card's customer. With `panel` (the lookup and the sale), the customer panel follows:
   * its parts are asked of CareCloud together with the customer; without it (the points
   * claim), only the customer is.
   */
  async identifyByCard(
    cardNumber: string,
    { panel = true }: { panel?: boolean } = {},
  ): Promise<Result<CustomerIdentified>> {
    return this.#online<CustomerIdentified>(
      async () => {
        const api = this.#api();
        const card = await api.cards.byNumber(cardNumber);
        if (!card) return failure('unknown_card', 'No customer has this card');
        if (card.state !== 1) return failure('card_blocked', 'This card is blocked');
        if (!card.customer_id) return failure('unknown_card', 'This card is not assigned to a customer');
        const customerId = card.customer_id;
        // The card was the one call that had to come first: the customer and every part of
        // their panel go out together now, and the panel's own asks pick them up.
        const asked = panel ? this.#readAhead(api, customerId).customer : api.customers.get(customerId);
        let customer: Schemas['Customer'];
        try {
          customer = await asked;
        } catch (error) {
          if (panel) this.#ahead.delete(customerId);
          if (error instanceof NotFoundError || isDeletedRefusal(error))
            return failure('customer_deleted', 'The customer of this card no longer exists');
          throw error;
        }
        const summary = customerSummary(customer);
        if (isDeleted(customer)) {
          this.#ahead.delete(customerId);
          this.#cache.forget(summary.id);
          return failure('customer_deleted', 'The customer of this card no longer exists');
        }
        const cardView = cardSummary(card);
        this.#cache.remember(summary, [cardView], this.#now());
        return success({ customer: summary, card: cardView, fromCache: false });
      },
      () => {
        const known = this.#cache.byCardNumber(cardNumber);
        if (!known)
          return failure(
            'offline',
            'CareCloud cannot be reached and this card is not known on this terminal',
          );
        if (!known.card.active) return failure('card_blocked', 'This card is blocked');
        return success({ ...known, fromCache: true });
      },
    );
  }

  async search(text: string): Promise<Result<CustomerSearchResult>> {
    const query = readCustomerQuery(text, await this.#storeCountry().catch(() => null));
    return this.#online<CustomerSearchResult>(
      async () => {
        const customers = this.#api().customers;
        let page;
        if (query.by === 'email') page = await customers.list({ email: query.email, count: searchLimit });
        else if (query.by === 'phone')
          page = await customers.list({ phone: query.phone, count: searchLimit });
        else {
          page = await customers.list({
            last_name: query.lastName,
            ...(query.firstName ? { first_name: query.firstName } : {}),
            count: searchLimit,
          });
          if (page.items.length === 0 && query.firstName === null)
            page = await customers.list({ first_name: query.lastName, count: searchLimit });
        }
        const found = page.items.filter((c) => !isDeleted(c)).map(customerSummary);
        return success({ customers: found, totalItems: page.totalItems, fromCache: false });
      },
      () => {
        const found = this.#cache.search((c) => matchesQuery(query, c), searchLimit);
        return success({ customers: found, totalItems: found.length, fromCache: true });
      },
    );
  }

  async profile(customerId: string): Promise<Result<CustomerProfile>> {
    return this.#online<CustomerProfile>(
      async () => {
        const api = this.#api();
        // The customer, their cards and their status side by side; the cards and status
        // are dropped when the customer turns out to be gone.
        const asked = this.#take(customerId, 'customer', () => api.customers.get(customerId));
        const cardPage = this.#take(customerId, 'cards', () => customerCalls.cards(api, customerId));
        const status = this.#statusOf(api, customerId);
        const rest = Promise.all([cardPage, status]);
        rest.catch(() => {});
        let customer: Schemas['Customer'];
        try {
          customer = await asked;
        } catch (error) {
          if (error instanceof NotFoundError)
            return failure('customer_not_found', 'CareCloud does not know this customer');
          if (isDeletedRefusal(error)) return failure('customer_deleted', 'This customer no longer exists');
          throw error;
        }
        if (isDeleted(customer)) return failure('customer_deleted', 'This customer no longer exists');
        const [cardList, statusNow] = await rest;
        const cards = cardList.items.map(cardSummary);
        const summary = { ...customerSummary(customer), statusName: statusNow?.name ?? null };
        this.#cache.remember(summary, cards, this.#now());
        return success({ customer: summary, cards, fromCache: false });
      },
      () => {
        const known = this.#cache.byId(customerId);
        if (!known)
          return failure(
            'offline',
            'CareCloud cannot be reached and this customer is not known on this terminal',
          );
        return success({ customer: known.customer, cards: known.cards, fromCache: true });
      },
    );
  }

  async points(customerId: string): Promise<Result<PointsOverview>> {
    return this.#wallet(customerId, 'points', pointsSchema, async () => {
      const api = this.#api();
      const [data, currencies, status] = await Promise.all([
        this.#take(customerId, 'points', () => customerCalls.points(api, customerId)),
        this.#currencyCodes(),
        this.#statusOf(api, customerId),
      ]);
      const currency = this.#place.currency();
      const value = (data?.available_points_money_value ?? [])
        .map((m) => money(m.value ?? 0, m.currency_id ?? '', currencies))
        .find((m) => m.currency === currency);
      const canPay = status?.canPayWithPoints ?? null;
      return {
        available: data?.available_points ?? 0,
        earned: data?.earned_points ?? 0,
        redeemed: data?.redeemed_points ?? 0,
        // Points a customer cannot pay with are worth nothing at this till.
        moneyValue: canPay === false ? null : (value ?? null),
        canPayWithPoints: canPay,
      };
    });
  }

  async credits(customerId: string): Promise<Result<CreditsOverview>> {
    return this.#wallet(customerId, 'credits', creditsSchema, async () => {
      const api = this.#api();
      const [data, currencies] = await Promise.all([
        this.#take(customerId, 'credits', () => customerCalls.credits(api, customerId)),
        this.#currencyCodes(),
      ]);
      return {
        byCurrency: (data?.split_by_currency ?? []).map((c) =>
          money(c.available_credits ?? 0, c.currency_id ?? '', currencies),
        ),
      };
    });
  }

  async vouchers(customerId: string): Promise<Result<VoucherList>> {
    return this.#wallet(customerId, 'vouchers', vouchersSchema, async () => {
      const api = this.#api();
      const page = await this.#take(customerId, 'vouchers', () => customerCalls.vouchers(api, customerId));
      const now = formatCareCloudDateTime(new Date(this.#now()), this.#place.timeZone());
      const storeId = this.#place.storeId();
      return {
        vouchers: page.items.map((v) => ({
          id: v.voucher_id ?? '',
          code: v.code ?? null,
          name: v.reward?.name ?? null,
          value: typeof v.value === 'number' ? v.value : null,
          validFrom: v.valid_from ?? null,
          validTo: v.valid_to ?? null,
          refusals: voucherPlaceRefusals(v, storeId, now),
        })),
      };
    });
  }

  async rewards(customerId: string): Promise<Result<RewardList>> {
    return this.#wallet(customerId, 'rewards', rewardsSchema, async () => {
      const api = this.#api();
      const page = await this.#take(customerId, 'rewards', () => customerCalls.rewards(api, customerId));
      return {
        rewards: page.items.map((r) => ({
          id: r.reward_id ?? '',
          code: r.code ?? null,
          name: r.name ?? '',
          pointsCost: r.points_cost ?? null,
        })),
      };
    });
  }

  /**
   * The customer's current status from their status record and the project's status list; null when CareCloud has none.
   */
  async #status(
    api: CustomerApi,
    customerId: string,
  ): Promise<{ name: string; canPayWithPoints: boolean } | null> {
    const [records, statuses] = await Promise.all([
      api.customers.currentStatus(customerId),
      api.reference.statuses(),
    ]);
    const statusId = records.items[0]?.status_id;
    const status = statuses.items.find((s) => s.status_id === statusId);
    return status ? { name: status.name, canPayWithPoints: status.payment_points === true } : null;
  }

  /** The status read ahead for this scan (the profile and the points both want it), else asked now. */
  #statusOf(
    api: CustomerApi,
    customerId: string,
  ): Promise<{ name: string; canPayWithPoints: boolean } | null> {
    const ahead = this.#ahead.get(customerId);
    if (ahead && ahead.until > performance.now()) return ahead.status;
    return this.#status(api, customerId);
  }

  /**
   * Everything the customer panel shows of this customer, asked of CareCloud at once.
   * Each call is answered to the first part that asks for it within a few seconds; later
   * asks (a refresh after a sale) go to CareCloud again.
   */
  #readAhead(api: CustomerApi, customerId: string): ReadAhead {
    // Real elapsed time, not the terminal's clock (which tests may hold still).
    const now = performance.now();
    for (const [id, old] of this.#ahead) if (old.until <= now) this.#ahead.delete(id);
    const quiet = <T>(call: Promise<T>): Promise<T> => {
      // The part that takes it sees the failure; one never taken must not be reported as unhandled.
      call.catch(() => {});
      return call;
    };
    const ahead: ReadAhead = {
      until: now + readAheadMs,
      customer: quiet(api.customers.get(customerId)),
      status: quiet(this.#status(api, customerId)),
      calls: new Map<AheadCall, Promise<unknown>>([
        ['cards', quiet(customerCalls.cards(api, customerId))],
        ['points', quiet(customerCalls.points(api, customerId))],
        ['credits', quiet(customerCalls.credits(api, customerId))],
        ['vouchers', quiet(customerCalls.vouchers(api, customerId))],
        ['rewards', quiet(customerCalls.rewards(api, customerId))],
      ]),
    };
    ahead.calls.set('customer', ahead.customer);
    this.#ahead.set(customerId, ahead);
    return ahead;
  }

  /** The call read ahead for this customer, once; else asked now. */
  #take<K extends AheadCall>(
    customerId: string,
    call: K,
    ask: () => Promise<AheadAnswer<K>>,
  ): Promise<AheadAnswer<K>> {
    const ahead = this.#ahead.get(customerId);
    const waiting = ahead && ahead.until > performance.now() ? ahead.calls.get(call) : undefined;
    if (!waiting) return ask();
    ahead!.calls.delete(call);
    return waiting as Promise<AheadAnswer<K>>;
  }

  async #currencyCodes(): Promise<Map<string, string>> {
    try {
      const list = await this.#api().reference.currencies();
      return new Map(list.items.map((c) => [c.currency_id ?? '', c.code]));
    } catch {
      return new Map();
    }
  }

  async #online<T>(ask: () => Promise<Result<T>>, fromCache: () => Result<T>): Promise<Result<T>> {
    if (this.#connectivity.offline()) return fromCache();
    try {
      return await ask();
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      this.#connectivity.unreachable();
      return fromCache();
    }
  }

  /**
   * A wallet part from CareCloud, kept on the terminal; while CareCloud cannot be reached,
   * the last one kept with when CareCloud gave it (`asOf`), never passed off as current.
   */
  async #wallet<T extends object>(
    customerId: string,
    part: WalletPart,
    schema: z.ZodType<T>,
    ask: () => Promise<T>,
  ): Promise<Result<T & { asOf: string | null }>> {
    const lastKnown = (): Result<T & { asOf: string | null }> => {
      const known = this.#cache.knownPart(customerId, part);
      const value = known ? schema.safeParse(known.value) : null;
      if (!known || !value?.success)
        return failure(
          'offline',
          'CareCloud cannot be reached and this terminal has not seen this wallet yet',
        );
      return success({ ...value.data, asOf: new Date(known.at).toISOString() });
    };
    if (this.#connectivity.offline()) return lastKnown();
    let value: T;
    try {
      value = await ask();
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      this.#connectivity.unreachable();
      return lastKnown();
    }
    this.#cache.rememberPart(customerId, part, value, this.#now());
    return success({ ...value, asOf: null });
  }
}

const moneySchema = z.object({ amount: z.int(), currency: z.string() });
const pointsSchema = z.object({
  available: z.number(),
  earned: z.number(),
  redeemed: z.number(),
  moneyValue: moneySchema.nullable(),
  canPayWithPoints: z.boolean().nullable(),
});
const creditsSchema = z.object({ byCurrency: z.array(moneySchema) });
const vouchersSchema = z.object({
  vouchers: z.array(
    z.object({
      id: z.string(),
      code: z.string().nullable(),
      name: z.string().nullable(),
      value: z.number().nullable(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      refusals: z.array(z.string()),
    }),
  ),
});
const rewardsSchema = z.object({
  rewards: z.array(
    z.object({
      id: z.string(),
      code: z.string().nullable(),
      name: z.string(),
      pointsCost: z.number().nullable(),
    }),
  ),
});

function money(value: number, currencyId: string, codes: Map<string, string>): Money {
  const code = codes.get(currencyId) ?? currencyId;
  return { amount: toMinorUnits(value, currencyDecimals(code)), currency: code };
}
