// The country of the terminal's store, from CareCloud's store list (saved on the terminal):
// a local phone number typed at the lane or given to `ccpos lookup` takes its prefix.
import type { CareCloudClient } from './client.ts';
import type { Schemas } from './types.ts';

export async function storeCountry(
  reference: Pick<CareCloudClient['reference'], 'stores' | 'saved'>,
  storeId: string,
  offline = false,
): Promise<string | null> {
  if (storeId === '') return null;
  const list = offline ? reference.saved<Schemas['Store']>('stores') : await reference.stores();
  return list?.items.find((s) => s.store_id === storeId)?.store_address?.country_code ?? null;
}
