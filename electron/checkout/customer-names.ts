// The names of the queue's customers. The journal keeps a customer's id and card, not
// their name; the terminal's customer cache knows most of them (every card identified at
// this till is there). Others are asked of CareCloud in the background, a few at a time,
// while the list is shown at once; offline the masked card stands in. Names, e-mails and
// phone numbers stay in main: the screen gets a name and the card's last digits.
import type { QueueCustomer } from '../../shared/checkout/answers.ts';
import type { CustomerSummary } from '../../shared/customers.ts';
import { maskSyncedCard } from '../journal/card-mask.ts';

export interface CustomerDirectory {
  byId(customerId: string): { customer: CustomerSummary } | null;
  search(match: (customer: CustomerSummary) => boolean, limit: number): CustomerSummary[];
}

export interface CustomerNamesOptions {
  directory: CustomerDirectory;
  /** Asks CareCloud for one customer (and keeps the answer in the cache); null when CareCloud does not know them. */
  fetch: (customerId: string) => Promise<CustomerSummary | null>;
  online: () => boolean;
  /** Lookups in flight at once. */
  concurrency?: number;
  now?: () => number;
}

/** A customer CareCloud could not give is not asked again for this long. */
const retryAfterMs = 5 * 60_000;

export function displayName(customer: Pick<CustomerSummary, 'firstName' | 'lastName'>): string | null {
  const name = [customer.firstName, customer.lastName]
    .filter((part) => part && part.trim())
    .join(' ')
    .trim();
  return name === '' ? null : name;
}

const fold = (text: string | null | undefined): string =>
  (text ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** A cached customer whose name, e-mail or phone contains the text (accents and case aside; phones by digits). */
export function customerMatches(text: string, customer: CustomerSummary): boolean {
  const wanted = fold(text).replace(/\s+/g, ' ');
  if (wanted === '') return false;
  if (
    fold(`${customer.firstName ?? ''} ${customer.lastName ?? ''}`)
      .replace(/\s+/g, ' ')
      .includes(wanted)
  )
    return true;
  if (
    fold(`${customer.lastName ?? ''} ${customer.firstName ?? ''}`)
      .replace(/\s+/g, ' ')
      .includes(wanted)
  )
    return true;
  if (wanted.includes('@') || wanted.length >= 3) if (fold(customer.email).includes(wanted)) return true;
  const digits = text.replace(/\D/g, '');
  return (
    digits.length >= 4 &&
    digits.length === text.replace(/[\s()+/-]/g, '').length &&
    (customer.phone ?? '').replace(/\D/g, '').includes(digits.replace(/^0+/, ''))
  );
}

export class CustomerNames {
  readonly #o: CustomerNamesOptions;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #waiting: string[] = [];
  readonly #failedAt = new Map<string, number>();
  #running = 0;

  constructor(options: CustomerNamesOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** The customer as known now; an unknown one is asked of CareCloud in the background when online. */
  view(customerId: string | null, cardNumber: string | null): QueueCustomer | null {
    if (!customerId && !cardNumber) return null;
    const card = cardNumber ? maskSyncedCard(cardNumber) : null;
    if (!customerId) return { id: null, name: null, card, pending: false };
    const known = this.#o.directory.byId(customerId);
    const name = known ? displayName(known.customer) : null;
    if (known) return { id: customerId, name, card, pending: false };
    return { id: customerId, name: null, card, pending: this.#ask(customerId) };
  }

  /** Waits (at most `timeoutMs`) for the lookups of these customers, then answers what is known. */
  async settle(
    ids: readonly string[],
    cards: ReadonlyMap<string, string | null>,
    timeoutMs = 4_000,
  ): Promise<Record<string, QueueCustomer>> {
    const pending = [...new Set(ids)]
      .map((id) => this.#inFlight.get(id))
      .filter((p): p is Promise<void> => p !== undefined);
    if (pending.length > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    const answer: Record<string, QueueCustomer> = {};
    for (const id of new Set(ids)) {
      const known = this.#o.directory.byId(id);
      const card = cards.get(id) ?? null;
      answer[id] = {
        id,
        name: known ? displayName(known.customer) : null,
        card: card ? maskSyncedCard(card) : null,
        pending: this.#inFlight.has(id),
      };
    }
    return answer;
  }

  /** Ids of cached customers the text names (name, e-mail or phone). */
  matching(text: string, limit = 500): string[] {
    return this.#o.directory.search((customer) => customerMatches(text, customer), limit).map((c) => c.id);
  }

  /** True when a lookup is running or queued for the customer. */
  #ask(customerId: string): boolean {
    if (this.#inFlight.has(customerId)) return true;
    if (!this.#o.online()) return false;
    const failed = this.#failedAt.get(customerId);
    if (failed !== undefined && this.#now() - failed < retryAfterMs) return false;
    this.#inFlight.set(customerId, new Promise<void>((resolve) => this.#finishers.set(customerId, resolve)));
    this.#waiting.push(customerId);
    this.#pump();
    return true;
  }

  /** Resolves the promise `settle` waits on, per customer asked for. */
  readonly #finishers = new Map<string, () => void>();

  #pump(): void {
    const limit = this.#o.concurrency ?? 4;
    while (this.#running < limit && this.#waiting.length > 0) {
      const next = this.#waiting.shift()!;
      this.#running += 1;
      void this.#o
        .fetch(next)
        .then(
          (found) => {
            if (!found) this.#failedAt.set(next, this.#now());
          },
          () => this.#failedAt.set(next, this.#now()),
        )
        .finally(() => {
          this.#running -= 1;
          this.#inFlight.delete(next);
          this.#finishers.get(next)?.();
          this.#finishers.delete(next);
          this.#pump();
        });
    }
  }
}
