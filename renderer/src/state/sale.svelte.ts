// The sale at the till: the cart, the customer, the benefits asked for, the live
// preview and paying. Amounts stay integer minor units; totals come from the shared
// cart model, so the screen shows exactly what pay sends.
import type { BenefitAsk } from '../../../shared/checkout/bill.ts';
import {
  addLine,
  cartTotals,
  CartError,
  clearCart,
  emptyCart,
  removeLine,
  setQuantity,
  type Cart,
  type CartTotals,
  type NewLine,
} from '../../../shared/checkout/cart.ts';
import { cashRoundingStep } from '../../../shared/checkout/cash.ts';
import type { Product } from '../../../shared/checkout/catalogue.ts';
import { productLine } from '../../../shared/checkout/product-line.ts';
import type {
  ParkedSale,
  PayOutcome,
  Receipt,
  Refusal,
  Tender,
  TillSetup,
} from '../../../shared/checkout/answers.ts';
import type { ErrorReason, PosApi, PosError } from '../../../shared/ipc/index.ts';
import { BenefitPreviewRunner, type CurrentPreview } from './benefit-preview.svelte.ts';
import { CustomerPanel } from './customer.svelte.ts';
import type { FoundCustomer } from './lookup.svelte.ts';
import { Part } from './part.svelte.ts';

type SalePort = Pick<PosApi, 'checkout' | 'customers'>;

export type SaleNotice =
  | { kind: 'unknownProduct'; code: string }
  | { kind: 'attaching'; card: string }
  | { kind: 'card'; error: PosError; card: string }
  | { kind: 'invalidQuantity' }
  | { kind: 'voucherDuplicate' }
  | { kind: 'totalsChanged' }
  | { kind: 'rejected'; reasons: ErrorReason[] }
  | { kind: 'alreadyRecorded'; billId: string; purchaseId: string | null }
  | { kind: 'nothingToPay' }
  | { kind: 'error'; error: PosError };

export type SalePhase = 'open' | 'paying' | 'done';

export type Finished = Extract<PayOutcome, { outcome: 'closed' | 'saved_offline' }>;

export interface SaleOptions {
  debounceMs?: number;
  newSaleId?: () => string;
}

function randomSaleId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `sale-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class Sale {
  readonly #pos: SalePort;
  readonly #newSaleId: () => string;
  readonly catalogue = new Part<TillSetup>();
  /** The attached customer's wallet: points, credits and valid vouchers. */
  readonly wallet: CustomerPanel;
  readonly preview: BenefitPreviewRunner;
  #saleId = $state('');
  #cart = $state.raw<Cart>(emptyCart('CZK'));
  #customer = $state.raw<FoundCustomer | null>(null);
  #voucherCodes = $state.raw<string[]>([]);
  #points = $state<number | 'max'>(0);
  #credit = $state<number | 'max'>(0);
  #phase = $state<SalePhase>('open');
  #finished = $state.raw<Finished | null>(null);
  #notice = $state.raw<SaleNotice | null>(null);
  #selected = $state<string | null>(null);
  /** A product sold by weight, waiting for the cashier to enter the weight. */
  #weighing = $state.raw<Product | null>(null);
  /** A customer offered from the panel while the open sale has another: the cashier chooses. */
  #offered = $state.raw<FoundCustomer | null>(null);
  #unidentifiedCard = $state<string | null>(null);
  /** The name of a customer signed up here while CareCloud was unreachable, whose card the sale carries. */
  #newCustomerName = $state<string | null>(null);
  #cardOrVoucher = $state<string | null>(null);
  /** Card lookups: only the newest may attach. */
  #cardGeneration = 0;

  constructor(pos: SalePort, options: SaleOptions = {}) {
    this.#pos = pos;
    this.#newSaleId = options.newSaleId ?? randomSaleId;
    this.#saleId = this.#newSaleId();
    this.wallet = new CustomerPanel(pos);
    this.preview = new BenefitPreviewRunner(pos, () => this.#previewRequest(), options.debounceMs ?? 150);
  }

  get saleId(): string {
    return this.#saleId;
  }
  get cart(): Cart {
    return this.#cart;
  }
  get totals(): CartTotals {
    return cartTotals(this.#cart);
  }
  get customer(): FoundCustomer | null {
    return this.#customer;
  }
  get voucherCodes(): readonly string[] {
    return this.#voucherCodes;
  }
  get points(): number | 'max' {
    return this.#points;
  }
  get credit(): number | 'max' {
    return this.#credit;
  }
  get phase(): SalePhase {
    return this.#phase;
  }
  get finished(): Finished | null {
    return this.#finished;
  }
  get receipt(): Receipt | null {
    return this.#finished?.receipt ?? null;
  }
  get notice(): SaleNotice | null {
    return this.#notice;
  }
  get selected(): string | null {
    return this.#selected;
  }
  /** The weighed product whose weight the cashier is asked for. */
  get weighing(): Product | null {
    return this.#weighing;
  }
  /** The customer waiting for the cashier's choice against the sale's own. */
  get offeredCustomer(): FoundCustomer | null {
    return this.#offered;
  }
  /** The refusals of the newest preview, by voucher code or `points` / `credit`. */
  get refusals(): readonly Refusal[] {
    return this.preview.latest?.refusals ?? [];
  }
  get offline(): boolean {
    return this.preview.latest?.offline ?? this.#customer?.fromCache ?? false;
  }
  /** The smallest cash step of the sale's currency (minor units), as main settles cash. */
  get cashRoundingMinor(): number {
    return this.catalogue.value?.cashRoundingMinor ?? cashRoundingStep(this.#cart.currency);
  }
  /** What is left to pay: the preview's when it is for this sale, else the plain total. */
  get toPayMinor(): number {
    return this.preview.state.status === 'ready'
      ? this.preview.state.answer.preview.toPayMinor
      : this.totals.totalMinor;
  }

  async loadCatalogue(): Promise<void> {
    if (this.catalogue.state.status === 'ready' || this.catalogue.state.status === 'loading') return;
    await this.catalogue.load(() => this.#pos.checkout.catalogue());
    const currency = this.catalogue.value?.currency;
    if (currency && this.#cart.lines.length === 0) this.#cart = emptyCart(currency);
  }

  /** A scanned or typed barcode/PLU; false when no product has it. */
  async addByCode(code: string): Promise<boolean> {
    const text = code.trim();
    if (text === '' || this.#phase !== 'open') return false;
    const result = await this.#pos.checkout.product({ code: text });
    if (!result.ok) {
      this.#notice = { kind: 'error', error: result.error };
      return false;
    }
    if (!result.value) {
      this.#notice = { kind: 'unknownProduct', code: text };
      return false;
    }
    this.addProduct(result.value);
    return true;
  }

  /** A product on the bill; one sold by weight first asks for the weight. */
  addProduct(product: Product, quantity = 1): void {
    if (product.weighed) {
      if (this.#phase === 'open') this.#weighing = product;
      return;
    }
    this.addLine(productLine(product, quantity));
  }

  /** The weight in kilograms for the product waiting for it; false when the cart refuses it. */
  weigh(kilograms: number): boolean {
    const product = this.#weighing;
    if (!product) return false;
    if (!this.addLine(productLine(product, kilograms))) return false;
    this.#weighing = null;
    return true;
  }

  cancelWeighing(): void {
    this.#weighing = null;
  }

  /** Manual entry and products alike; a line the cart model refuses is reported, not added. */
  addLine(line: NewLine): boolean {
    if (this.#phase !== 'open') return false;
    try {
      const before = new Set(this.#cart.lines.map((l) => l.lineId));
      this.#cart = addLine(this.#cart, line);
      this.#selected =
        this.#cart.lines.find((l) => !before.has(l.lineId))?.lineId ??
        this.#cart.lines.find((l) => l.plu === line.plu)?.lineId ??
        null;
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      this.#notice = { kind: 'invalidQuantity' };
      return false;
    }
    this.#changed();
    return true;
  }

  setQuantity(lineId: string, quantity: number): boolean {
    if (this.#phase !== 'open') return false;
    try {
      this.#cart = setQuantity(this.#cart, lineId, quantity);
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      this.#notice = { kind: 'invalidQuantity' };
      return false;
    }
    this.#changed();
    return true;
  }

  /** One more or one less; one less of a single piece removes the line. */
  step(lineId: string, by: 1 | -1): void {
    const line = this.#cart.lines.find((l) => l.lineId === lineId);
    if (!line) return;
    const next = Math.round((line.quantity + by) * 1000) / 1000;
    if (next <= 0) this.remove(lineId);
    else this.setQuantity(lineId, next);
  }

  remove(lineId: string): void {
    if (this.#phase !== 'open') return;
    const index = this.#cart.lines.findIndex((l) => l.lineId === lineId);
    this.#cart = removeLine(this.#cart, lineId);
    if (this.#selected === lineId)
      this.#selected = this.#cart.lines[Math.min(index, this.#cart.lines.length - 1)]?.lineId ?? null;
    this.#changed();
  }

  select(lineId: string | null): void {
    this.#selected = lineId;
  }

  /** Moves the line selection up or down. */
  move(by: number): void {
    const lines = this.#cart.lines;
    if (lines.length === 0) return;
    const index = lines.findIndex((l) => l.lineId === this.#selected);
    const next =
      index < 0 ? (by > 0 ? 0 : lines.length - 1) : Math.min(Math.max(index + by, 0), lines.length - 1);
    this.#selected = lines[next]!.lineId;
  }

  /** Empties the sale: items, customer, vouchers and points. */
  clear(): void {
    if (this.#phase !== 'open') return;
    this.#cart = clearCart(this.#cart);
    this.#selected = null;
    this.#voucherCodes = [];
    this.#detach();
    this.#notice = null;
    this.#changed();
  }

  /**
   * A card CareCloud could not identify while offline: its number goes with the sale, so its owner gets the points on
   * replay.
   */
  get unidentifiedCard(): string | null {
    return this.#unidentifiedCard;
  }
  /**
   * A scanned code nobody could tell apart (no scan rule decided, CareCloud unreachable): the cashier says card or
   * voucher.
   */
  get cardOrVoucher(): string | null {
    return this.#cardOrVoucher;
  }

  /**
   * Attaches the customer of a scanned or typed card, at any moment of the sale. Offline, a
   * card the terminal does not know is attached by its number; `ask` instead asks the cashier
   * whether the code is a card at all (for codes the scan rules could not place).
   */
  async attachCard(cardNumber: string, unknownOffline: 'attach' | 'ask' = 'attach'): Promise<boolean> {
    const card = cardNumber.trim();
    if (card === '' || this.#phase === 'paying') return false;
    const generation = ++this.#cardGeneration;
    this.#notice = { kind: 'attaching', card };
    const result = await this.#pos.customers.identifyByCard({ cardNumber: card });
    if (generation !== this.#cardGeneration) return false;
    if (!result.ok && result.error.code === 'offline') {
      this.#notice = null;
      if (unknownOffline === 'ask') this.#cardOrVoucher = card;
      else this.#attachUnidentified(card);
      return true;
    }
    if (!result.ok) {
      this.#notice = { kind: 'card', error: result.error, card };
      return false;
    }
    this.#notice = null;
    this.attach({
      customer: result.value.customer,
      card: result.value.card,
      fromCache: result.value.fromCache,
    });
    return true;
  }

  /** The cashier's answer to "card or voucher?"; null drops the code. */
  answerCardOrVoucher(kind: 'card' | 'voucher' | null): void {
    const code = this.#cardOrVoucher;
    this.#cardOrVoucher = null;
    if (code === null || this.#phase !== 'open') return;
    if (kind === 'card') this.#attachUnidentified(code);
    else this.addVoucher(code);
  }

  #attachUnidentified(card: string): void {
    if (this.#phase === 'done') this.next();
    this.#detach();
    this.#unidentifiedCard = card;
    this.#changed();
  }

  /**
   * Signed up while CareCloud was unreachable: the sale carries the new card, and the points reach the customer when
   * both replay.
   */
  attachSignedUp(card: string, name: string): void {
    if (this.#phase === 'paying') return;
    this.#attachUnidentified(card);
    this.#newCustomerName = name;
  }
  get newCustomerName(): string | null {
    return this.#unidentifiedCard !== null ? this.#newCustomerName : null;
  }

  /** A customer found elsewhere (the lookup screen) joins the sale. */
  attach(found: FoundCustomer): void {
    if (this.#phase === 'paying') return;
    if (this.#phase === 'done') this.next();
    const changed = this.#customer?.customer.id !== found.customer.id;
    this.#unidentifiedCard = null;
    this.#customer = found;
    if (changed) {
      this.#points = 0;
      this.#credit = 0;
    }
    void this.wallet.show(found);
    this.#changed();
  }

  /**
   * The customer on the panel, brought to the sale: it joins a sale without a customer,
   * and waits for the cashier's choice when the open sale already has another one.
   */
  offerCustomer(found: FoundCustomer): void {
    if (this.#phase === 'paying') return;
    const current = this.#phase === 'open' ? this.#customer : null;
    if (current && current.customer.id === found.customer.id) return;
    if (current) {
      this.#offered = found;
      return;
    }
    this.attach(found);
  }

  /** The cashier's choice: the offered customer takes the sale, or the sale keeps its own. */
  chooseOffered(take: boolean): void {
    const offered = this.#offered;
    this.#offered = null;
    if (take && offered) this.attach(offered);
  }

  detach(): void {
    if (this.#phase !== 'open') return;
    this.#detach();
    this.#changed();
  }

  addVoucher(code: string): boolean {
    const text = code.trim();
    if (text === '' || this.#phase !== 'open') return false;
    if (this.#voucherCodes.includes(text)) {
      this.#notice = { kind: 'voucherDuplicate' };
      return false;
    }
    this.#voucherCodes = [...this.#voucherCodes, text];
    this.#notice = null;
    this.#changed();
    return true;
  }

  removeVoucher(code: string): void {
    if (this.#phase !== 'open') return;
    this.#voucherCodes = this.#voucherCodes.filter((c) => c !== code);
    this.#changed();
  }

  /** Points to pay with: a whole number, or `max` for as many as CareCloud allows. */
  setPoints(points: number | 'max'): boolean {
    if (this.#phase !== 'open' || !this.#customer) return false;
    if (points !== 'max' && (!Number.isSafeInteger(points) || points < 0)) return false;
    this.#points = points;
    this.#changed();
    return true;
  }

  /** Credit to pay with, in minor units, or `max`. */
  setCredit(minor: number | 'max'): boolean {
    if (this.#phase !== 'open' || !this.#customer) return false;
    if (minor !== 'max' && (!Number.isSafeInteger(minor) || minor < 0)) return false;
    this.#credit = minor;
    this.#changed();
    return true;
  }

  /**
   * Closes the sale: waits for the preview of the sale as it is, then pays without the
   * benefits CareCloud refused. Refuses to start again until this one has an outcome.
   */
  async pay(tender: Tender): Promise<PayOutcome | null> {
    if (this.#phase !== 'open') return null;
    if (this.#cart.lines.length === 0) {
      this.#notice = { kind: 'nothingToPay' };
      return null;
    }
    this.#phase = 'paying';
    this.#notice = null;
    try {
      const shown = await this.preview.settle();
      if (!shown) {
        const state = this.preview.state;
        this.#notice = {
          kind: 'error',
          error: state.status === 'failed' ? state.error : { code: 'internal', message: 'no preview' },
        };
        this.#phase = 'open';
        return null;
      }
      const result = await this.#pos.checkout.pay({
        saleId: this.#saleId,
        cart: this.#cart,
        ask: withoutRefused(this.#ask(), shown),
        tender,
        expectedToPayMinor: shown.preview.toPayMinor,
      });
      if (!result.ok) {
        this.#notice = { kind: 'error', error: result.error };
        this.#phase = 'open';
        return null;
      }
      this.#settlePay(result.value);
      return result.value;
    } catch (error) {
      this.#notice = {
        kind: 'error',
        error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
      };
      this.#phase = 'open';
      return null;
    }
  }

  /** True while the sale holds items that can be set aside. */
  get parkable(): boolean {
    return this.#phase === 'open' && this.#cart.lines.length > 0;
  }

  /** What main keeps of this sale when it is parked. */
  parkRequest(reason: 'parked' | 'signOut') {
    const customer = this.#customer?.customer;
    const name = customer ? [customer.firstName, customer.lastName].filter(Boolean).join(' ').trim() : '';
    return {
      saleId: this.#saleId,
      cart: this.#cart,
      ask: this.#ask(),
      reason,
      customerName: name === '' ? null : name.slice(0, 200),
    };
  }

  /** The open sale as main keeps a copy of it; null when there is nothing to lose. */
  openRequest(): { saleId: string; cart: Cart; ask: BenefitAsk; customerName: string | null } | null {
    if (!this.parkable) return null;
    const { reason: _reason, ...open } = this.parkRequest('parked');
    return open;
  }

  /**
   * Takes a parked (or kept open) sale back: its id, items, vouchers, points and credit, and its customer when found
   * again.
   */
  restore(parked: Pick<ParkedSale, 'saleId' | 'cart' | 'ask'>, customer: FoundCustomer | null): void {
    if (this.#phase === 'paying') return;
    this.next();
    this.#saleId = parked.saleId;
    this.#cart = parked.cart;
    this.#voucherCodes = [...parked.ask.voucherCodes];
    if (customer) {
      this.#customer = customer;
      this.#points = parked.ask.points;
      this.#credit = parked.ask.credit;
      void this.wallet.show(customer);
    }
    this.#selected = parked.cart.lines.at(-1)?.lineId ?? null;
    this.#changed();
  }

  /** Starts the next sale with a new sale id. */
  next(): void {
    if (this.#phase === 'paying') return;
    this.#saleId = this.#newSaleId();
    this.#cart = emptyCart(this.catalogue.value?.currency ?? this.#cart.currency);
    this.#selected = null;
    this.#voucherCodes = [];
    this.#detach();
    this.#finished = null;
    this.#notice = null;
    this.#weighing = null;
    this.#phase = 'open';
    this.preview.reset();
  }

  dismissNotice(): void {
    this.#notice = null;
  }

  #settlePay(outcome: PayOutcome): void {
    switch (outcome.outcome) {
      case 'closed':
      case 'saved_offline':
        this.#finished = outcome;
        this.#phase = 'done';
        return;
      case 'totals_changed':
        // The preview's next answer shows the new totals; the cashier looks and pays again.
        this.#notice = { kind: 'totalsChanged' };
        this.#phase = 'open';
        this.preview.schedule();
        return;
      case 'already_recorded':
        // Pay reached a sale the journal already holds (a retry after a restart): it is
        // not taken twice, so the till moves on to the next sale and says so.
        this.#phase = 'open';
        this.next();
        this.#notice = { kind: 'alreadyRecorded', billId: outcome.billId, purchaseId: outcome.purchaseId };
        return;
      case 'rejected':
        // The journal keeps the refused sale for the manager; paying again is a new sale id.
        this.#notice = { kind: 'rejected', reasons: outcome.reasons };
        this.#saleId = this.#newSaleId();
        this.#phase = 'open';
        this.preview.schedule();
        return;
    }
  }

  #detach(): void {
    this.#cardGeneration++;
    this.#unidentifiedCard = null;
    this.#newCustomerName = null;
    this.#cardOrVoucher = null;
    this.#offered = null;
    this.#customer = null;
    this.#points = 0;
    this.#credit = 0;
    this.wallet.close();
  }

  #ask(): BenefitAsk {
    const customer = this.#customer;
    return {
      customer: customer
        ? { customerId: customer.customer.id, cardNumber: customer.card?.number ?? null }
        : null,
      voucherCodes: [...this.#voucherCodes],
      points: customer ? this.#points : 0,
      credit: customer ? this.#credit : 0,
      ...(!customer && this.#unidentifiedCard ? { unidentifiedCard: this.#unidentifiedCard } : {}),
    };
  }

  /** CareCloud's names (vouchers, messages) are wanted in another language: the preview is asked again. */
  renamed(): void {
    this.preview.schedule();
  }

  #previewRequest() {
    if (this.#cart.lines.length === 0 || this.#phase === 'done') return null;
    return { saleId: this.#saleId, cart: this.#cart, ask: this.#ask() };
  }

  #changed(): void {
    if (
      this.#notice?.kind === 'totalsChanged' ||
      this.#notice?.kind === 'invalidQuantity' ||
      this.#notice?.kind === 'unknownProduct'
    )
      this.#notice = null;
    this.preview.schedule();
  }
}

/** The ask without what the preview refused: pay sends only what CareCloud accepted. */
export function withoutRefused(ask: BenefitAsk, shown: CurrentPreview): BenefitAsk {
  const refused = new Set(shown.refusals.map((r) => r.subject));
  return {
    ...ask,
    voucherCodes: ask.voucherCodes.filter((code) => !refused.has(code)),
    points: refused.has('points') ? 0 : ask.points,
    credit: refused.has('credit') ? 0 : ask.credit,
  };
}
