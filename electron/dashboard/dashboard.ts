// The manager's dashboard in main: today's figures and the queue read from the journal
// (electron/journal/figures.ts), the drain as the sync engine measures it, and the free
// space where the journal lives. "Today" and its hours are the terminal's time zone's.
import { statfsSync } from 'node:fs';
import { formatCareCloudDate, parseCareCloudDateTime } from '../../shared/datetime.ts';
import {
  REJECTED_LISTED,
  WAITING_AGE_BANDS_MS,
  diskLowThreshold,
  type DashboardAlert,
  type DashboardFigures,
  type DrainProgress,
  type HourFigures,
  type RejectedEntry,
} from '../../shared/dashboard.ts';
import { currencyDecimals } from '../../shared/money.ts';
import type { Span } from '../journal/figures.ts';
import type { Journal } from '../journal/journal.ts';
import type { SyncStatus } from '../../shared/sync-status.ts';
import type { DrainProgress as EngineDrain, SyncStatus as EngineStatus } from '../sync/engine.ts';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export interface DashboardDeps {
  journal: Journal;
  sync: { drainProgress(): EngineDrain | null; readonly policy: { pendingAlertMs: number } };
  /** The folder the journal lives in. */
  dataDir: string;
  timeZone: () => string;
  currency: () => string;
  now?: () => number;
  /** Free space of a folder's file system; null when the system does not say. */
  diskSpace?: (path: string) => DiskSpace | null;
}

export function statfsSpace(path: string): DiskSpace | null {
  try {
    const stats = statfsSync(path);
    return {
      freeBytes: Number(stats.bavail) * Number(stats.bsize),
      totalBytes: Number(stats.blocks) * Number(stats.bsize),
    };
  } catch {
    return null;
  }
}

/**
 * The wall-clock hours of the day `now` falls on in `timeZone`, as instants. A day the clocks
 * go forward has 23 (the skipped hour is left out), one they go back has an hour twice as long.
 */
export function hoursOfDay(now: number, timeZone: string): { day: string; hours: Span[]; whole: Span } {
  const day = formatCareCloudDate(new Date(now), timeZone);
  const starts: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const at = parseCareCloudDateTime(`${day} ${String(hour).padStart(2, '0')}:00:00`, timeZone);
    if (
      at &&
      formatCareCloudDate(at, timeZone) === day &&
      (starts.length === 0 || at.getTime() > starts[starts.length - 1]!)
    )
      starts.push(at.getTime());
  }
  const next = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1),
  )
    .toISOString()
    .slice(0, 10);
  const end = parseCareCloudDateTime(`${next} 00:00:00`, timeZone)!.getTime();
  const hours = starts.map((from, i) => ({ from, to: starts[i + 1] ?? end }));
  return { day, hours, whole: { from: starts[0]!, to: end } };
}

const iso = (at: number) => new Date(at).toISOString();

export function drainView(drain: EngineDrain | null): DrainProgress | null {
  if (!drain) return null;
  return {
    startedAt: iso(drain.startedAt),
    settled: drain.settled,
    remaining: drain.remaining,
    ratePerSecond: drain.ratePerSecond,
    finishesAt: drain.finishesAt === null ? null : iso(drain.finishesAt),
    paused: drain.paused,
  };
}

/** The sync engine's status as the status bar and the dashboard show it. */
export function syncStatusView(status: EngineStatus): SyncStatus {
  return {
    online: status.online,
    since: new Date(status.since).toISOString(),
    queueSize: status.queued,
    oldestPendingAgeMs: status.oldestQueuedAgeMs,
    needsAttention: status.rejected,
    drain: drainView(status.drain),
  };
}

export class Dashboard {
  readonly #deps: DashboardDeps;
  readonly #now: () => number;
  readonly #diskSpace: (path: string) => DiskSpace | null;

  constructor(deps: DashboardDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#diskSpace = deps.diskSpace ?? statfsSpace;
  }

  figures(): DashboardFigures {
    const now = this.#now();
    const timeZone = this.#deps.timeZone();
    const currency = this.#deps.currency();
    const { day, hours, whole } = hoursOfDay(now, timeZone);
    const thresholdMs = this.#deps.sync.policy.pendingAlertMs;
    const read = this.#deps.journal.figures((f) => ({
      rows: f.salesBySpan(hours),
      cancellations: f.cancellations(whole),
      bands: f.waitingByAge(WAITING_AGE_BANDS_MS, now),
      overdue: f.overdue(now - thresholdMs),
      rejected: f.rejected(REJECTED_LISTED),
    }));

    const byHour = new Map(read.rows.map((r) => [r.hour, r]));
    const sum = (pick: (r: (typeof read.rows)[number]) => number) =>
      read.rows.reduce((n, r) => n + pick(r), 0);
    const hourFigures: HourFigures[] = hours.map((span, i) => ({
      startsAt: iso(span.from),
      sales: byHour.get(i)?.sales ?? 0,
      paidMinor: byHour.get(i)?.paid ?? 0,
    }));
    const bandCounts = new Map(read.bands.map((b) => [b.band, b.count]));
    const bands = WAITING_AGE_BANDS_MS.map((fromMs, i) => ({
      fromMs,
      toMs: WAITING_AGE_BANDS_MS[i + 1] ?? null,
      count: bandCounts.get(i) ?? 0,
    }));
    const rejectedEntries: RejectedEntry[] = read.rejected.entries.map((r) => ({
      id: r.id,
      billId: r.billId,
      kind: r.kind,
      at: iso(r.at),
      reasons: r.reasons.map(({ name, reason }) => ({ name, reason })),
    }));

    const space = this.#diskSpace(this.#deps.dataDir);
    const disk = space && {
      ...space,
      thresholdBytes: diskLowThreshold(space.totalBytes),
      low: space.freeBytes < diskLowThreshold(space.totalBytes),
    };

    const alerts: DashboardAlert[] = [];
    if (disk?.low)
      alerts.push({ kind: 'disk-low', freeBytes: disk.freeBytes, thresholdBytes: disk.thresholdBytes });
    if (read.overdue.count > 0 && read.overdue.oldest !== null)
      alerts.push({
        kind: 'waiting-too-long',
        count: read.overdue.count,
        oldestAgeMs: now - read.overdue.oldest,
        thresholdMs,
      });
    for (const entry of rejectedEntries) alerts.push({ kind: 'rejected', entry });

    return {
      asOf: iso(now),
      day,
      timeZone,
      currency,
      sales: {
        count: sum((r) => r.sales),
        paidMinor: sum((r) => r.paid),
        identified: sum((r) => r.identified),
        hours: hourFigures,
        cancellations: { count: read.cancellations.count, paidMinor: read.cancellations.paid },
      },
      tenders: { cardMinor: sum((r) => r.card), cashMinor: sum((r) => r.cash) },
      points: {
        used: sum((r) => r.pointsUsed),
        earned: sum((r) => r.pointsEarned),
        salesAwaitingPoints: sum((r) => r.awaitingPoints),
      },
      vouchers: {
        count: sum((r) => r.vouchers),
        amountMinor: Math.round(sum((r) => r.voucherValue) * 10 ** currencyDecimals(currency)),
      },
      queue: {
        waiting: bands.reduce((n, b) => n + b.count, 0),
        bands,
        overdue: read.overdue.count,
        overdueThresholdMs: thresholdMs,
        rejected: read.rejected.count,
        rejectedEntries,
      },
      drain: drainView(this.#deps.sync.drainProgress()),
      disk,
      alerts,
    };
  }
}
