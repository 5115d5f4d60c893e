import type { CallOptions, Pipeline } from '../pipeline.ts';
import { fetchPage } from '../paging.ts';
import type { BodyOf, DataOf, Page, QueryOf, Schemas } from '../types.ts';

type Voucher = Schemas['Voucher'];

export function vouchersResource(pipeline: Pipeline) {
  return {
    byCode: async (code: string, options?: CallOptions): Promise<Voucher | undefined> => {
      const page = await fetchPage<Voucher>(pipeline, '/vouchers', 'vouchers', { code, count: 1 }, options);
      return page.items[0];
    },
    /** A customer's vouchers; pass `{ is_valid: true }` for the ones usable now. */
    ofCustomer: (
      customerId: string,
      query: QueryOf<'getSubCustomerVouchers'> = {},
      options?: CallOptions,
    ): Promise<Page<Voucher>> =>
      fetchPage<Voucher>(
        pipeline,
        `/customers/${encodeURIComponent(customerId)}/vouchers`,
        'vouchers',
        query,
        options,
      ),
    giftCardBalance: (
      body: BodyOf<'postVoucherGiftCardBalance'>,
      options?: CallOptions,
    ): Promise<DataOf<'postVoucherGiftCardBalance'>> =>
      pipeline.request(
        {
          method: 'POST',
          path: '/vouchers/actions/gift-card-balance',
          body,
          idempotent: true,
          purpose: 'lookup',
        },
        options,
      ),
    applyVoucher: (
      voucherId: string,
      body: BodyOf<'postVoucherApply'>,
      options?: CallOptions,
    ): Promise<void> =>
      pipeline.request(
        {
          method: 'POST',
          path: `/vouchers/${encodeURIComponent(voucherId)}/actions/apply-voucher`,
          body,
          purpose: 'closure',
        },
        options,
      ),
  };
}
