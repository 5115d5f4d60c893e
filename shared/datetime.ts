// CareCloud datetimes carry no offset: `YYYY-MM-DD HH:MM:SS` in the project's own time
// zone. These helpers turn them into instants and back with Intl only, so they run in
// both processes.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

function wallClockAsUtc(w: WallClock): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second));
  d.setUTCFullYear(w.year);
  return d.getTime();
}

/** Offset of `timeZone` from UTC at the given instant, in milliseconds (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wallClockAt(whole, timeZone)) - whole;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` of the instant as the clocks in `timeZone` show it. */
export function formatCareCloudDateTime(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Cannot format an invalid date');
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `YYYY-MM-DD` of the instant in `timeZone`. */
export function formatCareCloudDate(instant: Date, timeZone: string): string {
  return formatCareCloudDateTime(instant, timeZone).slice(0, 10);
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The instant a CareCloud datetime names in `timeZone`, or null when the text is not one.
 * Accepts `YYYY-MM-DD HH:MM:SS` and ISO `YYYY-MM-DDTHH:MM:SS` without offset.
 * A wall time repeated when clocks go back resolves to the earlier instant; a wall time
 * skipped when clocks go forward resolves as if the clock had not yet moved (02:30 -> 03:30).
 */
export function parseCareCloudDateTime(text: string, timeZone: string): Date | null {
  const match = DATETIME.exec(typeof text === 'string' ? text.trim() : '');
  if (!match) return null;
  const wall: WallClock = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
  };
  if (wall.month < 1 || wall.month > 12 || wall.hour > 23 || wall.minute > 59 || wall.second > 59)
    return null;
  const local = wallClockAsUtc(wall);
  // Reject days that roll over (2025-02-30).
  if (new Date(local).getUTCDate() !== wall.day) return null;

  const before = zoneOffsetMs(local - DAY_MS, timeZone);
  const after = zoneOffsetMs(local + DAY_MS, timeZone);
  const candidates = [local - before, local - after].filter((t) => zoneOffsetMs(t, timeZone) === local - t);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(local - before);
}
