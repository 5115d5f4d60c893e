// Keyboard-wedge scanners in the screens: the input detector turns their fast
// bursts into scans, which go the same way as scans the main process pushes.
import { isValidGtin } from '../../shared/input/check-digit.ts';
import { scanFromTypedText } from '../../shared/input/scan-text.ts';
import type { WedgeSettings } from '../../shared/input/settings.ts';
import type { ScanEvent } from '../../shared/ipc/index.ts';
import { attachWedgeDetector, focusedElementTarget } from './input/attach.ts';

/** The input settings' defaults, written out so the screens do not bundle the schema library. */
export const wedgeDefaults: WedgeSettings = {
  enabled: true,
  maxKeyGapMs: 50,
  minLength: 4,
  maxLength: 512,
  suffixes: ['Enter', 'Tab'],
  scannerLayout: 'us',
};

/**
 * A swipe from a keyboard card reader (`%...?;...?`) becomes its card number, and a
 * misread swipe is dropped rather than guessed. Retail product barcodes are recognised
 * here; anything else may be a loyalty card and is looked up as one (in-store 2... and
 * coupon 98/99... numbers included).
 */
export function wedgeScan(text: string): ScanEvent | null {
  const read = scanFromTypedText(text, { source: 'keyboard-wedge', deviceId: null, receivedAt: Date.now(), lrc: false });
  if (!('text' in read)) return null;
  if (read.swiped) return { kind: 'loyalty_card', code: read.text, source: 'wedge', deviceId: null };
  const code = read.text;
  const product = /^\d+$/.test(code) && [8, 12, 13].includes(code.length) && !/^(2|98|99)/.test(code) && isValidGtin(code);
  return { kind: product ? 'product' : 'unknown', code, source: 'wedge', deviceId: null };
}

/** Listens on the window until the returned function is called. */
export function listenForWedgeScans(onScan: (scan: ScanEvent) => void, settings: WedgeSettings = wedgeDefaults): () => void {
  const attachment = attachWedgeDetector(
    window,
    settings,
    (text) => {
      const scan = wedgeScan(text);
      if (scan) onScan(scan);
    },
    focusedElementTarget(document),
  );
  return () => attachment.detach();
}
