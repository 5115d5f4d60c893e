// Points claimed later: a closed sale nobody's yet is given to a customer with
// assign-customer, journaled like every write. The sale is named by its bill_id (a
// receipt's barcode) or by the short reference this terminal prints and shows.
import { billSearchOf, parseBillId } from '../../shared/checkout/sale-reference.ts';
import type { AssignOutcome, AssignRefusal } from '../../shared/checkout/rewards.ts';
import type { RefusalReason } from '../domain/errors.ts';
import { cancellationBillId } from '../journal/bill-id.ts';
import type { Journal } from '../journal/journal.ts';
import type { JournalEntry, RejectionReason } from '../journal/types.ts';
import { writeEntry } from '../sync/closure.ts';
import type { SyncEngine } from '../sync/engine.ts';

export interface PointsClaimOptions {
  journal: Journal;
  sync: Pick<SyncEngine, 'close'>;
  /** This terminal's store and desk (from the settings): a sale of another till is asked in this store. */
  place: () => { storeId: string; cashdesk: number };
}

/** Another till's or system's bill_id, as CareCloud's bill_id allows it. */
const FOREIGN_BILL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{5,63}$/;

type Found = { billId: string; purchase: JournalEntry | null } | { refused: AssignRefusal };

function refusal(billId: string | null, reason: AssignRefusal, reasons: RefusalReason[] = []): AssignOutcome {
  return { outcome: 'refused', billId, reason, reasons };
}

/** CareCloud's refusal in the lane's words: the two a cashier meets have their own sentence. */
function refusalOf(reasons: readonly RejectionReason[]): { reason: AssignRefusal; reasons: RefusalReason[] } {
  const listed = reasons.map((r) => ({ name: r.name, reason: r.reason, message: r.message ?? r.reason }));
  if (reasons.some((r) => r.reason === 'relation_already_exists'))
    return { reason: 'already_assigned', reasons: listed };
  if (
    reasons.some(
      (r) => r.reason === 'not_found' && (r.name === 'external_purchase_id' || r.name === 'purchases'),
    )
  )
    return { reason: 'unknown_sale', reasons: listed };
  return { reason: 'refused', reasons: listed };
}

export class PointsClaim {
  readonly #o: PointsClaimOptions;
  readonly #running = new Map<string, Promise<AssignOutcome>>();

  constructor(options: PointsClaimOptions) {
    this.#o = options;
  }

  /** One request per sale at a time: a second press while the first runs gets its answer. */
  assign(
    request: { sale: string; customerId: string; cardNumber?: string | undefined },
    operator: string,
  ): Promise<AssignOutcome> {
    const found = this.#find(request.sale);
    if ('refused' in found) return Promise.resolve(refusal(null, found.refused));
    const running = this.#running.get(found.billId);
    if (running) return running;
    const started = this.#assign(found, request.customerId, request.cardNumber, operator).finally(() =>
      this.#running.delete(found.billId),
    );
    this.#running.set(found.billId, started);
    return started;
  }

  #find(text: string): Found {
    const search = billSearchOf(text);
    if (search?.by === 'billId') {
      const parts = parseBillId(search.billId);
      if (parts?.cancellation) return { refused: 'unknown_sale' };
      return { billId: search.billId, purchase: this.#purchase(search.billId) };
    }
    if (search?.by === 'code') {
      const { entries } = this.#o.journal.list(
        { kind: 'purchase', anyOf: { billIdEnd: search.code } },
        { limit: 2, offset: 0 },
      );
      const matching = entries.filter((e) => e.billId && parseBillId(e.billId)?.code === search.code);
      // Two of this terminal's sales with one code: the receipt's barcode (the whole bill_id) tells them apart.
      if (matching.length !== 1) return { refused: 'unknown_sale' };
      return { billId: matching[0]!.billId!, purchase: matching[0]! };
    }
    const trimmed = text.trim();
    if (FOREIGN_BILL_ID.test(trimmed)) return { billId: trimmed, purchase: this.#purchase(trimmed) };
    return { refused: 'unknown_sale' };
  }

  #purchase(billId: string): JournalEntry | null {
    const entry = this.#o.journal.byBillId(billId);
    return entry?.kind === 'purchase' ? entry : null;
  }

  async #assign(
    found: { billId: string; purchase: JournalEntry | null },
    customerId: string,
    cardNumber: string | undefined,
    operator: string,
  ): Promise<AssignOutcome> {
    const { billId, purchase } = found;
    if (purchase) {
      if (purchase.customerId || purchase.cardNumber) return refusal(billId, 'already_assigned');
      if (purchase.state === 'rejected' || purchase.state === 'voided')
        return refusal(billId, 'sale_not_sent');
      const cancellation = this.#o.journal.byBillId(cancellationBillId(billId));
      if (cancellation && cancellation.state !== 'rejected' && cancellation.state !== 'voided')
        return refusal(billId, 'sale_cancelled');
    }
    const earlier = this.#o.journal
      .assignmentsOf(billId)
      .filter((e) => e.state !== 'rejected' && e.state !== 'voided');
    if (earlier.some((e) => e.customerId !== customerId)) return refusal(billId, 'already_assigned');
    const same = earlier.at(-1);
    if (same)
      return same.state === 'synced'
        ? { outcome: 'assigned', billId }
        : { outcome: 'queued', billId, why: 'send-failed' };

    const here = this.#o.place();
    const storeId = purchase?.storeId ?? here.storeId;
    const body = {
      store_id: storeId,
      external_purchase_id: billId,
      customer_id: customerId,
      ...(cardNumber ? { card_number: cardNumber } : {}),
    };
    const entry = writeEntry({
      kind: 'customer-assignment',
      body,
      storeId,
      cashdesk: purchase?.cashdesk ?? here.cashdesk,
      operator,
      customerId,
      ...(cardNumber ? { cardNumber } : {}),
    });
    // The sale itself must reach CareCloud first: until then the assignment waits in the journal.
    const closed = await this.#o.sync.close(
      purchase && purchase.state !== 'synced' ? { ...entry, dependsOn: purchase.id } : entry,
    );
    if (closed.outcome === 'synced') return { outcome: 'assigned', billId };
    if (closed.outcome === 'rejected') {
      const refused = refusalOf(closed.reasons);
      return refusal(billId, refused.reason, refused.reasons);
    }
    return {
      outcome: 'queued',
      billId,
      why: closed.why === 'waiting-for-original' ? 'waiting-for-sale' : closed.why,
    };
  }
}
