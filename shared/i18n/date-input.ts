// Dates typed by a person, read in the screen's language: Czech day. month. year
// ("2. 12. 2026", "2.12.2026"), English day/month/year ("02/12/2026"), and ISO
// ("2026-12-02") in either. A browser's date input would show the browser's own
// format instead (mm/dd/yyyy on an American build), whatever the terminal speaks.
import { locale, type Language } from './language.ts';

/** `YYYY-MM-DD` for a real calendar day; null for anything else (empty, 31. 2., letters). */
export function parseDayInput(text: string, language: Language): string | null {
  const trimmed = text.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const local =
    language === 'cs'
      ? /^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})$/.exec(trimmed)
      : /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [day, month, year] = [Number(local[1]), Number(local[2]), Number(local[3])];
  else return null;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` day as the language writes it, for the field and its example. */
export function formatDayInput(isoDay: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(language), {
    day: language === 'cs' ? 'numeric' : '2-digit',
    month: language === 'cs' ? 'numeric' : '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
