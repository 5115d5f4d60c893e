// Faults on demand: what the API listener does wrong next. Read by the request pipeline,
// set through the control API or in-process.

export type NetworkMode = 'up' | 'refuse' | 'hang';

export interface ErrorFault {
  status: 500 | 503;
  /** Requests still to fail; null = until `until`. */
  remaining: number | null;
  /** Epoch ms after which the fault ends; null = until `remaining` runs out. */
  until: number | null;
}

export class Faults {
  network: NetworkMode = 'up';
  error: ErrorFault | null = null;
  latencyMs = 0;
  /** Responses still to cut off mid-body (the request itself takes effect). */
  dropRemaining = 0;
  /** Only responses of this operation are cut (null: any), to lose one write's answer exactly. */
  dropOperation: string | null = null;
  /**
   * Done to the project once, just before the next request for an operation is handled (what another till did
   * meanwhile).
   */
  readonly before = new Map<string, () => void>();

  /** The status to fail this request with, if an error fault is active. */
  takeError(nowMs: number): 500 | 503 | null {
    const fault = this.error;
    if (!fault) return null;
    if (fault.until !== null && nowMs >= fault.until) {
      this.error = null;
      return null;
    }
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.error = null;
    }
    return fault.status;
  }

  takeDrop(operationId: string | null = null): boolean {
    if (this.dropRemaining <= 0) return false;
    if (this.dropOperation !== null && operationId !== this.dropOperation) return false;
    this.dropRemaining -= 1;
    return true;
  }

  /** The action waiting for this operation, if any; taken once. */
  takeBefore(operationId: string): (() => void) | null {
    const action = this.before.get(operationId);
    if (!action) return null;
    this.before.delete(operationId);
    return action;
  }

  clear(): void {
    this.before.clear();
    this.error = null;
    this.latencyMs = 0;
    this.dropRemaining = 0;
    this.dropOperation = null;
  }

  describe() {
    return {
      network: this.network,
      error: this.error,
      latency_ms: this.latencyMs,
      drop_remaining: this.dropRemaining,
    };
  }
}
