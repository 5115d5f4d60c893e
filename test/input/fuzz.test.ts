// Seeded fuzzing of the report parsers: random, truncated and interleaved reports never crash
// the decoders and never produce half of a scan or two scans joined.
import { describe, expect, it } from 'vitest';
import { HidPosAssembler, encodeHidPosReports, parseHidPosReport } from '../../shared/input/hid-pos.ts';
import { KeyboardReportDecoder, encodeKeyboardReports } from '../../shared/input/keyboard-report.ts';
import { parseSwipe, trackLrc } from '../../shared/input/magstripe.ts';
import { parseMagstripeReport } from '../../shared/input/magstripe-hid.ts';

/** mulberry32: small, fast, and the same sequence for the same seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  const text = (length: number, alphabet: string) =>
    Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, bytes, text };
}

const AIMS = [']E0', ']E4', ']C0', ']C1', ']Q1', ']d2', ']A0'];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

describe('HID POS fuzz', () => {
  it('passes only whole barcodes through truncation, junk, unplugs and losses (5000 cases)', () => {
    const rng = random(0x5eed);
    let emitted = 0;
    let sentTotal = 0;
    for (let round = 0; round < 5000; round++) {
      const assembler = new HidPosAssembler({ maxBytes: 4096, maxGapMs: 250 });
      const sent = new Set<string>();
      const allowed = new Set<string>();
      let at = 0;
      for (let scan = 0; scan < 1 + rng.int(4); scan++) {
        const aim = AIMS[rng.int(AIMS.length)]!;
        // Codes end in a non-CR character: a trailing CR is stripped by design.
        const text = rng.text(1 + rng.int(rng.next() < 0.2 ? 400 : 40), PRINTABLE);
        sent.add(`${aim}${text}`);
        for (const report of encodeHidPosReports(aim, text, { extraByte: rng.next() < 0.3 })) {
          const fault = rng.next();
          let delivered = report;
          if (fault < 0.03) delivered = report.slice(0, 1 + rng.int(63));
          else if (fault < 0.05) {
            const junk = rng.next() < 0.5 ? rng.bytes(rng.int(80)) : Uint8Array.from([2, ...rng.bytes(63)]);
            const parsed = parseHidPosReport(junk);
            if (parsed && !parsed.continued)
              allowed.add(`${parsed.aim}${String.fromCharCode(...parsed.data).replace(/[\r\n]+$/, '')}`);
            check(assembler.push(junk, at++));
          } else if (fault < 0.06) {
            // Unplugged: the rest of this scan never arrives, the device starts afresh on reconnect.
            assembler.reset();
            break;
          } else if (fault < 0.07) {
            assembler.resync(at);
            continue;
          }
          check(assembler.push(delivered, at++));
        }
      }
      sentTotal += sent.size;
      function check(result: ReturnType<HidPosAssembler['push']>) {
        if (result.type !== 'barcode') return;
        emitted++;
        const key = `${result.barcode.aim}${result.barcode.text}`;
        if (!sent.has(key) && !allowed.has(key))
          throw new Error(`round ${round}: emitted a scan that was never sent whole: ${JSON.stringify(key)}`);
      }
    }
    // The faults above hit a minority of scans; most must still come through.
    expect(emitted).toBeGreaterThan(sentTotal * 0.5);
  });

  it('never throws on arbitrary bytes of any length', () => {
    const rng = random(7);
    const assembler = new HidPosAssembler();
    for (let i = 0; i < 20_000; i++) {
      const junk = rng.bytes(rng.int(130));
      if (rng.next() < 0.5) junk[0] = 2;
      if (junk.length > 3 && rng.next() < 0.5) junk[2] = 0x5d;
      expect(() => assembler.push(junk, i)).not.toThrow();
    }
  });
});

describe('keyboard report fuzz', () => {
  it('passes only whole scans through truncated and odd-sized reports (3000 cases)', () => {
    const rng = random(0xbeef);
    let emitted = 0;
    for (let round = 0; round < 3000; round++) {
      const layout = rng.next() < 0.5 ? 'us' : 'cz';
      const decoder = new KeyboardReportDecoder({ layout });
      const sent = new Set<string>();
      let at = 0;
      for (let scan = 0; scan < 1 + rng.int(3); scan++) {
        const text = rng.text(1 + rng.int(30), '0123456789ABCDEFXYZxyz-.');
        sent.add(text);
        for (const report of encodeKeyboardReports(text, layout, rng.next() < 0.5 ? 'Enter' : 'Tab')) {
          const delivered =
            rng.next() < 0.01
              ? report.slice(0, rng.int(12))
              : rng.next() < 0.01
                ? rng.bytes(rng.int(7))
                : report;
          for (const result of decoder.push(delivered, at++)) {
            if (result.type !== 'scan') continue;
            emitted++;
            if (!sent.has(result.text))
              throw new Error(
                `round ${round}: emitted ${JSON.stringify(result.text)}, sent ${[...sent].join(', ')}`,
              );
          }
        }
      }
    }
    expect(emitted).toBeGreaterThan(3000);
  });
});

describe('magstripe fuzz', () => {
  it('never turns a damaged swipe into another card number (4000 cases)', () => {
    const rng = random(0xca7d);
    let accepted = 0;
    for (let round = 0; round < 4000; round++) {
      const pan = rng.text(6 + rng.int(13), '0123456789');
      const t1 = `%B${pan}^${rng.text(2 + rng.int(20), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ /')}^${rng.text(7, '0123456789')}?`;
      const t2 = `;${pan}${rng.next() < 0.5 ? `=${rng.text(7, '0123456789')}` : ''}?`;
      const withLrc = rng.next() < 0.5;
      const swipe = withLrc ? `${t1}${trackLrc(t1, 1)}${t2}${trackLrc(t2, 2)}` : `${t1}${t2}`;
      let damaged = swipe;
      const fault = rng.int(3);
      if (fault === 0) damaged = swipe.slice(0, rng.int(swipe.length));
      // Substitutions are only detectable with an LRC; without one the reader is trusted byte for byte.
      else if (fault === 1 && withLrc) {
        const at = rng.int(swipe.length);
        damaged = swipe.slice(0, at) + PRINTABLE[rng.int(PRINTABLE.length)] + swipe.slice(at + 1);
      }
      const result = parseSwipe(damaged, { lrc: withLrc });
      if (result.ok) {
        accepted++;
        if (result.value.cardNumber !== pan)
          throw new Error(
            `round ${round}: ${JSON.stringify(damaged)} read as ${result.value.cardNumber}, card is ${pan}`,
          );
      }
      expect(() => parseMagstripeReport(rng.bytes(rng.int(400)))).not.toThrow();
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
