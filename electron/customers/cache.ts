// Known cards and customers, kept on the terminal so a customer stays
// identifiable while CareCloud is unreachable. Bounded; oldest entries go first.
import type { CardSummary, CustomerSummary } from '../../shared/ipc/contract.ts';
import type { KeyValueBackend } from '../settings/backend.ts';

export interface CachedCustomer {
  customer: CustomerSummary;
  cards: CardSummary[];
  /** ms since epoch of the last time CareCloud confirmed it. */
  seenAt: number;
}

const entriesKey = 'customers';
const walletsKey = 'wallets';

export type WalletPart = 'points' | 'credits' | 'vouchers' | 'rewards';

/** A wallet part as CareCloud last gave it, and when (ms since epoch). */
export interface KnownPart {
  value: unknown;
  at: number;
}

type Wallet = Partial<Record<WalletPart, KnownPart>>;

function isWallet(value: unknown): value is [string, Wallet] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false;
  const wallet = value[1] as Record<string, unknown> | null;
  if (typeof wallet !== 'object' || wallet === null) return false;
  return Object.values(wallet).every(
    (part) => typeof part === 'object' && part !== null && typeof (part as KnownPart).at === 'number',
  );
}

function isCachedCustomer(value: unknown): value is CachedCustomer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const customer = v.customer as Record<string, unknown> | undefined;
  return typeof v.seenAt === 'number' && Array.isArray(v.cards) && typeof customer?.id === 'string';
}

export class CustomerCache {
  readonly #backend: KeyValueBackend;
  readonly #limit: number;
  #entries: Map<string, CachedCustomer>;
  #wallets: Map<string, Wallet>;

  constructor(backend: KeyValueBackend, limit = 5_000) {
    this.#backend = backend;
    this.#limit = limit;
    const stored = backend.get(entriesKey);
    const list = Array.isArray(stored) ? stored.filter(isCachedCustomer) : [];
    this.#entries = new Map(list.map((entry) => [entry.customer.id, entry]));
    const wallets = backend.get(walletsKey);
    this.#wallets = new Map(Array.isArray(wallets) ? wallets.filter(isWallet) : []);
  }

  /** Keeps a wallet part as CareCloud gave it, for when CareCloud cannot be asked. */
  rememberPart(customerId: string, part: WalletPart, value: unknown, at: number): void {
    const wallet = this.#wallets.get(customerId) ?? {};
    this.#wallets.delete(customerId);
    this.#wallets.set(customerId, { ...wallet, [part]: { value, at } });
    while (this.#wallets.size > this.#limit) {
      const oldest = this.#wallets.keys().next().value;
      if (oldest === undefined) break;
      this.#wallets.delete(oldest);
    }
    this.#backend.set(walletsKey, [...this.#wallets.entries()]);
  }

  /** The part as CareCloud last gave it; the caller checks its shape. */
  knownPart(customerId: string, part: WalletPart): KnownPart | null {
    return this.#wallets.get(customerId)?.[part] ?? null;
  }

  remember(customer: CustomerSummary, cards: CardSummary[], seenAt: number): void {
    const previous = this.#entries.get(customer.id);
    const byNumber = new Map((previous?.cards ?? []).map((card) => [card.number, card]));
    for (const card of cards) byNumber.set(card.number, card);
    this.#entries.delete(customer.id);
    this.#entries.set(customer.id, { customer, cards: [...byNumber.values()], seenAt });
    while (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#backend.set(entriesKey, [...this.#entries.values()]);
  }

  forget(customerId: string): void {
    if (this.#entries.delete(customerId)) this.#backend.set(entriesKey, [...this.#entries.values()]);
    if (this.#wallets.delete(customerId)) this.#backend.set(walletsKey, [...this.#wallets.entries()]);
  }

  byCardNumber(cardNumber: string): { customer: CustomerSummary; card: CardSummary } | null {
    for (const entry of this.#entries.values()) {
      const card = entry.cards.find((c) => c.number === cardNumber);
      if (card) return { customer: entry.customer, card };
    }
    return null;
  }

  byId(customerId: string): CachedCustomer | null {
    return this.#entries.get(customerId) ?? null;
  }

  search(match: (customer: CustomerSummary) => boolean, limit: number): CustomerSummary[] {
    const found: CustomerSummary[] = [];
    for (const entry of this.#entries.values()) {
      if (match(entry.customer)) found.push(entry.customer);
      if (found.length >= limit) break;
    }
    return found;
  }
}
