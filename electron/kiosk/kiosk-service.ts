// The self-service kiosk in main: one customer at a time, signed in on the kiosk's
// Customer API device token. What main keeps of the customer is their CareCloud id
// and the redemptions of this visit; sign-out (or inactivity) drops both and logs
// the customer out of CareCloud. Nothing is cached: while CareCloud cannot be reached
// the kiosk is out of service for loyalty and shows nothing.
import type { Language } from '../../shared/i18n/language.ts';
import type {
  KioskAgreement,
  KioskCardOutcome,
  KioskCardRefusal,
  KioskIdentifyPayload,
  KioskMoney,
  KioskOverview,
  KioskRedemption,
  KioskReward,
  KioskSignedUp,
  KioskSignUpPayload,
  KioskStatus,
  KioskVoucher,
} from '../../shared/kiosk.ts';
import { failure, success, type Result } from '../../shared/outcome.ts';
import { currencyDecimals, toMinorUnits } from '../../shared/money.ts';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import {
  AuthenticationError,
  CareCloudError,
  ConnectionError,
  InterfaceNotAllowedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../carecloud/errors.ts';
import { NoCustomerSessionError, UnknownCardTypeError } from '../carecloud/customer-client.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { createHash } from 'node:crypto';
import type { AccountVoucher, AppCode, CustomerApiPort } from './port.ts';

export interface KioskServiceOptions {
  /** The current Customer API (a new one after a settings change). */
  api: () => CustomerApiPort;
  settings: () => {
    idleSeconds: number;
    countdownSeconds: number;
    expiringPointsDays: number;
    cardsAtSignUp: boolean;
    language: Language;
    timeZone: string;
  };
  demo: boolean;
  /** This kiosk's device id: with a confirmation id it makes the voucher's code, unique to one redemption. */
  deviceId: string;
  logger?: Logger;
  now?: () => number;
  /** Every change of what `status()` answers (pushed to the screens as `kiosk.changed`). */
  onChange?: (status: KioskStatus) => void;
  /** How often an out-of-service kiosk asks whether CareCloud answers again. */
  probeEveryMs?: number;
  /** Slack past the screens' countdown before main signs an idle customer out itself. */
  inactivityGraceMs?: number;
  /**
   * The screens' answer for a failure that leaves the kiosk in service (a refusal, a bug):
   * the IPC layer's mapping, handed in by the composition root, so this service words none.
   */
  answerFor: (error: unknown) => Result<never>;
  /** The HID card reader that has just read this card number, if one did (asked once, at a card sign-in). */
  cardReader?: (cardNumber: string) => string | null;
}

interface Visit {
  customerId: string;
  /** The reader holding the card this customer signed in with: its card removal signs them out. */
  cardReader: string | null;
  /** Redemptions of this visit by confirmation id: a double tap waits for, and answers, the first. */
  redemptions: Map<string, Promise<Result<KioskRedemption>>>;
  /**
   * Signed up here in this visit and their scanned card was refused: another free card may be scanned
   * (`kiosk.assignCard`).
   */
  cardMissing: boolean;
  /** A card assignment in flight: a second scan waits for it rather than asking CareCloud twice. */
  assigning: Promise<Result<KioskSignedUp>> | null;
}

/** Failures that mean CareCloud is not there (or not itself): the kiosk goes out of service. */
function unreachable(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof ServerError ||
    error instanceof UnexpectedResponseError
  );
}

const CUSTOMER_SIGNED_OUT = failure('not_signed_in', 'No customer is signed in on this kiosk');
const NO_CARDS_HERE = failure('invalid_payload', 'This kiosk gives no cards at sign-up', {
  reasons: [
    {
      name: 'cardNumber',
      reason: 'not_allowed_value',
      message: 'this kiosk gives no cards: the customer gets one at the checkout',
    },
  ],
});

export class KioskService {
  readonly #options: KioskServiceOptions;
  readonly #logger: Logger;
  readonly #now: () => number;
  #visit: Visit | null = null;
  #inService = true;
  /** CareCloud answered the card calls with 403: this kiosk's application may not give cards (until the next start). */
  #cardsRefused = false;
  /** CareCloud may still hold a customer login on the device token (it could not be told of a sign-out). */
  #logoutOwed = false;
  #lastActivity = 0;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #probeTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(options: KioskServiceOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
  }

  status(): KioskStatus {
    const s = this.#options.settings();
    return {
      inService: this.#inService,
      signedIn: this.#visit !== null,
      demo: this.#options.demo,
      language: s.language,
      timeZone: s.timeZone,
      inactivity: { idleSeconds: s.idleSeconds, countdownSeconds: s.countdownSeconds },
      cardsAtSignUp: s.cardsAtSignUp && !this.#cardsRefused,
    };
  }

  /** Whether main holds anything of a customer now (for the privacy tests and the log). */
  holdsCustomer(): boolean {
    return this.#visit !== null;
  }

  async identify(payload: KioskIdentifyPayload): Promise<Result<KioskOverview>> {
    // Whoever was signed in before is signed out first: one customer at a time.
    if (this.#visit) await this.signOut('done');
    await this.#settleOwedLogout();
    const api = this.#options.api();
    let customerId: string;
    try {
      if (payload.method === 'qr') {
        const code = readAppCode(payload.token);
        if (!code) return failure('wrong_credentials', 'This is not a code from the customer\u2019s app');
        customerId = (await api.loginWithAppCode(code)).customerId;
      } else {
        const value =
          payload.method === 'card'
            ? payload.cardNumber
            : payload.method === 'email'
              ? payload.email
              : payload.phone.replace(/ /g, '');
        customerId = (await api.login({ type: payload.method, value, password: payload.password }))
          .customerId;
      }
    } catch (error) {
      this.#logger.log('info', 'kiosk.identify', {
        method: payload.method,
        outcome: this.#outcomeName(error),
      });
      if (
        error instanceof CareCloudError &&
        !(error instanceof RateLimitError) &&
        !(error instanceof ServerError) &&
        error.status < 500
      ) {
        this.#reached();
        if (error.invalidParams.some((p) => p.reason === 'card_is_blocked'))
          return failure('card_blocked', 'The card is blocked');
        return failure('wrong_credentials', 'CareCloud refused these credentials');
      }
      return this.#failed(error);
    }
    this.#reached();
    const cardReader =
      payload.method === 'card' ? (this.#options.cardReader?.(payload.cardNumber) ?? null) : null;
    this.#visit = { customerId, cardReader, redemptions: new Map(), cardMissing: false, assigning: null };
    this.#logger.log('info', 'kiosk.identify', { method: payload.method, outcome: 'signed-in' });
    this.#touch();
    const overview = await this.overview();
    // An account that cannot be shown is not left signed in.
    if (!overview.ok) await this.signOut('done');
    else this.#changed();
    return overview;
  }

  async overview(): Promise<Result<KioskOverview>> {
    const visit = this.#visit;
    if (!visit) return CUSTOMER_SIGNED_OUT;
    this.#touch();
    try {
      const view = await this.#load();
      // The customer left (or was signed out) while CareCloud answered: the answer is theirs, not the screen's.
      if (this.#visit !== visit) return CUSTOMER_SIGNED_OUT;
      this.#reached();
      return success(view);
    } catch (error) {
      return this.#failed(error);
    }
  }

  async redeem(rewardId: string, confirmationId: string): Promise<Result<KioskRedemption>> {
    const visit = this.#visit;
    if (!visit) return CUSTOMER_SIGNED_OUT;
    this.#touch();
    const earlier = visit.redemptions.get(confirmationId);
    if (earlier) {
      const first = await earlier;
      return first.ok ? success({ ...first.value, repeated: true }) : first;
    }
    // Offline, a redemption is refused rather than queued: the customer must see a voucher CareCloud made.
    if (!this.#inService) return failure('offline', 'Rewards can be redeemed only while CareCloud answers');
    const attempt = this.#redeem(visit, rewardId, confirmationId);
    visit.redemptions.set(confirmationId, attempt);
    const outcome = await attempt;
    // Tried again after a failure, the same confirmation asks CareCloud again with the same code.
    if (!outcome.ok) visit.redemptions.delete(confirmationId);
    return outcome;
  }

  async #redeem(visit: Visit, rewardId: string, confirmationId: string): Promise<Result<KioskRedemption>> {
    const api = this.#options.api();
    let made: { voucher: AccountVoucher; repeated: boolean };
    try {
      // The voucher's code comes from the confirmation: asked again (a lost answer, a retry),
      // CareCloud finds the code it already has and no second voucher is made.
      made = await api.redeemReward(rewardId, { code: voucherCode(this.#options.deviceId, confirmationId) });
    } catch (error) {
      this.#logger.log('info', 'kiosk.redeem', { outcome: this.#outcomeName(error) });
      return this.#failed(error);
    }
    this.#reached();
    this.#logger.log('info', 'kiosk.redeem', { outcome: made.repeated ? 'repeated' : 'voucher' });
    try {
      const overview = await this.#load();
      const voucher =
        overview.vouchers.find((v) => v.id === made.voucher.voucher_id) ?? voucherView(made.voucher);
      return success({ voucher, repeated: made.repeated, overview });
    } catch (error) {
      return this.#failed(error);
    }
  }

  async agreements(): Promise<Result<KioskAgreement[]>> {
    try {
      const list = await this.#options.api().agreements();
      this.#reached();
      return success(
        list.map((a) => ({
          id: a.agreement_id,
          name: a.name ?? a.text_id ?? a.agreement_id,
          text: a.text ?? '',
          mandatory: isPersonalDataConsent(a.text_id),
        })),
      );
    } catch (error) {
      return this.#failed(error);
    }
  }

  async signUp(payload: KioskSignUpPayload): Promise<Result<KioskSignedUp>> {
    if (this.#visit) await this.signOut('done');
    await this.#settleOwedLogout();
    // A customer account is not made offline: its autologin and consents need CareCloud now.
    if (!this.#inService) return failure('offline', 'Sign-up needs CareCloud');
    // A card that is not free is refused before the account exists, so a sign-up does not end half done.
    if (payload.cardNumber !== undefined) {
      if (!this.status().cardsAtSignUp) return NO_CARDS_HERE;
      let free: boolean;
      try {
        free = await this.#options.api().isFreeCard(payload.cardNumber);
      } catch (error) {
        // 403: the card calls are not among this application's permissions (or not on this interface).
        if (error instanceof AuthenticationError && error.status === 403) {
          this.#cardsRefused = true;
          this.#logger.log('warn', 'kiosk.signUp.card', { outcome: 'cards-not-allowed' });
          this.#changed();
          return NO_CARDS_HERE;
        }
        return this.#failed(error);
      }
      if (!free)
        return failure('carecloud_rejected', 'The scanned card cannot be given to a customer', {
          reasons: [{ name: 'card_number', reason: 'already_exists', message: 'the card is not free' }],
        });
    }
    const agreements = await this.agreements();
    if (!agreements.ok) return agreements;
    const answers = new Map(payload.agreements.map((a) => [a.id, a.granted]));
    const unanswered = agreements.value.filter((a) => !answers.has(a.id));
    if (unanswered.length > 0) {
      return failure('invalid_payload', 'Every consent needs its own answer', {
        reasons: unanswered.map((a) => ({
          name: `agreements.${a.id}`,
          reason: 'required',
          message: 'not answered',
        })),
      });
    }
    const missing = agreements.value.filter((a) => a.mandatory && answers.get(a.id) !== true);
    if (missing.length > 0) {
      return failure('invalid_payload', 'A consent the sign-up needs is not given', {
        reasons: missing.map((a) => ({
          name: `agreements.${a.id}`,
          reason: 'required',
          message: 'must be given',
        })),
      });
    }
    const api = this.#options.api();
    let customerId: string;
    try {
      const customerSourceId = await api.customerSourceId();
      const answer = await api.signUp({
        personalInformation: {
          first_name: payload.firstName,
          last_name: payload.lastName,
          ...(payload.email !== undefined ? { email: payload.email } : {}),
          ...(payload.phone !== undefined ? { phone: payload.phone.replace(/ /g, '') } : {}),
          language_id: payload.language,
          agreement: {
            custom_agreements: agreements.value.map((a) => ({
              agreement_id: a.id,
              agreement_value: answers.get(a.id) === true ? 1 : 0,
            })),
          },
        },
        customerSourceId,
        password: payload.password,
      });
      customerId = answer.customerId;
    } catch (error) {
      this.#logger.log('info', 'kiosk.signUp', { outcome: this.#outcomeName(error) });
      return this.#failed(error);
    }
    this.#reached();
    const visit: Visit = {
      customerId,
      cardReader: null,
      redemptions: new Map(),
      cardMissing: false,
      assigning: null,
    };
    this.#visit = visit;
    this.#logger.log('info', 'kiosk.signUp', {
      outcome: 'signed-in',
      card: payload.cardNumber !== undefined,
    });
    this.#touch();
    this.#changed();
    // From here on the account exists and its owner is signed in: whatever happens to the
    // card, the answer is their account (a failure here must not invite a second sign-up).
    let card: KioskCardOutcome | null = null;
    if (payload.cardNumber !== undefined) {
      const outcome = await this.#assign(visit, payload.cardNumber);
      if (!outcome.ok) return outcome;
      card = outcome.value;
    }
    return this.#signedUp(visit, card);
  }

  /**
   * Another free card for the customer who signed up here in this visit and whose card was
   * refused. Anyone else (signed in by card or password, or whose card is theirs) is refused
   * with `invalid_state`; a second scan while one is being assigned waits for it.
   */
  async assignCard(cardNumber: string): Promise<Result<KioskSignedUp>> {
    const visit = this.#visit;
    if (!visit) return CUSTOMER_SIGNED_OUT;
    this.#touch();
    if (visit.assigning) return visit.assigning;
    if (!visit.cardMissing)
      return failure(
        'invalid_state',
        'A card is given here only to a customer who has just signed up without one',
      );
    if (!this.#inService) return failure('offline', 'A card can be given only while CareCloud answers');
    if (!this.status().cardsAtSignUp)
      return this.#signedUp(visit, { assigned: false, why: 'not_allowed', retry: false });
    const attempt = (async (): Promise<Result<KioskSignedUp>> => {
      let free: boolean;
      try {
        free = await this.#options.api().isFreeCard(cardNumber);
      } catch (error) {
        const why = cardRefusal(error);
        if (!why) return this.#failed(error);
        this.#reached();
        return this.#signedUp(visit, { assigned: false, why, retry: why !== 'not_allowed' });
      }
      if (!free) return this.#signedUp(visit, { assigned: false, why: 'taken', retry: true });
      const outcome = await this.#assign(visit, cardNumber);
      return outcome.ok ? this.#signedUp(visit, outcome.value) : outcome;
    })();
    visit.assigning = attempt;
    try {
      return await attempt;
    } finally {
      visit.assigning = null;
    }
  }

  /** Gives the signed-in customer the card; CareCloud's refusal of the card is an outcome, not a failure. */
  async #assign(visit: Visit, cardNumber: string): Promise<Result<KioskCardOutcome>> {
    try {
      await this.#options.api().assignFreeCard(cardNumber);
    } catch (error) {
      const why = cardRefusal(error);
      this.#logger.log('warn', 'kiosk.card', { outcome: why ?? this.#outcomeName(error) });
      if (!why) {
        visit.cardMissing = this.#visit === visit;
        return this.#failed(error);
      }
      this.#reached();
      visit.cardMissing = true;
      if (why === 'not_allowed' && !this.#cardsRefused) {
        // As when the card check is refused: no card is offered at sign-up for the rest of this run.
        this.#cardsRefused = true;
        this.#changed();
      }
      return success({ assigned: false, why, retry: why !== 'not_allowed' });
    }
    this.#reached();
    visit.cardMissing = false;
    this.#logger.log('info', 'kiosk.card', { outcome: 'assigned' });
    return success({ assigned: true });
  }

  async #signedUp(visit: Visit, card: KioskCardOutcome | null): Promise<Result<KioskSignedUp>> {
    if (this.#visit !== visit) return CUSTOMER_SIGNED_OUT;
    const overview = await this.overview();
    this.#changed();
    return overview.ok ? success({ overview: overview.value, card }) : overview;
  }

  /** Logs the customer out of CareCloud and forgets them here; nothing to do when nobody is signed in. */
  async signOut(reason: 'done' | 'inactivity' | 'card_removed'): Promise<void> {
    const visit = this.#visit;
    this.#visit = null;
    this.#clearIdle();
    if (!visit) return;
    const api = this.#options.api();
    this.#logger.log('info', 'kiosk.signOut', { reason });
    this.#changed();
    try {
      await api.logout();
      this.#logoutOwed = false;
    } catch (error) {
      // CareCloud keeps the login until told; the next identification tells it first.
      this.#logoutOwed = true;
      if (unreachable(error)) this.#failed(error);
    }
  }

  /**
   * A card left a reader: the customer who signed in with the card in that reader is signed out.
   * Anyone else (signed in by e-mail, phone, the app's code, or a card read elsewhere) stays.
   */
  async cardRemoved(readerId: string): Promise<boolean> {
    if (this.#visit?.cardReader !== readerId) return false;
    await this.signOut('card_removed');
    return true;
  }

  /** The customer is still there: main's inactivity sign-out starts again. */
  keepAlive(): KioskStatus {
    if (this.#visit) this.#touch();
    return this.status();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#probeTimer) clearTimeout(this.#probeTimer);
    this.#probeTimer = null;
    await this.signOut('done');
  }

  async #settleOwedLogout(): Promise<void> {
    if (!this.#logoutOwed) return;
    try {
      await this.#options.api().logout();
      this.#logoutOwed = false;
    } catch {
      // A new login on the same device token replaces the old one anyway.
    }
  }

  async #load(): Promise<KioskOverview> {
    const api = this.#options.api();
    const [customer, points, expiration, credits, vouchers, rewards, currencies] = await Promise.all([
      api.account.record(),
      api.account.points(),
      api.account.pointsExpiration(),
      api.account.credits(),
      api.account.vouchers({ is_valid: true, count: 100 }),
      api.account.rewards(),
      api.currencies(),
    ]);
    const s = this.#options.settings();
    const available = points.available_points;
    const value =
      (points.available_points_money_value ?? []).flatMap((m) =>
        money(m.value, m.currency_id, currencies),
      )[0] ?? null;
    const horizon = formatCareCloudDateTime(
      new Date(this.#now() + s.expiringPointsDays * 86_400_000),
      s.timeZone,
    );
    const expiresOn = expiration.next_date?.slice(0, 10);
    const expiringSoon =
      expiration.next_amount !== undefined &&
      expiration.next_amount > 0 &&
      expiresOn !== undefined &&
      expiresOn <= horizon.slice(0, 10)
        ? [{ points: expiration.next_amount, expiresOn }]
        : [];
    const now = formatCareCloudDateTime(new Date(this.#now()), s.timeZone);
    return {
      customer: {
        firstName: customer.personal_information.first_name ?? null,
        lastName: customer.personal_information.last_name ?? null,
      },
      points: { available, value, expiringSoon },
      credits: (credits.split_by_currency ?? []).flatMap((c) =>
        money(c.available_credits, c.currency_id, currencies),
      ),
      vouchers: vouchers.filter((v) => isValidNow(v, now)).map(voucherView),
      rewards: rewards.flatMap((r): KioskReward[] =>
        r.reward_id &&
        typeof r.points_cost === 'number' &&
        r.points_cost <= available &&
        r.state !== 0 &&
        r.state !== 2
          ? [
              {
                id: r.reward_id,
                name: r.name,
                pointsCost: r.points_cost,
                description: r.subtitle ?? r.note ?? null,
              },
            ]
          : [],
      ),
      asOf: new Date(this.#now()).toISOString(),
    };
  }

  #touch(): void {
    this.#lastActivity = this.#now();
    this.#clearIdle();
    const s = this.#options.settings();
    const after = (s.idleSeconds + s.countdownSeconds) * 1000 + (this.#options.inactivityGraceMs ?? 5_000);
    this.#idleTimer = setTimeout(() => void this.#idleCheck(after), after);
    this.#idleTimer.unref?.();
  }

  async #idleCheck(after: number): Promise<void> {
    this.#idleTimer = null;
    if (!this.#visit || this.#closed) return;
    const idle = this.#now() - this.#lastActivity;
    if (idle >= after) await this.signOut('inactivity');
    else {
      this.#idleTimer = setTimeout(() => void this.#idleCheck(after), after - idle);
      this.#idleTimer.unref?.();
    }
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #reached(): void {
    if (this.#inService) return;
    this.#inService = true;
    this.#logger.log('info', 'kiosk.service', { inService: true });
    this.#changed();
  }

  /**
   * The typed answer for a failure; an unreachable CareCloud takes the kiosk out of service (and the customer's account
   * off the screen).
   */
  #failed(error: unknown): Result<never> {
    if (error instanceof NoCustomerSessionError) {
      // CareCloud no longer has the customer logged in (the device token was replaced): nothing of theirs stays here
      // either.
      this.#visit = null;
      this.#clearIdle();
      this.#changed();
      return CUSTOMER_SIGNED_OUT;
    }
    if (!unreachable(error)) return this.#options.answerFor(error);
    if (this.#inService) {
      this.#inService = false;
      this.#logger.log('warn', 'kiosk.service', {
        inService: false,
        error: error instanceof Error ? error.name : 'unknown',
      });
      this.#changed();
      this.#scheduleProbe();
    }
    return failure('offline', 'CareCloud cannot be reached: the kiosk is out of service for loyalty');
  }

  #scheduleProbe(): void {
    if (this.#probeTimer || this.#closed) return;
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = null;
      void this.#options
        .api()
        .probe()
        .then(() => this.#reached())
        .catch(() => {
          if (!this.#inService) this.#scheduleProbe();
        });
    }, this.#options.probeEveryMs ?? 10_000);
    this.#probeTimer.unref?.();
  }

  #changed(): void {
    this.#options.onChange?.(this.status());
  }

  #outcomeName(error: unknown): string {
    if (error instanceof CareCloudError) return `refused-${error.status}`;
    return error instanceof Error ? error.name : 'unknown';
  }
}

/** CareCloud's refusal of a card as the customer is told it; null for failures that are not about the card. */
function cardRefusal(error: unknown): KioskCardRefusal | null {
  if (error instanceof InterfaceNotAllowedError) return 'not_allowed';
  if (error instanceof UnknownCardTypeError) return 'unknown';
  if (
    !(error instanceof CareCloudError) ||
    error instanceof RateLimitError ||
    error instanceof ServerError ||
    error.status >= 500 ||
    error.status === 401
  )
    return null;
  const reasons = error.invalidParams
    .filter((p) => p.name === 'card_number' || p.name === 'card_type_id')
    .map((p) => p.reason);
  if (reasons.includes('already_exists')) return 'taken';
  if (reasons.includes('card_is_blocked')) return 'blocked';
  if (reasons.includes('not_found')) return 'unknown';
  return 'refused';
}

/** The consent to processing personal data: a customer account cannot exist without it. */
function isPersonalDataConsent(textId: string | undefined): boolean {
  return textId !== undefined && /gtc|personal/i.test(textId);
}

function isValidNow(voucher: AccountVoucher, now: string): boolean {
  if (voucher.state !== undefined && voucher.state !== 1) return false;
  if (voucher.applied_date) return false;
  if (voucher.valid_from && voucher.valid_from > now) return false;
  return !voucher.valid_to || voucher.valid_to >= now;
}

function voucherView(voucher: AccountVoucher): KioskVoucher {
  return {
    id: voucher.voucher_id,
    code: voucher.code ?? null,
    name: voucher.reward?.name ?? null,
    // A voucher's `value` carries no currency in CareCloud: it is shown only with the reward's name.
    value: null,
    validTo: voucher.valid_to ?? null,
  };
}

/**
 * Money in a currency CareCloud named; none when its currency cannot be told (an amount without its currency means
 * nothing).
 */
function money(value: number, currencyId: string, codes: Map<string, string>): KioskMoney[] {
  const code = codes.get(currencyId) ?? (/^[A-Z]{3}$/.test(currencyId) ? currencyId : null);
  return code ? [{ amount: toMinorUnits(value, currencyDecimals(code)), currency: code }] : [];
}

/** The voucher code of one redemption: the same device and confirmation always give the same code. */
export function voucherCode(deviceId: string, confirmationId: string): string {
  const digest = createHash('sha256').update(`${deviceId}:${confirmationId}`).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = 'K';
  for (let i = 0; i < 13; i += 1) code += alphabet[digest[i]! % alphabet.length];
  return code;
}

const CODE_PART = /^[A-Za-z0-9_-]{1,200}$/;

/** The app's QR code: `<token_request_id>:<token>`, or the token alone (sent as both). */
function readAppCode(text: string): AppCode | null {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon < 0) return CODE_PART.test(trimmed) ? { token: trimmed, tokenRequestId: trimmed } : null;
  const tokenRequestId = trimmed.slice(0, colon);
  const token = trimmed.slice(colon + 1);
  return CODE_PART.test(tokenRequestId) && CODE_PART.test(token) ? { token, tokenRequestId } : null;
}
