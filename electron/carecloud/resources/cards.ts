import type { CallOptions, Pipeline } from '../pipeline.ts';
import { fetchPage } from '../paging.ts';
import type { BodyOf, DataOf, Page, QueryOf, Schemas } from '../types.ts';

type Card = Schemas['Card'];

export function cardsResource(pipeline: Pipeline) {
  return {
    /** The card with this number, or undefined when CareCloud knows none. */
    byNumber: async (cardNumber: string, options?: CallOptions): Promise<Card | undefined> => {
      const page = await fetchPage<Card>(
        pipeline,
        '/cards',
        'cards',
        { card_number: cardNumber, count: 1 },
        options,
      );
      return page.items[0];
    },
    ofCustomer: (
      customerId: string,
      query: QueryOf<'getSubCustomerCards'> = {},
      options?: CallOptions,
    ): Promise<Page<Card>> =>
      fetchPage<Card>(
        pipeline,
        `/customers/${encodeURIComponent(customerId)}/cards`,
        'cards',
        query,
        options,
      ),
    validateFreeCard: async (cardNumber: string, options?: CallOptions): Promise<boolean> => {
      const data = await pipeline.request<DataOf<'postValidateFreeCard'>>(
        {
          method: 'POST',
          path: '/cards/actions/validate-free-card',
          body: { card_number: cardNumber } satisfies BodyOf<'postValidateFreeCard'>,
          idempotent: true,
          purpose: 'lookup',
        },
        options,
      );
      return data?.is_free_to_use === true;
    },
    assignFreeCard: (
      body: BodyOf<'postAssignCard'>,
      options?: CallOptions,
    ): Promise<DataOf<'postAssignCard'>> =>
      pipeline.request(
        { method: 'POST', path: '/cards/actions/assign-free-card', body, purpose: 'closure' },
        options,
      ),
  };
}
