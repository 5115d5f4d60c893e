// Key events as a keyboard-mode scanner or a person produces them, for the wedge detector's
// and the test scan's tests: physical keys, the desktop layout's characters, times in ms.
import type { WedgeKey } from '../../renderer/src/input/wedge-detector.ts';
import type { KeySource } from '../../renderer/src/input/attach.ts';
import {
  characterForCode,
  keyForCharacter,
  type KeyboardLayout,
} from '../../shared/input/keyboard-layout.ts';

export interface Step {
  type: 'down' | 'up';
  event: WedgeKey;
}

export const key = (code: string, at: number, fields: Partial<WedgeKey> = {}): WedgeKey => ({
  code,
  key: fields.key ?? characterForCode(code, fields.shiftKey ?? false, 'us') ?? code,
  timeStamp: at,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  repeat: false,
  ...fields,
});

/**
 * Key events for `text` typed by a device configured for `sentFor` on a desktop with layout
 * `desktop`: press every `gap` ms, each key held for `hold` ms.
 */
export function typed(
  text: string,
  start: number,
  gap: number,
  hold: number,
  options: { sentFor?: KeyboardLayout; desktop?: KeyboardLayout; end?: 'Enter' | 'Tab' | null } = {},
): Step[] {
  const { sentFor = 'us', desktop = 'us', end = null } = options;
  const steps: Step[] = [];
  let at = start;
  for (const char of text) {
    const k = keyForCharacter(char, sentFor);
    if (!k) throw new Error(`cannot type ${char}`);
    const desktopKey = characterForCode(k.code, k.shift, desktop) ?? 'Dead';
    steps.push({ type: 'down', event: key(k.code, at, { key: desktopKey, shiftKey: k.shift }) });
    steps.push({ type: 'up', event: key(k.code, at + hold, { key: desktopKey, shiftKey: k.shift }) });
    at += gap;
  }
  if (end) {
    steps.push({ type: 'down', event: key(end, at, { key: end }) });
    steps.push({ type: 'up', event: key(end, at + hold, { key: end }) });
  }
  return steps;
}

/** A window's key events as a browser dispatches them: cancelable, the key's fields on the event. */
export class FakeKeyEvent extends Event {
  constructor(
    type: string,
    readonly fields: WedgeKey,
  ) {
    super(type, { cancelable: true });
    // timeStamp is a getter on Event; shadow it like the other fields.
    for (const [name, value] of Object.entries(fields)) Object.defineProperty(this, name, { value });
  }
}

/** Dispatches steps on a key source (a stand-in window); returns how many key downs were prevented. */
export function dispatch(source: KeySource & EventTarget, steps: readonly Step[]): number {
  let prevented = 0;
  for (const step of steps) {
    const event = new FakeKeyEvent(step.type === 'down' ? 'keydown' : 'keyup', step.event);
    source.dispatchEvent(event);
    if (step.type === 'down' && event.defaultPrevented) prevented++;
  }
  return prevented;
}
