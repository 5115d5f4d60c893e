// The F1 sheet and the key handler are one table's two readers: every key the handler acts on
// is on the sheet with the words for what it does, and every key on the sheet does something.
import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcuts, type KeyAction } from '../../renderer/src/keys.ts';
import type { Screen } from '../../renderer/src/state/terminal.svelte.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { cs } from '../../shared/i18n/messages/cs.ts';
import { en } from '../../shared/i18n/messages/en.ts';

// A new screen fails to type-check here until it is added, so no screen escapes the checks below.
const everyScreen = {
  connecting: true,
  signin: true,
  lookup: true,
  customer: true,
  settings: true,
  sale: true,
  vouchers: true,
  queue: true,
  dashboard: true,
  shift: true,
} satisfies Record<Screen, true>;
const screens = Object.keys(everyScreen) as Screen[];
const handledKeys = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'Escape'];

/** How the sheet names what an action does. */
const sheetText: Record<KeyAction, MessageKey> = {
  help: 'keys.help',
  closeSheet: 'keys.close',
  search: 'keys.search',
  next: 'keys.next',
  language: 'keys.language',
  settings: 'keys.settings',
  closeSettings: 'keys.close',
  signOut: 'keys.signOut',
  sale: 'keys.sale',
  voucherCheck: 'keys.voucherCheck',
  queue: 'keys.queue',
  back: 'keys.close',
  voucherField: 'keys.voucherField',
  pay: 'keys.pay',
  park: 'keys.park',
  dashboard: 'keys.dashboard',
  shift: 'keys.shift',
};

const press = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});
const sheetKey = (key: string) => (key === 'Escape' ? 'Esc' : key);
const sheetLines = (key: string) => shortcuts.filter((s) => s.keys === sheetKey(key)).map((s) => s.what);

describe('the F1 sheet and the key handler', () => {
  it('lists every key the handler acts on, with the words for what it does there', () => {
    for (const screen of screens) {
      for (const key of handledKeys) {
        const action = shortcutFor(press(key), screen, false);
        if (action === null) continue;
        // Esc on the customer screen starts the next customer: the sheet's "close" covers it.
        const expected = key === 'Escape' ? 'keys.close' : sheetText[action];
        expect(sheetLines(key), `${key} on ${screen} does ${action}`).toContain(expected);
      }
    }
  });

  it('lists no F-key or Esc that does nothing on every screen', () => {
    for (const { keys } of shortcuts.filter((s) => /^F\d+$|^Esc$/.test(s.keys))) {
      const key = keys === 'Esc' ? 'Escape' : keys;
      const somewhere = screens.some(
        (screen) =>
          shortcutFor(press(key), screen, false) !== null || shortcutFor(press(key), screen, true) !== null,
      );
      expect(somewhere, `${keys} is on the sheet`).toBe(true);
    }
  });

  it('has each line in both languages', () => {
    for (const shortcut of shortcuts) {
      expect(en[shortcut.what], shortcut.what).toBeTruthy();
      expect(cs[shortcut.what], shortcut.what).toBeTruthy();
    }
  });
});

describe('the key handler', () => {
  it("takes F2 only where there is a field to go to: the search, or the sale's card field", () => {
    for (const screen of ['lookup', 'customer', 'sale'] as const)
      expect(shortcutFor(press('F2'), screen, false)).toBe('search');
    for (const screen of ['vouchers', 'queue', 'settings'] as const)
      expect(shortcutFor(press('F2'), screen, false)).toBeNull();
  });

  it('leaves typing alone: letters, Escape in the search field, modified keys, and the sign-in screen', () => {
    expect(shortcutFor(press('a'), 'lookup', false)).toBeNull();
    expect(shortcutFor(press('Escape'), 'lookup', false)).toBeNull();
    expect(shortcutFor(press('F3', { ctrlKey: true }), 'lookup', false)).toBeNull();
    expect(shortcutFor(press('F9'), 'signin', false)).toBeNull();
    expect(shortcutFor(press('F4'), 'signin', false)).toBe('language');
  });

  it('opens the dashboard with Shift+F8 and the queue with F8, from any screen but the settings', () => {
    expect(shortcutFor({ ...press('F8'), shiftKey: true }, 'sale', false)).toBe('dashboard');
    expect(shortcutFor({ ...press('F8'), shiftKey: true }, 'queue', false)).toBe('dashboard');
    expect(shortcutFor(press('F8'), 'dashboard', false)).toBe('queue');
    expect(shortcutFor({ ...press('F8'), shiftKey: true }, 'settings', false)).toBeNull();
    expect(shortcuts.map((s) => s.keys)).toContain('Shift+F8');
  });

  it('only closes the sheet while it is open, F1 aside', () => {
    expect(shortcutFor(press('Escape'), 'customer', true)).toBe('closeSheet');
    expect(shortcutFor(press('F3'), 'customer', true)).toBeNull();
    expect(shortcutFor(press('F1'), 'customer', true)).toBe('help');
  });

  it('keeps the sale keys to the sale', () => {
    for (const screen of screens.filter((s) => s !== 'sale')) {
      for (const key of ['F10', 'F11', 'F12'])
        expect(shortcutFor(press(key), screen, false), `${key} on ${screen}`).toBeNull();
    }
  });
});
