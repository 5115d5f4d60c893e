import { describe, expect, it } from 'vitest';
import { cancellationBillId, newBillId } from '../../electron/journal/bill-id.ts';
import {
  billSearchOf,
  parseBillId,
  saleReference,
  storeTagOf,
} from '../../shared/checkout/sale-reference.ts';

// 2026-12-02 13:03:20 UTC: 14:03 in Prague.
const at = Date.UTC(2026, 11, 2, 13, 3, 20);
const praha = { id: '81eaeea13b8984a169c490a325', name: 'Praha Centrum' };

describe('sale references', () => {
  it('reads back what the journal writes: store, desk, time and the end of the random part', () => {
    const billId = newBillId(praha.id, 3, at);
    expect(billId).toHaveLength(55);
    expect(parseBillId(billId)).toEqual({
      cancellation: false,
      storeTag: praha.id,
      cashdesk: 3,
      at,
      code: billId.slice(-5),
    });
    expect(storeTagOf('81ea-eea1_3b')).toBe('81eaeea13b');
  });

  it('names the store, the desk and the time on the terminal clock in the screen language', () => {
    const billId = newBillId(praha.id, 3, at);
    const today = new Date(at + 3_600_000);
    expect(
      saleReference(billId, { language: 'cs', timeZone: 'Europe/Prague', stores: [praha], now: today }).text,
    ).toBe(`Praha Centrum · pokladna 3 · 14:03 · ${billId.slice(-5)}`);
    expect(
      saleReference(billId, { language: 'en', timeZone: 'Europe/London', stores: [praha], now: today }).text,
    ).toBe(`Praha Centrum · desk 3 · 13:03 · ${billId.slice(-5)}`);
    // Another day shows its date, as the screen's language writes it.
    const later = new Date(at + 3 * 86_400_000);
    expect(
      saleReference(billId, { language: 'cs', timeZone: 'Europe/Prague', stores: [praha], now: later }).text,
    ).toBe(`Praha Centrum · pokladna 3 · 2. 12. 2026 14:03 · ${billId.slice(-5)}`);
    // A store the screen does not know by name: the tag, shortened.
    expect(saleReference(billId, { language: 'cs', timeZone: 'Europe/Prague', now: today }).text).toBe(
      `81eaee… · pokladna 3 · 14:03 · ${billId.slice(-5)}`,
    );
  });

  it('marks a cancellation, whose bill_id is the sale’s with C in front', () => {
    const billId = newBillId(praha.id, 3, at);
    const cancel = cancellationBillId(billId);
    expect(parseBillId(cancel)).toMatchObject({
      cancellation: true,
      storeTag: praha.id,
      code: billId.slice(-5),
    });
    expect(
      saleReference(cancel, { language: 'cs', timeZone: 'Europe/Prague', stores: [praha], now: new Date(at) })
        .text,
    ).toBe(`storno Praha Centrum · pokladna 3 · 14:03 · ${billId.slice(-5)}`);
    // A short store tag that starts with C is only a cancellation when the caller says so.
    const short = newBillId('C1', 2, at);
    expect(parseBillId(short)).toMatchObject({ cancellation: false, storeTag: 'C1' });
    expect(parseBillId(cancellationBillId(short), true)).toMatchObject({
      cancellation: true,
      storeTag: 'C1',
    });
  });

  it('leaves anything that is not one of our bill_ids as it is', () => {
    for (const text of ['B1', '', 'S1-3-short', `S1-3-${'U'.repeat(26)}`, `S1-123456-${'0'.repeat(26)}`]) {
      expect(parseBillId(text)).toBeNull();
      expect(saleReference(text, { language: 'en', timeZone: 'UTC' })).toEqual({
        text,
        code: null,
        parts: null,
      });
    }
  });

  it('finds a sale by its whole bill_id, its reference, or the short code alone, as people type it', () => {
    const billId = newBillId(praha.id, 3, at);
    const code = billId.slice(-5);
    expect(billSearchOf(` ${billId} `)).toEqual({ by: 'billId', billId });
    expect(billSearchOf(`Praha Centrum · pokladna 3 · 14:03 · ${code}`)).toEqual({ by: 'code', code });
    expect(billSearchOf(code.toLowerCase())).toEqual({ by: 'code', code });
    // Crockford's reading: O is 0, I and L are 1.
    expect(billSearchOf('1O0IL')).toEqual({ by: 'code', code: '10011' });
    expect(billSearchOf('Nováková')).toBeNull();
    expect(billSearchOf('ABCDU')).toBeNull();
  });
});
