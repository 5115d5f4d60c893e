import { describe, expect, it } from 'vitest';
import { careCloudPhone, dialPrefix } from '../../shared/phone.ts';

describe('careCloudPhone', () => {
  it('drops the + or 00 of an international number, whatever the separators', () => {
    expect(careCloudPhone('+420601000001', 'CZ')).toBe('420601000001');
    expect(careCloudPhone('+420 601 000 001', null)).toBe('420601000001');
    expect(careCloudPhone('00420-601-000-001', 'SK')).toBe('420601000001');
    expect(careCloudPhone('(+421) 905.123.456', 'CZ')).toBe('421905123456');
  });

  it("gives a local number the store country's prefix", () => {
    expect(careCloudPhone('601 000 001', 'CZ')).toBe('420601000001');
    expect(careCloudPhone('905123456', 'sk')).toBe('421905123456');
    expect(careCloudPhone('0151 2345678', 'DE')).toBe('491512345678');
  });

  it('keeps a number already written with its prefix, and a local one when the country is unknown', () => {
    expect(careCloudPhone('420601000001', 'CZ')).toBe('420601000001');
    expect(careCloudPhone('601000001', null)).toBe('601000001');
    expect(careCloudPhone('601000001', 'XX')).toBe('601000001');
  });

  it('is null for what is not a phone number', () => {
    expect(careCloudPhone('Nováková', 'CZ')).toBeNull();
    expect(careCloudPhone('12345', 'CZ')).toBeNull();
    expect(careCloudPhone('+42 0', 'CZ')).toBeNull();
    expect(careCloudPhone('jana@example.cz', 'CZ')).toBeNull();
  });

  it('knows the prefixes by ISO code', () => {
    expect(dialPrefix('CZ')).toBe('420');
    expect(dialPrefix(' sk ')).toBe('421');
    expect(dialPrefix(undefined)).toBeNull();
  });
});
