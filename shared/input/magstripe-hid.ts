// HID-class magnetic stripe readers (usage page 0x8E: track lengths 0x11-0x13, track data
// 0x21-0x23). The report layout below is the common one: a decode status byte per track
// (0 = read), a length byte per track, the card encode type, then a fixed field per track.
import { parseSwipe, type CardSwipe, type Parsed } from './magstripe.ts';

export interface MagstripeReportLayout {
  statusAt: number;
  lengthAt: number;
  dataAt: number;
  trackSize: number;
}

export const MAGSTRIPE_REPORT_LAYOUT: MagstripeReportLayout = {
  statusAt: 0,
  lengthAt: 3,
  dataAt: 7,
  trackSize: 110,
};

const SENTINELS: ReadonlyArray<readonly [string, string]> = [
  ['%', '?'],
  [';', '?'],
];

/** A whole swipe from one report. Track 3 is never needed for a card number and is ignored. */
export function parseMagstripeReport(
  report: Uint8Array,
  layout: MagstripeReportLayout = MAGSTRIPE_REPORT_LAYOUT,
): Parsed<CardSwipe> {
  if (report.length < layout.dataAt + 2 * layout.trackSize)
    return { ok: false, reason: 'a card reader report too short to hold tracks 1 and 2' };
  let swipe = '';
  for (let track = 0; track < 2; track++) {
    const length = report[layout.lengthAt + track]!;
    if (length === 0) continue;
    const start = layout.dataAt + track * layout.trackSize;
    if (length > layout.trackSize || start + length > report.length)
      return { ok: false, reason: `track ${track + 1} length ${length} does not fit the report` };
    const [open, close] = SENTINELS[track]!;
    if (report[layout.statusAt + track] !== 0) {
      swipe += `${open}E${close}`;
      continue;
    }
    let text = '';
    for (let i = start; i < start + length; i++) text += String.fromCharCode(report[i]!);
    // Some readers strip the sentinels in HID mode; the track parser wants them.
    if (!text.startsWith(open)) text = `${open}${text}${close}`;
    swipe += text;
  }
  if (swipe === '') return { ok: false, reason: 'the card reader sent no tracks' };
  return parseSwipe(swipe);
}

/** The report a reader with the common layout sends for the given track texts (sentinels included). */
export function encodeMagstripeReport(
  tracks: Array<string | null>,
  status: number[] = [0, 0, 0],
  layout: MagstripeReportLayout = MAGSTRIPE_REPORT_LAYOUT,
): Uint8Array {
  const report = new Uint8Array(layout.dataAt + 3 * layout.trackSize);
  tracks.forEach((text, track) => {
    report[layout.statusAt + track] = status[track] ?? 0;
    if (!text) return;
    report[layout.lengthAt + track] = text.length;
    report.set(
      Array.from(text, (c) => c.charCodeAt(0)),
      layout.dataAt + track * layout.trackSize,
    );
  });
  return report;
}
