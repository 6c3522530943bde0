// Dates and numbers as the network reads them: « lundi 3 avril 2017 », « 14 h 30 ».
import { TZDate } from '@date-fns/tz';
// Each function and language from its own module: the packages' indexes would load all of
// date-fns's hundreds of files (and every language) at each start.
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { fr as frLocale } from 'date-fns/locale/fr';
import type { Locale } from '../config.ts';
import { type IsoDate, parseIsoDate } from '../time/calendar-date.ts';
import { wallClock } from '../time/zone.ts';

function zoned(instant: Date, timeZone: string): TZDate {
  return new TZDate(instant.getTime(), timeZone);
}

/** The day and its month stay together (« 6 avril », "6 April"): a non-breaking space between. */
function dayPattern(locale: Locale, day: number): string {
  if (locale === 'fr') return day === 1 ? "EEEE d'er'\u00a0MMMM yyyy" : 'EEEE d\u00a0MMMM yyyy';
  return 'EEEE d\u00a0MMMM yyyy';
}

/** « 23 nov. » / "23 Nov", with « 2026 » when `withYear`: short, for a title read on a phone. */
export function formatShortDay(date: IsoDate, locale: Locale, withYear = false): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const d = new Date(p.year, p.month - 1, p.day, 12);
  return format(d, withYear ? 'd\u00a0MMM yyyy' : 'd\u00a0MMM', { locale: locale === 'fr' ? frLocale : enGB });
}

// Intl formatters are costly to build and free to reuse: one per language (a time sheet's PDF
// formats dozens of numbers, the funders' pack thousands of sheets).
const intlTag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');
const MONTH_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(intlTag('fr'), { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(intlTag('en'), { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(intlTag('fr')),
  en: new Intl.NumberFormat(intlTag('en')),
};

/** « novembre 2026 » / "November 2026", for a month "YYYY-MM". */
export function formatMonth(month: string, locale: Locale): string {
  return MONTH_FORMATS[locale].format(new Date(`${month}-15T12:00:00Z`)).replace(' ', '\u00a0');
}

/** « 2–8 nov. », « 30 nov. », « 28 févr.–3 mars » : a few days, short, for a phone. */
export function formatDaySpan(from: IsoDate, to: IsoDate, locale: Locale): string {
  if (from === to) return formatShortDay(from, locale);
  const start = from.slice(0, 7) === to.slice(0, 7) ? String(Number(from.slice(8, 10))) : formatShortDay(from, locale);
  return `${start}–${formatShortDay(to, locale)}`;
}

/** « lundi 3 avril 2017 » / "Monday 3 April 2017", for a calendar date. */
export function formatCalendarDate(date: IsoDate, locale: Locale): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const d = new Date(p.year, p.month - 1, p.day, 12);
  return format(d, dayPattern(locale, p.day), { locale: locale === 'fr' ? frLocale : enGB });
}

/** The local date of an instant, formatted like formatCalendarDate. */
export function formatDate(instant: Date, locale: Locale, timeZone: string): string {
  const z = zoned(instant, timeZone);
  return format(z, dayPattern(locale, z.getDate()), { locale: locale === 'fr' ? frLocale : enGB });
}

const two = (n: number) => String(n).padStart(2, '0');

/** A space that keeps its neighbours on one line (a phone never breaks « 14 h 30 » or « 6 avril »). */
export const NBSP = '\u00a0';

/** « 14 h 30 » / "14:30", never broken across lines. */
export function formatTime(instant: Date, locale: Locale, timeZone: string): string {
  const { hour, minute } = wallClock(instant, timeZone);
  return locale === 'fr' ? `${hour}${NBSP}h${NBSP}${two(minute)}` : `${two(hour)}:${two(minute)}`;
}

/** « lundi 3 avril 2017, 14 h 30 ». */
export function formatDateTime(instant: Date, locale: Locale, timeZone: string): string {
  return `${formatDate(instant, locale, timeZone)}, ${formatTime(instant, locale, timeZone)}`;
}

/** dd/MM/yyyy, for compact lists and CSV. */
export function formatShortDate(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${two(day)}/${two(month)}/${year}`;
}

/**
 * A number as the language writes it, thousands grouped: « 1 100 » (a narrow no-break space,
 * never broken across two lines), « 2,5 »; "1,100", "2.5".
 */
export function formatNumber(value: number, locale: Locale): string {
  return NUMBER_FORMATS[locale].format(value);
}

/**
 * « jeudi 6 avril 2017, 14 h 30 – 17 h 00 » on one day;
 * « du jeudi 6 avril 2017, 14 h 30 au samedi 8 avril 2017, 17 h 00 » over several.
 */
export function formatRange(
  start: Date,
  end: Date,
  locale: Locale,
  timeZone: string,
  multiDay: (from: string, to: string) => string,
): string {
  if (formatDate(start, locale, timeZone) === formatDate(end, locale, timeZone)) {
    return `${formatDateTime(start, locale, timeZone)} – ${formatTime(end, locale, timeZone)}`;
  }
  return multiDay(formatDateTime(start, locale, timeZone), formatDateTime(end, locale, timeZone));
}
