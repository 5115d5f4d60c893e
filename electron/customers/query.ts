// What the cashier typed into the search box: an e-mail, a phone number or a name.
import { careCloudPhone } from '../../shared/phone.ts';

export type CustomerQuery =
  | { by: 'email'; email: string }
  | { by: 'phone'; phone: string }
  | { by: 'name'; firstName: string | null; lastName: string };

/** `storeCountry` (ISO code of the store's country) gives a local phone number its prefix. */
export function readCustomerQuery(text: string, storeCountry: string | null = null): CustomerQuery {
  const query = text.trim().replace(/\s+/g, ' ');
  if (query.includes('@')) return { by: 'email', email: query.toLowerCase() };
  const phone = careCloudPhone(query, storeCountry);
  if (phone !== null) return { by: 'phone', phone };
  const words = query.split(' ');
  if (words.length === 1) return { by: 'name', firstName: null, lastName: query };
  return { by: 'name', firstName: words.slice(0, -1).join(' '), lastName: words.at(-1) ?? query };
}

const fold = (text: string | null): string =>
  (text ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The same query against a cached customer, accent- and case-insensitive. */
export function matchesQuery(
  query: CustomerQuery,
  customer: { email: string | null; phone: string | null; firstName: string | null; lastName: string | null },
): boolean {
  switch (query.by) {
    case 'email':
      return fold(customer.email) === fold(query.email);
    case 'phone':
      return (customer.phone ?? '').replace(/\D/g, '').replace(/^0+/, '') === query.phone;
    case 'name':
      return (
        (fold(customer.lastName) === fold(query.lastName) &&
          (query.firstName === null || fold(customer.firstName) === fold(query.firstName))) ||
        (query.firstName === null && fold(customer.firstName) === fold(query.lastName))
      );
  }
}
