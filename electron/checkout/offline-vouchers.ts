// Vouchers the terminal may accept while CareCloud is unreachable, when the offline
// policy allows it: the store's valid vouchers, synced ahead and kept on disk. A voucher
// accepted from here is flagged; CareCloud decides for good when the sale replays.
import { existsSync, readFileSync } from 'node:fs';
import { replacePrivateFile } from '../config/file-modes.ts';
import { join } from 'node:path';
import { z } from 'zod';
import { currencyDecimals, toMinorUnits } from '../../shared/money.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import { listAll } from '../carecloud/paging.ts';
import type { Schemas } from '../carecloud/types.ts';

export const OFFLINE_VOUCHERS_FILE = 'offline-vouchers.json';
const MAX_VOUCHERS = 50_000;

const syncedVoucher = z.object({
  code: z.string(),
  name: z.string().nullable(),
  customerId: z.string().nullable(),
  /** Fixed value in minor units of the list's currency, or a percentage. */
  valueMinor: z.int().nullable(),
  percent: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
const fileSchema = z.object({
  storeId: z.string(),
  currency: z.string(),
  syncedAt: z.string(),
  vouchers: z.array(syncedVoucher),
});

export type SyncedVoucher = z.infer<typeof syncedVoucher>;
export type OfflineVoucherVerdict =
  | { ok: true; voucher: SyncedVoucher }
  | {
      ok: false;
      reason:
        | 'offline_not_presynced'
        | 'voucher_assigned_to_another_customer'
        | 'voucher_expired'
        | 'voucher_cant_be_applied_by_date';
    };

export class OfflineVoucherList {
  readonly #file: string;
  #data: z.infer<typeof fileSchema> | null = null;

  constructor(dataDir: string) {
    this.#file = join(dataDir, OFFLINE_VOUCHERS_FILE);
    if (existsSync(this.#file)) {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
        if (parsed.success) this.#data = parsed.data;
      } catch {
        // An unreadable list is no list: offline vouchers are refused until the next sync.
      }
    }
  }

  get syncedAt(): string | null {
    return this.#data?.syncedAt ?? null;
  }

  /** Downloads the vouchers valid now in this store and replaces the list on disk atomically. */
  async refresh(client: CareCloudClient, storeId: string, currency: string): Promise<number> {
    const vouchers: SyncedVoucher[] = [];
    for await (const v of listAll<Schemas['Voucher']>(client.pipeline, '/vouchers', 'vouchers', {
      is_valid: true,
      store_id: storeId,
    })) {
      if (!v.code || v.reward?.reward_group === 4) continue;
      vouchers.push({
        code: v.code,
        name: v.reward?.name ?? null,
        customerId: v.customer_id || null,
        valueMinor:
          typeof v.value === 'number' && v.value > 0
            ? toMinorUnits(v.value, currencyDecimals(currency))
            : null,
        percent: null,
        validFrom: v.valid_from ?? null,
        validTo: v.valid_to ?? null,
      });
      if (vouchers.length >= MAX_VOUCHERS) break;
    }
    const data = {
      storeId,
      currency,
      syncedAt: new Date().toISOString(),
      vouchers: vouchers.filter((v) => v.valueMinor !== null),
    };
    replacePrivateFile(this.#file, JSON.stringify(data));
    this.#data = data;
    return data.vouchers.length;
  }

  /** Whether the synced list holds this code (for any customer or date): the code is a voucher. */
  holds(code: string): boolean {
    return this.#data?.vouchers.some((v) => v.code === code) ?? false;
  }

  /** Whether a code may be taken offline for this customer at this project-local time. */
  check(code: string, customerId: string | null, storeId: string, localNow: string): OfflineVoucherVerdict {
    const data = this.#data;
    const voucher = data && data.storeId === storeId ? data.vouchers.find((v) => v.code === code) : undefined;
    if (!voucher) return { ok: false, reason: 'offline_not_presynced' };
    if (voucher.customerId !== null && voucher.customerId !== customerId)
      return { ok: false, reason: 'voucher_assigned_to_another_customer' };
    if (voucher.validTo !== null && voucher.validTo < localNow)
      return { ok: false, reason: 'voucher_expired' };
    if (voucher.validFrom !== null && voucher.validFrom > localNow)
      return { ok: false, reason: 'voucher_cant_be_applied_by_date' };
    return { ok: true, voucher };
  }
}
