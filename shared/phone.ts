// Phone numbers as CareCloud keeps and searches them: digits with the international
// prefix, without "+" or "00" (420601000001). A local number takes the store country's prefix.

/** International dialling prefixes of the countries a store may be in, by ISO 3166 code. */
const DIAL_PREFIXES: Readonly<Record<string, string>> = {
  CZ: '420',
  SK: '421',
  PL: '48',
  DE: '49',
  AT: '43',
  HU: '36',
  SI: '386',
  HR: '385',
  RO: '40',
  GB: '44',
  IE: '353',
  FR: '33',
  IT: '39',
  ES: '34',
  NL: '31',
  BE: '32',
  CH: '41',
};

export function dialPrefix(countryCode: string | null | undefined): string | null {
  return countryCode ? (DIAL_PREFIXES[countryCode.trim().toUpperCase()] ?? null) : null;
}

/**
 * The number as CareCloud's `phone` filter wants it, or null when the text is not a phone
 * number. `+420 601 000 001` and `00420601000001` become `420601000001`; a local
 * `601 000 001` (nine digits) or `0601…` (a trunk zero) takes the store country's prefix.
 */
export function careCloudPhone(text: string, storeCountry: string | null): string | null {
  const compact = text.trim().replace(/[\s()\-/.]/g, '');
  if (/^\+\d{6,15}$/.test(compact)) return compact.slice(1);
  if (/^00\d{6,15}$/.test(compact)) return compact.slice(2);
  if (!/^\d{6,15}$/.test(compact)) return null;
  const prefix = dialPrefix(storeCountry);
  if (prefix && /^[1-9]\d{8}$/.test(compact)) return prefix + compact;
  if (prefix && /^0[1-9]\d{5,13}$/.test(compact)) return prefix + compact.slice(1);
  return compact.replace(/^0+/, '');
}
