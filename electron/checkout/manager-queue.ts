// The manager's offline queue over the journal's queue manager: views for the screen
// (entries, counts, oldest pending age, one entry in readable form) and actions that
// each re-check a manager's PIN in main and leave an audit record.
import { renameSync } from 'node:fs';
import { ensurePrivateDir, writePrivateFile } from '../config/file-modes.ts';
import { basename, join } from 'node:path';
import type { Operator } from '../../shared/ipc/contract.ts';
import { failure } from '../../shared/ipc/result.ts';
import { minorOf, readableRequest } from './readable-request.ts';
import { PosFailure } from '../ipc/errors.ts';
import { spokenLanguage } from '../carecloud/language.ts';
import { demoOperatorName } from '../operators/demo-operators.ts';
import { SendUncertainError } from '../journal/errors.ts';
import type { Journal } from '../journal/journal.ts';
import type { Attempt, AuditRecord, EntryFilter, JournalEntry, SendPurchaseBody, Transition } from '../journal/types.ts';
import type { ExportFormat } from '../sync/export.ts';
import type { QueueManager } from '../sync/queue-manager.ts';
import type { ManagerCheck } from './manager-pin.ts';
import type { QueueFilter, QueueEntrySummary, QueuePage, ReadableRequest, QueueEntryDetail, AuditView, ExportDone } from '../../shared/checkout/answers.ts';

export type { QueueFilter, QueueEntrySummary, QueuePage, ReadableRequest, QueueEntryDetail, AuditView, ExportDone };

export interface ManagerQueueOptions {
  journal: Journal;
  queue: QueueManager;
  managerCheck: ManagerCheck;
  exportDir: string;
  currency: string;
  now?: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class ManagerQueue {
  readonly #o: ManagerQueueOptions;
  readonly #now: () => number;

  constructor(options: ManagerQueueOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  #minor(value: unknown): number | null {
    return minorOf(value, this.#o.currency);
  }

  #summary(entry: JournalEntry): QueueEntrySummary {
    const body = entry.request.body as Partial<SendPurchaseBody> | null;
    return {
      id: entry.id,
      kind: entry.kind,
      state: entry.state,
      billId: entry.billId,
      paymentTime: entry.paymentTime,
      totalMinor: this.#minor(body?.bill?.total_price),
      customerId: entry.customerId,
      operator: shownName(entry.operator),
      attempts: entry.attemptCount,
      lastError: entry.lastError,
      reasons: entry.reasons.map((r) => ({ name: r.name, reason: r.reason, message: r.message ?? r.reason })),
      recordedAt: iso(entry.createdAt),
      exported: entry.exportedAt !== null,
      flags: [...entry.flags],
    };
  }

  list(filter: QueueFilter, page: { limit: number; offset: number }): QueuePage {
    const result = this.#o.queue.list(toEntryFilter(filter), page);
    const stats = this.#o.journal.stats();
    return {
      entries: result.entries.map((e) => this.#summary(e)),
      total: result.total,
      counts: this.#o.journal.countsByState(),
      oldestPendingAgeMs: stats.oldestQueuedAt === null ? null : Math.max(0, this.#now() - stats.oldestQueuedAt),
    };
  }

  show(id: number): QueueEntryDetail {
    const detail = this.#found(() => this.#o.queue.show(id));
    const body = detail.entry.request.body as Partial<SendPurchaseBody> | null;
    const recap = body?.bill?.payment_recap;
    return {
      entry: this.#summary(detail.entry),
      request: this.#readable(detail.entry),
      transitions: detail.transitions.map((t: Transition) => ({ at: iso(t.at), from: t.from, to: t.to, cause: t.cause, actor: t.actor })),
      attempts: detail.attempts.map((a: Attempt) => ({ startedAt: iso(a.startedAt), finishedAt: a.finishedAt === null ? null : iso(a.finishedAt), outcome: a.outcome, httpStatus: a.httpStatus, error: a.error })),
      audit: detail.audit.map(auditView),
      replaces: detail.replaces?.id ?? null,
      replacedBy: detail.replacedBy?.id ?? null,
      canResendWithoutBenefits:
        detail.entry.state === 'rejected' && detail.entry.kind === 'purchase' && Boolean(recap?.vouchers?.length || recap?.credit_points || recap?.amount_for_credit),
    };
  }

  #readable(entry: JournalEntry): ReadableRequest {
    return readableRequest(entry, this.#o.currency);
  }

  // Each action finds its entry before the PIN, so an unknown id answers the same whatever PIN came with it.
  async retry(id: number, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#found(() => this.#o.queue.show(id));
    const manager = await this.#o.managerCheck(pin, 'retry', askedBy);
    return this.#summary(this.#act(() => this.#o.queue.retry(id, manager.name)));
  }

  async void(id: number, reason: string, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#found(() => this.#o.queue.show(id));
    const manager = await this.#o.managerCheck(pin, 'void', askedBy);
    return this.#summary(this.#act(() => this.#o.queue.void(id, reason, manager.name)));
  }

  /** The rejected purchase again as a new sale without its vouchers, points and credit. */
  async resendWithoutBenefits(id: number, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#found(() => this.#o.queue.show(id));
    const manager = await this.#o.managerCheck(pin, 'resend', askedBy);
    return this.#summary(this.#act(() => this.#o.queue.resendWithoutBenefits(id, manager.name)));
  }

  /**
   * Writes the export to the exports folder first; only then are the entries marked exported.
   * The screen gets the file's name and the count, never the content (it holds full card numbers).
   */
  async export(filter: QueueFilter, format: ExportFormat, pin: string, askedBy: Operator): Promise<ExportDone> {
    const manager = await this.#o.managerCheck(pin, 'export', askedBy);
    const file = join(this.#o.exportDir, `queue-${stamp(this.#now())}.${format}`);
    const { count } = this.#o.queue.export(toEntryFilter(filter), format, manager.name, (text) => writeDurably(this.#o.exportDir, file, text));
    return { format, count, file: basename(file) };
  }

  audit(page: { limit: number; offset: number }, entryId?: number): { records: AuditView[]; total: number } {
    const all = this.#o.journal.audit(entryId).reverse();
    return { records: all.slice(page.offset, page.offset + page.limit).map(auditView), total: all.length };
  }

  async exportAudit(format: ExportFormat, pin: string, askedBy: Operator): Promise<ExportDone> {
    const manager = await this.#o.managerCheck(pin, 'audit-export', askedBy);
    // The file keeps names as they were recorded, whatever language the screen speaks.
    const records = this.#o.journal.audit().map((record) => ({ ...auditView(record), actor: record.actor }));
    const content = format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : auditCsv(records);
    const file = join(this.#o.exportDir, `audit-${stamp(this.#now())}.${format}`);
    writeDurably(this.#o.exportDir, file, content);
    this.#o.journal.recordAudit(manager.name, 'audit-export', null, { format, count: records.length, askedBy: askedBy.name });
    return { format, count: records.length, file: basename(file) };
  }

  #found<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof Error && /^There is no journal entry/.test(error.message)) throw new PosFailure(failure('not_found', error.message));
      throw error;
    }
  }

  /** The queue manager says what it refuses in plain errors; the screens get a code. */
  #act(change: () => JournalEntry): JournalEntry {
    try {
      return this.#found(change);
    } catch (error) {
      if (error instanceof SendUncertainError) throw new PosFailure(failure('maybe_in_carecloud', error.message));
      if (error instanceof PosFailure || !(error instanceof Error) || error.name !== 'Error') throw error;
      throw new PosFailure(failure('invalid_state', error.message));
    }
  }
}

function toEntryFilter(filter: QueueFilter): EntryFilter {
  const out: EntryFilter = {};
  if (filter.states?.length) out.state = filter.states;
  if (filter.kind) out.kind = filter.kind;
  if (filter.from) out.from = Date.parse(filter.from);
  if (filter.to) out.to = Date.parse(filter.to);
  if (filter.customerId) out.customerId = filter.customerId;
  if (filter.billId) out.billId = filter.billId;
  return out;
}

/** The demo's operators by their name in the asking screen's language; anyone else as recorded. */
function shownName(name: string): string {
  const language = spokenLanguage();
  return language ? demoOperatorName(name, language) : name;
}

function auditView(record: AuditRecord): AuditView {
  return { at: iso(record.at), actor: shownName(record.actor), action: record.action, entryId: record.entryId, detail: record.detail };
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function writeDurably(dir: string, file: string, text: string): void {
  // Exports carry card numbers and customers: readable by the terminal's account only.
  ensurePrivateDir(dir);
  writePrivateFile(`${file}.tmp`, text, { flush: true });
  renameSync(`${file}.tmp`, file);
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

function auditCsv(records: AuditView[]): string {
  const rows = records.map((r) => [r.at, r.actor, r.action, r.entryId, JSON.stringify(r.detail)].map(csvCell).join(','));
  return ['at,actor,action,entry_id,detail', ...rows].join('\r\n') + '\r\n';
}
