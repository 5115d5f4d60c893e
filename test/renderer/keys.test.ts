import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcuts } from '../../renderer/src/keys.ts';
import { en } from '../../shared/i18n/messages/en.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods,
});

describe('cashier keys', () => {
  it('gives every cashier action on the lookup and customer screens a key', () => {
    expect(shortcutFor(key('F1'), 'lookup', false)).toBe('help');
    expect(shortcutFor(key('F2'), 'customer', false)).toBe('search');
    expect(shortcutFor(key('F3'), 'customer', false)).toBe('next');
    expect(shortcutFor(key('F4'), 'lookup', false)).toBe('language');
    expect(shortcutFor(key('F6'), 'lookup', false)).toBe('settings');
    expect(shortcutFor(key('F9'), 'customer', false)).toBe('signOut');
    expect(shortcutFor(key('Escape'), 'customer', false)).toBe('next');
    expect(shortcutFor(key('Escape'), 'settings', false)).toBe('closeSettings');
  });

  it('leaves typing alone: letters, Escape in the search field, modified keys, and the sign-in screen', () => {
    expect(shortcutFor(key('a'), 'lookup', false)).toBeNull();
    expect(shortcutFor(key('Escape'), 'lookup', false)).toBeNull();
    expect(shortcutFor(key('F3', { ctrlKey: true }), 'lookup', false)).toBeNull();
    expect(shortcutFor(key('F9'), 'signin', false)).toBeNull();
    expect(shortcutFor(key('F4'), 'signin', false)).toBe('language');
  });

  it('only closes the sheet while it is open', () => {
    expect(shortcutFor(key('Escape'), 'customer', true)).toBe('closeSheet');
    expect(shortcutFor(key('F3'), 'customer', true)).toBeNull();
    expect(shortcutFor(key('F1'), 'customer', true)).toBe('help');
  });

  it('lists only keys with a text', () => {
    for (const shortcut of shortcuts) expect(en[shortcut.what]).toBeTruthy();
  });
});
