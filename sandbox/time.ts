// Project-local datetimes: CareCloud answers `YYYY-MM-DD HH:MM:SS` in the project's
// time zone without an offset, and accepts that or ISO without an offset.
// Stored datetimes are project-local strings, so comparing them is comparing strings.
import { formatCareCloudDateTime } from '../shared/datetime.ts';

let last = { second: Number.NaN, timeZone: '', text: '' };

export function localDateTime(instant: Date, timeZone: string): string {
  // Formatting is costly and many requests share a second: reuse the last answer.
  const second = Math.floor(instant.getTime() / 1000);
  if (second === last.second && timeZone === last.timeZone) return last.text;
  const text = formatCareCloudDateTime(instant, timeZone);
  last = { second, timeZone, text };
  return text;
}

const accepted = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?$/;

/** A request datetime as a project-local `YYYY-MM-DD HH:MM:SS`, or null when malformed. */
export function parseLocalDateTime(value: string): string | null {
  const m = accepted.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour = '00', minute = '00', second = '00'] = m.slice(1) as string[];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** `HH:MM:SS` of a project-local datetime. */
export function timeOfDay(local: string): string {
  return local.slice(11, 19);
}
