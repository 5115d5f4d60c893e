import { describe, expect, it } from 'vitest';
import { wedgeSettingsSchema } from '../../shared/input/settings.ts';
import { wedgeDefaults, wedgeScan } from '../../renderer/src/wedge.ts';

describe('keyboard-wedge scans', () => {
  it('tells retail product barcodes from codes that may be loyalty cards', () => {
    expect(wedgeScan('8594001234561').kind).toBe('product');
    expect(wedgeScan('96385074').kind).toBe('product');
    expect(wedgeScan('8594001234562').kind).toBe('unknown');
    expect(wedgeScan('2000000000015')).toEqual({ kind: 'unknown', code: '2000000000015', source: 'wedge', deviceId: null });
    expect(wedgeScan('9800000000007').kind).toBe('unknown');
    expect(wedgeScan('CARD-77').kind).toBe('unknown');
  });

  it('uses the input settings’ defaults', () => {
    expect(wedgeDefaults).toEqual(wedgeSettingsSchema.parse({}));
  });
});
