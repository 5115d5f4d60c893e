// Sales set aside and taken up again: a cashier parks one deliberately (a customer who
// forgot their wallet), and signing out parks the open one. Each operator sees only their
// own. Kept in main, in a file of the data directory, so a reload or a restart loses none.
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { replacePrivateFile } from '../config/file-modes.ts';
import { join } from 'node:path';
import { z } from 'zod';
import type { ParkedSale, ParkedSaleSummary } from '../../shared/checkout/answers.ts';
import { cartTotals } from '../../shared/checkout/cart.ts';
import { parkPayload } from '../../shared/checkout/schemas.ts';
import type { Operator } from '../../shared/operators.ts';

const MAX_PARKED_PER_OPERATOR = 20;

const storedSchema = z.array(
  parkPayload
    .extend({
      id: z.string().min(1).max(64),
      operatorId: z.string().min(1).max(64),
      parkedAt: z.string().max(40),
    })
    .strict(),
);

type Stored = z.infer<typeof storedSchema>[number];

export type ParkOutcome = { outcome: 'parked'; sale: ParkedSaleSummary } | { outcome: 'full' };

export class ParkedSales {
  readonly #file: string;
  readonly #now: () => Date;
  #sales: Stored[];

  constructor(dataDir: string, now: () => Date = () => new Date()) {
    this.#file = join(dataDir, 'parked-sales.json');
    this.#now = now;
    this.#sales = this.#read();
  }

  /** A file that is missing starts empty; one that does not validate is set aside, not trusted. */
  #read(): Stored[] {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = storedSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: kept aside below.
    }
    renameSync(this.#file, `${this.#file}.unreadable-${Date.now()}`);
    return [];
  }

  #write(): void {
    replacePrivateFile(this.#file, JSON.stringify(this.#sales));
  }

  park(sale: z.infer<typeof parkPayload>, operator: Operator): ParkOutcome {
    // The same sale parked again replaces its older copy.
    const others = this.#sales.filter((s) => !(s.operatorId === operator.id && s.saleId === sale.saleId));
    if (others.filter((s) => s.operatorId === operator.id).length >= MAX_PARKED_PER_OPERATOR)
      return { outcome: 'full' };
    const stored: Stored = {
      ...sale,
      id: randomUUID(),
      operatorId: operator.id,
      parkedAt: this.#now().toISOString(),
    };
    this.#sales = [...others, stored];
    this.#write();
    return { outcome: 'parked', sale: summaryOf(stored) };
  }

  /** This operator's parked sales, oldest first. */
  list(operator: Operator): ParkedSaleSummary[] {
    return this.#sales.filter((s) => s.operatorId === operator.id).map(summaryOf);
  }

  /** Takes a parked sale back to the till; null when this operator has no such sale. */
  recall(id: string, operator: Operator): ParkedSale | null {
    const found = this.#sales.find((s) => s.id === id && s.operatorId === operator.id);
    if (!found) return null;
    this.#sales = this.#sales.filter((s) => s !== found);
    this.#write();
    const { operatorId: _operator, ...sale } = found;
    return sale;
  }
}

function summaryOf(sale: Stored): ParkedSaleSummary {
  return {
    id: sale.id,
    parkedAt: sale.parkedAt,
    reason: sale.reason,
    customerName: sale.customerName,
    itemCount: sale.cart.lines.length,
    totalMinor: cartTotals(sale.cart).totalMinor,
    currency: sale.cart.currency,
  };
}
