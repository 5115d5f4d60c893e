// A customer named by id in a query or body, as every handler and the checkout refuse one.
import { invalid } from './errors.ts';
import type { Customer } from './model.ts';
import type { Project } from './project.ts';

/** A customer named in a query or body: `not_found` when unknown, `customer_was_deleted` when deleted. */
export function referencedCustomer(project: Project, id: string): Customer {
  const customer = project.customer(id);
  if (!customer) throw invalid('customer_id', 'not_found', id, 'No customer with this id.');
  if (customer.state === 0)
    throw invalid('customer_id', 'customer_was_deleted', id, 'The customer was deleted.');
  return customer;
}
