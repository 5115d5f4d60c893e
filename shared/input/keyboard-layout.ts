// Physical keys (HID usage page 0x07 and KeyboardEvent.code) and the characters the US and
// Czech QWERTZ layouts give for them. A scanner sends key positions; the layout it was
// configured for decides which characters those positions meant.

export type KeyboardLayout = 'us' | 'cz';
export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = ['us', 'cz'];

/** Characters for [unshifted, shifted]; null where the layout gives nothing usable. */
type Pair = readonly [string | null, string | null];

interface Key {
  usage: number;
  code: string;
  us: Pair;
  cz: Pair;
}

const keys: Key[] = [];

// Letters: Czech QWERTZ swaps Y and Z.
for (let i = 0; i < 26; i++) {
  const letter = String.fromCharCode(0x61 + i);
  const cz = letter === 'y' ? 'z' : letter === 'z' ? 'y' : letter;
  keys.push({
    usage: 0x04 + i,
    code: `Key${letter.toUpperCase()}`,
    us: [letter, letter.toUpperCase()],
    cz: [cz, cz.toUpperCase()],
  });
}

// Digit row: the Czech layout gives accented letters unshifted and the digits with Shift.
const usShifted = '!@#$%^&*()';
const czUnshifted = '+ěščřžýáíé';
for (let i = 0; i < 10; i++) {
  const digit = String((i + 1) % 10);
  keys.push({
    usage: 0x1e + i,
    code: `Digit${digit}`,
    us: [digit, usShifted[i]!],
    cz: [czUnshifted[i]!, digit],
  });
}

const punctuation: Array<[number, string, Pair, Pair]> = [
  [0x2c, 'Space', [' ', ' '], [' ', ' ']],
  [0x2d, 'Minus', ['-', '_'], ['=', '%']],
  // Dead accents on the Czech layout; they surface as these characters when nothing composes.
  [0x2e, 'Equal', ['=', '+'], ['\u00b4', '\u02c7']],
  [0x2f, 'BracketLeft', ['[', '{'], ['ú', '/']],
  [0x30, 'BracketRight', [']', '}'], [')', '(']],
  [0x31, 'Backslash', ['\\', '|'], [null, "'"]],
  [0x33, 'Semicolon', [';', ':'], ['ů', '"']],
  [0x34, 'Quote', ["'", '"'], ['§', '!']],
  [0x35, 'Backquote', ['`', '~'], [';', null]],
  [0x36, 'Comma', [',', '<'], [',', '?']],
  [0x37, 'Period', ['.', '>'], ['.', ':']],
  [0x38, 'Slash', ['/', '?'], ['-', '_']],
  [0x54, 'NumpadDivide', ['/', '/'], ['/', '/']],
  [0x55, 'NumpadMultiply', ['*', '*'], ['*', '*']],
  [0x56, 'NumpadSubtract', ['-', '-'], ['-', '-']],
  [0x57, 'NumpadAdd', ['+', '+'], ['+', '+']],
  [0x63, 'NumpadDecimal', ['.', null], [',', null]],
  [0x64, 'IntlBackslash', ['\\', '|'], ['\\', '|']],
];
for (const [usage, code, us, cz] of punctuation) keys.push({ usage, code, us, cz });
for (let i = 0; i < 10; i++) {
  const digit = String((i + 1) % 10);
  keys.push({ usage: 0x59 + i, code: `Numpad${digit}`, us: [digit, null], cz: [digit, null] });
}

const byUsage = new Map(keys.map((k) => [k.usage, k]));
const byCode = new Map(keys.map((k) => [k.code, k]));

/** Keys that end a scan when a scanner is set to send a suffix. */
export type SuffixKey = 'Enter' | 'Tab';
export const SUFFIX_USAGES: Readonly<Record<number, SuffixKey>> = {
  0x28: 'Enter',
  0x2b: 'Tab',
  0x58: 'Enter',
};
export const SUFFIX_CODES: Readonly<Record<string, SuffixKey>> = {
  Enter: 'Enter',
  Tab: 'Tab',
  NumpadEnter: 'Enter',
};

/** GS (0x1D) separates GS1 element strings; keyboard-mode scanners send it as Ctrl+]. */
export const GROUP_SEPARATOR = '\u001d';

/** The character a physical key gives on a layout, or null (dead key, unmapped key). */
export function characterForUsage(usage: number, shift: boolean, layout: KeyboardLayout): string | null {
  const key = byUsage.get(usage);
  return key ? key[layout][shift ? 1 : 0] : null;
}

export function characterForCode(code: string, shift: boolean, layout: KeyboardLayout): string | null {
  const key = byCode.get(code);
  return key ? key[layout][shift ? 1 : 0] : null;
}

export function isCharacterCode(code: string): boolean {
  return byCode.has(code);
}

/** Where a character sits on a layout: the key and whether Shift is needed. */
export function keyForCharacter(
  char: string,
  layout: KeyboardLayout,
): { usage: number; code: string; shift: boolean } | null {
  for (const key of keys) {
    if (key.code.startsWith('Numpad')) continue;
    const [plain, shifted] = key[layout];
    if (plain === char) return { usage: key.usage, code: key.code, shift: false };
    if (shifted === char) return { usage: key.usage, code: key.code, shift: true };
  }
  return null;
}

/**
 * Recovers what a device configured for `sentFor` meant when the desktop typed its keys on
 * `typedOn` (a US card reader on a Czech desktop types "ů+ěš_" for ";123?").
 * Returns null when a character cannot be traced back to one key (dead keys lose information).
 */
export function retype(text: string, typedOn: KeyboardLayout, sentFor: KeyboardLayout): string | null {
  let out = '';
  for (const char of text) {
    const key = keyForCharacter(char, typedOn);
    const meant = key ? characterForUsage(key.usage, key.shift, sentFor) : null;
    if (meant === null) return null;
    out += meant;
  }
  return out;
}
