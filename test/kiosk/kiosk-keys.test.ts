import { describe, expect, it } from 'vitest';
import { leavesKiosk, type KeyInput } from '../../electron/window/kiosk-keys.ts';

const down = (key: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key,
  ...modifiers,
});

describe('keys that would leave the kiosk', () => {
  it.each([
    ['Alt+F4', down('F4', { alt: true })],
    ['Ctrl+W', down('w', { control: true })],
    ['Ctrl+Q', down('q', { control: true })],
    ['Cmd+Q', down('q', { meta: true })],
    ['Ctrl+R', down('r', { control: true })],
    ['Ctrl+Shift+R', down('R', { control: true, shift: true })],
    ['F5', down('F5')],
    ['F11', down('F11')],
    ['F12', down('F12')],
    ['Ctrl+Shift+I', down('I', { control: true, shift: true })],
    ['Ctrl+P', down('p', { control: true })],
    ['Ctrl+N', down('n', { control: true })],
    ['Ctrl+plus', down('+', { control: true })],
    ['Ctrl+minus', down('-', { control: true })],
    ['Ctrl+0', down('0', { control: true })],
    ['Alt+Left', down('ArrowLeft', { alt: true })],
    ['Alt alone', down('Alt', { alt: true })],
    ['the Windows key', down('Meta', { meta: true })],
    ['the browser back key', down('BrowserBack')],
  ])('swallows %s', (_name, input) => {
    expect(leavesKiosk(input)).toBe(true);
  });

  it.each([
    ['a letter', down('a')],
    ['a capital', down('A', { shift: true })],
    ['a digit', down('7')],
    ['Enter (scanners end with it)', down('Enter')],
    ['Tab', down('Tab')],
    ['Backspace', down('Backspace')],
    ['Escape', down('Escape')],
    ['an arrow', down('ArrowLeft')],
    ['@ typed with AltGr', down('@', { alt: true, control: true })],
    ['the key going up', { type: 'keyUp', key: 'F5' }],
  ])('lets %s through', (_name, input) => {
    expect(leavesKiosk(input)).toBe(false);
  });
});
