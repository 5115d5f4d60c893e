// The cashier's keys, in one table so the shortcut sheet and the handler agree.
import type { MessageKey } from '../../shared/i18n/index.ts';
import type { Screen } from './state/terminal.svelte.ts';

export type KeyAction =
  | 'help'
  | 'closeSheet'
  | 'search'
  | 'next'
  | 'language'
  | 'settings'
  | 'closeSettings'
  | 'signOut'
  | 'sale'
  | 'voucherCheck'
  | 'queue'
  | 'dashboard'
  | 'back'
  | 'voucherField'
  | 'pay'
  | 'park'
  | 'shift';

export interface Shortcut {
  keys: string;
  what: MessageKey;
}

/** What the F1 sheet lists, in the order a cashier meets it. */
export const shortcuts: readonly Shortcut[] = [
  { keys: 'F1', what: 'keys.help' },
  { keys: 'F2', what: 'keys.search' },
  { keys: '↑ ↓', what: 'keys.pick' },
  { keys: 'Enter', what: 'keys.open' },
  { keys: 'F3', what: 'keys.next' },
  { keys: 'F4', what: 'keys.language' },
  { keys: 'F5', what: 'keys.sale' },
  { keys: 'Shift+F5', what: 'keys.shift' },
  { keys: 'F6', what: 'keys.settings' },
  { keys: 'F7', what: 'keys.voucherCheck' },
  { keys: 'F8', what: 'keys.queue' },
  { keys: 'Shift+F8', what: 'keys.dashboard' },
  { keys: 'F10', what: 'keys.voucherField' },
  { keys: 'F12', what: 'keys.pay' },
  { keys: 'F11', what: 'keys.park' },
  { keys: '↑ ↓', what: 'keys.lines' },
  { keys: '+ −', what: 'keys.quantity' },
  { keys: 'Delete', what: 'keys.remove' },
  { keys: 'F9', what: 'keys.signOut' },
  { keys: 'Esc', what: 'keys.close' },
];

/** The action a key press asks for on this screen, or null to let it through. */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'> & { shiftKey?: boolean },
  screen: Screen,
  sheetOpen: boolean,
): KeyAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.key === 'F1') return 'help';
  if (sheetOpen) return event.key === 'Escape' ? 'closeSheet' : null;
  if (event.key === 'F4') return 'language';
  if (screen === 'signin' || screen === 'connecting') return null;
  switch (event.key) {
    case 'F2':
      // The voucher check, the queue and the settings have no search field to go to.
      return screen === 'lookup' || screen === 'customer' || screen === 'sale' ? 'search' : null;
    case 'F3':
      return screen === 'settings' || screen === 'sale' ? null : 'next';
    case 'F5':
      if (screen === 'settings') return null;
      return event.shiftKey ? 'shift' : 'sale';
    case 'F6':
      return screen === 'settings' ? null : 'settings';
    case 'F7':
      return screen === 'settings' ? null : 'voucherCheck';
    case 'F8':
      if (screen === 'settings') return null;
      return event.shiftKey ? 'dashboard' : 'queue';
    case 'F9':
      return 'signOut';
    case 'F10':
      return screen === 'sale' ? 'voucherField' : null;
    case 'F12':
      return screen === 'sale' ? 'pay' : null;
    case 'F11':
      return screen === 'sale' ? 'park' : null;
    case 'Escape':
      if (screen === 'settings') return 'closeSettings';
      if (screen === 'vouchers' || screen === 'queue' || screen === 'shift') return 'back';
      return screen === 'customer' ? 'next' : null;
    default:
      return null;
  }
}
