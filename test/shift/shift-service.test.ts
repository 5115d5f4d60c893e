// The shift on a real journal file: the float, cash in and out, sales and a refund tied to
// the shift by the database, the expected cash, the count by denominations or total, the
// manager's PIN past the limit, X against Z, a restart in the middle, and a closed shift
// that SQLite itself keeps as it was.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal.ts';
import { ShiftStateError } from '../../electron/journal/shifts.ts';
import type { NewEntry } from '../../electron/journal/types.ts';
import { PinRefused } from '../../electron/domain/errors.ts';
import { ShiftInputError, ShiftService } from '../../electron/shift/shift-service.ts';
import type { Operator } from '../../shared/ipc/contract.ts';
import { countedTotal, denominationsOf, expectedCash, needsManager } from '../../shared/shift.ts';
import { settle } from '../../shared/checkout/cash.ts';
import { purchaseEntry, tempDir } from '../journal/helpers.ts';

const jana: Operator = { id: 'c1', name: 'Jana', role: 'cashier' };
const petr: Operator = { id: 'c2', name: 'Petr', role: 'cashier' };
const MANAGER_PIN = '9999';

type Line = { vat: number; paid: number };

/** A till sale as pay journals it: the bill and the settlement cash.ts computed. */
function sale(
  billId: string,
  dueMinor: number,
  tender: Parameters<typeof settle>[1],
  options: {
    operator?: string;
    lines?: Line[];
    customer?: string;
    pointsEarned?: number | null;
    recap?: Record<string, unknown>;
  } = {},
): NewEntry {
  const base = purchaseEntry({ billId, idempotencyKey: billId, operator: options.operator ?? 'Jana' });
  const settled = settle(dueMinor, tender, 100);
  if (!settled.ok) throw new Error(settled.problem);
  const body = base.request.body as { bill: Record<string, unknown> };
  const lines = options.lines ?? [{ vat: 21, paid: dueMinor }];
  const { customerId: _drop, ...rest } = base;
  return {
    ...rest,
    ...(options.customer ? { customerId: options.customer } : {}),
    request: {
      ...base.request,
      body: {
        ...body,
        bill: {
          ...body.bill,
          bill_id: billId,
          total_price: dueMinor / 100,
          bill_items: lines.map((line, i) => ({
            bill_item_id: `l${i}`,
            plu_ids: [{ list_code: 'PLU', code: String(i) }],
            plu_name: `item ${i}`,
            vat_rate: line.vat,
            quantity: 1,
            price: line.paid / 100,
            paid_amount: line.paid / 100,
            loyalty_off: false,
            purchase_item_type_id: 'store_purchase',
          })),
          ...(options.recap ? { payment_recap: options.recap } : {}),
        },
      },
    },
    tillPayment: {
      paidMinor: settled.settlement.paidMinor,
      settlement: { ...settled.settlement },
      pointsEarned: options.pointsEarned ?? null,
    },
  };
}

describe('the lane shift', () => {
  let dir: { dir: string; cleanup: () => void };
  let journal: Journal;
  let shifts: ShiftService;
  let limit = 5_000;
  let clock = Date.parse('2026-06-10T07:00:00Z');
  const file = () => `${dir.dir}/journal.db`;

  const build = () =>
    new ShiftService({
      journal,
      lane: () => ({ storeId: 'store-1', cashdesk: 3, currency: 'CZK' }),
      settings: () => ({ cashNeedsOpenShift: true, countDifferenceLimitMinor: limit }),
      exportDir: `${dir.dir}/exports`,
      language: () => 'en',
      timeZone: () => 'Europe/Prague',
      managerCheck: async (pin) => {
        if (pin !== MANAGER_PIN) throw new PinRefused({ reason: 'refused', attemptsLeft: 2 });
        return { id: 'm1', name: 'Manager', role: 'manager' };
      },
    });

  beforeEach(() => {
    dir = tempDir();
    limit = 5_000;
    journal = Journal.open(file(), { now: () => (clock += 1_000) });
    shifts = build();
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  it('expects the float plus cash taken less change, less refunds, plus cash in, less cash out', async () => {
    expect(shifts.cashAllowed()).toBe(false);
    shifts.open(jana, 200_000);
    expect(shifts.cashAllowed()).toBe(true);
    // 129.40 due in cash, 200 handed over: 129 kept after rounding, 71 change.
    journal.append(
      sale(
        'B-1',
        12_940,
        { cardMinor: 0, cashTenderedMinor: 20_000 },
        {
          lines: [
            { vat: 21, paid: 10_000 },
            { vat: 12, paid: 2_940 },
          ],
          customer: 'cust-1',
          pointsEarned: 13,
        },
      ),
    );
    journal.append(sale('B-2', 50_000, 'card', { operator: 'Petr' }));
    const split = journal.append(
      sale(
        'B-3',
        30_000,
        { cardMinor: 10_000, cashTenderedMinor: 20_000 },
        {
          customer: 'cust-2',
          recap: {
            credit_points: 40,
            vouchers: [{ code: 'DEMO100', discount_value: 100 }],
            recommended_discounts: [{ bill_item_id: 'l0', discount_value: 15.5 }],
          },
        },
      ),
    );
    journal.append({
      ...purchaseEntry({ billId: 'CB-3', idempotencyKey: 'CB-3', operator: 'Manager' }),
      kind: 'cancellation',
      dependsOn: split.id,
    });
    shifts.move(jana, 'in', 50_000, 'Change from the safe');
    shifts.move(petr, 'out', 30_000, 'Banked at noon');

    const x = shifts.xReport(petr);
    expect(x.kind).toBe('X');
    expect(x.sales).toEqual({ count: 3, totalMinor: 92_940, paidMinor: 12_900 + 50_000 + 30_000 });
    expect(x.tenders).toEqual({
      cardMinor: 60_000,
      cashMinor: 12_900 + 20_000,
      cashTenderedMinor: 40_000,
      changeMinor: 7_100,
      roundingMinor: -40,
    });
    expect(x.cancellations).toEqual({ count: 1, paidMinor: 30_000, cashRefundedMinor: 20_000 });
    expect(x.cash).toMatchObject({
      openingFloatMinor: 200_000,
      cashTakenMinor: 32_900,
      cashRefundedMinor: 20_000,
      cashInMinor: 50_000,
      cashOutMinor: 30_000,
      movementsIn: 1,
      movementsOut: 1,
    });
    expect(x.cash.expectedMinor).toBe(200_000 + 32_900 - 20_000 + 50_000 - 30_000);
    expect(shifts.current()!.expectedCashMinor).toBe(x.cash.expectedMinor);
    expect(x.cashiers.map((c) => [c.operator, c.sales, c.paidMinor, c.cashMinor, c.cancellations])).toEqual([
      ['Jana', 2, 42_900, 32_900, 0],
      ['Manager', 0, 0, 0, 1],
      ['Petr', 1, 50_000, 0, 0],
    ]);
    expect(x.vat).toEqual([
      { rate: 12, grossMinor: 2_940, vatMinor: 315 },
      { rate: 21, grossMinor: 10_000 + 50_000 + 30_000, vatMinor: Math.round((90_000 * 21) / 121) },
    ]);
    expect(x.vouchers).toEqual({ count: 1, valueMinor: 10_000 });
    expect(x.discountsMinor).toBe(1_550);
    expect(x.points).toEqual({ used: 40, issued: 13, awaiting: 1 });
    expect(x.waiting).toBe(4);
    expect(x.close).toBeNull();
  });

  it('closes with a count by denominations into a Z report that is kept, and takes nothing more', async () => {
    shifts.open(jana, 100_000);
    journal.append(sale('B-1', 25_000, 'cash'));
    const before = shifts.xReport(jana);
    // 1 250 Kč: one 1 000 note, one 200, one 50.
    const closed = await shifts.close(
      jana,
      { by: 'denominations', pieces: { '100000': 1, '20000': 1, '5000': 1 } },
      null,
    );
    expect(closed.outcome).toBe('closed');
    if (closed.outcome !== 'closed') return;
    const z = closed.report;
    expect(z.kind).toBe('Z');
    expect(z.close).toMatchObject({ countedMinor: 125_000, differenceMinor: 0, approvedBy: null });
    expect(z.sales).toEqual(before.sales);
    expect(shifts.current()).toBeNull();
    expect(shifts.report(z.id)).toEqual(z);
    expect(shifts.closedShifts(5).map((r) => r.id)).toEqual([z.id]);
    // A sale after the close belongs to no shift: the Z stays what it was.
    journal.append(sale('B-2', 1_000, 'cash'));
    expect(shifts.report(z.id)).toEqual(z);
    await expect(shifts.close(jana, { by: 'total', totalMinor: 0 }, null)).rejects.toThrow(ShiftStateError);
    expect(() => shifts.move(jana, 'in', 100, 'more change')).toThrow(ShiftStateError);
    expect(() => shifts.xReport(jana)).toThrow(/No shift is open/);
    const actions = journal.audit().map((a) => a.action);
    expect(actions).toEqual(['shift-open', 'shift-x-report', 'shift-close']);
    expect(journal.audit().at(-1)!.detail).toMatchObject({
      expectedCashMinor: 125_000,
      countedCashMinor: 125_000,
      differenceMinor: 0,
    });
  });

  it('asks for a manager when the difference passes the limit, either way, and keeps who approved', async () => {
    limit = 1_000;
    shifts.open(jana, 50_000);
    const short = await shifts.close(jana, { by: 'total', totalMinor: 48_900 }, null);
    expect(short).toEqual({
      outcome: 'needs_manager',
      expectedMinor: 50_000,
      countedMinor: 48_900,
      differenceMinor: -1_100,
      limitMinor: 1_000,
    });
    expect(shifts.current()).not.toBeNull();
    await expect(shifts.close(jana, { by: 'total', totalMinor: 48_900 }, '1234')).rejects.toThrow(PinRefused);
    expect(shifts.current()).not.toBeNull();
    const approved = await shifts.close(jana, { by: 'total', totalMinor: 48_900 }, MANAGER_PIN);
    expect(approved.outcome).toBe('closed');
    if (approved.outcome === 'closed')
      expect(approved.report.close).toMatchObject({
        differenceMinor: -1_100,
        approvedBy: 'Manager',
        count: { by: 'total', totalMinor: 48_900 },
      });
    // Within the limit no PIN is asked.
    shifts.open(jana, 50_000);
    expect((await shifts.close(jana, { by: 'total', totalMinor: 51_000 }, null)).outcome).toBe('closed');
  });

  it('refuses a second open shift, bad amounts, a movement without a reason and a count it cannot read', async () => {
    shifts.open(jana, 0);
    expect(() => shifts.open(petr, 100)).toThrow(expect.objectContaining({ refusal: 'shift_already_open' }));
    expect(() => shifts.move(jana, 'out', 0, 'nothing')).toThrow(ShiftInputError);
    expect(() => shifts.move(jana, 'out', -5, 'negative')).toThrow(ShiftInputError);
    expect(() => shifts.move(jana, 'out', 100, '  ')).toThrow(ShiftInputError);
    expect(() => shifts.move(jana, 'in', 1.5, 'half a heller')).toThrow(ShiftInputError);
    await expect(shifts.close(jana, { by: 'denominations', pieces: { '300': 1 } }, null)).rejects.toThrow(
      ShiftInputError,
    );
    await expect(shifts.close(jana, { by: 'denominations', pieces: { '100': -1 } }, null)).rejects.toThrow(
      ShiftInputError,
    );
    expect(shifts.current()!.movements).toEqual([]);
  });

  it('keeps an open shift, its movements and its sales across a restart', async () => {
    shifts.open(jana, 100_000);
    journal.append(sale('B-1', 10_000, 'cash'));
    shifts.move(jana, 'out', 5_000, 'Window cleaner');
    // As after a crash: the process ends without closing anything cleanly.
    journal = Journal.open(file(), { now: () => (clock += 1_000) });
    shifts = build();
    const open = shifts.current()!;
    expect(open).toMatchObject({ openedBy: 'Jana', openingFloatMinor: 100_000, expectedCashMinor: 105_000 });
    expect(open.movements.map((m) => m.reason)).toEqual(['Window cleaner']);
    journal.append(sale('B-2', 2_000, 'cash'));
    const closed = await shifts.close(petr, { by: 'total', totalMinor: 107_000 }, null);
    expect(closed.outcome === 'closed' && closed.report.sales.count).toBe(2);
  });

  it('keeps a closed shift as it was in the database itself, whatever writes to the file', async () => {
    shifts.open(jana, 10_000);
    journal.append(sale('B-1', 10_000, 'cash'));
    shifts.move(jana, 'in', 1_000, 'Coins');
    const closed = await shifts.close(jana, { by: 'total', totalMinor: 21_000 }, null);
    expect(closed.outcome).toBe('closed');
    const db = new Database(file());
    try {
      const refusals = [
        'UPDATE shifts SET counted_cash_minor = 0',
        'DELETE FROM shifts',
        'UPDATE cash_movements SET amount_minor = 1',
        'DELETE FROM cash_movements',
        'INSERT INTO cash_movements (shift_id, direction, amount_minor, reason, operator, at) ' +
          "VALUES (1, 'out', 100, 'late', 'x', 0)",
        "UPDATE shift_reports SET report = '{}'",
        'DELETE FROM shift_reports',
        "INSERT INTO shift_reports (shift_id, kind, at, made_by, report) VALUES (1, 'X', 0, 'x', '{}')",
        'DELETE FROM shift_entries',
        'INSERT INTO shift_entries (entry_id, shift_id) VALUES (999, 1)',
      ];
      for (const statement of refusals)
        expect(() => db.exec(statement), statement).toThrow(/shift_closed|shift_kept|fixed/);
      // An open shift cannot be closed without its Z report, nor have its float changed.
      db.exec(
        'INSERT INTO shifts (store_id, cashdesk, currency, opened_by, opened_at, opening_float_minor) ' +
          "VALUES ('s', 1, 'CZK', 'x', 0, 0)",
      );
      expect(() =>
        db.exec(
          "UPDATE shifts SET closed_by = 'x', closed_at = 1, " +
            'expected_cash_minor = 0, counted_cash_minor = 0 WHERE closed_at IS NULL',
        ),
      ).toThrow(/shift_needs_z/);
      expect(() => db.exec('UPDATE shifts SET opening_float_minor = 5 WHERE closed_at IS NULL')).toThrow(
        /shift_fixed/,
      );
      expect(() =>
        db.exec(
          'INSERT INTO shifts (store_id, cashdesk, currency, opened_by, opened_at, opening_float_minor) ' +
            "VALUES ('s', 1, 'CZK', 'x', 0, 0)",
        ),
      ).toThrow(/shift_already_open/);
    } finally {
      db.close();
    }
    expect(shifts.closedShifts(1)[0]).toEqual(closed.outcome === 'closed' ? closed.report : null);
  });
});

describe('drawer arithmetic', () => {
  it('counts CZK and EUR by denominations and refuses what the currency does not have', () => {
    expect(denominationsOf('CZK')).toContain(500_000);
    expect(denominationsOf('EUR')).toContain(1);
    expect(countedTotal({ by: 'denominations', pieces: { '500000': 2, '100': 3 } }, 'CZK')).toEqual({
      ok: true,
      totalMinor: 1_000_300,
    });
    expect(countedTotal({ by: 'denominations', pieces: { '1': 7, '20000': 1 } }, 'EUR')).toEqual({
      ok: true,
      totalMinor: 20_007,
    });
    expect(countedTotal({ by: 'denominations', pieces: { '1': 7 } }, 'CZK')).toEqual({
      ok: false,
      problem: 'unknown_denomination',
    });
    expect(countedTotal({ by: 'denominations', pieces: { '100': 0.5 } }, 'CZK')).toEqual({
      ok: false,
      problem: 'invalid_pieces',
    });
    expect(countedTotal({ by: 'denominations', pieces: { '100': 1 } }, 'USD')).toEqual({
      ok: false,
      problem: 'unknown_denomination',
    });
    expect(countedTotal({ by: 'total', totalMinor: -1 }, 'CZK')).toEqual({
      ok: false,
      problem: 'invalid_total',
    });
  });

  it('expects cash and asks for a manager past the limit only', () => {
    expect(
      expectedCash({
        openingFloatMinor: 100,
        cashTakenMinor: 50,
        cashRefundedMinor: 20,
        cashInMinor: 10,
        cashOutMinor: 5,
      }),
    ).toBe(135);
    expect(needsManager(500, 500)).toBe(false);
    expect(needsManager(-501, 500)).toBe(true);
    expect(needsManager(501, 500)).toBe(true);
  });
});
