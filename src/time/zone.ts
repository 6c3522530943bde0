// Instants are UTC `Date`s; the network's time zone is used only to compute and display.
import { TZDate } from '@date-fns/tz';
import type { IsoDate } from './calendar-date.ts';
import { isoDate, parseIsoDate } from './calendar-date.ts';

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
/** Entries kept per zone before starting again (a few years of days, or of a busy export's quarters). */
const MAX_ENTRIES = 100_000;

/** By zone: the offset of each UTC day through which it does not change (NaN for a day when it does). */
const dayOffsets = new Map<string, Map<number, number>>();
/** By zone: offsets by quarter of an hour, for the days the offset changes (no zone changes it within a quarter). */
const quarterOffsets = new Map<string, Map<number, number>>();

function intlOffset(ms: number, timeZone: string): number {
  return -new TZDate(ms, timeZone).getTimezoneOffset() * 60_000;
}

/** The map of one zone in a store (made on first use). */
function ofZone(store: Map<string, Map<number, number>>, timeZone: string): Map<number, number> {
  let zone = store.get(timeZone);
  if (!zone) {
    zone = new Map();
    store.set(timeZone, zone);
  }
  return zone;
}

function remember(zone: Map<number, number>, key: number, value: number): number {
  if (zone.size >= MAX_ENTRIES) zone.clear();
  zone.set(key, value);
  return value;
}

/**
 * The zone's offset from UTC at an instant. Asking Intl costs microseconds and an export asks
 * for tens of thousands: a day's offset is asked twice (its first and last millisecond) and
 * kept when both agree; only the two days a year that change it are looked up finer.
 */
function offsetMs(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY_MS);
  const days = ofZone(dayOffsets, timeZone);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = intlOffset(day * DAY_MS, timeZone);
    offset = remember(days, day, first === intlOffset((day + 1) * DAY_MS - 1, timeZone) ? first : Number.NaN);
  }
  if (!Number.isNaN(offset)) return offset;
  const quarter = Math.floor(ms / QUARTER_MS);
  const quarters = ofZone(quarterOffsets, timeZone);
  return quarters.get(quarter) ?? remember(quarters, quarter, intlOffset(quarter * QUARTER_MS, timeZone));
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
