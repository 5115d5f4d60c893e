// What a scan means: loyalty card, voucher or gift card, or product. Rules decide first;
// when they cannot, CareCloud is asked (as a card, then as a voucher).
import { gtinFormat, isValidLuhn } from './check-digit.ts';
import type { ClassifiedScan, RawScan, ScanKind } from './scan.ts';
import type { ClassificationSettings, ScanRule } from './settings.ts';

// Every runtime this file runs in has timers; shared/ is type-checked without their lib.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

export interface ScanLookup {
  findCard(code: string): Promise<{ id: string } | null>;
  findVoucher(code: string): Promise<{ id: string } | null>;
  /** A voucher code the terminal holds a copy of (its pre-synced offline list), asked only when CareCloud cannot be. */
  knownVoucher?(code: string): boolean;
}

interface CompiledRule {
  rule: ScanRule;
  pattern: RegExp | null;
}

export class ScanClassifier {
  readonly #rules: CompiledRule[];
  readonly #unresolved: ScanKind;
  readonly #lookup: ScanLookup | null;
  readonly #timeoutMs: number;

  constructor(settings: ClassificationSettings, lookup: ScanLookup | null) {
    this.#rules = settings.rules.map((rule) => ({
      rule,
      pattern: rule.pattern ? new RegExp(rule.pattern) : null,
    }));
    this.#unresolved = settings.unresolved;
    this.#lookup = lookup;
    this.#timeoutMs = settings.lookupTimeoutMs;
  }

  /** The kind when the rules or the swipe settle it, else null (CareCloud must be asked). */
  decide(scan: RawScan): ClassifiedScan | null {
    if (scan.swiped) return classified(scan, 'card', 'swipe', null);
    let found: CompiledRule | null = null;
    for (const compiled of this.#rules) {
      if (!matches(compiled, scan)) continue;
      // Rules naming different kinds for one code cannot decide it.
      if (found && found.rule.kind !== compiled.rule.kind) return null;
      found ??= compiled;
    }
    return found ? classified(scan, found.rule.kind, 'rule', found.rule.name) : null;
  }

  async resolve(scan: RawScan): Promise<ClassifiedScan> {
    const decided = this.decide(scan);
    if (decided) return decided;
    if (!this.#lookup)
      return {
        ...classified(scan, this.#unresolved, 'fallback', null),
        note: 'no rule matched and CareCloud cannot be asked',
      };
    const lookup = this.#lookup;
    try {
      // Scans are published in order, so one lookup that never answers must not hold back the rest.
      const card = await this.#bounded(lookup.findCard(scan.text));
      if (card) return { ...classified(scan, 'card', 'carecloud', null), carecloudId: card.id };
      const voucher = await this.#bounded(lookup.findVoucher(scan.text));
      if (voucher) return { ...classified(scan, 'voucher', 'carecloud', null), carecloudId: voucher.id };
      return {
        ...classified(scan, this.#unresolved, 'fallback', null),
        note: 'CareCloud knows no card or voucher with this code',
      };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (lookup.knownVoucher?.(scan.text))
        return {
          ...classified(scan, 'voucher', 'terminal', null),
          note: `in the terminal's offline voucher list; CareCloud could not be asked: ${why}`,
        };
      return {
        ...classified(scan, 'unknown', 'lookup-failed', null),
        note: `CareCloud could not be asked what this code is: ${why}`,
      };
    }
  }

  #bounded<T>(work: Promise<T>): Promise<T> {
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LookupTimeoutError(`no answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

export class LookupTimeoutError extends Error {
  override name = 'LookupTimeoutError';
}

/** Longer scans are never matched against a rule's pattern: bounds its time whatever it is. */
export const MAX_PATTERN_INPUT = 128;

function matches({ rule, pattern }: CompiledRule, scan: RawScan): boolean {
  const code = scan.text;
  if (rule.lengths.length > 0 && !rule.lengths.includes(code.length)) return false;
  if (rule.prefixes.length > 0 && !rule.prefixes.some((p) => code.startsWith(p))) return false;
  if (rule.symbologies.length > 0 && !(scan.aim && rule.symbologies.some((s) => scan.aim!.startsWith(s))))
    return false;
  if (pattern && (code.length > MAX_PATTERN_INPUT || !pattern.test(code))) return false;
  if (rule.checkDigit === 'gtin' && gtinFormat(code) === null) return false;
  if (rule.checkDigit === 'luhn' && !isValidLuhn(code)) return false;
  return true;
}

function classified(
  scan: RawScan,
  kind: ScanKind,
  decidedBy: ClassifiedScan['decidedBy'],
  rule: string | null,
): ClassifiedScan {
  return { ...scan, kind, decidedBy, rule, carecloudId: null, note: null };
}
