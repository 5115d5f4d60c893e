// The sync engine's view of CareCloud, over the current client: one attempt per
// call, because the engine runs its own backoff through the journal.
import type { CareCloudClient } from '../carecloud/client.ts';
import type { CareCloudPort } from '../sync/port.ts';

export function clientSyncPort(client: () => CareCloudClient): CareCloudPort {
  return {
    async send(_kind, request, options) {
      const data = await client().pipeline.request<unknown>(
        { method: request.method, path: request.path, body: request.body, idempotent: true, purpose: 'closure' },
        { retry: false, timeoutMs: options.timeoutMs },
      );
      const purchaseId = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).purchase_id : undefined;
      return { remoteId: typeof purchaseId === 'string' ? purchaseId : null };
    },
    async probe(options) {
      await client().tests.connection('ccpos', { retry: false, timeoutMs: options.timeoutMs });
    },
  };
}
