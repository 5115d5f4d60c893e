// Codes the cashier scans from the kiosk's screen, drawn as SVG by bwip-js (its
// encoders, not ours): EAN-13 where the code is one, Code 128 otherwise, and a QR code.
import { code128, drawingSVG, ean13, qrcode } from 'bwip-js/browser';

/** True for 13 digits whose last one is the EAN check digit of the others. */
export function isEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits
    .slice(0, 12)
    .reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

/** A linear barcode of the code, or null when it cannot be drawn as one. */
export function barcodeSvg(code: string): string | null {
  try {
    if (isEan13(code))
      return ean13(
        { bcid: 'ean13', text: code, scale: 3, height: 18, paddingwidth: 10, backgroundcolor: 'FFFFFF' },
        drawingSVG(),
      );
    return code128(
      { bcid: 'code128', text: code, scale: 3, height: 14, paddingwidth: 10, backgroundcolor: 'FFFFFF' },
      drawingSVG(),
    );
  } catch {
    return null;
  }
}

export function qrSvg(text: string): string | null {
  try {
    return qrcode(
      { bcid: 'qrcode', text, scale: 4, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' },
      drawingSVG(),
    );
  } catch {
    return null;
  }
}
