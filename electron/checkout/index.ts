// The checkout's part of the composition root: its services over the terminal's
// client, journal, sync engine and operators.
import { join } from 'node:path';
import type { CareCloudClient } from '../carecloud/client.ts';
import type { Journal } from '../journal/journal.ts';
import type { OperatorDirectory } from '../operators/operators.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { QueueActions } from '../sync/queue-manager.ts';
import { Benefits } from './benefits.ts';
import { loadCatalogue } from './catalogue-file.ts';
import { CheckoutService, type CheckoutServiceOptions } from './checkout-service.ts';
import { managerPinCheck, type ManagerCheck } from './manager-pin.ts';
import { ManagerQueue } from './manager-queue.ts';
import { CustomerNames } from './customer-names.ts';
import { customerSummary } from '../customers/lookup.ts';
import type { CustomerCache } from '../customers/cache.ts';
import { NotFoundError } from '../carecloud/errors.ts';
import { OfflineVoucherList } from './offline-vouchers.ts';
import { ParkedSales } from './parked-sales.ts';
import { SalePlaces } from './sale-place.ts';
import { VoucherChecker, type VoucherDesk } from './voucher-check.ts';
import { ShiftService, type ShiftServiceOptions } from '../shift/shift-service.ts';
import { spokenLanguage } from '../carecloud/language.ts';
import { RewardDesk } from './rewards-desk.ts';
import { PointsClaim } from './points-claim.ts';

export interface CheckoutParts {
  checkout: CheckoutService;
  vouchers: VoucherDesk;
  managerQueue: ManagerQueue;
  places: SalePlaces;
  managerCheck: ManagerCheck;
  parked: ParkedSales;
  /** The store's vouchers synced for offline use. */
  offlineVouchers: OfflineVoucherList;
  shifts: ShiftService;
  /** Rewards turned into vouchers at the lane, and the best ones for a bill. */
  rewards: RewardDesk;
  /** Anonymous sales given to a customer afterwards. */
  pointsClaim: PointsClaim;
}

export interface CheckoutDeps {
  dataDir: string;
  demo: boolean;
  client: () => CareCloudClient;
  settings: SettingsService;
  journal: Journal;
  sync: SyncEngine;
  operators: OperatorDirectory;
  /** Customers this terminal has seen: the queue's names come from here first. */
  customerCache?: CustomerCache;
  /** The store's name for receipts, and where each closed sale's receipt goes (the printer). */
  storeName?: () => string | null;
  onReceipt?: CheckoutServiceOptions['onReceipt'];
  /** The receipt printer, for the shift's reports. */
  printing?: ShiftServiceOptions['printing'];
}

export function createCheckout(deps: CheckoutDeps): CheckoutParts {
  const { settings, journal, sync } = deps;
  const catalogue = loadCatalogue(deps.dataDir, deps.demo);
  const timeZone = () => settings.current.timeZone;
  const places = new SalePlaces({ client: deps.client, settings, currency: catalogue.currency });
  const offlineVouchers = new OfflineVoucherList(deps.dataDir);
  const managerCheck = managerPinCheck(deps.operators, journal);
  const ledger = {
    held: (codes: readonly string[], includeSynced: boolean) =>
      journal.heldVouchers(codes, { includeSynced }).map((h) => h.code),
  };
  const benefits = new Benefits({
    client: deps.client,
    ledger,
    timeZone,
    offlineVouchers,
    policy: () => ({ vouchers: settings.current.offlinePolicy.vouchers }),
    awaitingAssignment: (card) => deps.journal.unconfirmedCardAssignment(card) !== null,
  });
  const cache = deps.customerCache;
  const customerNames = cache
    ? new CustomerNames({
        directory: cache,
        online: () => sync.online,
        async fetch(customerId) {
          try {
            const found = customerSummary(await deps.client().customers.get(customerId, { retry: false }));
            if (!found.id) return null;
            cache.remember(found, [], Date.now());
            return found;
          } catch (error) {
            if (error instanceof NotFoundError) return null;
            throw error;
          }
        },
      })
    : null;
  const shifts = new ShiftService({
    journal,
    managerCheck,
    lane: () => ({
      storeId: settings.current.storeId,
      cashdesk: settings.current.cashdeskNumber,
      currency: catalogue.currency,
    }),
    settings: () => settings.current.shift,
    exportDir: join(deps.dataDir, 'exports'),
    language: () => spokenLanguage() ?? settings.current.language,
    timeZone,
    ...(deps.printing ? { printing: deps.printing } : {}),
  });
  const checkout = new CheckoutService({
    drawer: shifts,
    benefits,
    places,
    sync,
    journal,
    catalogue,
    managerCheck,
    timeZone,
    cashRoundingMinor: () => settings.current.cashRoundingMinor,
    unreachable: () => void sync.probe().catch(() => {}),
    ...(customerNames ? { customers: customerNames } : {}),
    ...(deps.storeName ? { storeName: deps.storeName } : {}),
    ...(deps.onReceipt ? { onReceipt: deps.onReceipt } : {}),
  });
  const checker = new VoucherChecker({
    client: deps.client,
    storeId: () => settings.current.storeId,
    currency: catalogue.currency,
    timeZone,
  });
  const queue = new QueueActions({
    journal,
    terminal: {
      get timeZone() {
        return settings.current.timeZone;
      },
    },
    onWork: () => sync.kick(),
  });
  const rewards = new RewardDesk({
    client: deps.client,
    place: (operatorName) => places.place(operatorName),
    online: () => sync.online,
    unreachable: () => void sync.probe().catch(() => {}),
    timeZone,
  });
  const pointsClaim = new PointsClaim({
    journal,
    sync,
    place: () => ({ storeId: settings.current.storeId, cashdesk: settings.current.cashdeskNumber }),
  });
  return {
    checkout,
    places,
    rewards,
    pointsClaim,
    managerCheck,
    shifts,
    parked: new ParkedSales(deps.dataDir),
    offlineVouchers,
    managerQueue: new ManagerQueue({
      journal,
      queue,
      managerCheck,
      exportDir: join(deps.dataDir, 'exports'),
      currency: catalogue.currency,
      ...(customerNames ? { customers: customerNames } : {}),
    }),
    vouchers: {
      check: (code, customerId) => checker.check(code, customerId),
      async syncOffline() {
        const storeId = settings.current.storeId;
        if (storeId === '') return null;
        const startedAt = Date.now();
        const count = await offlineVouchers.refresh(deps.client(), storeId, catalogue.currency);
        // Purchases CareCloud confirmed before this download are in the new list's answer already.
        journal.releaseConfirmedHolds(startedAt);
        return { count, syncedAt: offlineVouchers.syncedAt ?? new Date().toISOString() };
      },
    },
  };
}
