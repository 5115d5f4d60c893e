// The terminal's recent sales, and cancelling one with a manager's PIN.
import type { CancelOutcome, RecentSale } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import { Part } from './part.svelte.ts';

type RecentPort = Pick<PosApi, 'checkout'>;

export type CancelResult = { ok: true; outcome: CancelOutcome } | { ok: false; error: PosError };

export class RecentSales {
  readonly #pos: RecentPort;
  readonly list = new Part<RecentSale[]>();
  #cancelling = $state<string | null>(null);
  #lastCancel = $state.raw<CancelResult | null>(null);
  #limit = 10;

  constructor(pos: RecentPort) {
    this.#pos = pos;
  }

  get cancelling(): string | null {
    return this.#cancelling;
  }
  get lastCancel(): CancelResult | null {
    return this.#lastCancel;
  }

  load(limit = 10, options: { quiet?: boolean } = {}): Promise<void> {
    this.#limit = limit;
    return this.list.load(() => this.#pos.checkout.recent({ limit }), options);
  }

  /** After a sync status push: the states as the journal has them now, if the list is shown. */
  refresh(): Promise<void> {
    if (this.list.state.status === 'idle') return Promise.resolve();
    return this.load(this.#limit, { quiet: true });
  }

  /** One cancellation at a time; the list is read again afterwards either way. */
  async cancel(billId: string, pin: string): Promise<CancelResult | null> {
    if (this.#cancelling !== null) return null;
    this.#cancelling = billId;
    try {
      const result = await this.#pos.checkout.cancel({ billId, pin });
      const outcome: CancelResult = result.ok
        ? { ok: true, outcome: result.value }
        : { ok: false, error: result.error };
      this.#lastCancel = outcome;
      await this.load();
      return outcome;
    } finally {
      this.#cancelling = null;
    }
  }

  dismiss(): void {
    this.#lastCancel = null;
  }
}
