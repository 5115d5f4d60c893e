// The customer panel: who they are and their wallet, each part fetched in
// parallel and shown the moment it arrives.
import type {
  CardSummary,
  CreditsOverview,
  CustomerProfile,
  CustomerSummary,
  PointsOverview,
  PosApi,
  RewardList,
  VoucherList,
} from '../../../shared/ipc/index.ts';
import type { FoundCustomer } from './lookup.svelte.ts';
import { Part } from './part.svelte.ts';

type CustomerPort = Pick<PosApi, 'customers'>;

export class CustomerPanel {
  readonly #pos: CustomerPort;
  #found = $state.raw<FoundCustomer | null>(null);
  readonly profile = new Part<CustomerProfile>();
  readonly points = new Part<PointsOverview>();
  readonly credits = new Part<CreditsOverview>();
  readonly vouchers = new Part<VoucherList>();
  readonly rewards = new Part<RewardList>();

  constructor(pos: CustomerPort) {
    this.#pos = pos;
  }

  get open(): boolean {
    return this.#found !== null;
  }
  get fromCache(): boolean {
    return (this.#found?.fromCache ?? false) || (this.profile.value?.fromCache ?? false);
  }
  /** The fuller profile once it arrives, the lookup's summary until then. */
  get customer(): CustomerSummary | null {
    return this.profile.value?.customer ?? this.#found?.customer ?? null;
  }
  /** The scanned card, else the customer's first active card. */
  get card(): CardSummary | null {
    if (this.#found?.card) return this.#found.card;
    const cards = this.profile.value?.cards ?? [];
    return cards.find((c) => c.active) ?? cards[0] ?? null;
  }

  /** Shows the customer at once and fetches the five parts side by side. */
  show(found: FoundCustomer): Promise<void> {
    this.#found = found;
    const customerId = found.customer.id;
    const customers = this.#pos.customers;
    return Promise.all([
      this.profile.load(() => customers.profile({ customerId })),
      this.points.load(() => customers.points({ customerId })),
      this.credits.load(() => customers.credits({ customerId })),
      this.vouchers.load(() => customers.vouchers({ customerId })),
      this.rewards.load(() => customers.rewards({ customerId })),
    ]).then(() => undefined);
  }

  /** CareCloud's names (vouchers, rewards) are wanted in another language: the open customer is read again. */
  renamed(): void {
    if (this.#found) void this.show(this.#found);
  }

  /**
   * After the wallet changed (a reward turned into a voucher): points, vouchers and rewards read again, the old values
   * shown meanwhile.
   */
  refreshWallet(): Promise<void> {
    const customerId = this.#found?.customer.id;
    if (!customerId) return Promise.resolve();
    const customers = this.#pos.customers;
    return Promise.all([
      this.points.load(() => customers.points({ customerId }), { quiet: true }),
      this.vouchers.load(() => customers.vouchers({ customerId }), { quiet: true }),
      this.rewards.load(() => customers.rewards({ customerId }), { quiet: true }),
    ]).then(() => undefined);
  }

  close(): void {
    this.#found = null;
    for (const part of [this.profile, this.points, this.credits, this.vouchers, this.rewards]) part.reset();
  }
}
