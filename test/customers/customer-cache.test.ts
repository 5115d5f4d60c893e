// The customer cache saves its file once for a burst of changes (one scan's), a moment
// after the first, and at once when asked (the terminal closing).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardSummary, CustomerSummary } from '../../shared/ipc/contract.ts';
import { CustomerCache } from '../../electron/customers/cache.ts';
import { memoryBackend } from '../../electron/settings/backend.ts';

const customer = (id: string): CustomerSummary => ({
  id,
  firstName: 'Jana',
  lastName: 'Nováková',
  email: null,
  phone: null,
  statusName: null,
  inactive: false,
});
const card = (number: string): CardSummary => ({ id: `card-${number}`, number, validTo: null, active: true });

describe('the customer cache on disk', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Everything one card scan keeps: the customer, their profile and the four wallet parts. */
  function scan(cache: CustomerCache, id: string, number: string): void {
    cache.remember(customer(id), [card(number)], 1);
    cache.remember({ ...customer(id), statusName: 'Stříbro' }, [card(number)], 2);
    cache.rememberPart(id, 'points', { available: 120 }, 3);
    cache.rememberPart(id, 'credits', { byCurrency: [] }, 3);
    cache.rememberPart(id, 'vouchers', { vouchers: [] }, 3);
    cache.rememberPart(id, 'rewards', { rewards: [] }, 3);
  }

  it('writes one scan once, after the scan, with everything the offline lookup needs', () => {
    const backend = memoryBackend();
    const writes = vi.spyOn(backend, 'set');
    const cache = new CustomerCache(backend, { saveAfterMs: 1_000 });
    scan(cache, 'cu1', '1001');
    expect(writes).not.toHaveBeenCalled();
    // Answered from memory meanwhile.
    expect(cache.byCardNumber('1001')?.customer.statusName).toBe('Stříbro');

    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveBeenCalledTimes(1);
    const restarted = new CustomerCache(backend);
    expect(restarted.byCardNumber('1001')?.customer).toMatchObject({ id: 'cu1', statusName: 'Stříbro' });
    expect(restarted.knownPart('cu1', 'points')).toEqual({ value: { available: 120 }, at: 3 });
    expect(restarted.knownPart('cu1', 'rewards')).not.toBeNull();

    vi.advanceTimersByTime(10_000);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it('writes the next scan in a write of its own, and a forgotten customer is gone from the file', () => {
    const backend = memoryBackend();
    const writes = vi.spyOn(backend, 'set');
    const cache = new CustomerCache(backend, { saveAfterMs: 1_000 });
    scan(cache, 'cu1', '1001');
    vi.advanceTimersByTime(1_000);
    scan(cache, 'cu2', '1002');
    cache.forget('cu1');
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveBeenCalledTimes(2);
    const restarted = new CustomerCache(backend);
    expect(restarted.byCardNumber('1001')).toBeNull();
    expect(restarted.knownPart('cu1', 'points')).toBeNull();
    expect(restarted.byCardNumber('1002')?.customer.id).toBe('cu2');
  });

  it('save() writes at once what is pending, and nothing when nothing is', () => {
    const backend = memoryBackend();
    const writes = vi.spyOn(backend, 'set');
    const cache = new CustomerCache(backend, { saveAfterMs: 1_000 });
    cache.save();
    expect(writes).not.toHaveBeenCalled();
    scan(cache, 'cu1', '1001');
    cache.save();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(new CustomerCache(backend).byCardNumber('1001')?.customer.id).toBe('cu1');
    vi.advanceTimersByTime(5_000);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it('a failed write is reported, kept in memory, and written with the next change', () => {
    const backend = memoryBackend();
    const failures: unknown[] = [];
    const cache = new CustomerCache(backend, {
      saveAfterMs: 1_000,
      onSaveFailed: (error) => failures.push(error),
    });
    const writes = vi.spyOn(backend, 'set').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    scan(cache, 'cu1', '1001');
    vi.advanceTimersByTime(1_000);
    expect(failures).toHaveLength(1);
    expect(new CustomerCache(backend).byCardNumber('1001')).toBeNull();
    expect(cache.byCardNumber('1001')?.customer.id).toBe('cu1');

    cache.rememberPart('cu1', 'points', { available: 130 }, 4);
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveBeenCalledTimes(2);
    const restarted = new CustomerCache(backend);
    expect(restarted.byCardNumber('1001')?.customer.id).toBe('cu1');
    expect(restarted.knownPart('cu1', 'points')?.value).toEqual({ available: 130 });
  });

  it('keeps at most `limit` customers, the most recently seen', () => {
    const backend = memoryBackend();
    const cache = new CustomerCache(backend, { limit: 2 });
    scan(cache, 'cu1', '1001');
    scan(cache, 'cu2', '1002');
    scan(cache, 'cu3', '1003');
    cache.save();
    const restarted = new CustomerCache(backend, { limit: 2 });
    expect(restarted.byCardNumber('1001')).toBeNull();
    expect(restarted.knownPart('cu1', 'points')).toBeNull();
    expect(restarted.byCardNumber('1003')?.customer.id).toBe('cu3');
  });
});
