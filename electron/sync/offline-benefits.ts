// Vouchers and points need CareCloud to validate them. While the terminal is offline
// the offline policy decides: refuse them (the default), or take vouchers the till
// checked against the pre-synced store list and flag the sale for the manager.
import type { OfflinePolicy } from '../../shared/settings.ts';
import { Unavailable } from '../domain/errors.ts';
import type { NewEntry } from '../journal/types.ts';
import { readSendPurchase } from '../../shared/checkout/send-purchase.ts';

export type OfflineBenefit = 'vouchers' | 'points' | 'credit';

const sentences: Record<OfflineBenefit, string> = {
  vouchers: 'Vouchers cannot be used while CareCloud is unreachable; remove them to close the sale now.',
  points:
    'Paying with points is not possible while CareCloud is unreachable; ' +
    'remove the points payment to close the sale now.',
  credit:
    'Paying with credit is not possible while CareCloud is unreachable; ' +
    'remove the credit payment to close the sale now.',
};

/** CareCloud is unreachable and the offline policy will not take this benefit without it. */
export class OfflineBenefitRefusedError extends Unavailable {
  override name = 'OfflineBenefitRefusedError';
  constructor(readonly benefit: OfflineBenefit) {
    super('offline', sentences[benefit]);
  }
}

/** The entry as it may be journaled offline (flagged when vouchers were accepted), or the refusal. */
export function applyOfflinePolicy(input: NewEntry, policy: OfflinePolicy): NewEntry {
  if (input.kind !== 'purchase') return input;
  const recap = readSendPurchase(input.request.body)?.bill.payment_recap;
  if (!recap) return input;
  if ((recap.credit_points ?? 0) > 0) throw new OfflineBenefitRefusedError('points');
  if ((recap.amount_for_credit ?? 0) > 0) throw new OfflineBenefitRefusedError('credit');
  if (!recap.vouchers?.length) return input;
  if (policy.vouchers === 'refuse') throw new OfflineBenefitRefusedError('vouchers');
  return { ...input, flags: [...(input.flags ?? []), 'offline-voucher'] };
}
