// The sync engine's port over the real CareCloud client: one attempt per call
// (retry: false) because the journal owns the retry schedule; the client still
// logs in again once on a 401.
import type { CareCloudClient } from '../carecloud/client.ts';
import type { BodyOf } from '../carecloud/types.ts';
import type { EntryKind, JournalRequest } from '../journal/types.ts';
import type { CareCloudPort, SendOptions } from './port.ts';

const VOUCHER_APPLY = /^\/vouchers\/([^/]+)\/actions\/apply-voucher$/;

function idOrNull(data: unknown, field: string): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The part of the client the port sends through. */
export type PortClient = Pick<CareCloudClient, 'purchases' | 'vouchers' | 'customers' | 'cards' | 'tests'>;

/** `current` names the client of the moment: the app builds a new one when its settings change. */
export function careCloudPort(current: () => PortClient): CareCloudPort {
  return {
    async send(kind: EntryKind, request: JournalRequest, { timeoutMs, signal }: SendOptions) {
      const client = current();
      const options = { retry: false as const, timeoutMs, ...(signal ? { signal } : {}) };
      switch (kind) {
        case 'purchase':
        case 'cancellation':
          return {
            remoteId: idOrNull(
              await client.purchases.sendPurchase(request.body as BodyOf<'postPurchaseSend'>, options),
              'purchase_id',
            ),
          };
        case 'voucher-application': {
          const match = VOUCHER_APPLY.exec(request.path);
          if (!match)
            throw new Error(
              `A voucher application must be sent to /vouchers/{id}/actions/apply-voucher, not ${request.path}.`,
            );
          await client.vouchers.applyVoucher(
            decodeURIComponent(match[1]!),
            request.body as BodyOf<'postVoucherApply'>,
            options,
          );
          return { remoteId: null };
        }
        case 'customer-signup':
          return {
            remoteId: idOrNull(
              await client.customers.create(request.body as BodyOf<'postCustomer'>, options),
              'customer_id',
            ),
          };
        case 'card-assignment':
          return {
            remoteId: idOrNull(
              await client.cards.assignFreeCard(request.body as BodyOf<'postAssignCard'>, options),
              'card_id',
            ),
          };
        case 'customer-assignment':
          await client.purchases.assignCustomer(
            request.body as BodyOf<'postPurchaseAssignCustomer'>,
            options,
          );
          return { remoteId: null };
      }
    },
    async probe({ timeoutMs, signal }: SendOptions) {
      await current().tests.connection('ccpos', { retry: false, timeoutMs, ...(signal ? { signal } : {}) });
    },
  };
}
