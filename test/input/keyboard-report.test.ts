import { describe, expect, it } from 'vitest';
import {
  KeyboardReportDecoder,
  encodeKeyboardReports,
  parseKeyboardReport,
} from '../../shared/input/keyboard-report.ts';
import { characterForCode, retype } from '../../shared/input/keyboard-layout.ts';

const down = (modifiers: number, ...keys: number[]) =>
  Uint8Array.from([modifiers, 0, ...keys, ...new Array(6 - keys.length).fill(0)]);
const up = () => new Uint8Array(8);

function decodeAll(decoder: KeyboardReportDecoder, reports: Uint8Array[], step = 2) {
  return reports.flatMap((r, i) => decoder.push(r, i * step));
}

describe('boot keyboard reports', () => {
  it('parses modifiers and keys, with or without a report id', () => {
    expect(parseKeyboardReport(down(0x02, 0x04))).toEqual({ modifiers: 0x02, keys: [0x04] });
    expect(parseKeyboardReport(Uint8Array.from([0x01, 0x00, 0x00, 0x1e, 0, 0, 0, 0, 0]), 0x01)).toEqual({
      modifiers: 0,
      keys: [0x1e],
    });
    expect(parseKeyboardReport(new Uint8Array(7))).toBeNull();
  });

  it('decodes a US scanner typing 123 + Enter, byte by byte', () => {
    const reports = [down(0, 0x1e), up(), down(0, 0x1f), up(), down(0, 0x20), up(), down(0, 0x28), up()];
    expect(decodeAll(new KeyboardReportDecoder(), reports)).toEqual([{ type: 'scan', text: '123' }]);
  });

  it('decodes a scanner set to Czech QWERTZ: Shift+digit row gives digits, Y and Z swap', () => {
    // "Zy1" as a Czech-configured scanner sends it: Shift+KeyY, KeyZ, Shift+Digit1, Tab.
    const reports = [
      down(0x02, 0x1c),
      up(),
      down(0, 0x1d),
      up(),
      down(0x02, 0x1e),
      up(),
      down(0, 0x2b),
      up(),
    ];
    expect(decodeAll(new KeyboardReportDecoder({ layout: 'cz' }), reports)).toEqual([
      { type: 'scan', text: 'Zy1' },
    ]);
    // The same keys read as US are what a wrongly configured desktop would show.
    expect(decodeAll(new KeyboardReportDecoder({ layout: 'us' }), reports)).toEqual([
      { type: 'scan', text: 'Yz!' },
    ]);
  });

  it('reads capitals through Shift and GS through Ctrl+]', () => {
    const reports = encodeKeyboardReports('01ABC\u001d10X', 'us', 'Enter');
    expect(decodeAll(new KeyboardReportDecoder(), reports)).toEqual([
      { type: 'scan', text: '01ABC\u001d10X' },
    ]);
  });

  it('round-trips printable text on both layouts', () => {
    for (const layout of ['us', 'cz'] as const) {
      const text = 'Card-4411.xyz 09';
      expect(
        decodeAll(new KeyboardReportDecoder({ layout }), encodeKeyboardReports(text, layout, 'Tab')),
      ).toEqual([{ type: 'scan', text }]);
    }
  });

  it('hands on scans back to back and ignores key-ups and roll-over reports', () => {
    const reports = [
      ...encodeKeyboardReports('111', 'us', 'Enter'),
      down(0, 0x01, 0x01, 0x01),
      ...encodeKeyboardReports('222', 'us', 'Enter'),
    ];
    expect(decodeAll(new KeyboardReportDecoder(), reports)).toEqual([
      { type: 'scan', text: '111' },
      { type: 'scan', text: '222' },
    ]);
  });

  it('rejects a scan containing a key with no character and never passes a part of it', () => {
    const reports = [
      down(0, 0x1e),
      up(),
      down(0, 0x3a /* F1 */),
      up(),
      down(0, 0x1f),
      up(),
      down(0, 0x28),
      up(),
    ];
    expect(decodeAll(new KeyboardReportDecoder(), reports)).toEqual([
      { type: 'rejected', reason: 'key 0x3a has no character on the US layout' },
    ]);
  });

  it('rejects overlong scans and scans that stop before their end key', () => {
    const decoder = new KeyboardReportDecoder({ maxLength: 4, maxGapMs: 100 });
    expect(decodeAll(decoder, encodeKeyboardReports('123456', 'us', 'Enter'))).toEqual([
      { type: 'rejected', reason: 'a scan longer than 4 characters' },
    ]);
    decoder.push(down(0, 0x1e), 1000);
    decoder.push(up(), 1001);
    expect(decoder.push(down(0, 0x1f), 2000)).toEqual([
      { type: 'rejected', reason: 'a scan stopped before its end key' },
    ]);
  });

  it('follows the configured suffix: Tab does not end a scan set to end with Enter', () => {
    const decoder = new KeyboardReportDecoder({ suffixes: ['Enter'] });
    expect(decodeAll(decoder, encodeKeyboardReports('12', 'us', 'Tab'))).toEqual([]);
    expect(decodeAll(decoder, [down(0, 0x28), up()])).toEqual([
      { type: 'rejected', reason: 'key 0x2b has no character on the US layout' },
    ]);
  });
});

describe('layouts', () => {
  it('maps physical keys the same way for KeyboardEvent.code', () => {
    expect(characterForCode('Digit1', false, 'us')).toBe('1');
    expect(characterForCode('Digit1', false, 'cz')).toBe('+');
    expect(characterForCode('Digit1', true, 'cz')).toBe('1');
    expect(characterForCode('KeyY', false, 'cz')).toBe('z');
    expect(characterForCode('Equal', false, 'cz')).toBe('\u00b4');
    expect(characterForCode('Backslash', false, 'cz')).toBeNull();
    expect(characterForCode('F1', false, 'us')).toBeNull();
  });

  it('recovers what a US device meant from text a Czech desktop typed', () => {
    expect(retype('+ěš', 'cz', 'us')).toBe('123');
    expect(retype('ů+éééé+éř_', 'cz', 'us')).toBe(';10000105?');
    // "=" is a dead key on the Czech layout; when it surfaces as an acute accent it is recovered.
    expect(retype('ů+\u00b4ě_', 'cz', 'us')).toBe(';1=2?');
    expect(retype('\u00a8', 'cz', 'us')).toBeNull();
  });
});

describe('after lost keyboard reports', () => {
  it('rejects the scan the loss fell into, then reads normally', () => {
    const decoder = new KeyboardReportDecoder();
    decodeAll(decoder, encodeKeyboardReports('12', 'us', null));
    decoder.resync(0);
    expect(decodeAll(decoder, encodeKeyboardReports('34', 'us', 'Enter'))).toEqual([
      { type: 'rejected', reason: 'keyboard reports were lost during this scan' },
    ]);
    expect(decodeAll(decoder, encodeKeyboardReports('56', 'us', 'Enter'))).toEqual([
      { type: 'scan', text: '56' },
    ]);
  });
});
