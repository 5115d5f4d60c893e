// Magnetic stripe tracks (ISO/IEC 7811/7813) as card readers type or report them.
// A misread is rejected whole: the terminal never guesses a card number.
import { retype } from './keyboard-layout.ts';

export interface Track1 {
  formatCode: string;
  /** Null when the track carries no "^"-separated account fields (some loyalty cards). */
  pan: string | null;
  name: string | null;
  expiry: string | null;
  serviceCode: string | null;
  discretionary: string;
}

export interface Track2 {
  pan: string;
  /** YYMM, when the card carries one. */
  expiry: string | null;
  serviceCode: string | null;
  discretionary: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface TrackOptions {
  /** The reader appends the longitudinal redundancy check after the end sentinel. */
  lrc: boolean;
}

const NO_LRC: TrackOptions = { lrc: false };
const TRACK1_MAX = 79;
const TRACK2_MAX = 40;

/** LRC character for a track written from its start to its end sentinel. */
export function trackLrc(sentinelToSentinel: string, track: 1 | 2): string {
  const offset = track === 1 ? 0x20 : 0x30;
  const mask = track === 1 ? 0x3f : 0x0f;
  let lrc = 0;
  for (let i = 0; i < sentinelToSentinel.length; i++)
    lrc ^= (sentinelToSentinel.charCodeAt(i) - offset) & mask;
  return String.fromCharCode(offset + lrc);
}

function frame(
  text: string,
  start: string,
  track: 1 | 2,
  options: TrackOptions,
  max: number,
): Parsed<string> {
  if (text.charAt(0) !== start) return { ok: false, reason: `track ${track} does not start with "${start}"` };
  const end = text.indexOf('?');
  if (end < 0) return { ok: false, reason: `track ${track} has no end sentinel` };
  const rest = text.slice(end + 1);
  if (options.lrc) {
    if (rest.length !== 1) return { ok: false, reason: `track ${track} has no LRC` };
    if (trackLrc(text.slice(0, end + 1), track) !== rest)
      return { ok: false, reason: `track ${track} failed its LRC check` };
  } else if (rest.length > 0) {
    return { ok: false, reason: `track ${track} has data after its end sentinel` };
  }
  if (text.length > max) return { ok: false, reason: `track ${track} is longer than ${max} characters` };
  const body = text.slice(1, end);
  if (body === 'E') return { ok: false, reason: `the reader could not read track ${track}` };
  return { ok: true, value: body };
}

export function parseTrack2(text: string, options: TrackOptions = NO_LRC): Parsed<Track2> {
  const framed = frame(text, ';', 2, options, TRACK2_MAX);
  if (!framed.ok) return framed;
  const match = /^(\d{1,19})(?:=(\d{4})?(\d{3})?(\d*))?$/.exec(framed.value);
  if (!match) return { ok: false, reason: 'track 2 holds characters a card number cannot have' };
  return {
    ok: true,
    value: {
      pan: match[1]!,
      expiry: match[2] ?? null,
      serviceCode: match[3] ?? null,
      discretionary: match[4] ?? '',
    },
  };
}

export function parseTrack1(text: string, options: TrackOptions = NO_LRC): Parsed<Track1> {
  const framed = frame(text, '%', 1, options, TRACK1_MAX);
  if (!framed.ok) return framed;
  const body = framed.value;
  if (!/^[A-Z][\x20-\x5f]*$/.test(body) || /[%?;]/.test(body.slice(1)))
    return { ok: false, reason: 'track 1 holds characters a track 1 cannot have' };
  const formatCode = body.charAt(0);
  const fields = body.slice(1).split('^');
  if (fields.length === 1)
    return {
      ok: true,
      value: {
        formatCode,
        pan: null,
        name: null,
        expiry: null,
        serviceCode: null,
        discretionary: fields[0]!,
      },
    };
  const account = /^\d{1,19}$/.exec(fields[0]!.trim());
  const tail = /^(\d{4})?(\d{3})?(.*)$/.exec(fields[2] ?? '');
  if (fields.length !== 3 || !account || !tail)
    return { ok: false, reason: 'track 1 account fields are malformed' };
  return {
    ok: true,
    value: {
      formatCode,
      pan: account[0],
      name: fields[1]!.trim(),
      expiry: tail[1] ?? null,
      serviceCode: tail[2] ?? null,
      discretionary: tail[3] ?? '',
    },
  };
}

export interface CardSwipe {
  cardNumber: string;
  track1: Track1 | null;
  track2: Track2 | null;
}

/** Whether text is shaped like a keyboard reader's swipe: "%...?", ";...?", "+...?" in that order. */
export function looksLikeSwipe(text: string): boolean {
  return /^(%[^?]*\?.?)?(;[^?]*\?.?)?(\+[^?]*\?.?)?[\r\n]*$/.test(text) && /^[%;+]/.test(text);
}

/**
 * A keyboard reader's whole swipe, `%T1?;T2?+T3?`. Text typed by a US-configured reader on a
 * Czech desktop (`5...?` becomes `5..._`, `;` becomes `ů`) is recovered first.
 */
export function parseSwipe(input: string, options: TrackOptions = NO_LRC): Parsed<CardSwipe> {
  let text = input.replace(/[\r\n]+$/, '');
  if (!looksLikeSwipe(text)) {
    const recovered = /^[5ů]/.test(text) ? retype(text, 'cz', 'us') : null;
    if (recovered === null || !looksLikeSwipe(recovered)) return { ok: false, reason: 'not a card swipe' };
    text = recovered;
  }
  const parts = splitTracks(text, options);
  let track1: Track1 | null = null;
  let track2: Track2 | null = null;
  if (parts.track2 !== null) {
    const parsed = parseTrack2(parts.track2, options);
    if (!parsed.ok) return parsed;
    track2 = parsed.value;
  }
  if (parts.track1 !== null) {
    const parsed = parseTrack1(parts.track1, options);
    // Track 2 alone identifies a loyalty card; a bad track 1 only matters when it is all there is.
    if (parsed.ok) track1 = parsed.value;
    else if (!track2) return parsed;
  }
  const cardNumber = track2?.pan ?? track1?.pan ?? null;
  if (cardNumber === null) return { ok: false, reason: 'the swipe holds no card number' };
  if (track2 && track1?.pan && track1.pan !== track2.pan)
    return { ok: false, reason: 'tracks 1 and 2 disagree on the card number' };
  return { ok: true, value: { cardNumber, track1, track2 } };
}

function splitTracks(text: string, options: TrackOptions): { track1: string | null; track2: string | null } {
  const tracks: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('?', at);
    const stop = end < 0 ? text.length : end + 1 + (options.lrc ? 1 : 0);
    tracks[text.charAt(at)] = text.slice(at, stop);
    at = stop;
  }
  return { track1: tracks['%'] ?? null, track2: tracks[';'] ?? null };
}
