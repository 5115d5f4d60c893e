// The audit log: who did what to the queue, paged, and its export.
import type { AuditView, ExportDone, ExportFormat } from '../../../shared/checkout/answers.ts';
import type { PosApi, PosError } from '../../../shared/ipc/index.ts';
import { Part } from './part.svelte.ts';
import { deliverExport } from './export-download.ts';

type AuditPort = Pick<PosApi, 'audit'>;

export class AuditLog {
  readonly #pos: AuditPort;
  readonly pageSize: number;
  readonly page = new Part<{ records: AuditView[]; total: number }>();
  #offset = $state(0);
  #exported = $state.raw<{ ok: true; done: ExportDone } | { ok: false; error: PosError } | null>(null);
  #exporting = $state(false);

  constructor(pos: AuditPort, pageSize = 20) {
    this.#pos = pos;
    this.pageSize = pageSize;
  }

  get offset(): number {
    return this.#offset;
  }
  get exported() {
    return this.#exported;
  }
  get exporting(): boolean {
    return this.#exporting;
  }
  get hasNext(): boolean {
    return this.#offset + this.pageSize < (this.page.value?.total ?? 0);
  }

  load(offset: number = this.#offset): Promise<void> {
    this.#offset = Math.max(0, offset);
    const page = { limit: this.pageSize, offset: this.#offset };
    return this.page.load(() => this.#pos.audit.list({ page }));
  }

  turn(by: 1 | -1): Promise<void> {
    if (by > 0 && !this.hasNext) return Promise.resolve();
    if (by < 0 && this.#offset === 0) return Promise.resolve();
    return this.load(this.#offset + by * this.pageSize);
  }

  async export(format: ExportFormat, pin: string): Promise<boolean> {
    if (this.#exporting) return false;
    this.#exporting = true;
    try {
      const result = await this.#pos.audit.export({ format, pin, to: 'screen' });
      if (result.ok) deliverExport(result.value);
      this.#exported = result.ok ? { ok: true, done: result.value } : { ok: false, error: result.error };
      await this.load(0);
      return result.ok;
    } finally {
      this.#exporting = false;
    }
  }
}
