// A sale's short reference as this screen writes it: its language, the terminal's clock,
// and this terminal's store by name.
import { saleReference } from '../../../shared/checkout/sale-reference.ts';
import type { Locale } from './locale.svelte.ts';
import type { SessionState } from './session.svelte.ts';

export function referenceText(
  where: { locale: Locale; session: SessionState },
  billId: string,
  cancellation?: boolean,
): string {
  const store = where.session.status?.store;
  return saleReference(billId, {
    language: where.locale.language,
    timeZone: where.locale.timeZone,
    stores: store ? [store] : [],
    ...(cancellation !== undefined ? { cancellation } : {}),
  }).text;
}
