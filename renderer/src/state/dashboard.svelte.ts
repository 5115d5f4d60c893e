// The manager's dashboard: the figures main reads from the journal, reloaded quietly
// (at most every few seconds) while the queue moves, and the drain's progress taken
// from each sync status push, which is newer than the last load.
import type { DashboardFigures, DrainProgress } from '../../../shared/dashboard.ts';
import type { PosApi, SyncStatus } from '../../../shared/ipc/index.ts';
import { dashboardOpenMark } from '../marks.ts';
import { Part } from './part.svelte.ts';

/** Pushes during a drain come every second; the figures need not follow each. */
const REFRESH_EVERY_MS = 3_000;

export class DashboardState {
  readonly figures = new Part<DashboardFigures>();
  readonly #pos: PosApi;
  #drain = $state.raw<{ value: DrainProgress | null; at: number } | null>(null);
  #loadedAt = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(pos: PosApi) {
    this.#pos = pos;
  }

  /** The drain as last pushed, or as the last load had it. */
  get drain(): DrainProgress | null {
    const loaded = this.figures.value;
    if (this.#drain && (!loaded || this.#drain.at >= this.#loadedAt)) return this.#drain.value;
    return loaded?.drain ?? null;
  }

  /** Opening the dashboard: a fresh load, marked for the benchmark. */
  async open(): Promise<void> {
    if (typeof performance !== 'undefined') {
      performance.clearMarks(dashboardOpenMark);
      performance.mark(dashboardOpenMark);
    }
    await this.#load(false);
  }

  /** A sync push while the dashboard shows: the drain at once, the figures soon. */
  follow(status: SyncStatus): void {
    if (status.drain !== undefined) this.#drain = { value: status.drain, at: Date.now() };
    if (this.#refreshTimer) return;
    const wait = Math.max(0, this.#loadedAt + REFRESH_EVERY_MS - Date.now());
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#load(true);
    }, wait);
  }

  refresh(): Promise<void> {
    return this.#load(true);
  }

  close(): void {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
  }

  async #load(quiet: boolean): Promise<void> {
    this.#loadedAt = Date.now();
    await this.figures.load(() => this.#pos.dashboard.figures(), { quiet });
  }
}
