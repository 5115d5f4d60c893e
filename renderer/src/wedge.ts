// Keyboard-wedge scanners in the screens: the input detector turns their fast bursts
// into text; what the text is (card, voucher, product) the main process decides, with
// the same scan rules and lookups as for HID scanners.
import type { WedgeDetection } from '../../shared/ipc/index.ts';
import { attachWedgeDetector, focusedElementTarget, type WedgeAttachment } from './input/attach.ts';

/** Something that borrows the window's keystrokes for a while: the settings' test scan. */
export interface KeyBorrower {
  useKeyboard(attachment: WedgeAttachment): () => void;
}

/** Listens on the window until the returned function is called. */
export function listenForWedgeText(
  settings: WedgeDetection,
  onText: (text: string) => void,
  borrower?: KeyBorrower,
): () => void {
  const attachment = attachWedgeDetector(window, settings, onText, focusedElementTarget(document));
  const returnKeys = borrower?.useKeyboard(attachment);
  return () => {
    returnKeys?.();
    attachment.detach();
  };
}
