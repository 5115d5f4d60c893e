import type { CallOptions, Pipeline } from '../pipeline.ts';
import { fetchPage, listAll } from '../paging.ts';
import type { BodyOf, DataOf, Page, QueryOf, Schemas } from '../types.ts';

type Customer = Schemas['Customer'];
type ListQuery = Omit<QueryOf<'getCustomers'>, 'count' | 'offset'>;

export function customersResource(pipeline: Pipeline) {
  const list = (query: QueryOf<'getCustomers'>, options?: CallOptions): Promise<Page<Customer>> =>
    fetchPage<Customer>(pipeline, '/customers', 'customers', query, options);
  return {
    get: (customerId: string, options?: CallOptions): Promise<DataOf<'getCustomer'>> =>
      pipeline.request({ method: 'GET', path: `/customers/${encodeURIComponent(customerId)}` }, options),
    list,
    all: (query: ListQuery = {}, options?: CallOptions) =>
      listAll<Customer>(pipeline, '/customers', 'customers', query, options),
    byEmail: (email: string, options?: CallOptions) => list({ email }, options),
    byPhone: (phone: string, options?: CallOptions) => list({ phone }, options),
    byName: (firstName: string, lastName: string, options?: CallOptions) =>
      list({ first_name: firstName, last_name: lastName }, options),
    /** One exact match at most, in CareCloud's strict mode. */
    searchCustomers: (
      query: QueryOf<'getCustomerSearch'>,
      options?: CallOptions,
    ): Promise<DataOf<'getCustomerSearch'>> =>
      pipeline.request({ method: 'GET', path: '/customers/actions/search-customers', query }, options),
    /** The status records valid now: the customer's current loyalty status. */
    currentStatus: (customerId: string, options?: CallOptions): Promise<Page<Schemas['StatusRecord']>> =>
      fetchPage<Schemas['StatusRecord']>(
        pipeline,
        `/customers/${encodeURIComponent(customerId)}/status-records`,
        'status_records',
        { valid_now: true, count: 10 },
        options,
      ),
    create: (body: BodyOf<'postCustomer'>, options?: CallOptions): Promise<DataOf<'postCustomer'>> =>
      pipeline.request({ method: 'POST', path: '/customers', body, purpose: 'closure' }, options),
  };
}
