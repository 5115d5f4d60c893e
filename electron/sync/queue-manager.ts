// What a store manager (in the app) or support (through `ccpos queue`) can do with
// the offline queue. Every change is audited with who made it.
import { InvalidInput, InvalidState, NotFound } from '../domain/errors.ts';
import type { Journal } from '../journal/journal.ts';
import type { Attempt, AuditRecord, EntryFilter, JournalEntry, Page, Transition } from '../journal/types.ts';
import { resendWithoutBenefits, type TerminalClock } from './closure.ts';
import { toCsv, toJson, type ExportFormat } from './export.ts';

export interface EntryDetail {
  entry: JournalEntry;
  transitions: Transition[];
  attempts: Attempt[];
  audit: AuditRecord[];
  /** The entry this one replaced, and the one that replaced it. */
  replaces: JournalEntry | null;
  replacedBy: JournalEntry | null;
}

export interface QueueActionsOptions {
  journal: Journal;
  terminal: TerminalClock;
  /** Called after every change to the queue: the sync engine sends what is due and reports the new counts. */
  onWork?: () => void;
}

export class QueueActions {
  readonly #journal: Journal;
  readonly #terminal: TerminalClock;
  readonly #onWork: () => void;

  constructor(options: QueueActionsOptions) {
    this.#journal = options.journal;
    this.#terminal = options.terminal;
    this.#onWork = options.onWork ?? (() => {});
  }

  list(filter: EntryFilter = {}, page: Page = { limit: 50, offset: 0 }) {
    return this.#journal.list(filter, page);
  }

  show(id: number): EntryDetail {
    const entry = this.#journal.get(id);
    if (!entry) throw new NotFound(`There is no journal entry ${id}.`);
    return {
      entry,
      transitions: this.#journal.transitions(id),
      attempts: this.#journal.attempts(id),
      audit: this.#journal.audit(id),
      replaces: entry.replaces === null ? null : this.#journal.get(entry.replaces),
      replacedBy: this.#journal.replacementOf(id),
    };
  }

  retry(id: number, actor: string): JournalEntry {
    const entry = this.#journal.retryNow(id, actor);
    this.#onWork();
    return entry;
  }

  void(id: number, reason: string, actor: string): JournalEntry {
    if (!reason.trim())
      throw new InvalidInput('Voiding an entry needs a reason.', [
        { name: 'reason', reason: 'required', message: 'a reason is needed' },
      ]);
    const entry = this.#journal.void(id, reason.trim(), actor);
    this.#onWork();
    return entry;
  }

  /** A rejected purchase sent again as a new sale without its refused vouchers, points and credit. */
  resendWithoutBenefits(id: number, actor: string): JournalEntry {
    const original = this.#journal.get(id);
    if (!original) throw new NotFound(`There is no journal entry ${id}.`);
    if (original.state !== 'rejected')
      throw new InvalidState(
        `Entry ${id} is ${original.state}; only a rejected purchase can be resent without its benefits.`,
      );
    const { entry, dropped } = resendWithoutBenefits(original, actor, this.#terminal);
    const created = this.#journal.appendReplacement(id, entry, actor, { dropped, reasons: original.reasons });
    this.#onWork();
    return created;
  }

  /**
   * Every entry matching the filter, as text handed to `deliver` (which writes it somewhere);
   * only once that succeeded are the entries marked exported, with an audit record.
   */
  export(
    filter: EntryFilter,
    format: ExportFormat,
    actor: string,
    deliver: (text: string) => void,
  ): { count: number } {
    if (!actor.trim()) throw new Error('An export needs the name of who makes it.');
    const entries: JournalEntry[] = [];
    // Page after page by the last id read: each page starts through the primary key, not by skipping.
    for (let after = 0; ;) {
      const page = this.#journal.list(filter, { limit: 500, offset: 0, after });
      entries.push(...page.entries);
      if (page.entries.length < 500) break;
      after = page.entries.at(-1)!.id;
    }
    deliver(format === 'csv' ? toCsv(entries) : toJson(entries));
    this.#journal.markExported(
      entries.map((e) => e.id),
      actor,
      format,
    );
    return { count: entries.length };
  }
}
