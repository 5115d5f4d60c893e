import { describe, expect, it } from 'vitest';
import { dayStartIn, formatDate, formatDateTime, formatTime, instantOf } from '../../shared/i18n/index.ts';

// 2026-12-02 04:21 UTC: 05:21 in Prague, 23:21 the day before in New York.
const at = new Date('2026-12-02T04:21:30.000Z');

describe('times on the terminal clock', () => {
  it('shows the time of day in the zone it is given, not the process zone', () => {
    expect(formatTime('cs', at, 'Europe/Prague', at)).toBe('05:21');
    expect(formatTime('en', at, 'Asia/Tokyo', at)).toBe('13:21');
    expect(formatTime('cs', at, 'UTC', at)).toBe('04:21');
  });

  it('adds the date when the instant is another day on that clock', () => {
    const now = new Date('2026-12-02T12:00:00.000Z');
    expect(formatTime('cs', at, 'Europe/Prague', now)).toBe('05:21');
    // Same UTC day, but the day before in New York for `at` and not for `now`.
    expect(formatTime('cs', at, 'America/New_York', now)).toBe('1. 12. 2026 23:21');
    expect(formatTime('en', at, 'America/New_York', now)).toBe('01/12/2026, 23:21');
  });

  it('formats date and time together, and falls back to UTC for a zone Intl does not know', () => {
    expect(formatDateTime('cs', at, 'Europe/Prague')).toBe('2. 12. 2026 05:21');
    expect(formatDateTime('cs', at, 'Mars/Olympus')).toBe('2. 12. 2026 04:21');
    expect(formatTime('cs', new Date(Number.NaN), 'Europe/Prague')).toBe('—');
  });

  it('reads ISO instants and CareCloud datetimes in the terminal zone, nothing else', () => {
    expect(instantOf('2026-12-02T04:21:30.000Z', 'Europe/Prague')?.toISOString()).toBe(
      '2026-12-02T04:21:30.000Z',
    );
    expect(instantOf('2026-12-02T05:21:30+01:00', 'Asia/Tokyo')?.toISOString()).toBe(
      '2026-12-02T04:21:30.000Z',
    );
    expect(instantOf('2026-12-02 05:21:30', 'Europe/Prague')?.toISOString()).toBe('2026-12-02T04:21:30.000Z');
    expect(instantOf('2026-12-02 05:21:30', 'America/New_York')?.toISOString()).toBe(
      '2026-12-02T10:21:30.000Z',
    );
    expect(instantOf('yesterday', 'Europe/Prague')).toBeNull();
    expect(instantOf('2026-12-02T05:21', 'Europe/Prague')).toBeNull();
  });

  it('shows calendar dates as they are, in any zone', () => {
    expect(formatDate('cs', '2026-12-02')).toBe('2. 12. 2026');
    expect(formatDate('en', '2026-12-02 00:30:00')).toBe('02/12/2026');
    expect(formatDate('cs', 'soon')).toBe('soon');
  });

  it('starts a day at midnight on the terminal clock, across a change of clocks', () => {
    expect(dayStartIn('2026-03-29', 'Europe/Prague')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartIn('2026-03-29', 'Europe/Prague', 1)?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStartIn('2026-12-31', 'UTC', 1)?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(dayStartIn('31.12.2026', 'UTC')).toBeNull();
  });
});
