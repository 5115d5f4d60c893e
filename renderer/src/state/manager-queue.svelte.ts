// The manager's offline queue: the filtered, paged list with counts per state, one
// entry in full, and the actions, each authorised by a manager's PIN.
import type { EntryKind, EntryState, ExportDone, ExportFormat, QueueEntryDetail, QueueEntrySummary, QueueFilter, QueuePage } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import { dayStartIn } from '../../../shared/i18n/index.ts';
import { Part } from './part.svelte.ts';

type QueuePort = Pick<PosApi, 'queue'>;

export const entryStates: readonly EntryState[] = ['pending', 'sending', 'synced', 'rejected', 'voided'];
export const entryKinds: readonly EntryKind[] = ['purchase', 'cancellation', 'voucher-application', 'customer-signup', 'card-assignment'];

/** The filter as the form holds it: plain strings, empty meaning "any". */
export interface FilterDraft {
  state: EntryState | '';
  kind: EntryKind | '';
  /** Days on the terminal's clock, `YYYY-MM-DD`. */
  from: string;
  to: string;
  customerId: string;
  billId: string;
}

export const emptyFilter: FilterDraft = { state: '', kind: '', from: '', to: '', customerId: '', billId: '' };

export type QueueAction = 'retry' | 'void' | 'resend' | 'export';

export type ActionOutcome =
  | { action: 'retry' | 'void' | 'resend'; ok: true; entry: QueueEntrySummary }
  | { action: 'export'; ok: true; done: ExportDone }
  | { action: QueueAction; ok: false; error: PosError };

/** The filter for main; the days are the terminal's days (its time zone), not the browser's. */
export function filterOf(draft: FilterDraft, timeZone: string): QueueFilter {
  const dayStart = (date: string, plusDays = 0) => dayStartIn(date, timeZone, plusDays)?.toISOString();
  const filter: QueueFilter = {};
  if (draft.state) filter.states = [draft.state];
  if (draft.kind) filter.kind = draft.kind;
  const from = dayStart(draft.from);
  const to = dayStart(draft.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (draft.customerId.trim()) filter.customerId = draft.customerId.trim();
  if (draft.billId.trim()) filter.billId = draft.billId.trim();
  return filter;
}

export class ManagerQueue {
  readonly #pos: QueuePort;
  readonly pageSize: number;
  readonly page = new Part<QueuePage>();
  readonly entry = new Part<QueueEntryDetail>();
  #draft = $state<FilterDraft>({ ...emptyFilter });
  #applied = $state.raw<QueueFilter>({});
  #offset = $state(0);
  #busy = $state<QueueAction | null>(null);
  #outcome = $state.raw<ActionOutcome | null>(null);

  readonly #timeZone: () => string;

  constructor(pos: QueuePort, timeZone: () => string, pageSize = 20) {
    this.#pos = pos;
    this.#timeZone = timeZone;
    this.pageSize = pageSize;
  }

  /** The form's fields; bind to them and call `apply()`. */
  get draft(): FilterDraft {
    return this.#draft;
  }
  get offset(): number {
    return this.#offset;
  }
  get busy(): QueueAction | null {
    return this.#busy;
  }
  get outcome(): ActionOutcome | null {
    return this.#outcome;
  }
  get hasPrevious(): boolean {
    return this.#offset > 0;
  }
  get hasNext(): boolean {
    const total = this.page.value?.total ?? 0;
    return this.#offset + this.pageSize < total;
  }

  /** Applies the form's filter from the first page. */
  apply(): Promise<void> {
    this.#applied = filterOf(this.#draft, this.#timeZone());
    this.#offset = 0;
    return this.load();
  }

  load(options: { quiet?: boolean } = {}): Promise<void> {
    const filter = this.#applied;
    const offset = this.#offset;
    return this.page.load(() => this.#pos.queue.list({ filter, page: { limit: this.pageSize, offset } }), options);
  }

  /**
   * After a sync status push: the list, the counts and the open entry as the journal has
   * them now, without a loading flash. Nothing is fetched for a screen not shown.
   */
  async refresh(): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.page.state.status !== 'idle') jobs.push(this.load({ quiet: true }));
    const open = this.entry.value?.entry.id;
    if (open !== undefined) jobs.push(this.entry.load(() => this.#pos.queue.show({ id: open }), { quiet: true }));
    await Promise.all(jobs);
  }

  turn(by: 1 | -1): Promise<void> {
    const next = this.#offset + by * this.pageSize;
    if (next < 0 || (by > 0 && !this.hasNext)) return Promise.resolve();
    this.#offset = next;
    return this.load();
  }

  open(id: number): Promise<void> {
    this.#outcome = null;
    return this.entry.load(() => this.#pos.queue.show({ id }));
  }

  closeEntry(): void {
    this.entry.reset();
    this.#outcome = null;
  }

  retry(id: number, pin: string): Promise<ActionOutcome | null> {
    return this.#entryAction('retry', id, () => this.#pos.queue.retry({ id, pin }));
  }

  void(id: number, reason: string, pin: string): Promise<ActionOutcome | null> {
    return this.#entryAction('void', id, () => this.#pos.queue.void({ id, reason: reason.trim(), pin }));
  }

  resend(id: number, pin: string): Promise<ActionOutcome | null> {
    return this.#entryAction('resend', id, () => this.#pos.queue.resend({ id, pin }));
  }

  /** Exports what the current filter shows, every page of it. */
  async export(format: ExportFormat, pin: string): Promise<ActionOutcome | null> {
    if (this.#busy) return null;
    this.#busy = 'export';
    try {
      const result = await this.#pos.queue.export({ filter: this.#applied, format, pin });
      this.#outcome = result.ok ? { action: 'export', ok: true, done: result.value } : { action: 'export', ok: false, error: result.error };
      if (result.ok) await this.load();
      return this.#outcome;
    } finally {
      this.#busy = null;
    }
  }

  async #entryAction(action: 'retry' | 'void' | 'resend', id: number, run: () => ReturnType<PosApi['queue']['retry']>): Promise<ActionOutcome | null> {
    if (this.#busy) return null;
    this.#busy = action;
    try {
      const result = await run();
      const outcome: ActionOutcome = result.ok ? { action, ok: true, entry: result.value } : { action, ok: false, error: result.error };
      if (result.ok) {
        // A resend makes a new entry: show that one, the original is voided.
        await Promise.all([this.load(), this.entry.load(() => this.#pos.queue.show({ id: result.value.id }))]);
      }
      this.#outcome = outcome;
      return outcome;
    } finally {
      this.#busy = null;
    }
  }
}
