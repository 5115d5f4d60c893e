// The project's stores as CareCloud lists them, for the settings screen's store picker,
// and this terminal's store name per language for the status bar and the receipts. Every
// session shown on a screen hears each name as it arrives.
import type { Language } from '../../shared/i18n/language.ts';
import type { StoreOption } from '../../shared/settings-view.ts';
import type { CareCloudClient } from '../carecloud/client.ts';

/** Where a store name is shown: a terminal session's status bar. */
export interface StoreNameShown {
  setStoreName(name: string | null, language: Language): void;
}

export interface StoreListOptions {
  client: () => Pick<CareCloudClient, 'pipeline' | 'reference'>;
  /** The store this terminal is set to. */
  storeId: () => string;
  /** The saved language, whose name is preferred where no other is asked for. */
  language: () => Language;
}

export class StoreList {
  readonly #names = new Map<Language, string>();
  readonly #shown = new Set<StoreNameShown>();

  constructor(private readonly options: StoreListOptions) {}

  /** Asks CareCloud (or its saved copy) in the language of the call, and learns this store's name in it. */
  async stores(): Promise<StoreOption[]> {
    const { pipeline, reference } = this.options.client();
    const asked = pipeline.language();
    const list = await reference.stores();
    const options = list.items.map((s) => ({
      id: s.store_id ?? '',
      name: s.name ?? s.store_id ?? '',
      code: s.store_code ?? null,
    }));
    this.#learn(options.find((s) => s.id === this.options.storeId())?.name ?? null, asked);
    return options;
  }

  /** This store's name in the saved language, else in any language read; null before CareCloud named it. */
  storeName(): string | null {
    return this.#names.get(this.options.language()) ?? [...this.#names.values()][0] ?? null;
  }

  /** Shows the names known now and every one learnt later, until `hide`. */
  show(where: StoreNameShown): void {
    for (const [language, name] of this.#names) where.setStoreName(name, language);
    this.#shown.add(where);
  }

  hide(where: StoreNameShown): void {
    this.#shown.delete(where);
  }

  /**
   * Another store or project may be chosen: names read before are not this store's any more.
   * They are read again when CareCloud can be asked (`canAsk`: there is something to log in with).
   */
  settingsChanged(canAsk: boolean): void {
    this.#learn(null, this.options.language());
    if (canAsk) void this.stores().catch(() => this.#learn(null, this.options.language()));
  }

  #learn(name: string | null, language: Language): void {
    if (name === null) this.#names.clear();
    else this.#names.set(language, name);
    for (const where of this.#shown) where.setStoreName(name, language);
  }
}
