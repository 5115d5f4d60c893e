// What the cashier typed into the search box: an e-mail, a phone number or a name.
export type CustomerQuery =
  | { by: 'email'; email: string }
  | { by: 'phone'; phone: string }
  | { by: 'name'; firstName: string | null; lastName: string };

export function readCustomerQuery(text: string): CustomerQuery {
  const query = text.trim().replace(/\s+/g, ' ');
  if (query.includes('@')) return { by: 'email', email: query.toLowerCase() };
  const digits = query.replace(/[\s()+\-/.]/g, '');
  // CareCloud keeps phones as digits with the country code and no leading zeros or plus.
  if (/^\d{6,15}$/.test(digits)) return { by: 'phone', phone: digits.replace(/^0+/, '') };
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
export function matchesQuery(query: CustomerQuery, customer: { email: string | null; phone: string | null; firstName: string | null; lastName: string | null }): boolean {
  switch (query.by) {
    case 'email':
      return fold(customer.email) === fold(query.email);
    case 'phone':
      return (customer.phone ?? '').replace(/\D/g, '').replace(/^0+/, '') === query.phone;
    case 'name':
      return (
        fold(customer.lastName) === fold(query.lastName) && (query.firstName === null || fold(customer.firstName) === fold(query.firstName))
      ) || (query.firstName === null && fold(customer.firstName) === fold(query.lastName));
  }
}
