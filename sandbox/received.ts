// What the API listener received, so tests can assert exactly-once effects.

export interface ReceivedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation_id: string | null;
  status: number | null;
  /** answered; dropped = cut off mid-response; hung = never answered; failed = injected 5xx. */
  outcome: 'answered' | 'dropped' | 'hung' | 'failed';
  bill_id?: string;
  /** When it arrived and when its answer went out (null: none did), in ms on the sandbox's monotonic clock. */
  arrived_ms: number;
  answered_ms: number | null;
  /** The Accept-Language the request came with, when it had one. */
  accept_language?: string;
}

export interface ReceivedBill {
  bill_id: string;
  attempts: number;
  statuses: number[];
  purchase_id: string | null;
  canceled: boolean;
}

/** The newest requests kept (between this and half as many again). */
const LIMIT = 10_000;

export class ReceivedLog {
  #requests: ReceivedRequest[] = [];
  #bills = new Map<string, ReceivedBill>();
  #seq = 0;

  record(
    entry: Omit<ReceivedRequest, 'seq'>,
    sent?: { billId: string; canceled: boolean; purchaseId: string | null },
  ): void {
    this.#seq += 1;
    this.#requests.push({ seq: this.#seq, ...entry });
    // Trimmed in batches so a long run does not pay a shift per request.
    if (this.#requests.length > LIMIT * 1.5) this.#requests.splice(0, this.#requests.length - LIMIT);
    if (sent) {
      let bill = this.#bills.get(sent.billId);
      if (!bill) {
        bill = {
          bill_id: sent.billId,
          attempts: 0,
          statuses: [],
          purchase_id: null,
          canceled: sent.canceled,
        };
        this.#bills.set(sent.billId, bill);
      }
      bill.attempts += 1;
      if (entry.status !== null) bill.statuses.push(entry.status);
      if (sent.purchaseId) bill.purchase_id = sent.purchaseId;
    }
  }

  requests(): ReceivedRequest[] {
    return [...this.#requests];
  }

  bills(): ReceivedBill[] {
    return [...this.#bills.values()].map((b) => ({ ...b, statuses: [...b.statuses] }));
  }

  clear(): void {
    this.#requests = [];
    this.#bills.clear();
  }
}

/**
 * How many round trips deep the longest chain among these requests is: a request that
 * arrived after another's answer went out may have waited for it; requests that overlap
 * were sent side by side. With CareCloud some distance away (the sandbox's latency), the
 * client's side-by-side calls overlap and only its sequential ones chain.
 */
export function roundTripDepth(
  requests: readonly Pick<ReceivedRequest, 'arrived_ms' | 'answered_ms'>[],
): number {
  const byArrival = [...requests].sort((a, b) => a.arrived_ms - b.arrived_ms);
  const depth: number[] = [];
  byArrival.forEach((request, i) => {
    let before = 0;
    for (let j = 0; j < i; j += 1) {
      const earlier = byArrival[j]!;
      if (earlier.answered_ms !== null && earlier.answered_ms <= request.arrived_ms)
        before = Math.max(before, depth[j]!);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}
