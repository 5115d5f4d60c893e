// How a customer is named on screen when CareCloud has only part of the name.
import type { CustomerSummary } from '../../shared/ipc/index.ts';

export function customerName(customer: CustomerSummary): string {
  const name = [customer.firstName, customer.lastName].filter((part) => part && part.trim() !== '').join(' ');
  return name || customer.email || customer.phone || customer.id;
}
