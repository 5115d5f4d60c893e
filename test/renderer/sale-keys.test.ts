import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcuts } from '../../renderer/src/keys.ts';

const key = (k: string) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false });

describe('sale, voucher and queue keys', () => {
  it('reaches the sale, voucher check and queue from any screen after sign-in, and pays only at the sale', () => {
    expect(shortcutFor(key('F5'), 'customer', false)).toBe('sale');
    expect(shortcutFor(key('F7'), 'sale', false)).toBe('voucherCheck');
    expect(shortcutFor(key('F8'), 'lookup', false)).toBe('queue');
    expect(shortcutFor(key('F12'), 'sale', false)).toBe('pay');
    expect(shortcutFor(key('F12'), 'lookup', false)).toBeNull();
    expect(shortcutFor(key('F10'), 'sale', false)).toBe('voucherField');
    expect(shortcutFor(key('F5'), 'signin', false)).toBeNull();
    expect(shortcutFor(key('F5'), 'settings', false)).toBeNull();
  });

  it('goes back with Esc from the voucher check and the queue, and leaves Esc and F3 to the sale itself', () => {
    expect(shortcutFor(key('Escape'), 'vouchers', false)).toBe('back');
    expect(shortcutFor(key('Escape'), 'queue', false)).toBe('back');
    expect(shortcutFor(key('Escape'), 'sale', false)).toBeNull();
    expect(shortcutFor(key('F3'), 'sale', false)).toBeNull();
  });

  it('lists each shortcut once on the sheet', () => {
    const whats = shortcuts.map((s) => s.what);
    expect(new Set(whats).size).toBe(whats.length);
  });
});
