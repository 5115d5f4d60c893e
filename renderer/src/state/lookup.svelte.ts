// Finding the customer: by card (scanner push, keyboard-wedge burst or its number typed
// into the search) or by email, phone or name. One match opens the customer; several give a list.
import type {
  CardSummary,
  CustomerSummary,
  PosApi,
  PosError,
  ScanEvent,
  ScanKind,
} from '../../../shared/ipc/index.ts';

export interface FoundCustomer {
  customer: CustomerSummary;
  card: CardSummary | null;
  fromCache: boolean;
}

export type LookupNotice =
  | { kind: 'searching'; query: string }
  | { kind: 'scanning'; card: string }
  | { kind: 'tooShort' }
  | { kind: 'noMatch'; query: string; byName: boolean }
  | { kind: 'unknownCard'; card: string }
  | { kind: 'blockedCard'; card: string }
  | { kind: 'deletedCard'; card: string }
  | { kind: 'offlineUnknownCard'; card: string }
  | { kind: 'notACard'; scanKind: ScanKind }
  | { kind: 'error'; error: PosError };

export const minimumQueryLength = 2;

type LookupPort = Pick<PosApi, 'customers' | 'input'>;

/** Digits only and long enough to be a card number rather than a name or an e-mail. */
const cardLike = /^\d{8,}$/;

export class CustomerLookup {
  readonly #pos: LookupPort;
  readonly #onFound: (found: FoundCustomer) => void;
  #query = $state('');
  #results = $state.raw<CustomerSummary[]>([]);
  #totalItems = $state(0);
  #fromCache = $state(false);
  #selected = $state(0);
  #notice = $state<LookupNotice | null>(null);
  /** Only the newest request may change the screen. */
  #generation = 0;

  constructor(pos: LookupPort, onFound: (found: FoundCustomer) => void) {
    this.#pos = pos;
    this.#onFound = onFound;
  }

  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
  }
  get results(): readonly CustomerSummary[] {
    return this.#results;
  }
  get totalItems(): number {
    return this.#totalItems;
  }
  get fromCache(): boolean {
    return this.#fromCache;
  }
  get selected(): number {
    return this.#selected;
  }
  get notice(): LookupNotice | null {
    return this.#notice;
  }
  get busy(): boolean {
    return this.#notice?.kind === 'searching' || this.#notice?.kind === 'scanning';
  }

  async search(query: string = this.#query): Promise<void> {
    const text = query.trim();
    this.#query = query;
    if (text.length < minimumQueryLength) {
      this.#notice = { kind: 'tooShort' };
      return;
    }
    const generation = this.#begin({ kind: 'searching', query: text });
    // A card number typed by hand (no scanner, or a damaged barcode) is a card, as if scanned.
    if (cardLike.test(text)) {
      const scan = await this.#pos.input.classify({ text });
      if (generation !== this.#generation) return;
      if (scan.ok && scan.value?.kind === 'loyalty_card') return this.identifyCard(scan.value.code);
    }
    const result = await this.#pos.customers.search({ query: text });
    if (generation !== this.#generation) return;
    if (!result.ok) {
      this.#notice = { kind: 'error', error: result.error };
      return;
    }
    const { customers, totalItems, fromCache } = result.value;
    this.#fromCache = fromCache;
    if (customers.length === 0) {
      // CareCloud matches a name whole and with its accents; the cashier is told so.
      this.#notice = { kind: 'noMatch', query: text, byName: !text.includes('@') && /\p{L}/u.test(text) };
    } else if (customers.length === 1 && totalItems <= 1) {
      this.#notice = null;
      this.#onFound({ customer: customers[0]!, card: null, fromCache });
    } else {
      this.#notice = null;
      this.#results = customers;
      this.#totalItems = totalItems;
    }
  }

  async identifyCard(cardNumber: string): Promise<void> {
    const card = cardNumber.trim();
    if (card === '') return;
    const generation = this.#begin({ kind: 'scanning', card });
    const result = await this.#pos.customers.identifyByCard({ cardNumber: card });
    if (generation !== this.#generation) return;
    if (result.ok) {
      this.#notice = null;
      this.#fromCache = result.value.fromCache;
      this.#onFound({
        customer: result.value.customer,
        card: result.value.card,
        fromCache: result.value.fromCache,
      });
      return;
    }
    this.#notice = cardNotice(result.error, card);
  }

  /** A scan from the main process: loyalty cards (and codes no rule recognised) are looked up. */
  async acceptScan(scan: ScanEvent): Promise<void> {
    if (scan.kind === 'loyalty_card' || scan.kind === 'unknown') return this.identifyCard(scan.code);
    this.#generation++;
    this.#notice = { kind: 'notACard', scanKind: scan.kind };
  }

  select(index: number): void {
    if (this.#results.length === 0) return;
    this.#selected = Math.min(Math.max(index, 0), this.#results.length - 1);
  }

  move(step: number): void {
    this.select(this.#selected + step);
  }

  /** Opens the highlighted (or given) result. */
  choose(index: number = this.#selected): void {
    const customer = this.#results[index];
    if (customer) this.#onFound({ customer, card: null, fromCache: this.#fromCache });
  }

  clear(): void {
    this.#generation++;
    this.#query = '';
    this.#results = [];
    this.#totalItems = 0;
    this.#selected = 0;
    this.#fromCache = false;
    this.#notice = null;
  }

  #begin(notice: LookupNotice): number {
    this.#notice = notice;
    this.#results = [];
    this.#totalItems = 0;
    this.#selected = 0;
    return ++this.#generation;
  }
}

function cardNotice(error: PosError, card: string): LookupNotice {
  switch (error.code) {
    case 'unknown_card':
      return { kind: 'unknownCard', card };
    case 'card_blocked':
      return { kind: 'blockedCard', card };
    case 'customer_deleted':
      return { kind: 'deletedCard', card };
    case 'offline':
      return { kind: 'offlineUnknownCard', card };
    case 'invalid_payload':
      return { kind: 'unknownCard', card };
    default:
      return { kind: 'error', error };
  }
}
