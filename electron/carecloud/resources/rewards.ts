import type { CallOptions, Pipeline } from '../pipeline.ts';
import { fetchPage, listAll } from '../paging.ts';
import type { BodyOf, DataOf, Page, QueryOf, Schemas } from '../types.ts';

type Reward = Schemas['Reward'];

export function rewardsResource(pipeline: Pipeline) {
  return {
    list: (query: QueryOf<'getRewards'> = {}, options?: CallOptions): Promise<Page<Reward>> =>
      fetchPage<Reward>(pipeline, '/rewards', 'rewards', query, options),
    all: (query: Omit<QueryOf<'getRewards'>, 'count' | 'offset'> = {}, options?: CallOptions) =>
      listAll<Reward>(pipeline, '/rewards', 'rewards', query, options),
    ofCustomer: (
      customerId: string,
      query: QueryOf<'getSubCustomerRewards'> = {},
      options?: CallOptions,
    ): Promise<Page<Reward>> =>
      fetchPage<Reward>(
        pipeline,
        `/customers/${encodeURIComponent(customerId)}/rewards`,
        'rewards',
        query,
        options,
      ),
    createVoucher: (
      rewardId: string,
      body: BodyOf<'postRewardCreateVoucher'>,
      options?: CallOptions,
    ): Promise<DataOf<'postRewardCreateVoucher'>> =>
      pipeline.request(
        {
          method: 'POST',
          path: `/rewards/${encodeURIComponent(rewardId)}/actions/create-voucher`,
          body,
          purpose: 'closure',
        },
        options,
      ),
  };
}
