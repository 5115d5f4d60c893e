import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../sandbox/contract.ts';
import { ean13 } from '../../sandbox/ids.ts';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.ts';
import { language } from '../../sandbox/pipeline.ts';
import { Project } from '../../sandbox/project.ts';
import { parseQuery } from '../../sandbox/request-validation.ts';
import { demo } from '../../sandbox/seed.ts';
import { localDateTime, parseLocalDateTime } from '../../sandbox/time.ts';
import { RateLimiter } from '../../sandbox/tokens.ts';

describe('project-local time', () => {
  it('formats in the project time zone across daylight saving', () => {
    expect(localDateTime(new Date('2026-01-15T08:00:00Z'), 'Europe/Prague')).toBe('2026-01-15 09:00:00');
    expect(localDateTime(new Date('2026-07-15T08:00:00Z'), 'Europe/Prague')).toBe('2026-07-15 10:00:00');
    expect(localDateTime(new Date('2026-07-15T08:00:00Z'), 'UTC')).toBe('2026-07-15 08:00:00');
  });

  it('accepts the API format and ISO without offset, refuses the rest', () => {
    expect(parseLocalDateTime('2026-03-02 10:30:00')).toBe('2026-03-02 10:30:00');
    expect(parseLocalDateTime('2026-03-02T10:30')).toBe('2026-03-02 10:30:00');
    expect(parseLocalDateTime('2026-03-02')).toBe('2026-03-02 00:00:00');
    for (const bad of [
      '2026-02-30 10:00:00',
      '2026-03-02 24:00:00',
      '2026-03-02T10:30:00Z',
      '2026-03-02T10:30:00+01:00',
      'yesterday',
      '',
    ]) {
      expect(parseLocalDateTime(bad), bad).toBeNull();
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then the rate, per key, with the wait in whole seconds', () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 2 });
    expect([limiter.take('a', 0), limiter.take('a', 0), limiter.take('a', 0)]).toEqual([0, 0, 1]);
    expect(limiter.take('b', 0)).toBe(0);
    expect(limiter.take('a', 500)).toBe(0);
    expect(limiter.take('a', 500)).toBe(1);
    limiter.set(null);
    expect(limiter.take('a', 500)).toBe(0);
  });
});

describe('request parsing', () => {
  it('reads array filters and keeps array parameters arrays', () => {
    expect(parseQuery('/x?a=1&b[]=x&b[]=y&c=z', new Set(['c']))).toEqual({ a: '1', b: ['x', 'y'], c: ['z'] });
    expect(parseQuery('/x?a=1&a=2', new Set())).toEqual({ a: ['1', '2'] });
    expect(parseQuery('/x', new Set())).toEqual({});
  });

  it('picks Czech unless English is preferred', () => {
    expect(language(undefined)).toBe('cs');
    expect(language('cs, en-gb;q=0.8')).toBe('cs');
    expect(language('en-GB')).toBe('en');
    expect(language('de, en;q=0.9, cs;q=0.5')).toBe('en');
    expect(language('de')).toBe('cs');
  });
});

describe('seed and money', () => {
  it('is the same project every time, with valid card numbers', () => {
    expect(new Project().toJson()).toBe(new Project().toJson());
    for (const number of Object.values(demo.cards)) expect(ean13(number.slice(0, 12))).toBe(number);
  });

  it('keeps minor units exact at the boundary', () => {
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
    expect(toMinorUnits(19.99)).toBe(1999);
    expect(fromMinorUnits(1999)).toBe(19.99);
    // The terminal's rounding, not Math.round(x * 100), which books 1.005 as 100.
    expect(toMinorUnits(1.005)).toBe(101);
  });

  it('round-trips through the state file format and refuses foreign JSON', () => {
    const project = new Project();
    expect(Project.fromJson(project.toJson()).toJson()).toBe(project.toJson());
    expect(() => Project.fromJson('{"version":3}')).toThrow(/not a sandbox state \(version/);
  });
});
