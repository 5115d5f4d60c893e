// A customer as the lane sees them: who they are, their cards and their wallet (points,
// credit, vouchers, rewards), as the customer lookup answers it, live or from the terminal's cache.
import type { Money } from './money.ts';

export interface CustomerSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** The customer's loyalty status name (e.g. "Gold"), when CareCloud reports one. */
  statusName: string | null;
  /** CareCloud's customer state 2: kept but not active. */
  inactive: boolean;
}

export interface CardSummary {
  id: string;
  number: string;
  validTo: string | null;
  /** CareCloud's card state (1 active, 0 blocked/inactive, 2 deleted). */
  active: boolean;
}

export interface CustomerIdentified {
  customer: CustomerSummary;
  card: CardSummary;
  /** True when answered from the terminal's cache because CareCloud is unreachable. */
  fromCache: boolean;
}

export interface CustomerSearchResult {
  customers: CustomerSummary[];
  /** All matches in CareCloud, which may exceed the list shown. */
  totalItems: number;
  fromCache: boolean;
}

export interface CustomerProfile {
  customer: CustomerSummary;
  cards: CardSummary[];
  fromCache: boolean;
}

/** A wallet part from the terminal's last answer from CareCloud, while CareCloud is unreachable. */
interface LastKnown {
  /** ISO instant CareCloud last gave these values; null when they are CareCloud's answer now. */
  asOf: string | null;
}

export interface PointsOverview extends LastKnown {
  available: number;
  earned: number;
  redeemed: number;
  /**
   * What the available points are worth in the store's currency; null when the customer's
   * status cannot pay with points or CareCloud gives no value in that currency.
   */
  moneyValue: Money | null;
  /** From the customer's status; null when the status is not known. */
  canPayWithPoints: boolean | null;
}

export interface CreditsOverview extends LastKnown {
  /** Available credit per currency: amounts in different currencies are never added up. */
  byCurrency: Money[];
}

export interface VoucherSummary {
  id: string;
  code: string | null;
  name: string | null;
  value: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** Why it cannot be used in this store now (CareCloud's reason codes); empty when it can. */
  refusals: string[];
}

export interface VoucherList extends LastKnown {
  vouchers: VoucherSummary[];
}

export interface RewardList extends LastKnown {
  rewards: RewardSummary[];
}

export interface RewardSummary {
  id: string;
  code: string | null;
  name: string;
  pointsCost: number | null;
}
