// A sale as people name it: store · desk · time · a short code, read from the bill_id
// the terminal writes (`{store}-{desk}-{26-character time-ordered id}`, a cancellation
// with `C` in front). The short code is the end of the random part, so the filter can
// find a sale by the code alone; the full bill_id stays on the entry.
import { translate, formatTime, type Language } from '../i18n/index.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of the short code: 32^5 ≈ 33 million, alone enough to tell a day's sales apart. */
export const SHORT_CODE_LENGTH = 5;

export interface BillIdParts {
  cancellation: boolean;
  /** The store id with everything but letters and digits removed, as in the bill_id. */
  storeTag: string;
  cashdesk: number;
  /** When the bill_id was made, ms since epoch. */
  at: number;
  code: string;
}

/** The store id as a bill_id carries it. */
export function storeTagOf(storeId: string): string {
  return storeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 26);
}

function decodeTime(text: string): number | null {
  let ms = 0;
  for (const char of text) {
    const digit = CROCKFORD.indexOf(char);
    if (digit < 0) return null;
    ms = ms * 32 + digit;
  }
  return ms;
}

/**
 * The parts of a bill_id this terminal wrote; null for any other text. A store tag of 27
 * characters can only be a cancellation's `C` in front of a 26-character tag; `cancellation`
 * says it when the caller knows (a shorter tag may begin with C of its own).
 */
export function parseBillId(billId: string, cancellation?: boolean): BillIdParts | null {
  const match = /^([A-Za-z0-9]{1,27})-(\d{1,5})-([0-9A-HJKMNP-TV-Z]{26})$/.exec(billId);
  if (!match) return null;
  let tag = match[1]!;
  const isCancellation = cancellation ?? (tag.length === 27 && tag.startsWith('C'));
  if (isCancellation) {
    if (!tag.startsWith('C') || tag.length < 2) return null;
    tag = tag.slice(1);
  }
  if (tag.length > 26) return null;
  const at = decodeTime(match[3]!.slice(0, 10));
  if (at === null) return null;
  return {
    cancellation: isCancellation,
    storeTag: tag,
    cashdesk: Number(match[2]),
    at,
    code: match[3]!.slice(-SHORT_CODE_LENGTH),
  };
}

export interface ReferenceContext {
  language: Language;
  timeZone: string;
  /** Stores the screen knows by name (this terminal's at least). */
  stores?: readonly { id: string; name: string }[];
  /** Today on the terminal's clock: a sale of another day shows its date too. */
  now?: Date;
  cancellation?: boolean;
}

export interface SaleReference {
  /** `Praha Centrum · pokladna 2 · 14:03 · 7K3QX`, or the bill_id itself when it is not one of ours. */
  text: string;
  code: string | null;
  parts: BillIdParts | null;
}

/** A store tag no store name matches is shortened: the tag is an id, the name is what people know. */
function storeLabel(tag: string, stores: readonly { id: string; name: string }[]): string {
  const known = stores.find((store) => storeTagOf(store.id) === tag && store.name.trim() !== '');
  if (known) return known.name.trim();
  return tag.length > 8 ? `${tag.slice(0, 6)}…` : tag;
}

export function saleReference(billId: string, context: ReferenceContext): SaleReference {
  const parts = parseBillId(billId, context.cancellation);
  if (!parts) return { text: billId, code: null, parts: null };
  const text = [
    storeLabel(parts.storeTag, context.stores ?? []),
    translate(context.language, 'reference.desk', { desk: parts.cashdesk }),
    formatTime(context.language, new Date(parts.at), context.timeZone, context.now),
    parts.code,
  ].join(' · ');
  return {
    text: parts.cancellation
      ? translate(context.language, 'reference.cancellation', { reference: text })
      : text,
    code: parts.code,
    parts,
  };
}

/** What a search text asks of the bill_id: the whole id, or its short code (the last word of a reference). */
export type BillSearch = { by: 'billId'; billId: string } | { by: 'code'; code: string } | null;

/** Crockford's reading: I and L are 1, O is 0, case does not matter. */
function crockford(text: string): string {
  return text.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function billSearchOf(text: string): BillSearch {
  const trimmed = text.trim();
  if (/^[A-Za-z0-9]{1,27}-\d{1,5}-[0-9A-Za-z]{26}$/.test(trimmed)) return { by: 'billId', billId: trimmed };
  const last =
    trimmed
      .split(/[\s·]+/)
      .filter(Boolean)
      .at(-1) ?? '';
  const code = crockford(last);
  if (code.length === SHORT_CODE_LENGTH && /^[0-9A-HJKMNP-TV-Z]+$/.test(code)) return { by: 'code', code };
  return null;
}
