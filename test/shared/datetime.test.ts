import { describe, expect, it } from 'vitest';
import {
  formatCareCloudDate,
  formatCareCloudDateTime,
  isValidTimeZone,
  parseCareCloudDateTime,
  zoneOffsetMs,
} from '../../shared/datetime.ts';

const PRAGUE = 'Europe/Prague';

describe('CareCloud datetimes', () => {
  it('formats an instant as the project clock shows it', () => {
    expect(formatCareCloudDateTime(new Date('2026-01-15T09:05:03Z'), PRAGUE)).toBe('2026-01-15 10:05:03');
    expect(formatCareCloudDateTime(new Date('2026-07-15T09:05:03Z'), PRAGUE)).toBe('2026-07-15 11:05:03');
    expect(formatCareCloudDateTime(new Date('2026-07-15T23:30:00Z'), PRAGUE)).toBe('2026-07-16 01:30:00');
    expect(formatCareCloudDateTime(new Date('2026-07-15T00:00:00Z'), 'America/New_York')).toBe(
      '2026-07-14 20:00:00',
    );
    expect(formatCareCloudDate(new Date('2026-07-15T23:30:00Z'), PRAGUE)).toBe('2026-07-16');
    expect(formatCareCloudDateTime(new Date('2026-07-15T12:00:00Z'), PRAGUE).slice(11, 13)).toBe('14');
  });

  it('parses both accepted forms back to the instant', () => {
    expect(parseCareCloudDateTime('2026-01-15 10:05:03', PRAGUE)?.toISOString()).toBe(
      '2026-01-15T09:05:03.000Z',
    );
    expect(parseCareCloudDateTime('2026-07-15T11:05:03', PRAGUE)?.toISOString()).toBe(
      '2026-07-15T09:05:03.000Z',
    );
    expect(parseCareCloudDateTime('2026-07-15 11:05:03', 'UTC')?.toISOString()).toBe(
      '2026-07-15T11:05:03.000Z',
    );
  });

  it('round-trips every hour across both DST changes of a year', () => {
    const start = Date.UTC(2026, 2, 28, 0, 0, 0);
    for (let t = start; t < Date.UTC(2026, 10, 1); t += 3600_000) {
      if (t > Date.UTC(2026, 2, 31) && t < Date.UTC(2026, 9, 24)) continue;
      const text = formatCareCloudDateTime(new Date(t), PRAGUE);
      const back = parseCareCloudDateTime(text, PRAGUE)!.getTime();
      // The repeated hour in October reads back as its first occurrence.
      expect(back === t || back === t - 3600_000).toBe(true);
      expect(formatCareCloudDateTime(new Date(back), PRAGUE)).toBe(text);
    }
  });

  it('resolves a wall time skipped in spring as if the clock had not moved yet', () => {
    // 2026-03-29 02:00 CET jumps to 03:00 CEST.
    expect(parseCareCloudDateTime('2026-03-29 02:30:00', PRAGUE)?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(parseCareCloudDateTime('2026-03-29 03:00:00', PRAGUE)?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(parseCareCloudDateTime('2026-03-29 01:59:59', PRAGUE)?.toISOString()).toBe(
      '2026-03-29T00:59:59.000Z',
    );
  });

  it('resolves a wall time repeated in autumn to its earlier instant', () => {
    // 2026-10-25 03:00 CEST falls back to 02:00 CET.
    expect(parseCareCloudDateTime('2026-10-25 02:30:00', PRAGUE)?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(parseCareCloudDateTime('2026-10-25 03:00:00', PRAGUE)?.toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    );
    expect(zoneOffsetMs(Date.UTC(2026, 9, 25, 0, 30), PRAGUE)).toBe(2 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 9, 25, 1, 30), PRAGUE)).toBe(3600_000);
  });

  it('handles zones with odd offsets and the southern hemisphere', () => {
    expect(parseCareCloudDateTime('2026-01-01 00:00:00', 'Asia/Kathmandu')?.toISOString()).toBe(
      '2025-12-31T18:15:00.000Z',
    );
    expect(parseCareCloudDateTime('2026-01-01 12:00:00', 'Australia/Sydney')?.toISOString()).toBe(
      '2026-01-01T01:00:00.000Z',
    );
  });

  it('refuses what is not a CareCloud datetime', () => {
    for (const text of [
      '',
      'tomorrow',
      '2026-02-30 10:00:00',
      '2026-13-01 10:00:00',
      '2026-01-01 24:00:00',
      '2026-01-01 10:00',
      '2026-01-01T10:00:00Z',
      '2026-01-01 10:00:00+01:00',
    ]) {
      expect(parseCareCloudDateTime(text, PRAGUE)).toBeNull();
    }
    expect(() => formatCareCloudDateTime(new Date(Number.NaN), PRAGUE)).toThrow(RangeError);
  });

  it('knows real time zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Prague')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
