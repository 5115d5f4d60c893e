// The sync engine: closes a sale through the journal (commit first, then one
// send), drains the queue in journal order below the rate limit, and keeps the
// till free of network waits once it knows CareCloud is unreachable.
import { EventEmitter } from 'node:events';
import type { Claim, Journal } from '../journal/journal.ts';
import { JournalUnavailableError } from '../journal/errors.ts';
import type { JournalEntry, NewEntry, RejectionReason, SendResult } from '../journal/types.ts';
import { backgroundDelay, type BackgroundBackoff } from '../carecloud/retry.ts';
import { CircuitBreaker } from './breaker.ts';
import { classifySendFailure } from './outcome.ts';
import { requestToSend } from './closure.ts';
import { applyOfflinePolicy } from './offline-benefits.ts';
import type { OfflinePolicy } from '../../shared/settings.ts';
import { isOwnerAlive, processOwner } from './owner.ts';
import type { CareCloudPort } from './port.ts';
import { TokenBucket } from './token-bucket.ts';

export interface SyncPolicy {
  /** Per-attempt time limit for a send. */
  sendTimeoutMs: number;
  probeTimeoutMs: number;
  /** Consecutive unreachable failures before the terminal treats itself as offline. */
  breakerThreshold: number;
  probeBackoff: BackgroundBackoff;
  entryBackoff: BackgroundBackoff;
  /** Sends per second the drain keeps to (set below the project's rate limit). */
  ratePerSecond: number;
  /** Sends the drain keeps in flight at once (each for a different entry). */
  concurrency: number;
  /** An entry pending longer than this raises an alert. */
  pendingAlertMs: number;
  /** What a closure may carry while offline. */
  offlineBenefits: OfflinePolicy;
  /** Synced entries older than this are purged (rejected and voided ones only after export). */
  syncedRetentionDays: number;
}

export const defaultSyncPolicy: SyncPolicy = {
  sendTimeoutMs: 15_000,
  probeTimeoutMs: 5_000,
  breakerThreshold: 3,
  probeBackoff: { baseMs: 1_000, maxMs: 60_000 },
  entryBackoff: { baseMs: 1_000, maxMs: 15 * 60_000 },
  ratePerSecond: 8,
  concurrency: 4,
  pendingAlertMs: 24 * 3_600_000,
  offlineBenefits: { vouchers: 'refuse', points: 'refuse' },
  syncedRetentionDays: 30,
};

/** Status changes within this window go out as one event. */
const STATUS_COALESCE_MS = 50;

/** The drain's rate is judged over this much recent time ... */
const DRAIN_RATE_WINDOW_MS = 60_000;
/** ... and not before this much of a catch-up has passed, so a first burst does not promise too much. */
const DRAIN_RATE_MIN_MS = 5_000;
/** While draining, the status (queue size, progress) goes out at most this often. */
const DRAIN_STATUS_EVERY_MS = 1_000;

/** How often the background loop applies the retention. */
const PURGE_EVERY_MS = 6 * 3_600_000;

/**
 * The loop runs after every sale, but an entry becomes overdue on a scale of hours; looking for
 * overdue entries reads the whole journal (no index on age), so it is done at most this often.
 */
const OVERDUE_CHECK_EVERY_MS = 60_000;

/**
 * Claims go stale only when a sender dies or a lease (tens of seconds) runs out, and finding them
 * reads the whole journal (no index on `sending`), so the loop looks at most this often, not after every sale.
 */
const STALE_CLAIMS_EVERY_MS = 5_000;

export type ClosureOutcome =
  /**
   * `unrecorded`: CareCloud has the sale but the journal could not yet write its answer (it is written as soon as it
   * can be).
   */
  | {
      outcome: 'synced';
      entry: JournalEntry;
      purchaseId: string | null;
      unrecorded?: JournalUnavailableError;
    }
  | {
      outcome: 'queued';
      entry: JournalEntry;
      why: 'offline' | 'waiting-for-original' | 'send-failed';
      error?: string;
    }
  | { outcome: 'rejected'; entry: JournalEntry; reasons: RejectionReason[] };

export interface SyncStatus {
  online: boolean;
  /** When the terminal went online or offline (epoch ms). */
  since: number;
  queued: number;
  oldestQueuedAgeMs: number | null;
  rejected: number;
  nextProbeAt: number | null;
  /** Set while the queue is worked off after a backlog built up (an outage, say). */
  drain: DrainProgress | null;
}

/** The catch-up as the engine measures it: what it settled, how fast, and when it will be done. */
export interface DrainProgress {
  startedAt: number;
  /** Entries synced or refused since the catch-up began (resends that failed again are not progress). */
  settled: number;
  remaining: number;
  /** Settled per second over the last `DRAIN_RATE_WINDOW_MS`; null until `DRAIN_RATE_MIN_MS` of it has passed. */
  ratePerSecond: number | null;
  /** When the queue empties at that rate; null without a rate or while CareCloud is unreachable. */
  finishesAt: number | null;
  /** CareCloud is unreachable: the catch-up waits for it. */
  paused: boolean;
}

export type SyncAlert =
  | { kind: 'rejected'; entryId: number; billId: string | null; reasons: RejectionReason[] }
  | { kind: 'pending-too-long'; entryId: number; billId: string | null; pendingSinceMs: number };

/** Entry ids, not entries: a replay of a long outage must not hold every sale it sent. */
export interface DrainReport {
  synced: number[];
  rejected: number[];
  retried: number[];
  /** True when the drain stopped because CareCloud became unreachable. */
  wentOffline: boolean;
}

interface SyncEvents {
  status: [SyncStatus];
  alert: [SyncAlert];
  sent: [JournalEntry];
  /** The background loop hit something it could not handle (most often the journal itself). */
  trouble: [unknown];
}

export interface SyncEngineOptions {
  journal: Journal;
  port: CareCloudPort;
  policy?: Partial<SyncPolicy>;
  /** Names this process in claims; `app` or `ccpos`. */
  label?: string;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Slack over the send timeout before the cashier is released. */
const CASHIER_GRACE_MS = 250;

/**
 * A send of at least this size whose connection breaks is checked with a probe before CareCloud is called unreachable.
 */
const CUT_UPLOAD_SUSPECT_BYTES = 64 * 1024;
/** Cut uploads (with CareCloud answering probes) before the entry goes to the manager. */
const CUT_UPLOADS_BEFORE_REJECTING = 3;

const requestBytes = (entry: JournalEntry) => Buffer.byteLength(JSON.stringify(entry.request.body));

/** An offline batch is copied from the WAL into journal.db this long after its last sale. */
const CHECKPOINT_AFTER_PAUSE_MS = 1_000;

/** How often an answer the journal could not write is tried again. */
const RECORD_RETRY_MS = 1_000;

/** The entry as a send left it, for when the journal cannot write that yet. */
function answered(entry: JournalEntry, result: SendResult): JournalEntry {
  const released = { leaseOwner: null, leaseExpiresAt: null };
  if (result.kind === 'synced')
    return { ...entry, ...released, state: 'synced', remoteId: result.remoteId, lastError: null };
  if (result.kind === 'rejected')
    return { ...entry, ...released, state: 'rejected', reasons: result.reasons, lastError: result.error };
  return {
    ...entry,
    ...released,
    state: 'pending',
    nextAttemptAt: result.nextAttemptAt,
    lastError: result.error,
  };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SyncEngine extends EventEmitter<SyncEvents> {
  readonly owner: string;
  readonly policy: SyncPolicy;
  readonly #journal: Journal;
  readonly #port: CareCloudPort;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #breaker: CircuitBreaker;
  readonly #bucket: TokenBucket;
  #draining: Promise<DrainReport> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #alerted = new Set<number>();
  #lateSends = new Set<Promise<unknown>>();
  #lastPurgeAt = -Infinity;
  #lastOverdueCheckAt = -Infinity;
  #lastStaleClaimsAt = -Infinity;
  #statusTimer: NodeJS.Timeout | null = null;
  /** Answers CareCloud gave that the journal could not write yet (a full disk, say), by entry id. */
  readonly #unrecorded = new Map<
    number,
    { claim: Claim; result: SendResult; error: JournalUnavailableError }
  >();
  #recordTimer: NodeJS.Timeout | null = null;
  #checkpointTimer: NodeJS.Timeout | null = null;
  /** Uploads of big entries CareCloud cut while it answered probes, by entry id. */
  readonly #cutUploads = new Map<number, number>();
  /** The catch-up under way: begun by the first entry a drain claims from the queue, over once the queue is empty. */
  #catchUp: { startedAt: number; settled: number; settledAt: number[] } | null = null;
  #drainStatusAt = -Infinity;

  constructor(options: SyncEngineOptions) {
    super();
    this.policy = { ...defaultSyncPolicy, ...options.policy };
    this.#journal = options.journal;
    this.#port = options.port;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.owner = processOwner(options.label ?? 'app');
    this.#breaker = new CircuitBreaker({
      threshold: this.policy.breakerThreshold,
      probe: this.policy.probeBackoff,
      now: this.#now,
      random: this.#random,
    });
    // A burst of 10 ms worth of sends absorbs late timers on a busy machine without going over the limit.
    this.#bucket = new TokenBucket({
      ratePerSecond: this.policy.ratePerSecond,
      burst: Math.max(1, Math.ceil(this.policy.ratePerSecond / 100)),
      now: this.#now,
      sleep: options.sleep ?? realSleep,
    });
    this.#releaseStaleClaims();
  }

  #releaseStaleClaims(): void {
    this.#lastStaleClaimsAt = this.#now();
    this.#journal.releaseStaleClaims(isOwnerAlive);
    this.#journal.settleOrphanedCancellations();
  }

  /** Longer than a send may last: every send is aborted after twice the send timeout. */
  get #leaseMs(): number {
    return this.policy.sendTimeoutMs * 2 + 5_000;
  }

  get online(): boolean {
    return !this.#breaker.isOpen;
  }

  /**
   * Closes a sale: the entry is on disk before anything else happens. Online, one send
   * with the closure timeout; offline, no network at all. Throws JournalUnavailableError
   * when the journal cannot keep the sale (and then nothing was sent either), and
   * OfflineBenefitRefusedError when offline with vouchers or points the policy refuses.
   */
  async close(input: NewEntry): Promise<ClosureOutcome> {
    try {
      return await this.#close(input);
    } finally {
      this.#checkpointSoon();
    }
  }

  async #close(input: NewEntry): Promise<ClosureOutcome> {
    if (this.#breaker.isOpen) {
      return this.#queued(
        this.#journal.append(applyOfflinePolicy(input, this.policy.offlineBenefits)),
        'offline',
      );
    }
    if (input.dependsOn !== undefined) {
      const entry = this.#journal.append(input);
      const claim = this.#journal.claim(entry.id, this.owner, this.#leaseMs);
      if (!claim) {
        this.kick();
        return this.#queued(entry, 'waiting-for-original');
      }
      return this.#closeOnline(claim);
    }
    return this.#closeOnline(this.#journal.appendAndClaim(input, this.owner, this.#leaseMs));
  }

  async #closeOnline(claim: Claim): Promise<ClosureOutcome> {
    this.#bucket.takeNow();
    const sending = this.#send(claim);
    // The cashier waits for one send timeout at most, whatever the client does inside (a login, say);
    // a late answer is still recorded by the send itself.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>(
      (resolve) => (timer = setTimeout(() => resolve(null), this.policy.sendTimeoutMs + CASHIER_GRACE_MS)),
    );
    const entry = await Promise.race([sending, late]).finally(() => clearTimeout(timer));
    if (entry === null) {
      const settled = sending.then(
        () => this.kick(),
        (error: unknown) => this.emit('trouble', error),
      );
      this.#lateSends.add(settled);
      void settled.finally(() => this.#lateSends.delete(settled));
      this.#unreachable();
      return this.#queued(
        this.#journal.get(claim.entry.id) ?? claim.entry,
        'send-failed',
        'CareCloud did not answer in time',
      );
    }
    this.kick();
    const unrecorded = this.#unrecorded.get(entry.id)?.error;
    if (entry.state === 'synced')
      return { outcome: 'synced', entry, purchaseId: entry.remoteId, ...(unrecorded ? { unrecorded } : {}) };
    if (entry.state === 'rejected') return { outcome: 'rejected', entry, reasons: entry.reasons };
    return this.#queued(entry, 'send-failed', entry.lastError ?? undefined);
  }

  #queued(
    entry: JournalEntry,
    why: 'offline' | 'waiting-for-original' | 'send-failed',
    error?: string,
  ): ClosureOutcome {
    this.#emitStatus();
    return { outcome: 'queued', entry, why, ...(error ? { error } : {}) };
  }

  /** One attempt for a claimed entry; the journal records the result whatever it is. */
  async #send(claim: Claim): Promise<JournalEntry> {
    const { entry } = claim;
    let result: SendResult;
    const request = requestToSend(
      entry,
      entry.dependsOn !== null ? this.#journal.get(entry.dependsOn) : null,
    );
    if (request === null) {
      const error = 'The sign-up this card assignment waits for has no customer id from CareCloud';
      const recorded = this.#record(claim, {
        kind: 'rejected',
        reasons: [{ name: 'customer_id', reason: 'signup_not_booked', message: error }],
        httpStatus: null,
        error,
      });
      this.emit('sent', recorded);
      this.emit('alert', {
        kind: 'rejected',
        entryId: recorded.id,
        billId: recorded.billId,
        reasons: recorded.reasons,
      });
      return recorded;
    }
    // Not AbortSignal.timeout: its timer, and the request it reaches through the client's listeners,
    // would live on for the whole timeout after the send ended; a replay of thousands piles them up.
    const abort = new AbortController();
    const deadline = setTimeout(
      () => abort.abort(new DOMException('The send took longer than twice its timeout', 'TimeoutError')),
      this.policy.sendTimeoutMs * 2,
    );
    try {
      const { remoteId } = await this.#port.send(entry.kind, request, {
        timeoutMs: this.policy.sendTimeoutMs,
        signal: abort.signal,
      });
      result = { kind: 'synced', remoteId, outcome: 'synced', httpStatus: null };
      this.#reachable();
    } catch (error) {
      const failure = classifySendFailure(entry.kind, error);
      if (failure.kind === 'landed') {
        result = {
          kind: 'synced',
          remoteId: null,
          outcome: 'already-landed',
          httpStatus: failure.httpStatus,
        };
        this.#reachable();
      } else if (failure.kind === 'rejected') {
        result = failure;
        this.#reachable();
      } else if (
        failure.outcome === 'transport' &&
        requestBytes(entry) > CUT_UPLOAD_SUSPECT_BYTES &&
        (await this.#answersProbe())
      ) {
        // A big upload broke while CareCloud still answers: this entry's trouble, not the network's.
        this.#reachable();
        const cuts = (this.#cutUploads.get(entry.id) ?? 0) + 1;
        this.#cutUploads.set(entry.id, cuts);
        const error =
          `CareCloud cut the upload of this ${Math.ceil(requestBytes(entry) / 1024)} ` +
          `KB request while it answered otherwise (${failure.error})`;
        if (cuts >= CUT_UPLOADS_BEFORE_REJECTING) {
          this.#cutUploads.delete(entry.id);
          result = {
            kind: 'rejected',
            reasons: [{ name: 'bill', reason: 'upload_cut', message: error }],
            httpStatus: null,
            error,
          };
        } else
          result = {
            kind: 'retry',
            outcome: 'transport',
            nextAttemptAt:
              this.#now() +
              backgroundDelay(entry.attemptCount, undefined, this.#random, this.policy.entryBackoff),
            httpStatus: null,
            error,
          };
      } else {
        if (failure.outcome === 'rate-limited') this.#bucket.slowDown(failure.retryAfterMs);
        if (failure.unreachable) this.#unreachable();
        else this.#reachable();
        const wait = backgroundDelay(
          entry.attemptCount,
          failure.retryAfterMs,
          this.#random,
          this.policy.entryBackoff,
        );
        result = {
          kind: 'retry',
          outcome: failure.outcome,
          nextAttemptAt: this.#now() + wait,
          httpStatus: failure.httpStatus,
          error: failure.error,
        };
      }
    }
    clearTimeout(deadline);
    const recorded = this.#record(claim, result);
    this.emit('sent', recorded);
    if (recorded.state === 'rejected' && result.kind === 'rejected')
      this.emit('alert', {
        kind: 'rejected',
        entryId: recorded.id,
        billId: recorded.billId,
        reasons: recorded.reasons,
      });
    return recorded;
  }

  /**
   * Writes how a send ended. Once the send has happened its answer is the truth whether or not the
   * journal can take it now: the entry is returned as CareCloud left it, and the answer is written as
   * soon as the journal allows (until then the entry stays claimed; if this process ends first, the
   * claim is released and the resend is recognised by its bill_id).
   */
  #record(claim: Claim, result: SendResult): JournalEntry {
    try {
      const recorded = this.#journal.finish(claim, this.owner, result);
      this.#unrecorded.delete(claim.entry.id);
      return recorded;
    } catch (error) {
      if (!(error instanceof JournalUnavailableError)) throw error;
      this.#unrecorded.set(claim.entry.id, { claim, result, error });
      this.emit('trouble', error);
      this.#scheduleRecording();
      return answered(claim.entry, result);
    }
  }

  /** Tries again to write answers the journal could not take; true when none is left. */
  recordLateAnswers(): boolean {
    for (const [id, { claim, result }] of [...this.#unrecorded]) {
      try {
        const recorded = this.#journal.finish(claim, this.owner, result);
        this.#unrecorded.delete(id);
        this.emit('sent', recorded);
      } catch (error) {
        if (!(error instanceof JournalUnavailableError)) throw error;
        return false;
      }
    }
    return true;
  }

  /**
   * Sales live only in the WAL file until a checkpoint copies them into journal.db; a checkpoint
   * once the lane pauses after a sale bounds what deleting the WAL file could lose, and keeps the
   * copying out of the next sale's commit (each sale restarts the wait).
   */
  #checkpointSoon(): void {
    if (this.#checkpointTimer) {
      this.#checkpointTimer.refresh();
      return;
    }
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = null;
      this.#checkpoint();
    }, CHECKPOINT_AFTER_PAUSE_MS);
    this.#checkpointTimer.unref();
  }

  #checkpoint(): void {
    try {
      this.#journal.checkpoint();
    } catch (error) {
      this.emit('trouble', error);
    }
  }

  #scheduleRecording(): void {
    if (this.#recordTimer) return;
    this.#recordTimer = setTimeout(() => {
      this.#recordTimer = null;
      if (!this.recordLateAnswers()) this.#scheduleRecording();
    }, RECORD_RETRY_MS);
    this.#recordTimer.unref();
  }

  #reachable(): void {
    if (this.#breaker.recordSuccess()) {
      this.#journal.makeAllDue();
      this.#emitStatus();
      this.kick();
    }
  }

  #unreachable(): void {
    if (this.#breaker.recordFailure()) {
      this.#emitStatus();
      this.#schedule();
    }
  }

  /**
   * Sends everything that is due now, in journal order, paced by the token bucket.
   * Stops when nothing is due or CareCloud becomes unreachable. Concurrent calls share one drain.
   */
  drain(options: { until?: number } = {}): Promise<DrainReport> {
    this.#draining ??= this.#drain(options.until ?? Infinity).finally(() => {
      this.#draining = null;
      this.#emitStatus();
    });
    return this.#draining;
  }

  /**
   * `until`: no new send starts after this time (a replay's budget); sends in flight still end within their timeout.
   */
  async #drain(until: number): Promise<DrainReport> {
    const report: DrainReport = { synced: [], rejected: [], retried: [], wentOffline: false };
    const worker = async () => {
      while (!this.#breaker.isOpen && this.#now() < until) {
        await this.#bucket.take();
        if (this.#breaker.isOpen || this.#now() >= until) break;
        const claim = this.#journal.claimNext(this.owner, this.#leaseMs);
        if (!claim) break;
        this.#catchUp ??= { startedAt: this.#now(), settled: 0, settledAt: [] };
        const entry = await this.#send(claim);
        if (entry.state === 'synced') report.synced.push(entry.id);
        else if (entry.state === 'rejected') report.rejected.push(entry.id);
        else report.retried.push(entry.id);
        if (entry.state === 'synced' || entry.state === 'rejected') this.#settledInCatchUp();
        if (this.#now() - this.#drainStatusAt >= DRAIN_STATUS_EVERY_MS) {
          this.#drainStatusAt = this.#now();
          this.#emitStatus();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.policy.concurrency) }, worker));
    report.wentOffline = this.#breaker.isOpen;
    return report;
  }

  /** Whether CareCloud answers a probe now (without touching the breaker). */
  async #answersProbe(): Promise<boolean> {
    try {
      await this.#port.probe({ timeoutMs: this.policy.probeTimeoutMs });
      return true;
    } catch (error) {
      const failure = classifySendFailure('purchase', error);
      return !(failure.kind === 'retry' && failure.unreachable);
    }
  }

  /** Asks CareCloud whether it is back; closes the breaker on an answer. */
  async probe(): Promise<boolean> {
    try {
      await this.#port.probe({ timeoutMs: this.policy.probeTimeoutMs });
      this.#reachable();
      return true;
    } catch (error) {
      const failure = classifySendFailure('purchase', error);
      if (failure.kind === 'retry' && failure.unreachable) {
        this.#unreachable();
        return false;
      }
      // CareCloud answered, even if with a complaint: it is reachable.
      this.#reachable();
      return true;
    }
  }

  #settledInCatchUp(): void {
    const catchUp = this.#catchUp;
    if (!catchUp) return;
    const now = this.#now();
    catchUp.settled += 1;
    catchUp.settledAt.push(now);
    while (catchUp.settledAt.length > 0 && catchUp.settledAt[0]! <= now - DRAIN_RATE_WINDOW_MS)
      catchUp.settledAt.shift();
  }

  /** The catch-up's progress with `remaining` entries left; it ends (null) once nothing is left. */
  drainProgress(remaining: number = this.#journal.stats().queued): DrainProgress | null {
    const catchUp = this.#catchUp;
    if (!catchUp) return null;
    if (remaining === 0 && this.#draining === null) {
      this.#catchUp = null;
      return null;
    }
    const now = this.#now();
    const paused = this.#breaker.isOpen;
    const elapsed = Math.min(DRAIN_RATE_WINDOW_MS, now - catchUp.startedAt);
    const recent = catchUp.settledAt.filter((at) => at > now - DRAIN_RATE_WINDOW_MS).length;
    const ratePerSecond = elapsed >= DRAIN_RATE_MIN_MS ? recent / (elapsed / 1000) : null;
    const finishesAt =
      !paused && ratePerSecond !== null && ratePerSecond > 0
        ? now + Math.round((remaining / ratePerSecond) * 1000)
        : null;
    return {
      startedAt: catchUp.startedAt,
      settled: catchUp.settled,
      remaining,
      ratePerSecond,
      finishesAt,
      paused,
    };
  }

  status(): SyncStatus {
    const stats = this.#journal.stats();
    return {
      drain: this.drainProgress(stats.queued),
      online: !this.#breaker.isOpen,
      since: this.#breaker.since,
      queued: stats.queued,
      oldestQueuedAgeMs: stats.oldestQueuedAt === null ? null : this.#now() - stats.oldestQueuedAt,
      rejected: stats.counts.rejected,
      nextProbeAt: this.#breaker.nextProbeAt,
    };
  }

  /** Status events are coalesced: counting the queue is kept off the cashier's path. */
  #emitStatus(): void {
    if (this.#statusTimer) return;
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = null;
      try {
        this.emit('status', this.status());
      } catch {
        // A status the journal cannot read now is reported on the next change.
      }
    }, STATUS_COALESCE_MS);
    this.#statusTimer.unref();
  }

  #checkStalePending(): void {
    const cutoff = this.#now() - this.policy.pendingAlertMs;
    for (const entry of this.#journal.overdue(cutoff, 100)) {
      if (this.#alerted.has(entry.id)) continue;
      this.#alerted.add(entry.id);
      this.emit('alert', {
        kind: 'pending-too-long',
        entryId: entry.id,
        billId: entry.billId,
        pendingSinceMs: this.#now() - entry.createdAt,
      });
    }
  }

  /** Runs in the background: drains when online, probes when offline, releases stale claims. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#emitStatus();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#draining;
    await Promise.all(this.#lateSends);
    if (this.#recordTimer) clearTimeout(this.#recordTimer);
    this.#recordTimer = null;
    this.recordLateAnswers();
    if (this.#checkpointTimer) {
      clearTimeout(this.#checkpointTimer);
      this.#checkpointTimer = null;
      this.#checkpoint();
    }
    if (this.#statusTimer) clearTimeout(this.#statusTimer);
    this.#statusTimer = null;
  }

  /** Wakes the background loop now (after a closure, a retry, or connectivity coming back). */
  kick(): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), 0);
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    if (!this.#running) return;
    try {
      if (this.#now() - this.#lastStaleClaimsAt >= STALE_CLAIMS_EVERY_MS) this.#releaseStaleClaims();
      if (this.#breaker.isOpen) {
        if ((this.#breaker.nextProbeAt ?? 0) <= this.#now()) await this.probe();
      }
      if (!this.#breaker.isOpen) await this.drain();
      if (
        this.#now() - this.#lastOverdueCheckAt >=
        Math.min(OVERDUE_CHECK_EVERY_MS, this.policy.pendingAlertMs)
      ) {
        this.#lastOverdueCheckAt = this.#now();
        this.#checkStalePending();
      }
      if (this.#now() - this.#lastPurgeAt >= PURGE_EVERY_MS) {
        this.#lastPurgeAt = this.#now();
        this.#journal.purge(this.policy.syncedRetentionDays);
      }
      this.#emitStatus();
    } catch (error) {
      this.emit('trouble', error);
    }
    this.#schedule();
  }

  #schedule(): void {
    if (!this.#running || this.#timer) return;
    const now = this.#now();
    let at = now + 60_000;
    if (this.#breaker.isOpen) at = Math.min(at, this.#breaker.nextProbeAt ?? now);
    else {
      try {
        const due = this.#journal.nextDueAt();
        if (due !== null) at = Math.min(at, due);
      } catch {
        // Journal trouble is reported by the next closure; keep the loop alive.
      }
    }
    this.#timer = setTimeout(() => void this.#tick(), Math.max(10, at - now));
    this.#timer.unref();
  }
}
