import type { CallOptions, Pipeline } from '../pipeline.ts';
import type { DataOf, QueryOf } from '../types.ts';

export function walletResource(pipeline: Pipeline) {
  return {
    pointsOverview: (
      customerId: string,
      query: Omit<QueryOf<'getWalletPoints'>, 'customer_id'> = {},
      options?: CallOptions,
    ): Promise<DataOf<'getWalletPoints'>> =>
      pipeline.request(
        {
          method: 'GET',
          path: '/wallet/actions/points-overview',
          query: { ...query, customer_id: customerId },
        },
        options,
      ),
    creditsOverview: (
      customerId: string,
      query: Omit<QueryOf<'getWalletCredits'>, 'customer_id'> = {},
      options?: CallOptions,
    ): Promise<DataOf<'getWalletCredits'>> =>
      pipeline.request(
        {
          method: 'GET',
          path: '/wallet/actions/credits-overview',
          query: { ...query, customer_id: customerId },
        },
        options,
      ),
  };
}
