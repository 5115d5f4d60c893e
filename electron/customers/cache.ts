// Known cards and customers, kept on the terminal so a customer stays
// identifiable while CareCloud is unreachable. Bounded; oldest entries go first.
//
// Memory is the cache; the file is its copy for the next start. A scan changes it five or
// six times (the card's customer, the profile, each wallet part), and the file behind it
// (conf) is rewritten whole on every set, synchronously on main's event loop: so changes
// are saved together, once, a moment after the first (the scan's answer is out by then).
// A kill before that save loses only what CareCloud answered in that moment, and only the
// file's copy: CareCloud was reachable (only its answers are kept), everything saved before
// stays for the offline lookup, and the next online scan of that customer keeps them again.
// A graceful quit saves at once (`save`).
import type { CardSummary, CustomerSummary } from '../../shared/customers.ts';
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

export interface CustomerCacheOptions {
  /** Most customers (and wallets) kept. */
  limit?: number;
  /** How long after the first unsaved change the file is written, once for everything since. */
  saveAfterMs?: number;
  /** The file could not be written (the changes stay in memory and are saved with the next ones). */
  onSaveFailed?: (error: unknown) => void;
}

type StoredKey = typeof entriesKey | typeof walletsKey;

export class CustomerCache {
  readonly #backend: KeyValueBackend;
  readonly #limit: number;
  readonly #saveAfterMs: number;
  readonly #onSaveFailed: (error: unknown) => void;
  #entries: Map<string, CachedCustomer>;
  #wallets: Map<string, Wallet>;
  readonly #unsaved = new Set<StoredKey>();
  #saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(backend: KeyValueBackend, options: CustomerCacheOptions = {}) {
    this.#backend = backend;
    this.#limit = options.limit ?? 5_000;
    this.#saveAfterMs = options.saveAfterMs ?? 1_000;
    this.#onSaveFailed = options.onSaveFailed ?? (() => {});
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
    this.#changed(walletsKey);
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
    this.#changed(entriesKey);
  }

  forget(customerId: string): void {
    if (this.#entries.delete(customerId)) this.#changed(entriesKey);
    if (this.#wallets.delete(customerId)) this.#changed(walletsKey);
  }

  /** Writes what changed since the last save, in one write; nothing when nothing did. */
  save(): void {
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    if (this.#unsaved.size === 0) return;
    const values: Partial<Record<StoredKey, unknown>> = {};
    if (this.#unsaved.has(entriesKey)) values[entriesKey] = [...this.#entries.values()];
    if (this.#unsaved.has(walletsKey)) values[walletsKey] = [...this.#wallets.entries()];
    this.#backend.set(values);
    this.#unsaved.clear();
  }

  #changed(key: StoredKey): void {
    this.#unsaved.add(key);
    if (this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      try {
        this.save();
      } catch (error) {
        this.#onSaveFailed(error);
      }
    }, this.#saveAfterMs);
    // A pending save never keeps the process alive; closing the terminal saves first.
    this.#saveTimer.unref?.();
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
