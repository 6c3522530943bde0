// Instants are UTC `Date`s; the network's time zone is used only to compute and display.
import { TZDate } from '@date-fns/tz';
import type { IsoDate } from './calendar-date.ts';
import { isoDate, parseIsoDate } from './calendar-date.ts';

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const z = new TZDate(instant.getTime(), timeZone);
  return isoDate(z.getFullYear(), z.getMonth() + 1, z.getDate());
}

/** Wall-clock hour and minute of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): { hour: number; minute: number } {
  const z = new TZDate(instant.getTime(), timeZone);
  return { hour: z.getHours(), minute: z.getMinutes() };
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` `hour:minute`.
 * In the spring-forward gap (02:30 on the last Sunday of March in Paris) the next valid
 * instant is returned; in the autumn overlap, the first of the two.
 */
export function zonedInstant(date: IsoDate, hour: number, minute: number, timeZone: string): Date {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`Not a calendar date: ${date}`);
  const z = new TZDate(p.year, p.month - 1, p.day, hour, minute, 0, 0, timeZone);
  return new Date(z.getTime());
}

/** Start of the local day (00:00) containing the instant. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return zonedInstant(localDate(instant, timeZone), 0, 0, timeZone);
}

/** Offset from UTC, in minutes, at an instant (Paris: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  return -new TZDate(instant.getTime(), timeZone).getTimezoneOffset();
}
