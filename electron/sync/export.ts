// The queue as accounting reads it: one row per entry, in CSV or JSON.
import type { JournalEntry } from '../journal/types.ts';
import { readSendPurchase } from '../../shared/checkout/send-purchase.ts';

export type { ExportFormat } from '../../shared/checkout/answers.ts';

export interface ExportRow {
  entry_id: number;
  kind: string;
  state: string;
  bill_id: string;
  payment_time: string;
  store_id: string;
  cashdesk: number;
  operator: string;
  customer_id: string;
  card_number: string;
  total_price: number | null;
  carecloud_id: string;
  reasons: string;
  void_reason: string;
  voided_by: string;
  replaces_entry: number | null;
  flags: string;
  attempts: number;
  last_error: string;
  recorded_at: string;
  updated_at: string;
}

export function exportRow(entry: JournalEntry): ExportRow {
  const total = readSendPurchase(entry.request.body)?.bill.total_price ?? null;
  return {
    entry_id: entry.id,
    kind: entry.kind,
    state: entry.state,
    bill_id: entry.billId ?? '',
    payment_time: entry.paymentTime ?? '',
    store_id: entry.storeId,
    cashdesk: entry.cashdesk,
    operator: entry.operator,
    customer_id: entry.customerId ?? '',
    card_number: entry.cardNumber ?? '',
    total_price: total,
    carecloud_id: entry.remoteId ?? '',
    reasons: entry.reasons.map((r) => `${r.name}/${r.reason}`).join('; '),
    void_reason: entry.voidReason ?? '',
    voided_by: entry.voidedBy ?? '',
    replaces_entry: entry.replaces,
    flags: entry.flags.join('; '),
    attempts: entry.attemptCount,
    last_error: entry.lastError ?? '',
    recorded_at: new Date(entry.createdAt).toISOString(),
    updated_at: new Date(entry.updatedAt).toISOString(),
  };
}

/** Quotes every text cell and defuses values a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(entries: readonly JournalEntry[]): string {
  const rows = entries.map(exportRow);
  const header = Object.keys(exportRow({ ...placeholderEntry })) as (keyof ExportRow)[];
  return (
    [header.join(','), ...rows.map((row) => header.map((key) => csvCell(row[key])).join(','))].join('\r\n') +
    '\r\n'
  );
}

export function toJson(entries: readonly JournalEntry[]): string {
  return `${JSON.stringify(
    entries.map((entry) => ({ ...exportRow(entry), request: entry.request })),
    null,
    2,
  )}\n`;
}

// Only used to read the column names in order.
const placeholderEntry: JournalEntry = {
  id: 0,
  kind: 'purchase',
  idempotencyKey: '',
  billId: null,
  request: { method: 'POST', path: '', body: null },
  paymentTime: null,
  storeId: '',
  cashdesk: 0,
  operator: '',
  customerId: null,
  cardNumber: null,
  dependsOn: null,
  replaces: null,
  flags: [],
  state: 'pending',
  remoteId: null,
  reasons: [],
  voidReason: null,
  voidedBy: null,
  attemptCount: 0,
  nextAttemptAt: 0,
  lastError: null,
  leaseOwner: null,
  leaseExpiresAt: null,
  createdAt: 0,
  updatedAt: 0,
  exportedAt: null,
};
