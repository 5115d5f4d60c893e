// The voucher check screen: everything CareCloud knows about one code, and whether it
// could be used here and now, with refusals as CareCloud's reason codes.
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import { currencyDecimals, toMinorUnits } from '../../shared/money.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { InvalidRequestError } from '../carecloud/errors.ts';
import type { Schemas } from '../carecloud/types.ts';
import type { VoucherKind, VoucherCheck } from '../../shared/checkout/answers.ts';

export type { VoucherKind, VoucherCheck };

/** The lane's voucher check, and the store's vouchers kept for offline use. */
export interface VoucherDesk {
  check(code: string, customerId: string | null): Promise<VoucherCheck>;
  /** Refreshes the list of vouchers the offline policy may accept; null without a store. */
  syncOffline(): Promise<{ count: number; syncedAt: string } | null>;
}

export interface VoucherCheckOptions {
  client: () => CareCloudClient;
  storeId: () => string;
  currency: string;
  timeZone: () => string;
  now?: () => number;
}

const GIFT_CARD_GROUP = 4;

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Why a voucher cannot be used in `storeId` at `now` (a CareCloud datetime in the project
 * zone), as CareCloud's reason codes: its state, its dates, its store. Empty when it can.
 * The voucher check and the customer panel both ask this.
 */
export function voucherPlaceRefusals(
  voucher: Pick<Schemas['Voucher'], 'state' | 'valid_from' | 'valid_to' | 'store_id' | 'reward'>,
  storeId: string,
  now: string,
): string[] {
  const reasons: string[] = [];
  const validFrom = text(voucher.valid_from);
  const validTo = text(voucher.valid_to);
  const stores = (voucher.reward?.store_list ?? []).map((s) => s.store_id ?? '');
  if (voucher.state !== undefined && voucher.state !== 1) reasons.push('voucher_invalid_type_of_usage');
  if (validTo !== null && validTo < now) reasons.push('voucher_expired');
  if (validFrom !== null && validFrom > now) reasons.push('voucher_cant_be_applied_by_date');
  if (voucher.store_id && voucher.store_id !== storeId) reasons.push('voucher_not_allowed_in_store');
  else if (stores.length > 0 && !stores.includes(storeId)) reasons.push('voucher_cant_be_used_in_store');
  return reasons;
}

export class VoucherChecker {
  readonly #o: VoucherCheckOptions;

  constructor(options: VoucherCheckOptions) {
    this.#o = options;
  }

  async check(code: string, customerId: string | null): Promise<VoucherCheck> {
    const client = this.#o.client();
    const voucher = await client.vouchers.byCode(code);
    if (!voucher || voucher.code !== code)
      return {
        code,
        found: false,
        voucherId: null,
        name: null,
        kind: 'other',
        valueMinor: null,
        customerId: null,
        stores: [],
        validFrom: null,
        validTo: null,
        usedAt: null,
        giftCard: null,
        refusals: ['not_found'],
      };
    const decimals = currencyDecimals(this.#o.currency);
    const reward = voucher.reward;
    const kind: VoucherKind =
      reward?.reward_group === GIFT_CARD_GROUP
        ? 'gift_card'
        : typeof voucher.value === 'number' && voucher.value > 0
          ? 'value'
          : reward
            ? 'percent'
            : 'other';
    let giftCard: VoucherCheck['giftCard'] = null;
    if (kind === 'gift_card') {
      try {
        const balance = await client.vouchers.giftCardBalance({ code });
        const balanceMinor = Math.max(0, toMinorUnits(balance?.current_balance ?? 0, decimals));
        // Never less than what is left: a card cannot hold more than it was worth.
        const originalMinor = Math.max(balanceMinor, toMinorUnits(balance?.original_balance ?? 0, decimals));
        giftCard = {
          balanceMinor,
          originalMinor,
          usage: balanceMinor === originalMinor ? 'unused' : balanceMinor === 0 ? 'spent' : 'partly',
        };
      } catch (error) {
        if (!(error instanceof InvalidRequestError)) throw error;
      }
    }
    const stores = (reward?.store_list ?? []).map((s: Schemas['Store']) => ({
      id: s.store_id ?? '',
      name: text(s.name),
    }));
    const check: VoucherCheck = {
      code,
      found: true,
      voucherId: voucher.voucher_id ?? null,
      name: text(reward?.name),
      kind,
      valueMinor: typeof voucher.value === 'number' ? toMinorUnits(voucher.value, decimals) : null,
      customerId: text(voucher.customer_id),
      stores,
      validFrom: text(voucher.valid_from),
      validTo: text(voucher.valid_to),
      // A gift card still whole has not been used, whatever date CareCloud keeps.
      usedAt: giftCard?.usage === 'unused' ? null : text(voucher.applied_date),
      giftCard,
      refusals: [],
    };
    check.refusals = this.#refusals(check, voucher, customerId);
    return check;
  }

  #refusals(check: VoucherCheck, voucher: Schemas['Voucher'], customerId: string | null): string[] {
    const now = formatCareCloudDateTime(new Date(this.#o.now?.() ?? Date.now()), this.#o.timeZone());
    const storeId = this.#o.storeId();
    const place = voucherPlaceRefusals(voucher, storeId, now);
    const reasons: string[] = place.filter((r) => r === 'voucher_invalid_type_of_usage');
    if (
      check.kind === 'gift_card'
        ? check.giftCard !== null && check.giftCard.balanceMinor <= 0
        : check.usedAt !== null
    )
      reasons.push('voucher_already_used');
    reasons.push(...place.filter((r) => r !== 'voucher_invalid_type_of_usage'));
    // A gift card is anyone's; other vouchers only their customer's.
    if (
      check.kind !== 'gift_card' &&
      customerId !== null &&
      check.customerId !== null &&
      check.customerId !== customerId
    )
      reasons.push('voucher_assigned_to_another_customer');
    return reasons;
  }
}
