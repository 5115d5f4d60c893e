// The manager's dashboard as main computes it from the journal: today's sales on the
// terminal's clock, the queue by age, the drain after an outage, and the alerts.
// Plain data in integer minor units; both processes read these types.

/** Waiting entries are counted by age into these bands (lower bounds, ms); the last is open-ended. */
export const WAITING_AGE_BANDS_MS: readonly number[] = [
  0,
  60_000,
  5 * 60_000,
  15 * 60_000,
  3_600_000,
  4 * 3_600_000,
  24 * 3_600_000,
];

/** The journal's disk is low below this much free space, or below `DISK_LOW_SHARE` of the disk, whichever is larger. */
export const DISK_LOW_BYTES = 512 * 1024 * 1024;
export const DISK_LOW_SHARE = 0.05;

export interface HourFigures {
  /** The hour's first instant (ISO); on a day the clocks change, hours are still the terminal's wall-clock hours. */
  startsAt: string;
  sales: number;
  paidMinor: number;
}

export interface WaitingBand {
  /** Age at which the band starts, inclusive. */
  fromMs: number;
  /** Age at which the next band starts; null for the last. */
  toMs: number | null;
  count: number;
}

export interface RejectedEntry {
  id: number;
  billId: string | null;
  kind: string;
  /** When CareCloud refused it (ISO). */
  at: string;
  reasons: { name: string; reason: string }[];
}

/** How the queue drains while catching up after an outage, measured by the sync engine. */
export interface DrainProgress {
  /** When this catch-up began (ISO). */
  startedAt: string;
  /** Entries settled (synced or refused) since then. */
  settled: number;
  /** Entries still waiting now. */
  remaining: number;
  /** Entries settled per second over the last minute; null before there is a minute's worth of sends to judge by. */
  ratePerSecond: number | null;
  /** When the queue empties at that rate (ISO); null without a rate, or while CareCloud is unreachable. */
  finishesAt: string | null;
  /** CareCloud became unreachable during the catch-up: it waits for the connection. */
  paused: boolean;
}

export type DashboardAlert =
  | { kind: 'waiting-too-long'; count: number; oldestAgeMs: number; thresholdMs: number }
  | { kind: 'rejected'; entry: RejectedEntry }
  | { kind: 'disk-low'; freeBytes: number; thresholdBytes: number };

export interface DashboardFigures {
  /** The instant the figures were read (ISO). */
  asOf: string;
  /** Today on the terminal's clock: `YYYY-MM-DD` in `timeZone`. */
  day: string;
  timeZone: string;
  currency: string;
  sales: {
    /** Purchases journaled today, without voided ones (a resent sale counts once, as its replacement). */
    count: number;
    /** Money customers paid at this till (card plus rounded cash). */
    paidMinor: number;
    /** Sales with a loyalty customer (identified, or a card CareCloud will credit). */
    identified: number;
    hours: HourFigures[];
    cancellations: { count: number; paidMinor: number };
  };
  tenders: { cardMinor: number; cashMinor: number };
  points: {
    used: number;
    /** Points CareCloud granted at the till; offline sales get theirs when they sync. */
    earned: number;
    salesAwaitingPoints: number;
  };
  vouchers: { count: number; amountMinor: number };
  queue: {
    waiting: number;
    bands: WaitingBand[];
    overdue: number;
    overdueThresholdMs: number;
    rejected: number;
    /** The oldest rejected entries, at most `REJECTED_LISTED`. */
    rejectedEntries: RejectedEntry[];
  };
  drain: DrainProgress | null;
  /** Free space where the journal lives; null when the system would not say. */
  disk: { freeBytes: number; totalBytes: number; thresholdBytes: number; low: boolean } | null;
  alerts: DashboardAlert[];
}

export const REJECTED_LISTED = 20;

/** The free-space floor for a disk of this size. */
export function diskLowThreshold(totalBytes: number): number {
  return Math.max(DISK_LOW_BYTES, Math.round(totalBytes * DISK_LOW_SHARE));
}
