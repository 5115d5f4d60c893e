import { describe, expect, it } from 'vitest';
import { parseSwipe, parseTrack1, parseTrack2, trackLrc } from '../../shared/input/magstripe.ts';
import { scanFromTypedText } from '../../shared/input/scan-text.ts';

const withLrc = (track: string, n: 1 | 2) => track + trackLrc(track, n);

describe('track 2', () => {
  it('reads a loyalty card number alone and with an expiry', () => {
    expect(parseTrack2(';10000105?')).toEqual({
      ok: true,
      value: { pan: '10000105', expiry: null, serviceCode: null, discretionary: '' },
    });
    expect(parseTrack2(';4000001234567899=2812101123?')).toEqual({
      ok: true,
      value: { pan: '4000001234567899', expiry: '2812', serviceCode: '101', discretionary: '123' },
    });
  });

  it('checks the LRC when the reader sends one', () => {
    const track = withLrc(';10000105?', 2);
    expect(parseTrack2(track, { lrc: true })).toMatchObject({ ok: true, value: { pan: '10000105' } });
    // One flipped digit with the old LRC is a misread, never another number.
    expect(parseTrack2(`;10000106?${track.at(-1)}`, { lrc: true })).toEqual({
      ok: false,
      reason: 'track 2 failed its LRC check',
    });
    expect(parseTrack2(';10000105?', { lrc: true })).toEqual({ ok: false, reason: 'track 2 has no LRC' });
  });

  it('rejects bad sentinels, error tracks, foreign characters and overlong tracks', () => {
    expect(parseTrack2('10000105?').ok).toBe(false);
    expect(parseTrack2(';10000105').ok).toBe(false);
    expect(parseTrack2(';E?')).toEqual({ ok: false, reason: 'the reader could not read track 2' });
    expect(parseTrack2(';1000A105?').ok).toBe(false);
    expect(parseTrack2(';=2512?').ok).toBe(false);
    expect(parseTrack2(`;${'1'.repeat(19)}=${'2'.repeat(30)}?`).ok).toBe(false);
  });
});

describe('track 1', () => {
  it('reads the account fields', () => {
    expect(parseTrack1('%B4000001234567899^NOVAK/JAN^2812101000?')).toEqual({
      ok: true,
      value: {
        formatCode: 'B',
        pan: '4000001234567899',
        name: 'NOVAK/JAN',
        expiry: '2812',
        serviceCode: '101',
        discretionary: '000',
      },
    });
  });

  it('checks its 6-bit LRC', () => {
    const track = withLrc('%B10000105^CLUB/MEMBER^?', 1);
    expect(parseTrack1(track, { lrc: true }).ok).toBe(true);
    expect(parseTrack1(track.replace('CLUB', 'CLUC'), { lrc: true })).toEqual({
      ok: false,
      reason: 'track 1 failed its LRC check',
    });
  });

  it('rejects lower case and broken account fields', () => {
    expect(parseTrack1('%Bnovak?').ok).toBe(false);
    expect(parseTrack1('%B12X4^NAME^?').ok).toBe(false);
  });
});

describe('keyboard-reader swipes', () => {
  it('takes the card number from track 2 of a whole swipe', () => {
    expect(parseSwipe('%B10000105^CLUB/MEMBER^2812?;10000105=2812?\r')).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105' },
    });
    expect(parseSwipe(';10000105?')).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105', track1: null },
    });
  });

  it('rejects a swipe whose track 2 is unreadable, even when track 1 is fine', () => {
    expect(parseSwipe('%B10000105^CLUB/MEMBER^?;E?')).toEqual({
      ok: false,
      reason: 'the reader could not read track 2',
    });
  });

  it('falls back to track 1 only when track 2 is absent, and refuses tracks that disagree', () => {
    expect(parseSwipe('%B10000105^CLUB/MEMBER^?')).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105' },
    });
    expect(parseSwipe('%B10000105^CLUB/MEMBER^?;10000106?')).toEqual({
      ok: false,
      reason: 'tracks 1 and 2 disagree on the card number',
    });
    expect(parseSwipe('%E?+E?')).toEqual({ ok: false, reason: 'the reader could not read track 1' });
  });

  it('reads per-track LRCs in a keyboard swipe when configured', () => {
    const swipe = withLrc('%B10000105^CLUB/MEMBER^?', 1) + withLrc(';10000105?', 2);
    expect(parseSwipe(swipe, { lrc: true })).toMatchObject({ ok: true, value: { cardNumber: '10000105' } });
  });

  it('recovers a US reader typed on a Czech desktop', () => {
    // ";10000105?" from a US-configured reader as the Czech layout shows it.
    expect(parseSwipe('ů+éééé+éř_')).toMatchObject({ ok: true, value: { cardNumber: '10000105' } });
    expect(parseSwipe('ů+éééé+éř\u00b4ěář+_')).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105', track2: { expiry: '2851' } },
    });
    // "%B1^NOVAK/JAN^?" : % -> 5, ^ -> 6, / -> -, ? -> _
    expect(parseSwipe('5B+6NOVAK-JAN6_')).toMatchObject({
      ok: true,
      value: { cardNumber: '1', track1: { name: 'NOVAK/JAN' } },
    });
  });

  it('tells codes from swipes', () => {
    expect(parseSwipe('5901234123457')).toEqual({ ok: false, reason: 'not a card swipe' });
    const context = { source: 'keyboard-wedge' as const, deviceId: null, receivedAt: 1, lrc: false };
    expect(scanFromTypedText('5901234123457', context)).toMatchObject({
      text: '5901234123457',
      swiped: false,
    });
    expect(scanFromTypedText(';10000105?', context)).toMatchObject({ text: '10000105', swiped: true });
    expect(scanFromTypedText(';1000?', { ...context, lrc: true })).toMatchObject({
      reason: 'card read failed: track 2 has no LRC',
    });
  });
});

describe('HID magstripe reports (usage page 0x8E)', () => {
  it('reads tracks with and without sentinels from the fixed fields', async () => {
    const { encodeMagstripeReport, parseMagstripeReport } =
      await import('../../shared/input/magstripe-hid.ts');
    const report = encodeMagstripeReport(['%B10000105^CLUB/MEMBER^?', ';10000105=2812?', null]);
    expect(report.length).toBe(7 + 330);
    expect([report[3], report[4], report[5]]).toEqual([24, 15, 0]);
    expect(parseMagstripeReport(report)).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105', track2: { expiry: '2812' } },
    });
    expect(parseMagstripeReport(encodeMagstripeReport([null, '10000105', null]))).toMatchObject({
      ok: true,
      value: { cardNumber: '10000105' },
    });
  });

  it('rejects flagged, empty, oversized and short reports', async () => {
    const { encodeMagstripeReport, parseMagstripeReport } =
      await import('../../shared/input/magstripe-hid.ts');
    expect(parseMagstripeReport(encodeMagstripeReport([null, null, null]))).toEqual({
      ok: false,
      reason: 'the card reader sent no tracks',
    });
    expect(parseMagstripeReport(encodeMagstripeReport(['%B1^A B^?', ';1?', null], [0, 2, 0]))).toEqual({
      ok: false,
      reason: 'the reader could not read track 2',
    });
    const bad = encodeMagstripeReport([null, ';1?', null]);
    bad[4] = 200;
    expect(parseMagstripeReport(bad).ok).toBe(false);
    expect(parseMagstripeReport(new Uint8Array(20)).ok).toBe(false);
  });
});
