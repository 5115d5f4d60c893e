// Redeeming a reward: the cashier confirms, and every press of that confirmation sends
// one confirmation id, so main makes one voucher however often it is pressed. Also the
// best reward for the sale's bill, and giving a closed sale to a customer afterwards.
import type { AssignOutcome, RedeemOutcome, RewardRecommendation } from '../../../shared/checkout/rewards.ts';
import type { CustomerSummary, PayloadOf, PosApi, PosError } from '../../../shared/ipc/index.ts';
import { Part } from './part.svelte.ts';

type RewardPort = Pick<PosApi, 'rewards'>;

export type RedeemResult = { ok: true; outcome: RedeemOutcome } | { ok: false; error: PosError };

interface Confirming {
  rewardId: string;
  customerId: string;
  confirmationId: string;
}

function confirmationId(): string {
  return crypto.randomUUID();
}

export class RewardRedeemer {
  readonly #pos: RewardPort;
  #confirming = $state.raw<Confirming | null>(null);
  #running: Promise<RedeemResult> | null = null;
  #busy = $state(false);
  #last = $state.raw<{ rewardId: string; result: RedeemResult } | null>(null);
  /**
   * Confirmations whose voucher was already handed on (applied to the sale), so a repeat answer is not applied twice.
   */
  readonly #handled = new Set<string>();

  constructor(pos: RewardPort) {
    this.#pos = pos;
  }

  get confirming(): Confirming | null {
    return this.#confirming;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get last(): { rewardId: string; result: RedeemResult } | null {
    return this.#last;
  }

  /** Opens the confirmation for one reward; its id is fixed now, for every press of "Yes". */
  ask(customerId: string, rewardId: string): void {
    if (this.#busy) return;
    this.#confirming = { customerId, rewardId, confirmationId: confirmationId() };
    this.#last = null;
  }

  back(): void {
    if (!this.#busy) this.#confirming = null;
  }

  /**
   * Sends the open confirmation. A press while one is on its way shares it; `onvoucher` runs once
   * per confirmation with the voucher made, however many presses and answers there were.
   */
  confirm(onvoucher?: (code: string) => void): Promise<RedeemResult> | null {
    const open = this.#confirming;
    if (!open) return null;
    if (this.#running) return this.#running;
    this.#busy = true;
    const running = this.#pos.rewards
      .redeem({ customerId: open.customerId, rewardId: open.rewardId, confirmationId: open.confirmationId })
      .then((result): RedeemResult =>
        result.ok ? { ok: true, outcome: result.value } : { ok: false, error: result.error },
      )
      .then((result) => {
        this.#last = { rewardId: open.rewardId, result };
        if (result.ok && result.outcome.outcome === 'created') {
          this.#confirming = null;
          if (!this.#handled.has(open.confirmationId)) {
            this.#handled.add(open.confirmationId);
            onvoucher?.(result.outcome.voucher.code);
          }
        }
        // Offline nothing was asked: the confirmation closes. Refused or unanswered: it stays for another press.
        if (result.ok && result.outcome.outcome === 'offline') this.#confirming = null;
        return result;
      })
      .finally(() => {
        this.#running = null;
        this.#busy = false;
      });
    this.#running = running;
    return running;
  }

  /** Another customer (or none): nothing of the last one stays on screen. */
  reset(): void {
    this.#confirming = null;
    this.#last = null;
  }
}

/** recommended-best-rewards for the sale as it is, asked when the cashier wants a suggestion. */
export class RewardSuggestion {
  readonly #pos: RewardPort;
  readonly answer = new Part<RewardRecommendation>();

  constructor(pos: RewardPort) {
    this.#pos = pos;
  }

  ask(request: PayloadOf<'rewards.recommend'>): Promise<void> {
    return this.answer.load(() => this.#pos.rewards.recommend(request));
  }

  reset(): void {
    this.answer.reset();
  }
}

type ClaimPort = Pick<PosApi, 'purchases' | 'customers'>;

export type ClaimResult = { ok: true; outcome: AssignOutcome; name: string } | { ok: false; error: PosError };

/** The customer a closed sale goes to, found by their card. */
export interface ClaimCustomer {
  id: string;
  name: string;
  cardNumber: string;
}

export class PointsClaimForm {
  readonly #pos: ClaimPort;
  sale = $state('');
  card = $state('');
  #customer = $state.raw<ClaimCustomer | null>(null);
  #finding = $state(false);
  #cardProblem = $state.raw<PosError | null>(null);
  #sending = $state(false);
  #last = $state.raw<ClaimResult | null>(null);
  /** The form's field that has the focus: a scan then fills it. */
  #scanInto: 'sale' | 'card' | null = null;

  constructor(pos: ClaimPort) {
    this.#pos = pos;
  }

  get customer(): ClaimCustomer | null {
    return this.#customer;
  }
  get finding(): boolean {
    return this.#finding;
  }
  get cardProblem(): PosError | null {
    return this.#cardProblem;
  }
  get sending(): boolean {
    return this.#sending;
  }
  get last(): ClaimResult | null {
    return this.#last;
  }

  /** The form's sale or card field took (or, with null, lost) the focus. */
  focused(field: 'sale' | 'card' | null): void {
    this.#scanInto = field;
  }

  /**
   * A scan while a field of the form has the focus fills that field; which one, or null when the scan is not the
   * form's.
   */
  takeScan(code: string): 'sale' | 'card' | null {
    if (this.#scanInto === 'sale') this.sale = code;
    else if (this.#scanInto === 'card') this.card = code;
    return this.#scanInto;
  }

  /** A fresh form, optionally for one sale of the list. */
  start(sale = ''): void {
    this.sale = sale;
    this.card = '';
    this.#customer = null;
    this.#cardProblem = null;
    this.#last = null;
  }

  async findCard(name: (customer: CustomerSummary) => string): Promise<void> {
    const cardNumber = this.card.trim();
    if (cardNumber === '' || this.#finding) return;
    this.#finding = true;
    this.#cardProblem = null;
    this.#customer = null;
    try {
      // The claim wants the card's customer only: main reads no panel ahead for it.
      const result = await this.#pos.customers.identifyByCard({ cardNumber, panel: false });
      if (!result.ok) this.#cardProblem = result.error;
      else
        this.#customer = {
          id: result.value.customer.id,
          name: name(result.value.customer),
          cardNumber: result.value.card.number,
        };
    } finally {
      this.#finding = false;
    }
  }

  /** One request at a time; main also keeps one per sale. */
  async send(): Promise<ClaimResult | null> {
    const customer = this.#customer;
    if (!customer || this.sale.trim() === '' || this.#sending) return null;
    this.#sending = true;
    try {
      const result = await this.#pos.purchases.assignCustomer({
        sale: this.sale.trim(),
        customerId: customer.id,
        cardNumber: customer.cardNumber,
      });
      const outcome: ClaimResult = result.ok
        ? { ok: true, outcome: result.value, name: customer.name }
        : { ok: false, error: result.error };
      this.#last = outcome;
      return outcome;
    } finally {
      this.#sending = false;
    }
  }
}
