import { describe, expect, it } from 'vitest';
import { HidPosAssembler, encodeHidPosReports, parseHidPosReport } from '../../shared/input/hid-pos.ts';

/** A 64-byte report written out from the protocol facts, byte by byte. */
function report(fields: {
  id?: number;
  length: number;
  prefix?: number[];
  aim: string;
  data: string;
  codeId?: number;
  continued?: boolean;
}): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = fields.id ?? 0x02;
  bytes[1] = fields.length;
  const body = [...(fields.prefix ?? []), ...Array.from(fields.aim + fields.data, (c) => c.charCodeAt(0))];
  bytes.set(body, 2);
  bytes[61] = fields.codeId ?? 0;
  bytes[63] = fields.continued ? 1 : 0;
  return bytes;
}

describe('HID POS reports', () => {
  it('reads an EAN-13 report with its AIM id and Honeywell code id', () => {
    const bytes = report({ length: 13, aim: ']E0', data: '3046920029759', codeId: 0x64 });
    expect(parseHidPosReport(bytes)).toEqual({
      aim: ']E0',
      data: new Uint8Array(Array.from('3046920029759', (c) => c.charCodeAt(0))),
      continued: false,
      codeId: 0x64,
    });
  });

  it('finds the AIM id one byte later on devices that put a byte before it', () => {
    const parsed = parseHidPosReport(report({ length: 8, prefix: [0x00], aim: ']E4', data: '95012346' }));
    expect(parsed?.aim).toBe(']E4');
    expect(String.fromCharCode(...parsed!.data)).toBe('95012346');
  });

  it('drops reports that match neither layout, have the wrong id, size or an impossible length', () => {
    expect(parseHidPosReport(report({ length: 4, prefix: [0, 0], aim: ']E0', data: '1234' }))).toBeNull();
    expect(parseHidPosReport(report({ id: 0x01, length: 4, aim: ']E0', data: '1234' }))).toBeNull();
    expect(parseHidPosReport(report({ length: 57, aim: ']E0', data: '' }))).toBeNull();
    expect(parseHidPosReport(report({ length: 4, aim: ']E0', data: '1234' }).slice(0, 40))).toBeNull();
    // "More follow" on a short chunk means the chain is broken.
    expect(
      parseHidPosReport(report({ length: 10, aim: ']C0', data: '0123456789', continued: true })),
    ).toBeNull();
  });

  it('reads the WebHID layout, which has no report id byte', () => {
    const bytes = report({ length: 4, aim: ']C0', data: 'ABCD' }).slice(1);
    expect(parseHidPosReport(bytes, { withReportId: false })?.data.length).toBe(4);
  });
});

describe('joining long barcodes', () => {
  const sixty = 'X'.repeat(56) + 'ABCD';

  it('joins a 60-byte code sent as 56 (continued) + 4', () => {
    const reports = encodeHidPosReports(']Q1', sixty);
    expect(reports).toHaveLength(2);
    expect(reports[0]![1]).toBe(56);
    expect(reports[0]![63]).toBe(1);
    expect(reports[1]![1]).toBe(4);
    expect(reports[1]![63]).toBe(0);
    const assembler = new HidPosAssembler();
    expect(assembler.push(reports[0]!, 0)).toEqual({ type: 'pending' });
    expect(assembler.push(reports[1]!, 1)).toEqual({
      type: 'barcode',
      barcode: { aim: ']Q1', text: sixty, codeId: 0 },
      dropped: null,
    });
  });

  it('joins a 1000-character QR code and a trailing CR is not part of the code', () => {
    const long = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(0x21 + (i % 90))).join('');
    const assembler = new HidPosAssembler();
    const results = encodeHidPosReports(']Q1', `${long}\r`).map((r, i) => assembler.push(r, i));
    expect(results.slice(0, -1).every((r) => r.type === 'pending')).toBe(true);
    expect(results.at(-1)).toMatchObject({ type: 'barcode', barcode: { text: long } });
  });

  it('passes GS separators of GS1 codes through', () => {
    const gs1 = '0109501101530003\u001d10ABC';
    const [only] = encodeHidPosReports(']C1', gs1);
    expect(new HidPosAssembler().push(only!, 0)).toMatchObject({ barcode: { aim: ']C1', text: gs1 } });
  });

  it('hands on mixed scans back to back, each whole', () => {
    const assembler = new HidPosAssembler();
    const sent = [
      [']E0', '3046920029759'],
      [']Q1', 'https://example.test/' + 'q'.repeat(120)],
      [']E4', '95012346'],
      [']C0', 'VOUCHER-2026-XYZ'],
    ] as const;
    const out = sent
      .flatMap(([aim, text]) => encodeHidPosReports(aim, text))
      .map((r, i) => assembler.push(r, i))
      .filter((r) => r.type === 'barcode');
    expect(out.map((r) => (r.type === 'barcode' ? [r.barcode.aim, r.barcode.text] : null))).toEqual(
      sent.map((s) => [...s]),
    );
  });

  it('drops a long barcode cut off by another scan and passes the new one', () => {
    const assembler = new HidPosAssembler();
    const [first] = encodeHidPosReports(']Q1', 'Y'.repeat(100));
    assembler.push(first!, 0);
    const [ean] = encodeHidPosReports(']E0', '3046920029759');
    expect(assembler.push(ean!, 1)).toMatchObject({
      type: 'barcode',
      barcode: { text: '3046920029759' },
      dropped: 'a long barcode was cut off by another scan',
    });
  });

  it('drops a long barcode broken by a malformed report, never joining around it', () => {
    const assembler = new HidPosAssembler();
    const parts = encodeHidPosReports(']Q1', 'Z'.repeat(150));
    assembler.push(parts[0]!, 0);
    expect(assembler.push(parts[1]!.slice(0, 30), 1)).toEqual({
      type: 'dropped',
      reason: 'a malformed report broke a long barcode',
    });
    // The tail looks like a whole one-report barcode: it must not come out as one.
    expect(assembler.push(parts[2]!, 2)).toEqual({
      type: 'dropped',
      reason: 'the rest of a broken long barcode',
    });
    const [next] = encodeHidPosReports(']Q1', 'next');
    expect(assembler.push(next!, 3)).toMatchObject({ type: 'barcode', barcode: { text: 'next' } });
  });

  it('drops a long barcode whose rest never arrived', () => {
    const assembler = new HidPosAssembler({ maxBytes: 4096, maxGapMs: 100 });
    const parts = encodeHidPosReports(']Q1', 'W'.repeat(80));
    assembler.push(parts[0]!, 0);
    const [later] = encodeHidPosReports(']E0', '3046920029759');
    expect(assembler.push(later!, 500)).toMatchObject({
      type: 'barcode',
      barcode: { text: '3046920029759' },
      dropped: 'the rest of a long barcode never arrived',
    });
  });

  it('drops a barcode longer than the limit whole', () => {
    const assembler = new HidPosAssembler({ maxBytes: 100, maxGapMs: 250 });
    const results = encodeHidPosReports(']Q1', 'V'.repeat(150)).map((r, i) => assembler.push(r, i));
    expect(results.map((r) => r.type)).toEqual(['pending', 'dropped', 'dropped']);
  });
});

describe('after lost reports', () => {
  it('drops everything up to the next report that ends a barcode, then reads normally', () => {
    const assembler = new HidPosAssembler();
    assembler.resync(0);
    const tail = encodeHidPosReports(']Q1', 'T'.repeat(120)).slice(1);
    expect(tail.map((r, i) => assembler.push(r, i).type)).toEqual(['dropped', 'dropped']);
    const [next] = encodeHidPosReports(']E0', '3046920029759');
    expect(assembler.push(next!, 3)).toMatchObject({ type: 'barcode', barcode: { text: '3046920029759' } });
  });
});
