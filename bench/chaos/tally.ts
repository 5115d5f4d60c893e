// What a scenario did, counted from three sides: the journal on disk, what CareCloud (the
// sandbox) booked, and what each command told its caller.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { ReceivedBill } from '../../sandbox/received.ts';
import type { CommandRecord } from './rig.ts';

export interface Tally {
  /** Sales in the journal. */
  journaled: number;
  /** Distinct bills CareCloud booked. */
  inCareCloud: number;
  /** Journaled sales (or sales a command reported closed) that CareCloud does not have after the final drain. */
  lost: number;
  /** Bills booked more than once, or one sale booked under two bill ids. */
  doubled: number;
  /** Sales a command reported failed (or never reported), or the queue voided, although CareCloud has them. */
  failedButLanded: number;
  /** Bills CareCloud booked that no journal holds. */
  unjournaled: number;
  /** Commands that did not end within their limit, plus a final drain that could not empty the queue. */
  hung: number;
  /** The longest any command took to end, or the queue took to empty once the faults stopped. */
  longestHangMs: number;
  /** What took that long. */
  longestHang: string;
  commands: { checkouts: number; replays: number; appSales: number; voids: number; killed: number };
  /** Sales a manager voided in the queue. */
  voided: number;
  /** Sales the journal handed to a manager as refused (counted in lost: every bill here is one CareCloud takes). */
  rejected: number;
  /** Why each non-zero count is non-zero, a line per sale. */
  findings: string[];
}

interface JournalRow {
  id: number;
  bill_id: string | null;
  state: string;
  request: string;
  last_error: string | null;
  reasons: string | null;
}

export function readJournal(
  file: string,
): { id: number; billId: string; state: string; sale: string | null; detail: string }[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT id, bill_id, state, request, last_error, reasons FROM entries WHERE kind = 'purchase'")
      .all() as JournalRow[];
    return rows.map((row) => {
      let sale: string | null;
      try {
        sale =
          (JSON.parse(row.request) as { body?: { bill?: { bill_number?: string } } }).body?.bill
            ?.bill_number ?? null;
      } catch {
        sale = null;
      }
      return {
        id: row.id,
        billId: row.bill_id ?? `entry-${row.id}`,
        state: row.state,
        sale,
        detail:
          `entry ${row.id} ` +
          `${row.state}${row.last_error ? ` (${row.last_error})` : ''}${row.reasons ? ` ${row.reasons}` : ''}`,
      };
    });
  } finally {
    db.close();
  }
}

const booked = (bill: ReceivedBill) => bill.statuses.filter((status) => status === 201).length;

export function tally(input: {
  journal: ReturnType<typeof readJournal>;
  purchases: ReceivedBill[];
  records: CommandRecord[];
  drainMs: number;
  drained: boolean;
}): Tally {
  const { journal, purchases, records } = input;
  const findings: string[] = [];
  const landed = new Map(purchases.filter((b) => booked(b) > 0 && !b.canceled).map((b) => [b.bill_id, b]));
  const journalByBill = new Map(journal.map((e) => [e.billId, e]));
  const billsOfSale = new Map<string, string[]>();
  for (const entry of journal)
    if (entry.sale) billsOfSale.set(entry.sale, [...(billsOfSale.get(entry.sale) ?? []), entry.billId]);
  const saleLanded = (sale: string | null) =>
    sale ? (billsOfSale.get(sale) ?? []).some((billId) => landed.has(billId)) : false;

  const lostBills = new Set<string>();
  for (const entry of journal) {
    if (entry.state === 'voided' || landed.has(entry.billId)) continue;
    lostBills.add(entry.billId);
    findings.push(
      `lost: ${entry.sale ?? '?'} ${entry.billId} is journaled (${entry.detail}) but not in CareCloud`,
    );
  }
  for (const record of records) {
    const closed =
      (record.kind === 'checkout' || record.kind === 'app-sale') &&
      !record.killed &&
      !record.hung &&
      (record.outcome === 'synced' || record.outcome === 'queued');
    if (!closed) continue;
    if (record.billId && !journalByBill.has(record.billId) && !landed.has(record.billId)) {
      lostBills.add(record.billId);
      findings.push(
        `lost: ${record.sale} was reported ${record.outcome} as ${record.billId}, ` +
          `which neither the journal nor CareCloud has`,
      );
    } else if (
      record.outcome === 'synced' &&
      record.billId &&
      !landed.has(record.billId) &&
      !lostBills.has(record.billId)
    ) {
      lostBills.add(record.billId);
      findings.push(
        `lost: ${record.sale} was reported synced as ${record.billId} but CareCloud does not have it`,
      );
    }
  }

  let doubled = 0;
  for (const bill of purchases) {
    if (booked(bill) > 1) {
      doubled += 1;
      findings.push(
        `doubled: ${bill.bill_id} was booked ${booked(bill)} times (answers ${bill.statuses.join(', ')})`,
      );
    }
  }
  for (const [sale, bills] of billsOfSale) {
    const both = bills.filter((billId) => landed.has(billId));
    if (both.length > 1) {
      doubled += 1;
      findings.push(`doubled: ${sale} is in CareCloud as ${both.join(' and ')}`);
    }
  }

  let failedButLanded = 0;
  for (const record of records) {
    if (record.kind === 'replay' || record.kind === 'void' || record.killed) continue;
    const reportedClosed =
      !record.hung &&
      record.code !== null &&
      record.code === (record.kind === 'checkout' ? 0 : null) &&
      (record.outcome === 'synced' || record.outcome === 'queued');
    const appClosed =
      record.kind === 'app-sale' && (record.outcome === 'synced' || record.outcome === 'queued');
    if (reportedClosed || appClosed) continue;
    if (saleLanded(record.sale) || (record.billId !== null && landed.has(record.billId))) {
      failedButLanded += 1;
      findings.push(
        `failed but landed: ${record.sale} ended ` +
          `${record.hung ? 'hung' : `with exit ${record.code} ${record.outcome}`} yet CareCloud has it: ` +
          `${record.output.trim().split('\n').slice(-3).join(' / ')}`,
      );
    }
  }

  // The queue says a voided sale was given up; CareCloud having it anyway is a sale reported failed that landed.
  for (const entry of journal) {
    if (entry.state !== 'voided' || !landed.has(entry.billId)) continue;
    failedButLanded += 1;
    findings.push(
      `failed but landed: ${entry.sale ?? '?'} ${entry.billId} was ` +
        `voided in the queue (${entry.detail}) yet CareCloud has it`,
    );
  }

  let unjournaled = 0;
  for (const billId of landed.keys()) {
    if (journalByBill.has(billId)) continue;
    unjournaled += 1;
    findings.push(`unjournaled: CareCloud booked ${billId}, which no journal holds`);
  }

  const hungCommands = records.filter((r) => r.hung);
  for (const record of hungCommands)
    findings.push(
      `hung: ${record.kind}${record.sale ? ` ${record.sale}` : ''} did not end within its limit: ` +
        `${record.output.trim().split('\n').slice(-2).join(' / ')}`,
    );
  if (!input.drained)
    findings.push(`hung: the final drain left sales waiting after ${Math.round(input.drainMs / 1000)} s`);
  let longestHangMs = input.drainMs;
  let longestHang = 'the final drain';
  for (const record of records) {
    if (record.killed || record.endedAt - record.startedAt <= longestHangMs) continue;
    longestHangMs = record.endedAt - record.startedAt;
    const how = record.hung ? ' (hung)' : ` (${record.outcome ?? `exit ${record.code}`})`;
    longestHang = `${record.kind}${record.sale ? ` ${record.sale}` : ''}${how}`;
  }

  return {
    journaled: journal.length,
    inCareCloud: landed.size,
    lost: lostBills.size,
    doubled,
    failedButLanded,
    unjournaled,
    hung: hungCommands.length + (input.drained ? 0 : 1),
    longestHangMs,
    longestHang,
    commands: {
      checkouts: records.filter((r) => r.kind === 'checkout').length,
      replays: records.filter((r) => r.kind === 'replay').length,
      appSales: records.filter((r) => r.kind === 'app-sale').length,
      voids: records.filter((r) => r.kind === 'void' && r.code === 0).length,
      killed: records.filter((r) => r.killed).length,
    },
    rejected: journal.filter((e) => e.state === 'rejected').length,
    voided: journal.filter((e) => e.state === 'voided').length,
    findings,
  };
}

/** The counts that must all be 0. */
export function faultCount(
  t: Pick<Tally, 'lost' | 'doubled' | 'failedButLanded' | 'unjournaled' | 'hung'>,
): number {
  return t.lost + t.doubled + t.failedButLanded + t.unjournaled + t.hung;
}
