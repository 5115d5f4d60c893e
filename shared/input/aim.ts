// AIM symbology identifiers (ISO/IEC 15424): "]" + symbology letter + modifier.

export interface AimId {
  /** The three characters as sent, e.g. "]E0". */
  id: string;
  /** Human name of the symbology, or "unknown" for letters this terminal does not name. */
  symbology: string;
  /** True for identifiers that carry GS1 element strings. */
  gs1: boolean;
}

const BY_ID: Record<string, { symbology: string; gs1?: boolean }> = {
  ']E0': { symbology: 'EAN-13/UPC-A/UPC-E' },
  ']E1': { symbology: 'EAN-13/UPC-A/UPC-E' },
  ']E2': { symbology: 'EAN-13/UPC-A/UPC-E' },
  ']E3': { symbology: 'EAN/UPC with add-on' },
  ']E4': { symbology: 'EAN-8' },
  ']C0': { symbology: 'Code 128' },
  ']C1': { symbology: 'GS1-128', gs1: true },
  ']I0': { symbology: 'Interleaved 2 of 5' },
  ']I1': { symbology: 'ITF-14', gs1: true },
  ']e0': { symbology: 'GS1 DataBar', gs1: true },
  ']d1': { symbology: 'DataMatrix' },
  ']d2': { symbology: 'GS1 DataMatrix', gs1: true },
  ']Q1': { symbology: 'QR Code' },
  ']Q3': { symbology: 'GS1 QR Code', gs1: true },
  // Zebra reports EAN/UPC under its own "]X" with a modifier.
  ']X9': { symbology: 'EAN-13' },
  ']XC': { symbology: 'EAN-8' },
  ']Xg': { symbology: 'UPC-A' },
};

const BY_LETTER: Record<string, string> = {
  A: 'Code 39',
  C: 'Code 128',
  E: 'EAN/UPC',
  I: 'Interleaved 2 of 5',
  L: 'PDF417',
  Q: 'QR Code',
  d: 'DataMatrix',
  e: 'GS1 DataBar',
  z: 'Aztec',
};

/** Whether three bytes form an AIM identifier: "]", a letter, a printable modifier. */
export function isAimId(a: number, b: number, c: number): boolean {
  const letter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  return a === 0x5d && letter && c >= 0x21 && c <= 0x7e;
}

export function describeAimId(id: string): AimId {
  const known = BY_ID[id];
  if (known) return { id, symbology: known.symbology, gs1: known.gs1 === true };
  return { id, symbology: BY_LETTER[id.charAt(1)] ?? 'unknown', gs1: false };
}

/** True for identifiers under which the data is an EAN/UPC number with a GTIN check digit. */
export function isEanUpc(id: string): boolean {
  return id.startsWith(']E') || id === ']X9' || id === ']XC' || id === ']Xg';
}
