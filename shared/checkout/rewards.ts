// Rewards at the lane and points claimed later: what the screens send and get back.
import { z } from 'zod';
import type { ErrorReason } from '../outcome.ts';

const id = z.string().trim().min(1).max(64);

/** Made by the screen when the cashier is asked to confirm; every press of that confirmation sends the same one. */
export const confirmationIdSchema = z.string().regex(/^[A-Za-z0-9-]{16,64}$/);

export const redeemPayload = z
  .object({ customerId: id, rewardId: id, confirmationId: confirmationIdSchema })
  .strict();

/** A receipt's bill_id (typed or scanned) or a sale's short reference, and the customer the sale goes to. */
export const assignPayload = z
  .object({
    sale: z.string().trim().min(1).max(120),
    customerId: id,
    cardNumber: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\x21-\x7e]+$/)
      .optional(),
  })
  .strict();

export interface RedeemedVoucher {
  voucherId: string;
  code: string;
  rewardId: string;
}

export type RedeemOutcome =
  /** The voucher exists (the same one for every press of one confirmation). */
  | { outcome: 'created'; voucher: RedeemedVoucher }
  /** CareCloud said no (not enough points, reward not valid...): nothing was created. */
  | { outcome: 'refused'; reasons: ErrorReason[] }
  /** CareCloud cannot be reached: nothing was asked, nothing was created. */
  | { outcome: 'offline' }
  /** Asked, but no answer came: pressing the same confirmation again finds out, never making a second voucher. */
  | { outcome: 'uncertain' };

export interface RecommendedReward {
  code: string;
  name: string;
  description: string | null;
  /** How many times this bill can use it; only rewards it can use at least once are listed. */
  maxCount: number;
  /** The customer's reward of this code, to redeem it; null when their list does not have it. */
  rewardId: string | null;
  pointsCost: number | null;
}

export interface RewardRecommendation {
  /** Best first, as CareCloud ranks them. */
  rewards: RecommendedReward[];
  offline: boolean;
}

/** Why a sale cannot be given to the customer; `refused` carries CareCloud's own reasons. */
export type AssignRefusal =
  'unknown_sale' | 'already_assigned' | 'sale_cancelled' | 'sale_not_sent' | 'refused';

export type AssignOutcome =
  | { outcome: 'assigned'; billId: string }
  /** Journaled: offline, waiting for the sale itself to reach CareCloud, or a send that did not get through. */
  | { outcome: 'queued'; billId: string; why: 'offline' | 'waiting-for-sale' | 'send-failed' }
  | { outcome: 'refused'; billId: string | null; reason: AssignRefusal; reasons: ErrorReason[] };
