import type { CallOptions, Pipeline } from '../pipeline.ts';
import type { BodyOf, DataOf } from '../types.ts';
import type { SendPurchaseBody } from '../../../shared/checkout/send-purchase.ts';

export function purchasesResource(pipeline: Pipeline) {
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
    /**
     * A purchase, or its cancellation (`cancellationBody`: the same bill as canceled, under its own bill_id). Repeating
     * is safe: a second send of the same bill_id is refused with bill_id/already_exists.
     */
    sendPurchase: (body: SendPurchaseBody, options?: CallOptions): Promise<DataOf<'postPurchaseSend'>> =>
      pipeline.request(
        {
          method: 'POST',
          path: '/purchases/actions/send-purchase',
          body,
          idempotent: true,
          purpose: 'closure',
        },
        options,
      ),
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
