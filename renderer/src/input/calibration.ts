// "Scan a test code": what one test scan says about the scanner and about how this terminal
// reads it (end key, keyboard layout, speed, extra characters around the code).
import type { MessageKey, MessageParams } from '../../../shared/i18n/index.ts';
import { gtinFormat } from '../../../shared/input/check-digit.ts';
import {
  GROUP_SEPARATOR,
  KEYBOARD_LAYOUTS,
  SUFFIX_CODES,
  characterForCode,
  isCharacterCode,
  type KeyboardLayout,
  type SuffixKey,
} from '../../../shared/input/keyboard-layout.ts';
import { looksLikeSwipe } from '../../../shared/input/magstripe.ts';
import type { WedgeSettings } from '../../../shared/input/settings.ts';
import type { ScanEvent } from '../../../shared/ipc/index.ts';
import type { WedgeKey } from './wedge-detector.ts';

export type TestKey = Pick<
  WedgeKey,
  'code' | 'key' | 'timeStamp' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'
>;

export interface TestScanCheck {
  status: 'pass' | 'warn' | 'fail';
  key: MessageKey;
  params?: MessageParams;
  /** Placeholders filled with another message (a layout's name) in the screen's language. */
  words?: Readonly<Record<string, MessageKey>>;
}

export interface KeyTiming {
  characters: number;
  /** First key to end key. */
  burstMs: number;
  msPerCharacter: number;
  slowestGapMs: number;
  /** A gap threshold that reads this scanner with headroom, never below what OS jitter needs. */
  suggestedMaxKeyGapMs: number;
}

export interface TestScanReport {
  source: 'wedge' | 'hid';
  code: string;
  /** The HID device main read it from; null for keystrokes. */
  deviceId: string | null;
  /** Keystrokes only: what this computer's layout typed for the keys, when that is not the code. */
  typed: string | null;
  timing: KeyTiming | null;
  /** Keystrokes only: the key that ended the scan, null when the keys just stopped. */
  endKey: SuffixKey | null;
  checks: TestScanCheck[];
}

const FLOOR_MS = 20;
const CEILING_MS = 500;
const MODIFIERS = /^(Shift|Control|Alt|Meta|CapsLock|NumLock)/;

/** Whether a key down belongs to a test scan: characters, GS (Ctrl+]) and the end keys; not modifiers or F-keys. */
export function isTestScanKey(key: Pick<TestKey, 'code'>): boolean {
  if (MODIFIERS.test(key.code)) return false;
  return isCharacterCode(key.code) || SUFFIX_CODES[key.code] !== undefined;
}

export function endKeyOf(key: Pick<TestKey, 'code'>): SuffixKey | null {
  return SUFFIX_CODES[key.code] ?? null;
}

function characterOf(key: TestKey, layout: KeyboardLayout): string {
  if (key.ctrlKey && key.code === 'BracketRight') return GROUP_SEPARATOR;
  return characterForCode(key.code, key.shiftKey, layout) ?? '\ufffd';
}

/** The keys as the wedge detector reads them: physical keys on the scanner's layout. */
export function readKeys(keys: readonly TestKey[], layout: KeyboardLayout): string {
  return keys.map((key) => characterOf(key, layout)).join('');
}

export function keyTiming(times: readonly number[]): KeyTiming | null {
  if (times.length < 2) return null;
  let slowest = 0;
  for (let i = 1; i < times.length; i++) slowest = Math.max(slowest, times[i]! - times[i - 1]!);
  const burstMs = Math.max(0, times[times.length - 1]! - times[0]!);
  const characters = times.length - 1;
  return {
    characters,
    burstMs: Math.round(burstMs),
    msPerCharacter: Math.round((burstMs / characters) * 10) / 10,
    slowestGapMs: Math.round(slowest),
    suggestedMaxKeyGapMs: Math.min(CEILING_MS, Math.max(FLOOR_MS, Math.ceil(slowest * 1.5 + 5))),
  };
}

/** How much of a reading looks like a code: letters and digits of ASCII. */
const codeLike = (text: string): number => text.replace(/[^0-9A-Za-z]/g, '').length;

const layoutName: Record<KeyboardLayout, MessageKey> = { us: 'scanTest.layout.us', cz: 'scanTest.layout.cz' };

/** A test scan typed as keystrokes: `keys` are the code's keys, `end` the key that ended it (if any). */
export function readKeyboardTestScan(
  keys: readonly TestKey[],
  end: TestKey | null,
  settings: WedgeSettings,
): TestScanReport {
  const layout = settings.scannerLayout;
  const code = readKeys(keys, layout);
  const desktop = keys
    .map((key) => (key.ctrlKey ? characterOf(key, layout) : key.key.length === 1 ? key.key : '\ufffd'))
    .join('');
  const typed = desktop === code ? null : desktop;
  const endKey = end ? endKeyOf(end) : null;
  const timing = keyTiming([...keys, ...(end ? [end] : [])].map((key) => key.timeStamp));
  const checks: TestScanCheck[] = [];

  if (!settings.enabled) checks.push({ status: 'fail', key: 'scanTest.check.wedgeOff' });

  const taken = settings.suffixes.join(', ');
  if (endKey === null) checks.push({ status: 'fail', key: 'scanTest.check.noSuffix', params: { taken } });
  else if (!settings.suffixes.includes(endKey))
    checks.push({ status: 'fail', key: 'scanTest.check.suffixNotTaken', params: { key: endKey, taken } });
  else checks.push({ status: 'pass', key: 'scanTest.check.suffix', params: { key: endKey } });

  const other = KEYBOARD_LAYOUTS.find((l) => l !== layout)!;
  const meant = readKeys(keys, other);
  if (codeLike(meant) > codeLike(code))
    checks.push({
      status: 'fail',
      key: 'scanTest.check.layoutMismatch',
      params: { read: code, meant },
      words: { sent: layoutName[other], expected: layoutName[layout] },
    });
  else if (typed !== null)
    checks.push({
      status: settings.enabled ? 'pass' : 'fail',
      key: settings.enabled ? 'scanTest.check.desktopLayout' : 'scanTest.check.desktopLayoutOff',
      params: { typed },
    });
  else checks.push({ status: 'pass', key: 'scanTest.check.layout', words: { layout: layoutName[layout] } });

  if (timing) {
    const { slowestGapMs: slowest, suggestedMaxKeyGapMs: suggested } = timing;
    if (slowest > settings.maxKeyGapMs)
      checks.push({
        status: 'fail',
        key: 'scanTest.check.tooSlow',
        params: { slowest, limit: settings.maxKeyGapMs, suggested },
      });
    else
      checks.push({
        status: 'pass',
        key: 'scanTest.check.speed',
        params: { slowest, limit: settings.maxKeyGapMs },
      });
  }
  if (keys.length < settings.minLength)
    checks.push({
      status: 'fail',
      key: 'scanTest.check.tooShort',
      params: { characters: keys.length, min: settings.minLength },
    });
  checks.push(...codeChecks(code));
  return { source: 'wedge', code, deviceId: null, typed, timing, endKey, checks };
}

/** A test scan a HID device sent (main has decoded and classified it). */
export function readHidTestScan(scan: ScanEvent): TestScanReport {
  return {
    source: 'hid',
    code: scan.code,
    deviceId: scan.deviceId,
    typed: null,
    timing: null,
    endKey: null,
    checks: [{ status: 'pass', key: 'scanTest.check.hid' }, ...codeChecks(scan.code)],
  };
}

/** What the code itself shows: a product barcode, and characters a scanner put around it. */
function codeChecks(code: string): TestScanCheck[] {
  if (looksLikeSwipe(code)) return [];
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(code);
  if (aim) return [{ status: 'fail', key: 'scanTest.check.aim', params: { aim: aim[0] } }];
  const format = gtinFormat(code);
  if (format) return [{ status: 'pass', key: 'scanTest.check.gtin', params: { format } }];
  const wrapped = /^([^0-9A-Za-z]*)(\d{8,14})([^0-9A-Za-z]*)$/.exec(code);
  const inner = wrapped?.[2] ?? '';
  if (!wrapped || gtinFormat(inner) === null) return [];
  const checks: TestScanCheck[] = [];
  if (wrapped[1])
    checks.push({
      status: 'fail',
      key: 'scanTest.check.prefix',
      params: { code: inner, prefix: wrapped[1] },
    });
  if (wrapped[3])
    checks.push({
      status: 'fail',
      key: 'scanTest.check.trailing',
      params: { code: inner, extra: wrapped[3] },
    });
  return checks;
}
