// What the screens are told of scanners and card readers: the devices, each classified scan,
// and how to tell a keyboard-mode scanner from typing.
import type { SaidSentence } from '../diagnostics.ts';

export type DeviceKind = 'scanner' | 'card_reader' | 'unknown';

export interface DevicesStatus {
  /** `unavailable` means node-hid could not start: input falls back to keyboard wedge. */
  hid: 'ready' | 'unavailable' | 'disabled';
  devices: { id: string; name: string; kind: DeviceKind; connected: boolean }[];
  /** English, for the log. */
  message: string | null;
  /** The same for the screens, in their language. */
  said: SaidSentence | null;
}

export type ScanKind = 'loyalty_card' | 'voucher' | 'gift_card' | 'product' | 'unknown';

export interface ScanEvent {
  kind: ScanKind;
  code: string;
  source: 'hid' | 'wedge';
  deviceId: string | null;
  /** `unreachable`: no scan rule decided and CareCloud could not be asked, so nobody knows what the code is. */
  decidedBy: 'rule' | 'swipe' | 'carecloud' | 'terminal' | 'fallback' | 'unreachable';
}

/** How the screens detect keyboard-mode scanners (the input settings' `wedge`). */
export interface WedgeDetection {
  enabled: boolean;
  maxKeyGapMs: number;
  minLength: number;
  maxLength: number;
  suffixes: ('Enter' | 'Tab')[];
  scannerLayout: 'us' | 'cz';
}
