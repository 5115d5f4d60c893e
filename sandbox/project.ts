// The project's data with the indexes the handlers need, and every change to it.
// Handlers never edit the arrays directly, so the indexes stay true.
import { entityId } from './ids.ts';
import {
  projectDataSchema,
  projectDataV1Schema,
  type Card,
  type Customer,
  type LedgerEntry,
  type ProjectData,
  type Purchase,
  type Reward,
  type Store,
  type Voucher,
} from './model.ts';
import { purchaseItemTypes, seedProject } from './seed.ts';
import { seedCustomerPasswords } from './customer-seed.ts';

export interface Balance {
  earned: number;
  redeemed: number;
}

export interface OneTimePassword {
  requestId: string;
  code: string;
  recipient: string;
  channel: number;
  /** Project-local time after which the code no longer verifies. */
  validTo: string;
  used: boolean;
}

export class Project {
  #data: ProjectData;
  #customers = new Map<string, Customer>();
  #customersByEmail = new Map<string, Customer>();
  #cards = new Map<string, Card>();
  #cardsByNumber = new Map<string, Card>();
  #vouchers = new Map<string, Voucher>();
  #vouchersByCode = new Map<string, Voucher>();
  #rewards = new Map<string, Reward>();
  #stores = new Map<string, Store>();
  #purchases = new Map<string, Purchase>();
  #purchasesByBillId = new Map<string, Purchase>();
  #ledgerByCustomer = new Map<string, LedgerEntry[]>();

  constructor(data: ProjectData = seedProject()) {
    this.#data = data;
    this.#data.customer_passwords ??= seedCustomerPasswords();
    this.#index();
  }

  /** A project from a state file's JSON; throws a readable error when it is not one. */
  static fromJson(text: string): Project {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `the state file is not JSON (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    }
    const notState = (issues: { path: PropertyKey[]; message: string }[]) => {
      const first = issues[0];
      return new Error(
        `the state file is not a sandbox state ` +
          `(${first ? `${first.path.map(String).join('.')}: ${first.message}` : 'invalid'})`,
      );
    };
    if (typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version === 1) {
      const older = projectDataV1Schema.safeParse(raw);
      if (!older.success) throw notState(older.error.issues);
      return new Project(earningInStoreCurrency(older.data));
    }
    const parsed = projectDataSchema.safeParse(raw);
    if (!parsed.success) throw notState(parsed.error.issues);
    return new Project(parsed.data);
  }

  toJson(): string {
    return JSON.stringify(this.#data);
  }

  get data(): Readonly<ProjectData> {
    return this.#data;
  }

  #index(): void {
    const d = this.#data;
    for (const c of d.customers) this.#indexCustomer(c);
    for (const c of d.cards) this.#indexCard(c);
    for (const v of d.vouchers) this.#indexVoucher(v);
    for (const r of d.rewards) this.#rewards.set(r.reward_id, r);
    for (const s of d.stores) this.#stores.set(s.store_id, s);
    for (const p of d.purchases) this.#indexPurchase(p);
    for (const e of d.ledger) this.#indexLedger(e);
  }

  #indexCustomer(c: Customer): void {
    this.#customers.set(c.customer_id, c);
    if (c.email) this.#customersByEmail.set(c.email.toLowerCase(), c);
  }
  #indexCard(c: Card): void {
    this.#cards.set(c.card_id, c);
    this.#cardsByNumber.set(c.card_number, c);
  }
  #indexVoucher(v: Voucher): void {
    this.#vouchers.set(v.voucher_id, v);
    this.#vouchersByCode.set(v.code, v);
  }
  #indexPurchase(p: Purchase): void {
    this.#purchases.set(p.purchase_id, p);
    this.#purchasesByBillId.set(p.bill_id, p);
  }
  #indexLedger(e: LedgerEntry): void {
    const list = this.#ledgerByCustomer.get(e.customer_id);
    if (list) list.push(e);
    else this.#ledgerByCustomer.set(e.customer_id, [e]);
  }

  nextId(kind: string): string {
    this.#data.seq += 1;
    return entityId(kind, this.#data.seq);
  }

  customer(id: string): Customer | undefined {
    return this.#customers.get(id);
  }
  customerByEmail(email: string): Customer | undefined {
    return this.#customersByEmail.get(email.toLowerCase());
  }
  card(id: string): Card | undefined {
    return this.#cards.get(id);
  }
  cardByNumber(number: string): Card | undefined {
    return this.#cardsByNumber.get(number);
  }
  voucher(id: string): Voucher | undefined {
    return this.#vouchers.get(id);
  }
  voucherByCode(code: string): Voucher | undefined {
    return this.#vouchersByCode.get(code);
  }
  reward(id: string): Reward | undefined {
    return this.#rewards.get(id);
  }
  store(id: string): Store | undefined {
    return this.#stores.get(id);
  }
  /** One-time passwords sent and not yet used, by request id; not part of the state file. */
  readonly oneTimePasswords = new Map<string, OneTimePassword>();

  purchaseItemTypes(): NonNullable<ProjectData['purchase_item_types']> {
    return this.data.purchase_item_types ?? purchaseItemTypes();
  }
  purchase(id: string): Purchase | undefined {
    return this.#purchases.get(id);
  }
  purchaseByBillId(billId: string): Purchase | undefined {
    return this.#purchasesByBillId.get(billId);
  }
  ledgerOf(customerId: string): readonly LedgerEntry[] {
    return this.#ledgerByCustomer.get(customerId) ?? [];
  }

  points(customerId: string, from?: string, to?: string): Balance {
    return this.#balance(customerId, 'points', null, from, to);
  }
  credits(customerId: string, currencyId: string | null, from?: string, to?: string): Balance {
    return this.#balance(customerId, 'credits', currencyId, from, to);
  }
  #balance(
    customerId: string,
    kind: LedgerEntry['kind'],
    currencyId: string | null,
    from?: string,
    to?: string,
  ): Balance {
    const balance = { earned: 0, redeemed: 0 };
    for (const e of this.ledgerOf(customerId)) {
      if (e.kind !== kind || (currencyId !== null && e.currency_id !== currencyId)) continue;
      if ((from && e.at < from) || (to && e.at > to)) continue;
      if (e.amount >= 0) balance.earned += e.amount;
      else balance.redeemed -= e.amount;
    }
    return balance;
  }
  availablePoints(customerId: string): number {
    const b = this.points(customerId);
    return b.earned - b.redeemed;
  }
  availableCredits(customerId: string, currencyId: string): number {
    const b = this.credits(customerId, currencyId);
    return b.earned - b.redeemed;
  }

  /** The customer's Customer API password hash, if they have a password. */
  passwordHash(customerId: string): string | undefined {
    return this.#data.customer_passwords?.[customerId];
  }
  setPasswordHash(customerId: string, hash: string): void {
    (this.#data.customer_passwords ??= {})[customerId] = hash;
  }
  agreementsOf(customerId: string): NonNullable<ProjectData['customer_agreements']>[string] | undefined {
    return this.#data.customer_agreements?.[customerId];
  }
  setAgreements(
    customerId: string,
    agreement: NonNullable<ProjectData['customer_agreements']>[string],
  ): void {
    (this.#data.customer_agreements ??= {})[customerId] = agreement;
  }
  customerByPhone(phone: string): Customer | undefined {
    const digits = phone.replace(/\D/g, '');
    if (digits === '') return undefined;
    return this.#data.customers.find((c) => c.phone !== null && c.phone.replace(/\D/g, '') === digits);
  }

  addCustomer(c: Customer): void {
    this.#data.customers.push(c);
    this.#indexCustomer(c);
  }
  addCard(c: Card): void {
    this.#data.cards.push(c);
    this.#indexCard(c);
  }
  addVoucher(v: Voucher): void {
    this.#data.vouchers.push(v);
    this.#indexVoucher(v);
  }
  addPurchase(p: Purchase): void {
    this.#data.purchases.push(p);
    this.#indexPurchase(p);
  }
  addLedger(e: LedgerEntry): void {
    if (e.amount === 0) return;
    this.#data.ledger.push(e);
    this.#indexLedger(e);
  }
}

/** Version 1 counted every store's earning rule in base-currency minor units; version 2 in the store's own. */
function earningInStoreCurrency(data: Omit<ProjectData, 'version'>): ProjectData {
  const rates = new Map(data.currencies.map((c) => [c.currency_id, c.rate_to_base]));
  return {
    ...data,
    version: 2,
    stores: data.stores.map((s) => {
      const rate = rates.get(s.currency_id) ?? 1;
      return {
        ...s,
        earning: { ...s.earning, per_minor: Math.max(1, Math.round(s.earning.per_minor / rate)) },
      };
    }),
  };
}
