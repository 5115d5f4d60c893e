// Text typed by a keyboard-mode device (through HID or as keystrokes): a card swipe or a code.
import { looksLikeSwipe, parseSwipe } from './magstripe.ts';
import { retype } from './keyboard-layout.ts';
import type { RawScan, RejectedRead, ScanSource } from './scan.ts';

export interface TypedScanContext {
  source: ScanSource;
  deviceId: string | null;
  receivedAt: number;
  /** Card readers that append an LRC after each track. */
  lrc: boolean;
}

/** A swipe (`%...?;...?`, also as mangled by a Czech desktop) becomes its card number; other text is a code. */
export function scanFromTypedText(text: string, context: TypedScanContext): RawScan | RejectedRead {
  const { source, deviceId, receivedAt } = context;
  if (looksLikeSwipe(text) || isMangledSwipe(text)) {
    const swipe = parseSwipe(text, { lrc: context.lrc });
    if (!swipe.ok) return { source, deviceId, receivedAt, reason: `card read failed: ${swipe.reason}` };
    return { text: swipe.value.cardNumber, source, aim: null, swiped: true, deviceId, receivedAt };
  }
  return { text, source, aim: null, swiped: false, deviceId, receivedAt };
}

function isMangledSwipe(text: string): boolean {
  if (!/^[5ů]/.test(text)) return false;
  const recovered = retype(text, 'cz', 'us');
  return recovered !== null && looksLikeSwipe(recovered);
}

export function isRejectedRead(value: RawScan | RejectedRead): value is RejectedRead {
  return 'reason' in value;
}
