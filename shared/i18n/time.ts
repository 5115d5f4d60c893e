// Every time a screen shows is on the terminal's clock: its configured time zone, not
// the zone of the machine or browser the screens happen to run in. One set of
// formatters, built on Intl, used by every screen.
import { formatCareCloudDate, isValidTimeZone, parseCareCloudDateTime } from '../datetime.ts';
import { locale, type Language } from './language.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withDate}`;
  let format = cache.get(key);
  if (!format) {
    const time: Intl.DateTimeFormatOptions = {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    };
    format = new Intl.DateTimeFormat(
      locale(language),
      withDate ? { ...time, day: 'numeric', month: 'numeric', year: 'numeric' } : time,
    );
    cache.set(key, format);
  }
  return format;
}

/** The zone to format in: the one given when Intl knows it, else UTC (never the browser's). */
function zoneOrUtc(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** Time of day in `timeZone`; the date too when it is not the same day there as `now`. */
export function formatTime(language: Language, at: Date, timeZone: string, now: Date = new Date()): string {
  if (Number.isNaN(at.getTime())) return '—';
  const zone = zoneOrUtc(timeZone);
  const sameDay =
    !Number.isNaN(now.getTime()) && formatCareCloudDate(at, zone) === formatCareCloudDate(now, zone);
  return formatter(language, zone, !sameDay).format(at);
}

/** Date and time of day in `timeZone`. */
export function formatDateTime(language: Language, at: Date, timeZone: string): string {
  if (Number.isNaN(at.getTime())) return '—';
  return formatter(language, zoneOrUtc(timeZone), true).format(at);
}

/**
 * An instant as the main process sends it (ISO text) or a CareCloud datetime
 * (`YYYY-MM-DD HH:MM:SS`, the project's zone, which is the terminal's) as an instant;
 * null when the text is neither.
 */
export function instantOf(text: string, timeZone: string): Date | null {
  if (typeof text !== 'string') return null;
  const careCloud = parseCareCloudDateTime(text, zoneOrUtc(timeZone));
  if (careCloud) return careCloud;
  // Only ISO instants that say their offset: a bare wall time would be read in the browser's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** A calendar date (`2026-11-28`, or the date of a CareCloud datetime) in the cashier's language; no zone moves it. */
export function formatDate(language: Language, careCloudDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(careCloudDate);
  if (!match) return careCloudDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The instant a calendar day (`YYYY-MM-DD`) starts in `timeZone`, for day filters; null when the text is no date. */
export function dayStartIn(date: string, timeZone: string, plusDays = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays));
  if (Number.isNaN(day.getTime())) return null;
  return parseCareCloudDateTime(`${day.toISOString().slice(0, 10)} 00:00:00`, zoneOrUtc(timeZone));
}
