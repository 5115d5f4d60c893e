// Keys that would take a customer out of the kiosk's screens (close, quit, reload,
// devtools, print, browser navigation, zoom, full screen off). Pure, so the list is
// tested as a table; the kiosk window swallows every key this answers true for.

/** The fields of Electron's `before-input-event` input that decide. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

const alone = new Set([
  'F5',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'ContextMenu',
  'Meta',
  'OS',
  'Super',
]);
/**
 * With Ctrl (or Cmd): close, quit, reload, new window or tab, print, save, open, find, history, devtools, zoom, view
 * source.
 */
const withControl = new Set([
  'w',
  'q',
  'r',
  'n',
  't',
  'p',
  's',
  'o',
  'f',
  'h',
  'j',
  'l',
  'u',
  'i',
  'g',
  '+',
  '=',
  '-',
  '0',
  'tab',
  'f4',
  'pageup',
  'pagedown',
]);

export function leavesKiosk(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (alone.has(input.key)) return true;
  // Alt: F4 closes the window, the arrows go back and forward, Alt alone opens a menu bar.
  if (
    input.alt &&
    (key === 'F4' ||
      key === 'ArrowLeft' ||
      key === 'ArrowRight' ||
      key === 'Home' ||
      key === 'Alt' ||
      key === ' ')
  )
    return true;
  if (input.key === 'Alt') return true;
  if (input.control || input.meta) return withControl.has(key.toLowerCase());
  return false;
}
