// What the IPC handlers need from the terminal, as small interfaces so the
// handlers run against the real services in the app, the preview and tests.
import type {
  DiagnosticsReport,
  ScanEvent,
  StoreOption,
  UpdateStatus,
} from '../../../shared/ipc/contract.ts';
import type { PostponeResult } from '../../update/postpone.ts';
import type { CustomerLookup } from '../../customers/lookup.ts';
import type { SignupDesk } from '../../signup/desk.ts';
import type { TerminalSession } from '../../operators/session.ts';
import type { SettingsService } from '../../settings/settings-service.ts';
import type { CheckoutService } from '../../checkout/checkout-service.ts';
import type { ManagerQueue } from '../../checkout/manager-queue.ts';
import type { ManagerCheck } from '../../checkout/manager-pin.ts';
import type { ParkedSales } from '../../checkout/parked-sales.ts';
import type { RewardDesk } from '../../checkout/rewards-desk.ts';
import type { PointsClaim } from '../../checkout/points-claim.ts';
import type { VoucherDesk } from '../../checkout/voucher-check.ts';
import type { ShiftService } from '../../shift/shift-service.ts';
import type { DashboardFigures } from '../../../shared/dashboard.ts';
import type { PrintingDesk } from '../../printing/desk.ts';

export interface Diagnostics {
  run(): Promise<DiagnosticsReport>;
}

export interface StoreList {
  stores(): Promise<StoreOption[]>;
}

export interface OutageSwitch {
  /** Makes the embedded sandbox unreachable (or reachable again). */
  setOutage(on: boolean): Promise<void>;
}

export interface ScanDesk {
  classify(text: string): Promise<ScanEvent | null>;
}

/** The terminal's own updates (the Electron app only). */
export interface UpdateDesk {
  status(): UpdateStatus;
  postpone(hours: number, by: string): PostponeResult;
}

/** Whether the till has a sale open, as the screens report it. */
export interface TillSale {
  report(open: boolean): void;
}

export interface HandlerServices {
  session: TerminalSession;
  settings: SettingsService;
  customers: CustomerLookup;
  /** Sign-up at the lane (electron/signup/desk.ts). */
  signup: SignupDesk;
  storeList: StoreList;
  diagnostics: Diagnostics;
  /** The terminal runs on the embedded sandbox (settings changes to the project apply after a restart). */
  demo: boolean;
  /** Present only in demo mode. */
  outage: OutageSwitch | null;
  checkout: CheckoutService;
  parked: ParkedSales;
  vouchers: VoucherDesk;
  /** Rewards turned into vouchers, and the best ones for a bill. */
  rewards: RewardDesk;
  /** Anonymous sales given to a customer afterwards (points claimed later). */
  pointsClaim: PointsClaim;
  managerQueue: ManagerQueue;
  /** Keyboard-wedge bursts, classified by the same classifier as HID scans. */
  scans: ScanDesk;
  /** A manager's PIN typed for one action, checked and counted in main. */
  managerCheck: ManagerCheck;
  /** Absent (or answering null) where the terminal does not update itself. */
  updates?: () => UpdateDesk | null;
  tillSale?: TillSale;
  /** The receipt printer: status, test page, reprints. */
  printing: PrintingDesk;
  /** The manager's dashboard figures (electron/dashboard/dashboard.ts). */
  dashboard: { figures(): DashboardFigures };
  /** The lane's shift: float, cash in and out, X and Z reports (electron/shift/). */
  shifts: ShiftService;
  /**
   * The app's save dialog over the window that asked (by webContents id): the path chosen,
   * or null when it was closed. Absent outside Electron; an export asked for through the
   * screen then goes to the preview as a download, or to the exports folder.
   */
  saveDialog?: (suggestedName: string, webContentsId: number) => Promise<string | null>;
}
