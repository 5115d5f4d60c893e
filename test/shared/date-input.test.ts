import { describe, expect, it } from 'vitest';
import { formatDayInput, parseDayInput } from '../../shared/i18n/date-input.ts';

describe('dates typed in the screen language', () => {
  it('reads Czech day. month. year with or without spaces, and ISO', () => {
    expect(parseDayInput('2. 12. 2026', 'cs')).toBe('2026-12-02');
    expect(parseDayInput('02.12.2026', 'cs')).toBe('2026-12-02');
    expect(parseDayInput(' 2026-12-02 ', 'cs')).toBe('2026-12-02');
  });

  it('reads English day/month/year, never the American month first', () => {
    expect(parseDayInput('02/12/2026', 'en')).toBe('2026-12-02');
    expect(parseDayInput('28/11/2026', 'en')).toBe('2026-11-28');
    expect(parseDayInput('11/28/2026', 'en')).toBeNull();
    // A slash date is not Czech.
    expect(parseDayInput('02/12/2026', 'cs')).toBeNull();
  });

  it('refuses days that do not exist and text that is no date', () => {
    for (const text of [
      '31. 2. 2026',
      '29. 2. 2027',
      '0. 1. 2026',
      '1. 13. 2026',
      'zítra',
      '',
      '2026-2-30',
      '1. 1. 1969',
    ])
      expect(parseDayInput(text, 'cs')).toBeNull();
    expect(parseDayInput('29. 2. 2028', 'cs')).toBe('2028-02-29');
  });

  it('writes a day as the language does, and reads back what it wrote', () => {
    expect(formatDayInput('2026-12-02', 'cs')).toBe('2. 12. 2026');
    expect(formatDayInput('2026-12-02', 'en')).toBe('02/12/2026');
    for (const language of ['cs', 'en'] as const)
      expect(parseDayInput(formatDayInput('2027-01-09', language), language)).toBe('2027-01-09');
  });
});
