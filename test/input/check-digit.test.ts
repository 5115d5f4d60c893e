import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, gtinFormat, isValidGtin, isValidLuhn } from '../../shared/input/check-digit.ts';
import { describeAimId, isAimId, isEanUpc } from '../../shared/input/aim.ts';

describe('GTIN check digits', () => {
  it('computes the verified examples', () => {
    expect(gtinCheckDigit('304692002975')).toBe(9);
    expect(gtinCheckDigit('9501234')).toBe(6);
  });

  it('names the format of a code whose check digit holds', () => {
    expect(gtinFormat('3046920029759')).toBe('EAN-13');
    expect(gtinFormat('95012346')).toBe('EAN-8');
    expect(gtinFormat('036000291452')).toBe('UPC-A');
  });

  it('refuses a wrong check digit, wrong lengths and non-digits', () => {
    expect(isValidGtin('3046920029758')).toBe(false);
    expect(isValidGtin('95012345')).toBe(false);
    expect(isValidGtin('304692002975')).toBe(false); // 12 digits but not a UPC-A with a valid check
    expect(isValidGtin('30469200297X9')).toBe(false);
    expect(isValidGtin('12345')).toBe(false);
    expect(() => gtinCheckDigit('12a')).toThrow(/digits only/);
  });

  it('checks Luhn numbers', () => {
    expect(isValidLuhn('79927398713')).toBe(true);
    expect(isValidLuhn('79927398710')).toBe(false);
    expect(isValidLuhn('7')).toBe(false);
  });
});

describe('AIM identifiers', () => {
  it('recognises the three-byte shape', () => {
    expect(isAimId(0x5d, 0x45, 0x30)).toBe(true); // ]E0
    expect(isAimId(0x5d, 0x31, 0x30)).toBe(false); // ]10: not a letter
    expect(isAimId(0x5b, 0x45, 0x30)).toBe(false);
    expect(isAimId(0x5d, 0x45, 0x00)).toBe(false);
  });

  it('names symbologies, GS1 ones flagged', () => {
    expect(describeAimId(']E4').symbology).toBe('EAN-8');
    expect(describeAimId(']C1')).toEqual({ id: ']C1', symbology: 'GS1-128', gs1: true });
    expect(describeAimId(']A0').symbology).toBe('Code 39');
    expect(describeAimId(']Z9').symbology).toBe('unknown');
    expect(isEanUpc(']E0')).toBe(true);
    expect(isEanUpc(']X9')).toBe(true);
    expect(isEanUpc(']C0')).toBe(false);
  });
});
