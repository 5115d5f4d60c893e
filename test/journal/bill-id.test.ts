import { describe, expect, it } from 'vitest';
import {
  BILL_ID_MAX_LENGTH,
  cancellationBillId,
  newBillId,
  timeOrderedId,
} from '../../electron/journal/bill-id.ts';

describe('bill_id', () => {
  it('carries store, cash desk and a 26-character time-ordered part within the length limit', () => {
    const id = newBillId('81eaeea13b8984a169c490a325', 12, Date.UTC(2026, 0, 2));
    expect(id).toMatch(/^81eaeea13b8984a169c490a325-12-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(cancellationBillId(id).length).toBeLessThanOrEqual(BILL_ID_MAX_LENGTH);
  });

  it('sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, (_, i) =>
      timeOrderedId(1_700_000_000_000 + Math.floor(i / 500)),
    );
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not repeat when the clock is set back (a wiped data dir starts with no memory)', () => {
    const a = newBillId('s1', 1, 1_700_000_000_000);
    const b = newBillId('s1', 1, 1_600_000_000_000);
    const c = newBillId('s1', 1, 1_700_000_000_000);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('refuses a cash desk number that is not a small whole number and a store id without letters', () => {
    expect(() => newBillId('s1', 1.5)).toThrow(/Cash desk/);
    expect(() => newBillId('s1', -1)).toThrow(/Cash desk/);
    expect(() => newBillId('---', 1)).toThrow(/store id/);
  });
});
