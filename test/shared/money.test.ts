import { describe, expect, it } from 'vitest';
import {
  MAX_MINOR_UNITS,
  currencyDecimals,
  fromMinorUnits,
  sumMinorUnits,
  toMinorUnits,
} from '../../shared/money.ts';

describe('toMinorUnits', () => {
  it('reads the decimal the JSON number was written as, not its binary neighbour', () => {
    expect(1.005 * 100).not.toBe(100.5); // the trap
    expect(toMinorUnits(1.005)).toBe(101);
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
    expect(toMinorUnits(19.99)).toBe(1999);
    expect(toMinorUnits(4.35)).toBe(435);
    expect(toMinorUnits(1.15)).toBe(115);
    expect(toMinorUnits(0)).toBe(0);
    expect(toMinorUnits(-0)).toBe(0);
  });

  it('rounds half away from zero, also below zero', () => {
    expect(toMinorUnits(2.345)).toBe(235);
    expect(toMinorUnits(2.344)).toBe(234);
    expect(toMinorUnits(-1.005)).toBe(-101);
    expect(toMinorUnits(-19.99)).toBe(-1999);
    expect(toMinorUnits(-0.004)).toBe(0);
  });

  it('handles exponents and large values', () => {
    expect(toMinorUnits(1e-7)).toBe(0);
    expect(toMinorUnits(5e-3)).toBe(1);
    expect(() => toMinorUnits(1e21, 0)).toThrow(RangeError);
    expect(toMinorUnits(9_999_999_999_999.99)).toBe(MAX_MINOR_UNITS);
    expect(() => toMinorUnits(10_000_000_000_000)).toThrow(RangeError);
    expect(() => toMinorUnits(90071992547409.91)).toThrow(RangeError);
    expect(toMinorUnits(123456789.12)).toBe(12345678912);
  });

  it('works for currencies without minor units', () => {
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('czk')).toBe(2);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(currencyDecimals('NOPE')).toBe(2);
    expect(toMinorUnits(1234.5, 0)).toBe(1235);
    expect(toMinorUnits(1234.4, 0)).toBe(1234);
    expect(toMinorUnits(1.0005, 3)).toBe(1001);
  });

  it('refuses what is not an amount', () => {
    expect(() => toMinorUnits(Number.NaN)).toThrow(RangeError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => toMinorUnits('12' as unknown as number)).toThrow(RangeError);
    expect(() => toMinorUnits(1, 1.5)).toThrow(RangeError);
  });
});

describe('fromMinorUnits', () => {
  it('gives back the decimal CareCloud expects', () => {
    expect(fromMinorUnits(101)).toBe(1.01);
    expect(fromMinorUnits(100501)).toBe(1005.01);
    expect(fromMinorUnits(-1999)).toBe(-19.99);
    expect(fromMinorUnits(1235, 0)).toBe(1235);
    expect(JSON.stringify({ price: fromMinorUnits(30) })).toBe('{"price":0.3}');
  });

  it('round-trips every cent of a wide range', () => {
    for (let minor = -100_000; minor <= 100_000; minor += 7)
      expect(toMinorUnits(fromMinorUnits(minor))).toBe(minor);
    for (const minor of [MAX_MINOR_UNITS, -MAX_MINOR_UNITS, 123456789012345, 100000000000001])
      expect(toMinorUnits(fromMinorUnits(minor))).toBe(minor);
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => fromMinorUnits(1.5)).toThrow(RangeError);
    expect(() => fromMinorUnits(MAX_MINOR_UNITS + 1)).toThrow(RangeError);
  });
});

describe('sums and display', () => {
  it('adds without float drift and refuses overflow', () => {
    expect(sumMinorUnits([10, 20, 30])).toBe(60);
    expect(() => sumMinorUnits([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
