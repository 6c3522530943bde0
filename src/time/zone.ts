// Instants are UTC `Date`s; the network's time zone is used only to compute and display.
import { TZDate } from '@date-fns/tz';
import type { IsoDate } from './calendar-date.ts';
import { isoDate, parseIsoDate } from './calendar-date.ts';

/** Offsets already asked of Intl, by zone and quarter of an hour (no zone changes its offset within one). */
const offsets = new Map<string, number>();
const QUARTER_MS = 15 * 60_000;

function offsetMs(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = -new TZDate(ms, timeZone).getTimezoneOffset() * 60_000;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** What the wall clock of `timeZone` shows at an instant (an export formats tens of thousands). */
export function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date(instant.getTime() + offsetMs(instant.getTime(), timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  return isoDate(w.year, w.month, w.day);
}

/** Wall-clock hour and minute of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): { hour: number; minute: number } {
  const { hour, minute } = wallClock(instant, timeZone);
  return { hour, minute };
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
  return offsetMs(instant.getTime(), timeZone) / 60_000;
}
