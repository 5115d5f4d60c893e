import { describe, expect, it } from 'vitest';
import { wedgeSettingsSchema } from '../../shared/input/settings.ts';
import { wedgeDefaults, wedgeScan } from '../../renderer/src/wedge.ts';

describe('keyboard-wedge scans', () => {
  it('tells retail product barcodes from codes that may be loyalty cards', () => {
    expect(wedgeScan('8594001234561')?.kind).toBe('product');
    expect(wedgeScan('96385074')?.kind).toBe('product');
    expect(wedgeScan('8594001234562')?.kind).toBe('unknown');
    expect(wedgeScan('2000000000015')).toEqual({ kind: 'unknown', code: '2000000000015', source: 'wedge', deviceId: null });
    expect(wedgeScan('9800000000007')?.kind).toBe('unknown');
    expect(wedgeScan('CARD-77')?.kind).toBe('unknown');
  });

  it('turns a card reader swipe into its card number and drops a misread swipe', () => {
    expect(wedgeScan(';2000000000015?')).toEqual({ kind: 'loyalty_card', code: '2000000000015', source: 'wedge', deviceId: null });
    expect(wedgeScan('%B2000000000015^NOVAKOVA/JANA^2912101?;2000000000015=2912101?')).toEqual({ kind: 'loyalty_card', code: '2000000000015', source: 'wedge', deviceId: null });
    expect(wedgeScan('%E?;E?')).toBeNull();
    expect(wedgeScan(';20000A00015?')).toBeNull();
  });

  it('uses the input settings’ defaults', () => {
    expect(wedgeDefaults).toEqual(wedgeSettingsSchema.parse({}));
  });
});
