import { addDays, dayOfWeek, type IsoDate, isoDate } from './calendar-date.ts';
import { holidayOn } from './holidays.ts';

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Monday to Friday and not a French public holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && holidayOn(date) === undefined;
}

/** Days already looked up (milestone calendars ask for the same few hundred days again and again). */
const previousWorkingDays = new Map<IsoDate, IsoDate>();

/** The date itself when it is a working day, otherwise the closest working day before it. */
export function onOrPreviousWorkingDay(date: IsoDate): IsoDate {
  const known = previousWorkingDays.get(date);
  if (known) return known;
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  if (previousWorkingDays.size >= 50_000) previousWorkingDays.clear();
  previousWorkingDays.set(date, d);
  return d;
}

/** The date itself when it is a working day, otherwise the closest working day after it. */
export function onOrNextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** First working day of a month (for the monthly report). */
export function firstWorkingDayOfMonth(year: number, month: number): IsoDate {
  return onOrNextWorkingDay(isoDate(year, month, 1));
}

/** The working day `count` working days before `day` (3 before Friday is Tuesday, holidays skipped). */
export function workingDaysBefore(day: IsoDate, count: number): IsoDate {
  let d = day;
  for (let left = count; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
