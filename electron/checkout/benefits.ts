// What CareCloud gives a bill: accept-payment for the cart, with the vouchers, points or
// credit it refuses taken out one by one and reported by reason code; offline, what
// the offline policy allows, with nothing asked of the network.
import {
  acceptPaymentBody,
  plainPreview,
  PreviewAnswerError,
  readPreview,
  type AppliedVoucher,
  type BenefitAsk,
  type BenefitPreview,
  type SalePlace,
} from '../../shared/checkout/bill.ts';
import { cartTotals, type Cart } from '../../shared/checkout/cart.ts';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { RefusedByCareCloud, Unavailable } from '../domain/errors.ts';
import { InvalidRequestError } from '../carecloud/errors.ts';
import type { OfflineVoucherList } from './offline-vouchers.ts';
import type { BenefitLimits, Refusal } from '../../shared/checkout/answers.ts';
import type { OfflinePolicy } from '../../shared/settings.ts';

export type { Refusal };

export interface Evaluation {
  preview: BenefitPreview;
  refusals: Refusal[];
  /** The ask after refusals: what pay sends. */
  ask: BenefitAsk;
  offline: boolean;
}

/** The journal's ledger of vouchers this terminal's unconfirmed purchases spend. */
export interface VoucherLedger {
  /** The codes held; `includeSynced` also counts purchases confirmed since the offline list was synced. */
  held(codes: readonly string[], includeSynced: boolean): string[];
}

export interface BenefitsOptions {
  client: () => CareCloudClient;
  ledger: VoucherLedger;
  timeZone: () => string;
  offlineVouchers: OfflineVoucherList;
  policy: () => Pick<OfflinePolicy, 'vouchers'>;
  /** A card signed up offline whose assignment CareCloud has not confirmed yet: it cannot answer for it. */
  awaitingAssignment?: (cardNumber: string) => boolean;
  now?: () => number;
}

const PREVIEW_BILL_PREFIX = 'PREVIEW-';

function wantsCareCloud(ask: BenefitAsk): boolean {
  return ask.customer !== null || ask.unidentifiedCard !== undefined || ask.voucherCodes.length > 0;
}

export class Benefits {
  readonly #options: BenefitsOptions;
  readonly #now: () => number;

  constructor(options: BenefitsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Online: accept-payment until CareCloud accepts what is left. Throws transport errors to the caller. */
  async online(cart: Cart, ask: BenefitAsk, place: SalePlace, saleId: string): Promise<Evaluation> {
    if (cart.lines.length === 0 || !wantsCareCloud(ask))
      return { preview: plainPreview(cart), refusals: [], ask, offline: false };
    // The new customer's card is not theirs in CareCloud until its assignment replays: the bill is asked without it and
    // still carries it.
    const card = ask.unidentifiedCard;
    if (card !== undefined && this.#options.awaitingAssignment?.(card)) {
      const { unidentifiedCard: _waiting, ...without } = ask;
      const evaluation = await this.online(cart, without, place, saleId);
      return { ...evaluation, ask: { ...evaluation.ask, unidentifiedCard: card } };
    }
    // CareCloud cannot know a voucher spent in a sale still waiting in the journal: the ledger answers for it.
    const held = new Set(this.#options.ledger.held(ask.voucherCodes, false));
    const spent: Refusal[] = ask.voucherCodes
      .filter((c) => held.has(c))
      .map((c) => ({ subject: c, reason: 'voucher_already_used' }));
    const result = await this.#askCareCloud(
      cart,
      { ...ask, voucherCodes: ask.voucherCodes.filter((c) => !held.has(c)) },
      place,
      saleId,
    );
    return { ...result, refusals: [...spent, ...result.refusals] };
  }

  async #askCareCloud(cart: Cart, ask: BenefitAsk, place: SalePlace, saleId: string): Promise<Evaluation> {
    if (!wantsCareCloud(ask)) return { preview: plainPreview(cart), refusals: [], ask, offline: false };
    const paymentTime = formatCareCloudDateTime(new Date(this.#now()), this.#options.timeZone());
    const all = await this.#settle(cart, ask, place, saleId, paymentTime);
    if (all) return { ...all, offline: false };
    // CareCloud counts every code on the bill toward its voucher limit, refused ones too: add the
    // codes one at a time, so a code is "too many" only when the applied ones already fill the limit.
    let settled = await this.#settle(cart, { ...ask, voucherCodes: [] }, place, saleId, paymentTime);
    if (!settled) throw new Unavailable('carecloud', 'CareCloud counted vouchers on a bill without any');
    const refusals = [...settled.refusals];
    for (const code of ask.voucherCodes) {
      const next = await this.#settle(
        cart,
        { ...settled.ask, voucherCodes: [...settled.ask.voucherCodes, code] },
        place,
        saleId,
        paymentTime,
      );
      if (!next) {
        refusals.push({ subject: code, reason: 'max_number_of_voucher_exceeded' });
        continue;
      }
      refusals.push(...next.refusals);
      settled = next;
    }
    return { preview: settled.preview, refusals, ask: settled.ask, offline: false };
  }

  /** accept-payment with each refused benefit taken out; null when CareCloud says the bill has too many vouchers. */
  async #settle(
    cart: Cart,
    ask: BenefitAsk,
    place: SalePlace,
    saleId: string,
    paymentTime: string,
  ): Promise<Omit<Evaluation, 'offline'> | null> {
    const refusals: Refusal[] = [];
    let current: BenefitAsk = { ...ask, voucherCodes: [...ask.voucherCodes] };
    // Each refusal removes one benefit, so this ends after at most one call per benefit.
    for (let round = 0; round <= ask.voucherCodes.length + 2; round += 1) {
      try {
        const body = acceptPaymentBody(
          cart,
          current,
          place,
          `${PREVIEW_BILL_PREFIX}${saleId}`.slice(0, 64),
          paymentTime,
        );
        const data = await this.#options.client().purchases.acceptPayment(body, { retry: false });
        return { preview: readAnswer(cart, data), refusals, ask: current };
      } catch (error) {
        if (
          error instanceof InvalidRequestError &&
          error.invalidParams[0]?.reason === 'max_number_of_voucher_exceeded' &&
          error.invalidParams[0].name === 'benefit_codes'
        )
          return null;
        const next = error instanceof InvalidRequestError ? withoutRefused(current, error, refusals) : null;
        if (!next) throw error;
        current = next;
      }
    }
    throw new RefusedByCareCloud('CareCloud kept refusing the bill');
  }

  /** The most points and credit this bill allows: CareCloud asked for `max` of each, side by side. */
  async limits(cart: Cart, ask: BenefitAsk, place: SalePlace, saleId: string): Promise<BenefitLimits> {
    const none = { maxPoints: 0, maxPointsMoneyMinor: 0, maxCreditMinor: 0, offline: false };
    if (!ask.customer || cart.lines.length === 0)
      return { ...none, pointsRefusal: null, creditRefusal: null };
    const [points, credit] = await Promise.all([
      this.online(cart, { ...ask, points: 'max', credit: 0 }, place, saleId),
      this.online(cart, { ...ask, points: 0, credit: 'max' }, place, saleId),
    ]);
    const refusal = (evaluation: Evaluation, subject: string) =>
      evaluation.refusals.find((r) => r.subject === subject)?.reason ?? null;
    return {
      ...none,
      maxPoints: points.preview.pointsUsed,
      maxPointsMoneyMinor: points.preview.pointsMoneyMinor,
      maxCreditMinor: credit.preview.creditMinor,
      pointsRefusal: refusal(points, 'points'),
      creditRefusal: refusal(credit, 'credit'),
    };
  }

  /** Offline: no loyalty arithmetic CareCloud has not confirmed, except vouchers the policy allows. */
  offline(cart: Cart, ask: BenefitAsk, storeId: string): Evaluation {
    const refusals: Refusal[] = [];
    const preview = plainPreview(cart);
    if (ask.points !== 0) refusals.push({ subject: 'points', reason: 'offline_refused' });
    if (ask.credit !== 0) refusals.push({ subject: 'credit', reason: 'offline_refused' });
    const accepted: string[] = [];
    const localNow = formatCareCloudDateTime(new Date(this.#now()), this.#options.timeZone());
    const eligible = cartTotals(cart).lines.reduce(
      (sum, l, i) => (cart.lines[i]!.loyaltyOff ? sum : sum + l.paidMinor),
      0,
    );
    let remaining = Math.min(eligible, preview.totalMinor);
    const vouchers: AppliedVoucher[] = [];
    const held = new Set(this.#options.ledger.held(ask.voucherCodes, true));
    for (const code of ask.voucherCodes) {
      if (this.#options.policy().vouchers !== 'accept-synced') {
        refusals.push({ subject: code, reason: 'offline_refused' });
        continue;
      }
      if (held.has(code)) {
        refusals.push({ subject: code, reason: 'voucher_already_used' });
        continue;
      }
      const verdict = this.#options.offlineVouchers.check(
        code,
        ask.customer?.customerId ?? null,
        storeId,
        localNow,
      );
      if (!verdict.ok) {
        refusals.push({ subject: code, reason: verdict.reason });
        continue;
      }
      const discountMinor = Math.min(verdict.voucher.valueMinor ?? 0, remaining);
      remaining -= discountMinor;
      accepted.push(code);
      vouchers.push({ code, name: verdict.voucher.name, percent: null, discountMinor, unverified: true });
    }
    const vouchersMinor = vouchers.reduce((s, v) => s + v.discountMinor, 0);
    return {
      preview: { ...preview, vouchers, vouchersMinor, toPayMinor: preview.totalMinor - vouchersMinor },
      refusals,
      ask: { ...ask, voucherCodes: accepted, points: 0, credit: 0 },
      offline: true,
    };
  }
}

function readAnswer(cart: Cart, data: Parameters<typeof readPreview>[1]): BenefitPreview {
  try {
    return readPreview(cart, data);
  } catch (error) {
    if (!(error instanceof PreviewAnswerError)) throw error;
    throw new Unavailable('carecloud', error.message, { cause: error });
  }
}

/** The ask without the benefit CareCloud refused, or null when the refusal is about the bill itself. */
function withoutRefused(ask: BenefitAsk, error: InvalidRequestError, refusals: Refusal[]): BenefitAsk | null {
  const param = error.invalidParams[0];
  if (!param) return null;
  if (param.name === 'benefit_codes') {
    const value = typeof param.value === 'string' ? param.value : '';
    const code =
      ask.voucherCodes.find((c) => c === value) ??
      (ask.voucherCodes.length === 1 ? ask.voucherCodes[0] : undefined);
    if (code === undefined) return null;
    refusals.push({ subject: code, reason: param.reason });
    return { ...ask, voucherCodes: ask.voucherCodes.filter((c) => c !== code) };
  }
  if ((param.name === 'max_points' || param.name === 'credit_points') && ask.points !== 0) {
    refusals.push({ subject: 'points', reason: param.reason });
    return { ...ask, points: 0 };
  }
  if (param.name === 'payment_type' && ask.credit !== 0) {
    refusals.push({ subject: 'credit', reason: param.reason });
    return { ...ask, credit: 0 };
  }
  return null;
}
