// Rewards at the lane: a reward turned into a voucher for the customer (create-voucher),
// once per confirmation however often it is pressed, and CareCloud's best rewards for the
// bill (recommended-best-rewards).
import { createHash } from 'node:crypto';
import { previewBill, type SalePlace } from '../../shared/checkout/bill.ts';
import type {
  RecommendedReward,
  RedeemOutcome,
  RewardRecommendation,
} from '../../shared/checkout/rewards.ts';
import { formatCareCloudDateTime } from '../../shared/datetime.ts';
import type { RefusalReason } from '../domain/errors.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { CareCloudError, ConnectionError, InvalidRequestError, NotFoundError } from '../carecloud/errors.ts';
import type { PreviewRequest } from './checkout-service.ts';

export interface RewardDeskOptions {
  client: () => Pick<CareCloudClient, 'rewards' | 'vouchers' | 'purchases'>;
  place: (operatorName: string) => Promise<SalePlace>;
  online: () => boolean;
  /** CareCloud did not answer: let the sync engine find out whether it is gone. */
  unreachable: () => void;
  timeZone: () => string;
  now?: () => number;
}

const REMEMBERED = 500;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The voucher code a confirmation asks CareCloud for. Fixed by the confirmation, so a press
 * after an answer that never came sends the same code, and CareCloud's "already exists"
 * then names the voucher the first press made instead of a second one being created.
 */
export function voucherCodeFor(confirmationId: string): string {
  const digest = createHash('sha256').update(`ccpos-reward:${confirmationId}`).digest();
  let code = 'R';
  for (let i = 0; i < 11; i += 1) code += CROCKFORD[digest[i]! % 32];
  return code;
}

function reasonsOf(error: CareCloudError): RefusalReason[] {
  return error.invalidParams.map((p) => ({ name: p.name, reason: p.reason, message: p.message ?? p.reason }));
}

interface Confirmation {
  customerId: string;
  rewardId: string;
  running: Promise<RedeemOutcome> | null;
  created: RedeemOutcome | null;
}

export class RewardDesk {
  readonly #o: RewardDeskOptions;
  readonly #confirmations = new Map<string, Confirmation>();

  constructor(options: RewardDeskOptions) {
    this.#o = options;
  }

  /**
   * Turns the reward into a voucher. Every press of one confirmation shares the first press's
   * request while it runs and its voucher once made; a press after a refusal or a lost answer
   * asks again with the same code.
   */
  redeem(request: { customerId: string; rewardId: string; confirmationId: string }): Promise<RedeemOutcome> {
    let confirmation = this.#confirmations.get(request.confirmationId);
    if (
      confirmation &&
      (confirmation.customerId !== request.customerId || confirmation.rewardId !== request.rewardId)
    ) {
      return Promise.resolve({
        outcome: 'refused',
        reasons: [
          {
            name: 'confirmation_id',
            reason: 'already_exists',
            message: 'This confirmation was given for another reward or customer',
          },
        ],
      });
    }
    if (!confirmation) {
      confirmation = {
        customerId: request.customerId,
        rewardId: request.rewardId,
        running: null,
        created: null,
      };
      this.#confirmations.set(request.confirmationId, confirmation);
      if (this.#confirmations.size > REMEMBERED)
        this.#confirmations.delete(this.#confirmations.keys().next().value as string);
    }
    if (confirmation.created) return Promise.resolve(confirmation.created);
    if (confirmation.running) return confirmation.running;
    const held = confirmation;
    held.running = this.#create(request.customerId, request.rewardId, voucherCodeFor(request.confirmationId))
      .then((outcome) => {
        if (outcome.outcome === 'created') held.created = outcome;
        return outcome;
      })
      .finally(() => (held.running = null));
    return held.running;
  }

  async #create(customerId: string, rewardId: string, code: string): Promise<RedeemOutcome> {
    // Offline nothing is asked: a voucher CareCloud has not made cannot be applied, so nothing is half done.
    if (!this.#o.online()) return { outcome: 'offline' };
    const client = this.#o.client();
    try {
      const data = await client.rewards.createVoucher(
        rewardId,
        { customer_id: customerId, code },
        { retry: false },
      );
      const voucherId =
        typeof data?.voucher_id === 'string' && data.voucher_id !== '' ? data.voucher_id : null;
      if (!voucherId) return { outcome: 'uncertain' };
      return { outcome: 'created', voucher: { voucherId, code, rewardId } };
    } catch (error) {
      if (error instanceof InvalidRequestError && error.hasReason('already_exists', 'code'))
        return this.#madeEarlier(customerId, rewardId, code, error);
      if (error instanceof NotFoundError)
        return {
          outcome: 'refused',
          reasons: reasonsOf(error).length
            ? reasonsOf(error)
            : [{ name: 'reward_id', reason: 'not_found', message: 'not_found' }],
        };
      if (error instanceof InvalidRequestError) return { outcome: 'refused', reasons: reasonsOf(error) };
      if (error instanceof ConnectionError) {
        this.#o.unreachable();
        // A refused connection never reached CareCloud; anything else may have.
        return error.kind === 'refused' || error.kind === 'dns'
          ? { outcome: 'offline' }
          : { outcome: 'uncertain' };
      }
      if (error instanceof CareCloudError) return { outcome: 'uncertain' };
      throw error;
    }
  }

  /** The code exists: it is this confirmation's voucher only if it is this customer's of this reward. */
  async #madeEarlier(
    customerId: string,
    rewardId: string,
    code: string,
    refusal: InvalidRequestError,
  ): Promise<RedeemOutcome> {
    try {
      const voucher = await this.#o.client().vouchers.byCode(code, { retry: false });
      if (
        voucher?.voucher_id &&
        voucher.customer_id === customerId &&
        (voucher.reward?.reward_id ?? rewardId) === rewardId
      ) {
        return { outcome: 'created', voucher: { voucherId: voucher.voucher_id, code, rewardId } };
      }
      return { outcome: 'refused', reasons: reasonsOf(refusal) };
    } catch (error) {
      if (error instanceof ConnectionError) this.#o.unreachable();
      return { outcome: 'uncertain' };
    }
  }

  /** CareCloud's rewards this bill and this customer can use, best first; offline, none. */
  async recommend(request: PreviewRequest, operatorName: string): Promise<RewardRecommendation> {
    const customer = request.ask.customer;
    if (!customer || request.cart.lines.length === 0) return { rewards: [], offline: false };
    if (!this.#o.online()) return { rewards: [], offline: true };
    const place = await this.#o.place(operatorName);
    const client = this.#o.client();
    try {
      const [answer, own] = await Promise.all([
        client.purchases.recommendedBestRewards({
          store_id: place.storeId,
          cashdesk_number: place.cashdesk,
          customer_id: customer.customerId,
          ...(customer.cardNumber ? { card_number: customer.cardNumber } : {}),
          reward_list_type: 'C',
          bill: previewBill(
            request.cart,
            place,
            `RECOMMEND-${request.saleId}`.slice(0, 64),
            formatCareCloudDateTime(new Date((this.#o.now ?? Date.now)()), this.#o.timeZone()),
          ),
        }),
        client.rewards.ofCustomer(customer.customerId, { count: 100 }),
      ]);
      const byCode = new Map(own.items.filter((r) => r.code).map((r) => [r.code, r]));
      const rows = Array.isArray(answer?.recommended_best_rewards) ? answer.recommended_best_rewards : [];
      const rewards: RecommendedReward[] = [];
      for (const row of rows) {
        if (
          typeof row?.code !== 'string' ||
          row.code === '' ||
          typeof row.max_count !== 'number' ||
          row.max_count < 1
        )
          continue;
        const mine = byCode.get(row.code);
        rewards.push({
          code: row.code,
          name: typeof row.name === 'string' && row.name !== '' ? row.name : (mine?.name ?? row.code),
          description: typeof row.description === 'string' && row.description !== '' ? row.description : null,
          maxCount: Math.floor(row.max_count),
          rewardId: mine?.reward_id ?? null,
          pointsCost: typeof mine?.points_cost === 'number' ? mine.points_cost : null,
        });
      }
      return { rewards, offline: false };
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      this.#o.unreachable();
      return { rewards: [], offline: true };
    }
  }
}
