// Connects the wedge detector to a window: held keys are stopped before any screen sees them,
// and a person's keys are given back to the focused field (or re-sent to whatever has focus).
import type { WedgeSettings } from '../../../shared/input/settings.ts';
import { WedgeDetector, type WedgeKey } from './wedge-detector.ts';

export interface KeySource {
  addEventListener(
    type: 'keydown' | 'keyup',
    listener: (event: Event) => void,
    options: { capture: boolean },
  ): void;
  removeEventListener(
    type: 'keydown' | 'keyup',
    listener: (event: Event) => void,
    options: { capture: boolean },
  ): void;
}

export interface TypingTarget {
  /** Puts a person's held-back keys where they would have gone. */
  giveBack(keys: readonly WedgeKey[]): void;
}

export interface WedgeAttachment {
  detector: WedgeDetector;
  /** What the detector was attached with: a test scan is read and judged by the same. */
  readonly settings: WedgeSettings;
  /**
   * "Scan a test code": until release() every key down, Escape too, goes to `onKey` instead
   * of the detector and the screens.
   */
  testScan(onKey: (key: WedgeKey) => void): { release(): void };
  detach(): void;
}

export function attachWedgeDetector(
  source: KeySource,
  settings: WedgeSettings,
  onScan: (text: string, at: number) => void,
  target: TypingTarget,
  onRejected: (reason: string) => void = () => {},
  clock: {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
  } = defaultClock(),
): WedgeAttachment {
  let timer: unknown = null;
  const detector = new WedgeDetector(settings, {
    scan: onScan,
    typing: (keys) => target.giveBack(keys),
    rejected: (reason) => onRejected(reason),
  });
  const arm = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const deadline = detector.deadline;
    if (deadline === null) return;
    timer = clock.setTimeout(
      () => {
        timer = null;
        detector.tick(clock.now());
        arm();
      },
      Math.max(0, deadline - clock.now()) + 1,
    );
  };
  let testScan: { onKey: (key: WedgeKey) => void } | null = null;
  const onKeydown = (event: Event) => {
    if (resent.has(event)) return;
    const key = event as unknown as WedgeKey;
    if (testScan) {
      event.preventDefault();
      event.stopImmediatePropagation();
      testScan.onKey(key);
      return;
    }
    if (detector.keydown(key) === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    arm();
  };
  const onKeyup = (event: Event) => {
    if (!resent.has(event)) detector.keyup(event as unknown as WedgeKey);
  };
  source.addEventListener('keydown', onKeydown, { capture: true });
  source.addEventListener('keyup', onKeyup, { capture: true });
  return {
    detector,
    settings,
    testScan(onKey) {
      // Anything held back belongs to a person: give it back before the test scan starts.
      detector.tick(Number.POSITIVE_INFINITY);
      const current = { onKey };
      testScan = current;
      return {
        release() {
          if (testScan === current) testScan = null;
        },
      };
    },
    detach() {
      source.removeEventListener('keydown', onKeydown, { capture: true });
      source.removeEventListener('keyup', onKeyup, { capture: true });
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}

/** Events the detector itself re-sent; it must not hold them again. */
const resent = new WeakSet<Event>();

/** Gives keys back to the focused element: text fields get the characters, anything else the key events. */
export function focusedElementTarget(doc: Document): TypingTarget {
  return {
    giveBack(keys) {
      for (const key of keys) {
        const element = doc.activeElement;
        // insertText keeps the field's undo history and works in every editable element.
        if (
          element instanceof HTMLElement &&
          isEditable(element) &&
          doc.execCommand('insertText', false, key.key)
        )
          continue;
        // The held keys may be the browser's own events, whose fields are prototype getters a spread would drop.
        const { code, shiftKey, ctrlKey, altKey, metaKey, repeat } = key;
        const event = new KeyboardEvent('keydown', {
          key: key.key,
          code,
          shiftKey,
          ctrlKey,
          altKey,
          metaKey,
          repeat,
          bubbles: true,
          cancelable: true,
        });
        resent.add(event);
        (element ?? doc.body).dispatchEvent(event);
      }
    },
  };
}

function isEditable(element: HTMLElement): boolean {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly;
  if (element instanceof HTMLInputElement)
    return (
      !element.readOnly &&
      ['text', 'search', 'email', 'tel', 'url', 'password', 'number'].includes(element.type)
    );
  return element.isContentEditable;
}

function defaultClock() {
  return {
    now: () => performance.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
