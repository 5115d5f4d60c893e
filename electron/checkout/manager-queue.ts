// The manager's offline queue over the journal's queue manager: views for the screen
// (entries, counts, oldest pending age, one entry in readable form) and actions that
// each re-check a manager's PIN in main and leave an audit record.
import { hostname } from 'node:os';
import { ensurePrivateDir, replacePrivateFile } from '../config/file-modes.ts';
import { basename, dirname, join } from 'node:path';
import { billSearchOf } from '../../shared/checkout/sale-reference.ts';
import { queueCursorText, readQueueCursor, type QueueCursor } from '../../shared/checkout/queue-cursor.ts';
import { InvalidInput } from '../domain/errors.ts';
import type { Operator } from '../../shared/operators.ts';
import { minorOf, readableRequest } from './readable-request.ts';
import { readSendPurchase } from '../../shared/checkout/send-purchase.ts';
import { spokenLanguage } from '../carecloud/language.ts';
import { actorName } from '../operators/actor-names.ts';
import { maskSyncedCard } from '../journal/card-mask.ts';
import type { Journal } from '../journal/journal.ts';
import type { AuditRecord, EntryFilter, EntryMatch, JournalEntry, TillPayment } from '../journal/types.ts';
import { csvCell, type ExportFormat } from '../sync/export.ts';
import type { QueueActions } from '../sync/queue-manager.ts';
import type { ManagerCheck } from './manager-pin.ts';
import type {
  QueueFilter,
  QueueEntrySummary,
  QueuePage,
  QueuePageRequest,
  ReadableRequest,
  QueueEntryDetail,
  AuditView,
  ExportDone,
  QueueCustomer,
  ResendChange,
  TenderKind,
} from '../../shared/checkout/answers.ts';
import type { CustomerNames } from './customer-names.ts';
import { describeAttempt, describeTransition } from './queue-history.ts';
import type { ActorView } from '../../shared/checkout/answers.ts';

function spokenActor(actor: ActorView): ActorView {
  return actor.kind === 'person' ? { kind: 'person', name: shownName(actor.name) } : actor;
}

export type {
  QueueFilter,
  QueueEntrySummary,
  QueuePage,
  ReadableRequest,
  QueueEntryDetail,
  AuditView,
  ExportDone,
};

/**
 * Where an export goes: the exports folder; a file the manager picks in the app's save
 * dialog (`choose` answers the path, null when the dialog was closed); or back to the
 * preview's screen as a download.
 */
export type ExportDestination =
  | { to: 'folder' }
  | { to: 'dialog'; choose: (suggestedName: string) => Promise<string | null> }
  | { to: 'download' };

export interface ManagerQueueOptions {
  journal: Journal;
  queue: QueueActions;
  managerCheck: ManagerCheck;
  exportDir: string;
  currency: string;
  /** Customer names for the entries; without it the screen shows cards only. */
  customers?: CustomerNames;
  /** This machine's host name: a send claimed by a process here is "this terminal". */
  host?: string;
  now?: () => number;
}

function tenderOf(payment: TillPayment | undefined): TenderKind | null {
  if (!payment) return null;
  const card = payment.settlement.cardMinor ?? 0;
  const cash = payment.settlement.cashToPayMinor ?? 0;
  if (card > 0 && cash > 0) return 'split';
  return card > 0 ? 'card' : 'cash';
}

function wholeOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The sale a customer assignment names (its body is outside input once on disk). */
function assignedBill(body: unknown): string | null {
  const id =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).external_purchase_id : null;
  return typeof id === 'string' && id !== '' ? id : null;
}

export class ManagerQueue {
  readonly #o: ManagerQueueOptions;
  readonly #now: () => number;

  readonly #host: string;

  constructor(options: ManagerQueueOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#host = options.host ?? hostname();
  }

  #minor(value: unknown): number | null {
    return minorOf(value, this.#o.currency);
  }

  #customer(entry: JournalEntry): QueueCustomer | null {
    if (this.#o.customers) return this.#o.customers.view(entry.customerId, entry.cardNumber);
    if (!entry.customerId && !entry.cardNumber) return null;
    return {
      id: entry.customerId,
      name: null,
      card: entry.cardNumber ? maskSyncedCard(entry.cardNumber) : null,
      pending: false,
    };
  }

  #summary(entry: JournalEntry, payment?: TillPayment): QueueEntrySummary {
    const bill = readSendPurchase(entry.request.body)?.bill;
    return {
      id: entry.id,
      kind: entry.kind,
      state: entry.state,
      billId: entry.billId,
      paymentTime: entry.paymentTime,
      totalMinor: this.#minor(bill?.total_price),
      customerId: entry.customerId,
      operator: shownName(entry.operator),
      attempts: entry.attemptCount,
      lastError: entry.lastError,
      reasons: entry.reasons.map((r) => ({ name: r.name, reason: r.reason, message: r.message ?? r.reason })),
      recordedAt: iso(entry.createdAt),
      exported: entry.exportedAt !== null,
      flags: [...entry.flags],
      paidMinor: wholeOrNull(payment?.paidMinor),
      dueMinor: wholeOrNull(payment?.settlement.dueMinor),
      tender: tenderOf(payment),
      customer: this.#customer(entry),
      cancels: bill?.canceled ? (bill.bill_number ?? null) : null,
      ...(entry.kind === 'customer-assignment' ? { assigns: assignedBill(entry.request.body) } : {}),
    };
  }

  #summaries(entries: readonly JournalEntry[]): QueueEntrySummary[] {
    const payments = this.#o.journal.tillPayments(entries.map((e) => e.id));
    return entries.map((e) => this.#summary(e, payments.get(e.id)));
  }

  #one(entry: JournalEntry): QueueEntrySummary {
    return this.#summaries([entry])[0]!;
  }

  /**
   * A page of the queue where the cursor says (the first without one), and the cursors around it. Each
   * page starts at an entry's id through an index, so a page deep in a long queue costs what a first one does.
   */
  list(filter: QueueFilter, page: QueuePageRequest): QueuePage {
    const cursor = page.cursor === undefined ? null : readQueueCursor(page.cursor);
    if (page.cursor !== undefined && cursor === null)
      throw new InvalidInput('That page of the queue does not exist.', [
        { name: 'page.cursor', reason: 'invalid_value', message: 'not a cursor of this queue' },
      ]);
    const found = this.#pageAt(this.#entryFilter(filter), page.limit, cursor);
    const stats = this.#o.journal.stats();
    const first = found.entries[0];
    const last = found.entries.at(-1);
    return {
      entries: this.#summaries(found.entries),
      total: found.total,
      counts: this.#o.journal.countsByState(),
      oldestPendingAgeMs:
        stats.oldestQueuedAt === null ? null : Math.max(0, this.#now() - stats.oldestQueuedAt),
      next: found.next && last ? queueCursorText({ at: 'after', id: last.id }) : null,
      previous: found.previous && first ? queueCursorText({ at: 'before', id: first.id }) : null,
      last: found.next ? queueCursorText({ at: 'last' }) : null,
    };
  }

  /**
   * One more entry than the page is read to know whether another page follows. A page turned back to the start,
   * or past the end (its entries left the filter meanwhile), is the first or the last page instead.
   */
  #pageAt(
    filter: EntryFilter,
    limit: number,
    cursor: QueueCursor | null,
  ): { entries: JournalEntry[]; total: number; previous: boolean; next: boolean } {
    const read = (page: { after?: number; before?: number }) =>
      this.#o.queue.list(filter, { limit: limit + 1, offset: 0, ...page });
    if (cursor === null) {
      const { entries, total } = read({ after: 0 });
      return { entries: entries.slice(0, limit), total, previous: false, next: entries.length > limit };
    }
    if (cursor.at === 'after') {
      const { entries, total } = read({ after: cursor.id });
      if (entries.length === 0) return this.#pageAt(filter, limit, { at: 'last' });
      return { entries: entries.slice(0, limit), total, previous: true, next: entries.length > limit };
    }
    const { entries, total } = read({ before: cursor.at === 'last' ? Number.MAX_SAFE_INTEGER : cursor.id });
    if (cursor.at === 'before' && entries.length <= limit) return this.#pageAt(filter, limit, null);
    return {
      entries: entries.slice(-limit),
      total,
      previous: entries.length > limit,
      next: cursor.at !== 'last',
    };
  }

  show(id: number): QueueEntryDetail {
    const detail = this.#o.queue.show(id);
    const recap = readSendPurchase(detail.entry.request.body)?.bill.payment_recap;
    const request = this.#readable(detail.entry);
    const canResend =
      detail.entry.state === 'rejected' &&
      detail.entry.kind === 'purchase' &&
      Boolean(recap?.vouchers?.length || recap?.credit_points || recap?.amount_for_credit);
    const resendChange: ResendChange | null = canResend
      ? { vouchers: request.vouchers, points: request.pointsUsed, creditMinor: request.creditMinor }
      : null;
    return {
      entry: this.#one(detail.entry),
      request,
      history: detail.transitions
        .map((t) => describeTransition(t, this.#host, iso))
        .map((e) => ({ ...e, by: spokenActor(e.by) })),
      attempts: detail.attempts.map((a) => describeAttempt(a, this.#host, iso)),
      audit: detail.audit.map((r) => this.#auditView(r)),
      replaces: detail.replaces?.id ?? null,
      replacedBy: detail.replacedBy?.id ?? null,
      canResendWithoutBenefits: canResend,
      resendChange,
    };
  }

  /** The customers a list answered as pending, once CareCloud answered (or a few seconds passed). */
  async customers(ids: readonly string[]): Promise<Record<string, QueueCustomer>> {
    if (!this.#o.customers) return {};
    const cards = new Map<string, string | null>();
    for (const id of ids) cards.set(id, this.#o.journal.lastCardOf(id));
    return this.#o.customers.settle(ids, cards);
  }

  /**
   * The screen's filter for the journal; the search text is matched here, over the entries and the cached customers.
   */
  #entryFilter(filter: QueueFilter): EntryFilter {
    const out = toEntryFilter(filter);
    const text = filter.search?.trim();
    if (!text) return out;
    const match: { -readonly [K in keyof EntryMatch]: EntryMatch[K] } = {};
    const bill = billSearchOf(text);
    if (bill?.by === 'billId') match.billId = bill.billId;
    if (bill?.by === 'code') match.billIdEnd = bill.code;
    const digits = text.replace(/[\s-]/g, '');
    if (/^\d{4,}$/.test(digits)) match.cardDigits = digits;
    const ids = this.#o.customers?.matching(text) ?? [];
    if (ids.length > 0) match.customerIds = ids;
    if (/^[0-9a-f]{16,40}$/i.test(text)) match.customerIds = [...(match.customerIds ?? []), text];
    return { ...out, anyOf: match };
  }

  #readable(entry: JournalEntry): ReadableRequest {
    return readableRequest(entry, this.#o.currency);
  }

  // Each action finds its entry before the PIN, so an unknown id answers the same whatever PIN came with it.
  async retry(id: number, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#o.queue.show(id);
    const manager = await this.#o.managerCheck(pin, 'retry', askedBy);
    return this.#one(this.#o.queue.retry(id, manager.name));
  }

  async void(id: number, reason: string, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#o.queue.show(id);
    const manager = await this.#o.managerCheck(pin, 'void', askedBy);
    return this.#one(this.#o.queue.void(id, reason, manager.name));
  }

  /** The rejected purchase again as a new sale without its vouchers, points and credit. */
  async resendWithoutBenefits(id: number, pin: string, askedBy: Operator): Promise<QueueEntrySummary> {
    this.#o.queue.show(id);
    const manager = await this.#o.managerCheck(pin, 'resend', askedBy);
    return this.#one(this.#o.queue.resendWithoutBenefits(id, manager.name));
  }

  /**
   * Writes the export where it goes first; only then are the entries marked exported. The
   * screen gets the content only for the preview's download: in the app it stays in main
   * (it holds card numbers of unsent sales), in the folder or the file the manager chose.
   */
  async export(
    filter: QueueFilter,
    format: ExportFormat,
    pin: string,
    askedBy: Operator,
    destination: ExportDestination = { to: 'folder' },
  ): Promise<ExportDone> {
    const manager = await this.#o.managerCheck(pin, 'export', askedBy);
    const name = `queue-${stamp(this.#now())}.${format}`;
    const entryFilter = this.#entryFilter(filter);
    if (destination.to === 'download') {
      let content = '';
      const { count } = this.#o.queue.export(entryFilter, format, manager.name, (text) => (content = text));
      return { format, count, file: name, delivered: 'download', content };
    }
    const file = destination.to === 'dialog' ? await destination.choose(name) : join(this.#o.exportDir, name);
    if (file === null) return { format, count: 0, file: name, delivered: 'cancelled', content: null };
    const { count } = this.#o.queue.export(entryFilter, format, manager.name, (text) =>
      writeDurably(dirname(file), file, text, destination.to === 'folder'),
    );
    return {
      format,
      count,
      file: basename(file),
      delivered: destination.to === 'dialog' ? 'saved' : 'folder',
      content: null,
    };
  }

  audit(page: { limit: number; offset: number }, entryId?: number): { records: AuditView[]; total: number } {
    const all = this.#o.journal.audit(entryId).reverse();
    return {
      records: all.slice(page.offset, page.offset + page.limit).map((r) => this.#auditView(r)),
      total: all.length,
    };
  }

  async exportAudit(
    format: ExportFormat,
    pin: string,
    askedBy: Operator,
    destination: ExportDestination = { to: 'folder' },
  ): Promise<ExportDone> {
    const manager = await this.#o.managerCheck(pin, 'audit-export', askedBy);
    const name = `audit-${stamp(this.#now())}.${format}`;
    const file =
      destination.to === 'dialog'
        ? await destination.choose(name)
        : destination.to === 'folder'
          ? join(this.#o.exportDir, name)
          : null;
    if (destination.to === 'dialog' && file === null)
      return { format, count: 0, file: name, delivered: 'cancelled', content: null };
    // The file keeps names as they were recorded, whatever language the screen speaks.
    const records = this.#o.journal.audit().map((r) => ({ ...this.#auditView(r), actor: r.actor }));
    const content = format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : auditCsv(records);
    if (file !== null) writeDurably(dirname(file), file, content, destination.to === 'folder');
    this.#o.journal.recordAudit(manager.name, 'audit-export', null, {
      format,
      count: records.length,
      askedBy: askedBy.name,
      delivered: destination.to,
    });
    if (file === null) return { format, count: records.length, file: name, delivered: 'download', content };
    return {
      format,
      count: records.length,
      file: basename(file),
      delivered: destination.to === 'dialog' ? 'saved' : 'folder',
      content: null,
    };
  }

  #auditView(record: AuditRecord): AuditView {
    const named = typeof record.detail.billId === 'string' ? record.detail.billId : null;
    const billId =
      named ?? (record.entryId === null ? null : (this.#o.journal.get(record.entryId)?.billId ?? null));
    return {
      at: iso(record.at),
      actor: shownName(record.actor),
      action: record.action,
      entryId: record.entryId,
      billId,
      detail: record.detail,
    };
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

/** The demo's operators and "nobody signed in" in the asking screen's language; anyone else as recorded. */
function shownName(name: string): string {
  const language = spokenLanguage();
  return language ? actorName(name, language) : name;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function writeDurably(dir: string, file: string, text: string, ownFolder: boolean): void {
  // Exports carry card numbers and customers: readable by the terminal's account only.
  if (ownFolder) ensurePrivateDir(dir);
  replacePrivateFile(file, text);
}

function auditCsv(records: AuditView[]): string {
  const rows = records.map((r) =>
    [r.at, r.actor, r.action, r.entryId, r.billId, JSON.stringify(r.detail)].map(csvCell).join(','),
  );
  return ['at,actor,action,entry_id,bill_id,detail', ...rows].join('\r\n') + '\r\n';
}
