// The manager's offline queue: the filtered, paged list with counts per state, one
// entry in full, and the actions, each authorised by a manager's PIN.
import {
  ENTRY_KINDS,
  ENTRY_STATES,
  type EntryKind,
  type EntryState,
  type ExportDone,
  type ExportFormat,
  type QueueCustomer,
  type QueueEntryDetail,
  type QueueEntrySummary,
  type QueueFilter,
  type QueuePage,
} from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import { dayStartIn, type Language } from '../../../shared/i18n/index.ts';
import { parseDayInput } from '../../../shared/i18n/date-input.ts';
import { Part } from './part.svelte.ts';
import { deliverExport } from './export-download.ts';

type QueuePort = Pick<PosApi, 'queue'>;

export const entryStates: readonly EntryState[] = ENTRY_STATES;
export const entryKinds: readonly EntryKind[] = ENTRY_KINDS;

/** The filter as the form holds it: plain strings, empty meaning "any". */
export interface FilterDraft {
  state: EntryState | '';
  kind: EntryKind | '';
  /** Days on the terminal's clock as typed in the screen's language ("2. 12. 2026", "02/12/2026"). */
  from: string;
  to: string;
  /** A sale's reference, short code or bill id, or a customer's name, card, e-mail or phone. */
  search: string;
}

export const emptyFilter: FilterDraft = { state: '', kind: '', from: '', to: '', search: '' };

export type DateField = 'from' | 'to';

export type QueueAction = 'retry' | 'void' | 'resend' | 'export';

/** A page as the screen shows it: main's answer and where in the list its first entry stands (from 1). */
export interface ShownQueuePage extends QueuePage {
  from: number;
}

export type PageTurn = 'first' | 'previous' | 'next' | 'last';

/**
 * Where a page's first entry stands: counted from the page before, known exactly at either end. Main pages by
 * cursor, not by position, so in the middle of a list that changed meanwhile the count is the screen's own.
 */
export function positionOf(page: QueuePage, shown: ShownQueuePage | null, turn: PageTurn | null): number {
  if (page.previous === null) return 1;
  if (page.next === null) return Math.max(1, page.total - page.entries.length + 1);
  if (!shown || turn === 'first') return 1;
  if (turn === 'next') return shown.from + shown.entries.length;
  if (turn === 'previous') return Math.max(1, shown.from - page.entries.length);
  return shown.from;
}

export type ActionOutcome =
  | { action: 'retry' | 'void' | 'resend'; ok: true; entry: QueueEntrySummary }
  | { action: 'export'; ok: true; done: ExportDone }
  | { action: QueueAction; ok: false; error: PosError };

/**
 * The filter for main; the days are read in the screen's language and are the terminal's
 * days (its time zone), not the browser's. A date that cannot be read is a problem, not "any".
 */
export function filterOf(
  draft: FilterDraft,
  timeZone: string,
  language: Language,
): { filter: QueueFilter; problems: DateField[] } {
  const problems: DateField[] = [];
  const day = (field: DateField, plusDays: number): string | undefined => {
    const text = draft[field].trim();
    if (text === '') return undefined;
    const iso = parseDayInput(text, language);
    const start = iso ? dayStartIn(iso, timeZone, plusDays) : null;
    if (!start) problems.push(field);
    return start?.toISOString();
  };
  const filter: QueueFilter = {};
  if (draft.state) filter.states = [draft.state];
  if (draft.kind) filter.kind = draft.kind;
  const from = day('from', 0);
  const to = day('to', 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  const search = draft.search.trim().slice(0, 100);
  if (search) filter.search = search;
  return { filter, problems };
}

export class ManagerQueueState {
  readonly #pos: QueuePort;
  readonly pageSize: number;
  readonly page = new Part<ShownQueuePage>();
  readonly entry = new Part<QueueEntryDetail>();
  #draft = $state<FilterDraft>({ ...emptyFilter });
  #applied = $state.raw<QueueFilter>({});
  /** Where the page shown starts, as main wrote it in the page before; none is the first page. */
  #cursor: string | undefined = undefined;
  /** The last page that came, and a turn whose page has not: positions count from them, whichever load lands. */
  #base: ShownQueuePage | null = null;
  #turning: PageTurn | null = null;
  #busy = $state<QueueAction | null>(null);
  #outcome = $state.raw<ActionOutcome | null>(null);

  #problems = $state.raw<DateField[]>([]);
  readonly #timeZone: () => string;
  readonly #language: () => Language;

  constructor(pos: QueuePort, timeZone: () => string, pageSize = 20, language: () => Language = () => 'cs') {
    this.#pos = pos;
    this.#timeZone = timeZone;
    this.#language = language;
    this.pageSize = pageSize;
  }

  /** Date fields of the form that could not be read; the list stays as it was until they can. */
  get problems(): readonly DateField[] {
    return this.#problems;
  }

  /** The form's fields; bind to them and call `apply()`. */
  get draft(): FilterDraft {
    return this.#draft;
  }
  get busy(): QueueAction | null {
    return this.#busy;
  }
  get outcome(): ActionOutcome | null {
    return this.#outcome;
  }
  get hasPrevious(): boolean {
    return (this.page.value?.previous ?? null) !== null;
  }
  get hasNext(): boolean {
    return (this.page.value?.next ?? null) !== null;
  }

  /** Applies the form's filter from the first page. */
  apply(): Promise<void> {
    const { filter, problems } = filterOf(this.#draft, this.#timeZone(), this.#language());
    this.#problems = problems;
    if (problems.length > 0) return Promise.resolve();
    this.#applied = filter;
    this.#cursor = undefined;
    this.#turning = 'first';
    return this.load();
  }

  async load(options: { quiet?: boolean } = {}): Promise<void> {
    const filter = this.#applied;
    const cursor = this.#cursor;
    const base = this.#base;
    const turning = this.#turning;
    const landed: { page: ShownQueuePage | null } = { page: null };
    await this.page.load(async () => {
      const page = { limit: this.pageSize, ...(cursor === undefined ? {} : { cursor }) };
      const answer = await this.#pos.queue.list({ filter, page });
      if (!answer.ok) return answer;
      landed.page = { ...answer.value, from: positionOf(answer.value, base, turning) };
      return { ok: true as const, value: landed.page };
    }, options);
    if (landed.page !== null && this.page.value === landed.page) {
      this.#base = landed.page;
      this.#turning = null;
    }
    await this.#namesOfPending();
  }

  /** Names main was still asking CareCloud for when it answered the list: filled in as they come. */
  async #namesOfPending(): Promise<void> {
    const page = this.page.value;
    const ids = [
      ...new Set(
        (page?.entries ?? []).flatMap((e) => (e.customer?.pending && e.customer.id ? [e.customer.id] : [])),
      ),
    ];
    if (!page || ids.length === 0) return;
    const answer = await this.#pos.queue.customers({ ids });
    if (!answer.ok || this.page.value !== page) return;
    const known: Record<string, QueueCustomer> = answer.value;
    this.page.set({
      ...page,
      entries: page.entries.map((e) =>
        e.customer?.id && known[e.customer.id] ? { ...e, customer: known[e.customer.id]! } : e,
      ),
    });
  }

  /**
   * After a sync status push: the list, the counts and the open entry as the journal has
   * them now, without a loading flash. Nothing is fetched for a screen not shown.
   */
  async refresh(): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.page.state.status !== 'idle') jobs.push(this.load({ quiet: true }));
    const open = this.entry.value?.entry.id;
    if (open !== undefined)
      jobs.push(this.entry.load(() => this.#pos.queue.show({ id: open }), { quiet: true }));
    await Promise.all(jobs);
  }

  /** Turns to another page by the cursor main answered for it; nothing happens where there is none. */
  turn(to: PageTurn): Promise<void> {
    const page = this.page.value;
    if (!page) return Promise.resolve();
    const cursor = to === 'first' ? undefined : page[to];
    if (cursor === null || (to === 'first' && page.previous === null)) return Promise.resolve();
    this.#cursor = cursor;
    this.#turning = to;
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
      const result = await this.#pos.queue.export({ filter: this.#applied, format, pin, to: 'screen' });
      if (result.ok) deliverExport(result.value);
      this.#outcome = result.ok
        ? { action: 'export', ok: true, done: result.value }
        : { action: 'export', ok: false, error: result.error };
      if (result.ok) await this.load();
      return this.#outcome;
    } finally {
      this.#busy = null;
    }
  }

  async #entryAction(
    action: 'retry' | 'void' | 'resend',
    id: number,
    run: () => ReturnType<PosApi['queue']['retry']>,
  ): Promise<ActionOutcome | null> {
    if (this.#busy) return null;
    this.#busy = action;
    try {
      const result = await run();
      const outcome: ActionOutcome = result.ok
        ? { action, ok: true, entry: result.value }
        : { action, ok: false, error: result.error };
      if (result.ok) {
        // A resend makes a new entry: show that one, the original is voided.
        await Promise.all([
          this.load(),
          this.entry.load(() => this.#pos.queue.show({ id: result.value.id })),
        ]);
      }
      this.#outcome = outcome;
      return outcome;
    } finally {
      this.#busy = null;
    }
  }
}
