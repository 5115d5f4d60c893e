// Sales set aside at this till: parking the open sale (deliberately, or on signing out),
// the operator's list kept in main, and taking one back to the sale screen.
import type { ParkedSale, ParkedSaleSummary } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import type { FoundCustomer } from './lookup.svelte.ts';
import { Part } from './part.svelte.ts';
import type { Sale } from './sale.svelte.ts';

type ParkPort = Pick<PosApi, 'checkout' | 'customers'>;

export type ParkNotice = { kind: 'parked' } | { kind: 'full' } | { kind: 'error'; error: PosError };

export class ParkedSalesState {
  readonly #pos: ParkPort;
  readonly #sale: Sale;
  readonly list = new Part<ParkedSaleSummary[]>();
  #open = $state(false);
  #notice = $state.raw<ParkNotice | null>(null);

  constructor(pos: ParkPort, sale: Sale) {
    this.#pos = pos;
    this.#sale = sale;
  }

  /** The list of parked sales is showing (asked for, or offered after sign-in). */
  get open(): boolean {
    return this.#open;
  }
  get notice(): ParkNotice | null {
    return this.#notice;
  }
  get count(): number {
    return this.list.value?.length ?? 0;
  }

  async refresh(): Promise<void> {
    await this.list.load(() => this.#pos.checkout.parked());
  }

  /** After sign-in: the operator's parked sales are offered back, when there are any. */
  async offer(): Promise<void> {
    await this.refresh();
    this.#open = this.count > 0;
  }

  show(open: boolean): void {
    this.#open = open;
  }

  /** Sets the open sale aside in main and starts an empty one; false when main did not keep it. */
  async park(reason: 'parked' | 'signOut'): Promise<boolean> {
    if (!this.#sale.parkable) return reason === 'signOut';
    const result = await this.#pos.checkout.park(this.#sale.parkRequest(reason));
    if (!result.ok) {
      this.#notice = { kind: 'error', error: result.error };
      return false;
    }
    if (result.value.outcome === 'full') {
      this.#notice = { kind: 'full' };
      return false;
    }
    this.#sale.next();
    this.#notice = { kind: 'parked' };
    void this.refresh();
    return true;
  }

  /**
   * Main signed the operator out for being idle: their open sale is parked for them
   * (the request is taken before the screens are cleared), to be offered back at their next sign-in.
   */
  async parkLeft(): Promise<void> {
    if (!this.#sale.parkable) return;
    const request = $state.snapshot(this.#sale.parkRequest('signOut'));
    this.#sale.next();
    const result = await this.#pos.checkout.parkLeft(request);
    if (!result.ok) this.#notice = { kind: 'error', error: result.error };
    else if (result.value.outcome === 'full') this.#notice = { kind: 'full' };
  }

  /** Takes a parked sale back to the till (only over an empty sale, which nothing is lost from). */
  async recall(id: string): Promise<boolean> {
    if (this.#sale.parkable) return false;
    const result = await this.#pos.checkout.recall({ id });
    if (!result.ok) {
      this.#notice = { kind: 'error', error: result.error };
      await this.refresh();
      return false;
    }
    await this.#restore(result.value);
    this.#notice = null;
    this.#open = false;
    await this.refresh();
    return true;
  }

  /**
   * Screens that start again while an operator is signed in (the renderer died and was
   * reloaded) take back the open sale main kept a copy of; false when there was none.
   */
  async restoreOpen(): Promise<boolean> {
    const result = await this.#pos.checkout.openSale();
    if (!result.ok || result.value === null || this.#sale.parkable) return false;
    await this.#restore(result.value);
    return true;
  }

  async #restore(sale: Pick<ParkedSale, 'saleId' | 'cart' | 'ask'>): Promise<void> {
    let customer: FoundCustomer | null = null;
    if (sale.ask.customer) {
      const profile = await this.#pos.customers.profile({ customerId: sale.ask.customer.customerId });
      if (profile.ok) {
        const number = sale.ask.customer.cardNumber;
        customer = {
          customer: profile.value.customer,
          card: profile.value.cards.find((c) => c.number === number) ?? null,
          fromCache: profile.value.fromCache,
        };
      }
    }
    this.#sale.restore(sale, customer);
  }

  dismiss(): void {
    this.#notice = null;
  }
}
