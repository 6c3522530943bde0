// Calendar dates (a day, not an instant) as ISO strings "YYYY-MM-DD".
// Arithmetic is done in UTC so that no time zone or clock change can shift a day.

declare const isoDateBrand: unique symbol;
/** A calendar day "YYYY-MM-DD" (not an instant), checked when it was made. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function isIsoDate(value: string): value is IsoDate {
  return parseIsoDate(value) !== undefined;
}

/** The calendar day a string names, or undefined when it names none ("2026-02-30", "lundi"). */
export function toIsoDate(value: string | null | undefined): IsoDate | undefined {
  return value !== null && value !== undefined && isIsoDate(value) ? value : undefined;
}

/** A day known to be valid (a constant, a stored column); throws on anything else. */
export function isoDay(value: string): IsoDate {
  const day = toIsoDate(value);
  if (!day) throw new RangeError(`Not a calendar date: ${value}`);
  return day;
}

/** The day of a UTC midnight (always a valid day: no need to check it again). */
function dayOf(utcMidnight: Date): IsoDate {
  return utcMidnight.toISOString().slice(0, 10) as IsoDate;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return dayOf(new Date(Date.UTC(year, month - 1, day)));
}

/** UTC midnight of a day (an IsoDate was checked when it was made). */
function toUtc(date: IsoDate): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return dayOf(d);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The year and month (1–12) of a date or of a "YYYY-MM" month. */
export function yearAndMonth(date: IsoDate | string): [year: number, month: number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

/** The first day of the date's month. */
export function startOfMonth(date: IsoDate): IsoDate {
  return isoDay(`${date.slice(0, 7)}-01`);
}

/**
 * The same day `months` months later (or earlier). A day the target month lacks rolls over
 * into the next month, as Date does: 31 January + 1 month is 3 (or 2) March, 29 February
 * + 12 months is 1 March.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  return isoDate(p.year, p.month + months, p.day);
}

/** The `count` months ("YYYY-MM") ending with `lastMonth`, oldest first. */
export function monthsEndingWith(lastMonth: string, count: number): string[] {
  const [year, month] = yearAndMonth(lastMonth);
  return Array.from({ length: count }, (_, i) => isoDate(year, month - (count - 1 - i), 1).slice(0, 7));
}

/** The same day `months` months later, or the last day of that month when it is shorter (31 August + 6 → 28 or 29 February). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  const lastDay = new Date(Date.UTC(p.year, p.month - 1 + months + 1, 0)).getUTCDate();
  return isoDate(p.year, p.month + months, Math.min(p.day, lastDay));
}

/** The last day of the date's month. */
export function endOfMonth(date: IsoDate): IsoDate {
  return addDays(addMonths(startOfMonth(date), 1), -1);
}
