import { describe, expect, it } from 'vitest';
import { barcodeSvg, isEan13, qrSvg } from '../../renderer/src/components/kiosk/codes.ts';

const viewBox = (svg: string) =>
  svg
    .match(/viewBox="0 0 (\d+) (\d+)"/)!
    .slice(1)
    .map(Number);

describe("the kiosk's scannable codes", () => {
  it('knows an EAN-13 by its check digit', () => {
    expect(isEan13('2000000000015')).toBe(true);
    expect(isEan13('8594005650015')).toBe(true);
    expect(isEan13('2000000000016')).toBe(false);
    expect(isEan13('200000000001')).toBe(false);
    expect(isEan13('DEMO100')).toBe(false);
  });

  it('draws an EAN-13 as EAN-13 (95 modules and quiet zones) and anything else as Code 128', () => {
    const ean = barcodeSvg('2000000000015')!;
    const code128 = barcodeSvg('RWD-0001')!;
    expect(ean.startsWith('<svg')).toBe(true);
    expect(code128.startsWith('<svg')).toBe(true);
    // Code 128 of the same digits is wider than EAN-13's fixed 95 modules: the symbology was chosen.
    expect(viewBox(barcodeSvg('2000000000016')!)[0]).toBeGreaterThan(viewBox(ean)[0]!);
    expect(barcodeSvg('RWD-0002')).not.toBe(code128);
  });

  it('draws a QR code square, and refuses what it cannot encode instead of throwing', () => {
    const [width, height] = viewBox(qrSvg('RWD-0001')!);
    expect(width).toBe(height);
    expect(barcodeSvg('')).toBeNull();
    expect(qrSvg('')).toBeNull();
  });
});
