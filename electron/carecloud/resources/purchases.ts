import type { CallOptions, Pipeline } from '../pipeline.ts';
import type { BodyOf, DataOf } from '../types.ts';

export type SendPurchaseBody = BodyOf<'postPurchaseSend'>;

export interface Cancellation {
  /** The `bill_id` of the purchase being cancelled; becomes `bill_number`. */
  originalBillId: string;
  /** A fresh `bill_id` for the cancellation itself, fixed before the first attempt. */
  cancellationBillId: string;
}

/**
 * CareCloud's cancellation of a purchase: the original body with only `canceled`, `bill_id`
 * and `bill_number` changed (payment_time, items, recap and all else stay the original's).
 */
export function cancellationBody(original: SendPurchaseBody, ids: Cancellation): SendPurchaseBody {
  return {
    ...original,
    bill: {
      ...original.bill,
      canceled: true,
      bill_id: ids.cancellationBillId,
      bill_number: ids.originalBillId,
    },
  };
}

export function purchasesResource(pipeline: Pipeline) {
  const sendPurchase = (body: SendPurchaseBody, options?: CallOptions): Promise<DataOf<'postPurchaseSend'>> =>
    // Repeating is safe: a second send of the same bill_id is refused with bill_id/already_exists.
    pipeline.request(
      {
        method: 'POST',
        path: '/purchases/actions/send-purchase',
        body,
        idempotent: true,
        purpose: 'closure',
      },
      options,
    );
  return {
    /** Previews benefits for the bill; persists nothing, so it may be repeated. */
    acceptPayment: (
      body: BodyOf<'postPurchaseAcceptPayment'>,
      options?: CallOptions,
    ): Promise<DataOf<'postPurchaseAcceptPayment'>> =>
      pipeline.request(
        {
          method: 'POST',
          path: '/purchases/actions/accept-payment',
          body,
          idempotent: true,
          purpose: 'lookup',
        },
        options,
      ),
    recommendedBestRewards: (
      body: BodyOf<'postPurchaseRecommendedRewards'>,
      options?: CallOptions,
    ): Promise<DataOf<'postPurchaseRecommendedRewards'>> =>
      pipeline.request(
        {
          method: 'POST',
          path: '/purchases/actions/recommended-best-rewards',
          body,
          idempotent: true,
          purpose: 'lookup',
        },
        options,
      ),
    sendPurchase,
    /** A refund: the original bill sent again as canceled, under a new bill_id, pointing at the original. */
    cancel: (
      original: SendPurchaseBody,
      ids: Cancellation,
      options?: CallOptions,
    ): Promise<DataOf<'postPurchaseSend'>> => sendPurchase(cancellationBody(original, ids), options),
    /**
     * Gives a closed purchase (by its bill_id) to a customer afterwards; CareCloud credits the points then. Not
     * repeatable: a second call is refused.
     */
    assignCustomer: (body: BodyOf<'postPurchaseAssignCustomer'>, options?: CallOptions): Promise<void> =>
      pipeline.request(
        { method: 'POST', path: '/purchases/actions/assign-customer', body, purpose: 'closure' },
        options,
      ),
    paymentSummary: (
      purchaseId: string,
      options?: CallOptions,
    ): Promise<DataOf<'getPurchasePaymentSummary'>> =>
      pipeline.request(
        { method: 'GET', path: `/purchases/${encodeURIComponent(purchaseId)}/actions/payment-summary` },
        options,
      ),
  };
}
