// CareCloud's ids for where a sale happens (store, cash desk, currency, purchase type, item types),
// resolved once from the reference lists, which the client keeps on disk for offline starts.
import type { SalePlace } from '../../shared/checkout/bill.ts';
import { STORE_ITEM_TYPE } from '../../shared/checkout/catalogue.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { NotConfigured } from '../domain/errors.ts';
import type { SettingsService } from '../settings/settings-service.ts';

type ResolvedIds = Pick<SalePlace, 'currencyId' | 'purchaseTypeId' | 'itemTypeIds'>;

/** The terminal's store, or CareCloud's currency, purchase type or item type for it, is missing. */
export class SalePlaceError extends NotConfigured {
  override name = 'SalePlaceError';
}

export class SalePlaces {
  readonly #client: () => CareCloudClient;
  readonly #settings: SettingsService;
  #ids: Promise<ResolvedIds> | null = null;
  #currency: string;

  constructor(options: { client: () => CareCloudClient; settings: SettingsService; currency: string }) {
    this.#client = options.client;
    this.#settings = options.settings;
    this.#currency = options.currency;
    this.#settings.onChange(() => (this.#ids = null));
  }

  get currency(): string {
    return this.#currency;
  }

  async place(operatorName: string): Promise<SalePlace> {
    const settings = this.#settings.current;
    if (settings.storeId === '') throw new SalePlaceError('No store is chosen for this terminal');
    this.#ids ??= this.#resolve().catch((error: unknown) => {
      this.#ids = null;
      throw error;
    });
    const ids = await this.#ids;
    return { storeId: settings.storeId, cashdesk: settings.cashdeskNumber, createdBy: operatorName, ...ids };
  }

  async #resolve(): Promise<ResolvedIds> {
    const client = this.#client();
    const [currencies, types, itemTypes] = await Promise.all([
      client.reference.currencies(),
      client.reference.purchaseTypes(),
      client.reference.purchaseItemTypes(),
    ]);
    const currency = currencies.items.find((c) => c.code?.toUpperCase() === this.#currency);
    if (!currency?.currency_id) throw new SalePlaceError(`CareCloud has no currency ${this.#currency}`);
    const type = types.items.find((t) => t.text_id === 'store') ?? types.items[0];
    if (!type?.type_id) throw new SalePlaceError('CareCloud has no purchase type');
    // Lines name their item type by text_id or id; both resolve to CareCloud's type_id.
    const itemTypeIds: Record<string, string> = {};
    for (const t of itemTypes.items) {
      if (!t.type_id) continue;
      itemTypeIds[t.type_id] = t.type_id;
      if (t.text_id) itemTypeIds[t.text_id] = t.type_id;
    }
    if (!Object.hasOwn(itemTypeIds, STORE_ITEM_TYPE))
      throw new SalePlaceError(`CareCloud has no purchase item type ${STORE_ITEM_TYPE}`);
    return { currencyId: currency.currency_id, purchaseTypeId: type.type_id, itemTypeIds };
  }
}
