// What every input path (HID devices in main, keyboard-wedge in the renderer) hands on: a scan.

export type ScanSource = 'hid-pos' | 'hid-keyboard' | 'hid-magstripe' | 'keyboard-wedge';

export interface RawScan {
  /** The decoded code; for a card swipe, the card number. */
  text: string;
  source: ScanSource;
  /** AIM identifier such as "]E0" when the device sent one. */
  aim: string | null;
  /** True when the text came off a magnetic stripe (so it is a card number, never a product). */
  swiped: boolean;
  /** Which configured device sent it (null for keyboard-wedge input). */
  deviceId: string | null;
  /** performance.now() when the last byte of the scan arrived. */
  receivedAt: number;
}

export type ScanKind = 'card' | 'voucher' | 'product' | 'unknown';

/** How a scan's kind was decided: a rule, a card swipe, CareCloud, or the fallback when nothing knew it. */
export type DecidedBy = 'rule' | 'swipe' | 'carecloud' | 'terminal' | 'fallback' | 'lookup-failed';

export interface ClassifiedScan extends RawScan {
  kind: ScanKind;
  decidedBy: DecidedBy;
  /** Name of the rule that matched, when decidedBy is "rule". */
  rule: string | null;
  /** CareCloud's id for the card or voucher, when CareCloud decided. */
  carecloudId: string | null;
  /** Plain reason when the kind stayed "unknown" or a lookup failed. */
  note: string | null;
}

/** A read the parsers refused (bad sentinel, LRC, undecodable key, overflow): never passed on as a code. */
export interface RejectedRead {
  source: ScanSource;
  deviceId: string | null;
  reason: string;
  receivedAt: number;
}
