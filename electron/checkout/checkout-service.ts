// The cashier's checkout in the main process: benefit previews (newest answer wins),
// pay through the journal and sync engine (one sale id closes once), cancellation of a
// closed purchase with a manager's PIN, and the recent sales list.
import { finalBill, type BenefitAsk } from '../../shared/checkout/bill.ts';
import { cartTotals, CartError, type Cart } from '../../shared/checkout/cart.ts';
import type { Catalogue, Product } from '../../shared/checkout/catalogue.ts';
import { currencyDecimals } from '../../shared/money.ts';
import type { Operator } from '../../shared/operators.ts';
import { ConnectionError } from '../carecloud/errors.ts';
import { spokenLanguage } from '../carecloud/language.ts';
import { demoOperatorName } from '../operators/demo-operators.ts';
import { InvalidInput, InvalidState, NotFound } from '../domain/errors.ts';
import { cancellationBillId } from '../journal/bill-id.ts';
import type { Journal } from '../journal/journal.ts';
import { ShiftStateError } from '../journal/shifts.ts';
import type { JournalEntry } from '../journal/types.ts';
import { cancellationEntry, purchaseEntry } from '../sync/closure.ts';
import type { ClosureOutcome, SyncEngine } from '../sync/engine.ts';
import type { Benefits, Evaluation } from './benefits.ts';
import type { ManagerCheck } from './manager-pin.ts';
import { receiptOf, type Tender } from './receipt.ts';
import type { SalePlaces } from './sale-place.ts';
import type { CustomerNames } from './customer-names.ts';
import type {
  BenefitLimits,
  CancelOutcome,
  PayOutcome,
  PreviewAnswer,
  Receipt,
  RecentSale,
  TillSetup,
} from '../../shared/checkout/answers.ts';
import { cashRoundingStep, settle, type Settlement } from '../../shared/checkout/cash.ts';
import { readableRequest } from './readable-request.ts';

export type { BenefitLimits, CancelOutcome, PayOutcome, PreviewAnswer, RecentSale };

export interface PreviewRequest {
  saleId: string;
  cart: Cart;
  ask: BenefitAsk;
}

export interface PayRequest extends PreviewRequest {
  tender: Tender;
  /** What the screen shows as left to pay; pay refuses to send anything else. */
  expectedToPayMinor: number;
}

export interface CheckoutServiceOptions {
  benefits: Benefits;
  places: SalePlaces;
  sync: SyncEngine;
  journal: Journal;
  catalogue: Catalogue;
  managerCheck: ManagerCheck;
  timeZone: () => string;
  /** Configured cash rounding per currency (minor units); the legal defaults apply beyond it. */
  cashRoundingMinor: () => Readonly<Record<string, number>>;
  /** CareCloud did not answer a preview: let the sync engine find out whether it is gone. */
  unreachable: () => void;
  /** Names for the recent sales' customers (cache first, CareCloud in the background). */
  customers?: CustomerNames;
  /** The store's name as CareCloud calls it, for the receipt; null when not known yet. */
  storeName?: () => string | null;
  /** A sale closed or saved offline: its receipt goes to the printer from here, off the pay path. */
  onReceipt?: (receipt: Receipt, closed: { purchaseId: string | null; cashTendered: boolean }) => void;
  /** The lane's drawer: whether a sale may take cash now (an open shift, electron/shift/). */
  drawer?: { cashAllowed(): boolean };
}

const REMEMBERED_SALES = 200;

/** A till sale's journal idempotency key: its sale id, fixed by the screen when the sale starts. */
function saleKey(saleId: string): string {
  return `till-sale:${saleId}`;
}

function fingerprint(request: PreviewRequest, storeId: string, heldVouchers: string): string {
  return JSON.stringify([storeId, request.cart, request.ask, heldVouchers]);
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED_SALES) map.delete(map.keys().next().value as K);
}

const SETTLEMENT_FIELDS = [
  'dueMinor',
  'cardMinor',
  'cashDueMinor',
  'cashToPayMinor',
  'roundingMinor',
  'cashTenderedMinor',
  'changeMinor',
  'paidMinor',
] as const;

/** A stored settlement, only when every amount is a whole number (the journal file is outside input). */
function settlementOf(stored: Record<string, number>): Settlement | null {
  return SETTLEMENT_FIELDS.every((field) => Number.isSafeInteger(stored[field]))
    ? (stored as unknown as Settlement)
    : null;
}

function badCart(error: unknown): never {
  if (error instanceof CartError)
    throw new InvalidInput(error.message, [{ name: 'cart', reason: 'invalid', message: error.message }]);
  throw error;
}

export class CheckoutService {
  readonly #o: CheckoutServiceOptions;
  readonly #latest = new Map<string, number>();
  readonly #previews = new Map<string, { key: string; evaluation: Evaluation }>();
  readonly #paying = new Map<string, Promise<PayOutcome>>();
  readonly #paid = new Map<string, PayOutcome>();
  #sequence = 0;

  constructor(options: CheckoutServiceOptions) {
    this.#o = options;
  }

  product(code: string): Product | null {
    return this.#o.catalogue.byCode(code);
  }

  catalogue(): TillSetup {
    const currency = this.#o.catalogue.currency;
    return {
      currency,
      quickKeys: this.#o.catalogue.quickKeys(),
      cashRoundingMinor: cashRoundingStep(currency, this.#o.cashRoundingMinor()),
    };
  }

  /**
   * The newest request for a sale wins: an answer that arrives after a newer request started is reported as not
   * current.
   */
  async preview(request: PreviewRequest, operator: Operator): Promise<PreviewAnswer> {
    const ticket = ++this.#sequence;
    remember(this.#latest, request.saleId, ticket);
    const evaluation = await this.#evaluate(request, operator);
    if (this.#latest.get(request.saleId) !== ticket) return { current: false };
    return {
      current: true,
      preview: evaluation.preview,
      refusals: evaluation.refusals,
      offline: evaluation.offline,
    };
  }

  /** What the points and credit fields may hold for this bill; offline, nothing. */
  async limits(request: PreviewRequest, operator: Operator): Promise<BenefitLimits> {
    this.#checkCart(request.cart);
    const place = await this.#o.places.place(operator.name);
    const offline = {
      maxPoints: 0,
      maxPointsMoneyMinor: 0,
      maxCreditMinor: 0,
      pointsRefusal: 'offline_refused',
      creditRefusal: 'offline_refused',
      offline: true,
    };
    if (!this.#o.sync.online) return offline;
    try {
      return await this.#o.benefits.limits(request.cart, request.ask, place, request.saleId);
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      this.#o.unreachable();
      return offline;
    }
  }

  #checkCart(cart: Cart): void {
    try {
      cartTotals(cart);
    } catch (error) {
      badCart(error);
    }
    if (cart.currency !== this.#o.places.currency)
      throw new InvalidInput(`This terminal sells in ${this.#o.places.currency}`);
  }

  /** Double-press safe: the same sale id shares one closure and keeps its outcome. */
  pay(request: PayRequest, operator: Operator): Promise<PayOutcome> {
    const done = this.#paid.get(request.saleId);
    if (done) return Promise.resolve(done);
    let running = this.#paying.get(request.saleId);
    if (!running) {
      running = this.#pay(request, operator).finally(() => this.#paying.delete(request.saleId));
      this.#paying.set(request.saleId, running);
    }
    return running;
  }

  async #evaluate(request: PreviewRequest, operator: Operator): Promise<Evaluation> {
    this.#checkCart(request.cart);
    const place = await this.#o.places.place(operator.name);
    // A voucher spent or given back by another sale since the last preview changes the answer: the ledger is part of
    // the key.
    const held =
      request.ask.voucherCodes.length === 0
        ? ''
        : JSON.stringify(
            this.#o.journal
              .heldVouchers(request.ask.voucherCodes, { includeSynced: !this.#o.sync.online })
              .map((h) => h.code),
          );
    const key = fingerprint(request, place.storeId, held);
    const cached = this.#previews.get(request.saleId);
    if (cached?.key === key && cached.evaluation.offline === !this.#o.sync.online) return cached.evaluation;
    let evaluation: Evaluation;
    if (!this.#o.sync.online) evaluation = this.#o.benefits.offline(request.cart, request.ask, place.storeId);
    else {
      try {
        evaluation = await this.#o.benefits.online(request.cart, request.ask, place, request.saleId);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        this.#o.unreachable();
        evaluation = this.#o.benefits.offline(request.cart, request.ask, place.storeId);
      }
    }
    remember(this.#previews, request.saleId, { key, evaluation });
    return evaluation;
  }

  async #pay(request: PayRequest, operator: Operator): Promise<PayOutcome> {
    if (request.cart.lines.length === 0)
      throw new InvalidInput('An empty sale cannot be paid', [
        { name: 'cart', reason: 'empty', message: 'An empty sale cannot be paid' },
      ]);
    // The journal remembers sale ids across restarts, where the in-memory answers are gone.
    const recorded = this.#o.journal.byIdempotencyKey(saleKey(request.saleId));
    if (recorded) return this.#alreadyRecorded(recorded);
    const evaluation = await this.#evaluate(request, operator);
    const { preview } = evaluation;
    if (evaluation.refusals.length > 0 || preview.toPayMinor !== request.expectedToPayMinor) {
      return {
        outcome: 'totals_changed',
        preview,
        refusals: evaluation.refusals,
        offline: evaluation.offline,
      };
    }
    const currency = request.cart.currency;
    const settled = settle(
      preview.toPayMinor,
      request.tender,
      cashRoundingStep(currency, this.#o.cashRoundingMinor()),
    );
    if (!settled.ok)
      throw new InvalidInput(`The payment does not cover the sale (${settled.problem})`, [
        { name: 'tender', reason: settled.problem, message: settled.problem },
      ]);
    const { settlement } = settled;
    // Cash goes into a drawer whose float was counted in: no open shift, no cash sale (card alone may go).
    if (settlement.cashToPayMinor > 0 && this.#o.drawer && !this.#o.drawer.cashAllowed())
      throw new ShiftStateError('no_open_shift');
    const place = await this.#o.places.place(operator.name);
    const ask = evaluation.ask;
    // CareCloud gets the amount actually paid: cash rounding is a line of its own, outside loyalty.
    const bill = finalBill(request.cart, ask, preview, place, settlement.roundingMinor);
    // Offline nobody confirmed overall discounts, so the replay must not grant any the customer did not get.
    if (evaluation.offline && bill.payment_type === 'A') bill.payment_type = 'S';
    // A card CareCloud could not identify offline still goes with the sale: the replay credits its owner.
    const cardNumber = ask.customer?.cardNumber ?? ask.unidentifiedCard ?? null;
    let entry: ReturnType<typeof purchaseEntry>;
    try {
      entry = purchaseEntry(
        {
          storeId: place.storeId,
          cashdesk: place.cashdesk,
          operator: operator.name,
          ...(ask.customer ? { customerId: ask.customer.customerId } : {}),
          ...(cardNumber ? { cardNumber } : {}),
          bill,
          currencyDecimals: currencyDecimals(request.cart.currency),
        },
        { timeZone: this.#o.timeZone() },
      );
    } catch (error) {
      badCart(error);
    }
    // A card signed up while CareCloud was unreachable: the sale is sent after its assignment, so the points reach the
    // new customer.
    const assignment = ask.unidentifiedCard
      ? this.#o.journal.unconfirmedCardAssignment(ask.unidentifiedCard)
      : null;
    const closure = await this.#close({
      ...entry,
      ...(assignment ? { dependsOn: assignment.id } : {}),
      idempotencyKey: saleKey(request.saleId),
      tillPayment: {
        paidMinor: settlement.paidMinor,
        settlement: { ...settlement },
        pointsEarned: evaluation.offline ? null : preview.pointsEarned,
      },
    });
    const billId = closure.entry.billId ?? '';
    const receipt = () =>
      receiptOf({
        saleId: request.saleId,
        billId,
        paymentTime: closure.entry.paymentTime ?? '',
        settlement,
        customerId: ask.customer?.customerId ?? null,
        cardNumber,
        cart: request.cart,
        preview,
        offline: closure.outcome !== 'synced',
        place: {
          storeId: place.storeId,
          storeName: this.#o.storeName?.() ?? null,
          cashdesk: place.cashdesk,
          cashier: operator.name,
        },
      });
    let outcome: PayOutcome;
    if (closure.outcome === 'synced')
      outcome = { outcome: 'closed', purchaseId: closure.purchaseId, receipt: receipt() };
    else if (closure.outcome === 'queued')
      outcome = {
        outcome: 'saved_offline',
        queuePosition: this.#queuePosition(closure.entry),
        receipt: receipt(),
      };
    else
      outcome = {
        outcome: 'rejected',
        billId,
        reasons: closure.reasons.map((r) => ({
          name: r.name,
          reason: r.reason,
          message: r.message ?? r.reason,
        })),
      };
    remember(this.#paid, request.saleId, outcome);
    this.#previews.delete(request.saleId);
    if (outcome.outcome === 'closed' || outcome.outcome === 'saved_offline') {
      const purchaseId = outcome.outcome === 'closed' ? outcome.purchaseId : null;
      // The printer never holds up the answer: a failing hook is the printer's problem, not the sale's.
      try {
        this.#o.onReceipt?.(outcome.receipt, { purchaseId, cashTendered: settlement.cashTenderedMinor > 0 });
      } catch {
        /* reported by the printing side */
      }
    }
    return outcome;
  }

  #alreadyRecorded(entry: JournalEntry): PayOutcome {
    if (entry.state === 'pending' || entry.state === 'sending') this.#o.sync.kick();
    const queued = entry.state === 'pending' || entry.state === 'sending';
    return {
      outcome: 'already_recorded',
      billId: entry.billId ?? '',
      state: entry.state,
      purchaseId: entry.remoteId,
      queuePosition: queued ? this.#queuePosition(entry) : null,
    };
  }

  async #close(entry: Parameters<SyncEngine['close']>[0]): Promise<ClosureOutcome> {
    // Throws JournalUnavailableError, or OfflineBenefitRefusedError when the circuit opened
    // between the preview and pay: the screen previews again and drops what the policy refuses.
    return await this.#o.sync.close(entry);
  }

  #queuePosition(entry: JournalEntry): number {
    return this.#o.journal.queuePosition(entry.id);
  }

  /** Refunds a closed purchase: a cancellation through the journal, after a manager's PIN. */
  async cancel(request: { billId: string; pin: string }, operator: Operator): Promise<CancelOutcome> {
    // The sale is looked up before the PIN, so an unknown bill id answers the same whatever PIN came with it.
    const original = this.#o.journal.byBillId(request.billId);
    if (!original || original.kind !== 'purchase')
      throw new NotFound('This terminal has no sale with this bill id');
    const manager = await this.#o.managerCheck(request.pin, 'cancel-purchase', operator);
    const cancellationId = cancellationBillId(request.billId);
    const existing = this.#o.journal.byBillId(cancellationId);
    if (existing)
      return this.#cancelOutcome(
        request.billId,
        existing,
        existing.state === 'synced' ? 'synced' : existing.state === 'rejected' ? 'rejected' : 'queued',
      );
    if (original.state === 'rejected' || original.state === 'voided')
      throw new InvalidState(`The sale is ${original.state}; CareCloud has no purchase to cancel`);
    const entry = cancellationEntry(original, manager.name);
    this.#o.journal.recordAudit(manager.name, 'cancel-purchase', original.id, {
      billId: request.billId,
      cancellationBillId: cancellationId,
      askedBy: operator.name,
    });
    const closure = await this.#close(entry);
    return this.#cancelOutcome(request.billId, closure.entry, closure.outcome);
  }

  #cancelOutcome(billId: string, entry: JournalEntry, outcome: ClosureOutcome['outcome']): CancelOutcome {
    const cancellationBillId = entry.billId ?? '';
    if (outcome === 'synced') return { outcome: 'closed', billId, cancellationBillId };
    if (outcome === 'rejected')
      return {
        outcome: 'rejected',
        billId,
        cancellationBillId,
        reasons: entry.reasons.map((r) => ({
          name: r.name,
          reason: r.reason,
          message: r.message ?? r.reason,
        })),
      };
    return {
      outcome: 'saved_offline',
      billId,
      cancellationBillId,
      queuePosition: this.#queuePosition(entry),
    };
  }

  /** The customer given to a sale afterwards: the newest assignment that still stands. */
  #claimOf(entry: JournalEntry): RecentSale['claim'] {
    if (!entry.billId || entry.customerId || entry.cardNumber) return null;
    const claim = this.#o.journal
      .assignmentsOf(entry.billId)
      .filter((e) => e.state !== 'voided')
      .at(-1);
    return claim
      ? { customer: this.#o.customers?.view(claim.customerId, claim.cardNumber) ?? null, state: claim.state }
      : null;
  }

  /**
   * The newest sales of this terminal first: what was paid, when, by whom, the items, and whether each was cancelled.
   */
  recent(limit: number): RecentSale[] {
    const entries = this.#o.journal.newest('purchase', limit);
    const payments = this.#o.journal.tillPayments(entries.map((e) => e.id));
    const language = spokenLanguage();
    return entries.map((entry) => {
      const request = readableRequest(entry, this.#o.places.currency);
      const cancellation = entry.billId ? this.#o.journal.byBillId(cancellationBillId(entry.billId)) : null;
      const payment = payments.get(entry.id);
      return {
        entryId: entry.id,
        billId: entry.billId ?? '',
        paymentTime: entry.paymentTime,
        totalMinor: request.totalMinor,
        paidMinor: payment?.paidMinor ?? null,
        settlement: payment ? settlementOf(payment.settlement) : null,
        request,
        customerId: entry.customerId,
        customer: this.#o.customers?.view(entry.customerId, entry.cardNumber) ?? null,
        // The demo's operators by their name in the asking screen's language.
        operator: language ? demoOperatorName(entry.operator, language) : entry.operator,
        state: entry.state,
        purchaseId: entry.remoteId,
        cancellation: cancellation ? { billId: cancellation.billId ?? '', state: cancellation.state } : null,
        claim: this.#claimOf(entry),
      };
    });
  }
}
