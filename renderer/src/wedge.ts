// Keyboard-wedge scanners in the screens: the input detector turns their fast bursts
// into text; what the text is (card, voucher, product) the main process decides, with
// the same scan rules and lookups as for HID scanners.
import type { WedgeDetection } from '../../shared/ipc/index.ts';
import { attachWedgeDetector, focusedElementTarget } from './input/attach.ts';

/** Listens on the window until the returned function is called. */
export function listenForWedgeText(settings: WedgeDetection, onText: (text: string) => void): () => void {
  const attachment = attachWedgeDetector(window, settings, onText, focusedElementTarget(document));
  return () => attachment.detach();
}
