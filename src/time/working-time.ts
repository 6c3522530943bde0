// Deadlines counted in working time of the network's time zone: weekends and French public
// holidays do not count, and short delays count only office hours.
import { addDays } from './calendar-date.ts';
import { isWorkingDay } from './working-days.ts';
import { localDate, zonedInstant } from './zone.ts';

export const OFFICE_START_HOUR = 9;
export const OFFICE_END_HOUR = 18;

/**
 * `start` plus `hours` of office time (09:00–18:00 on working days). A request made in the
 * evening starts counting the next working morning.
 */
export function addOfficeHours(start: Date, hours: number, timeZone: string): Date {
  let remaining = hours * 3600_000;
  let cursor = start;
  for (let guard = 0; guard < 400; guard++) {
    const day = localDate(cursor, timeZone);
    const open = zonedInstant(day, OFFICE_START_HOUR, 0, timeZone);
    const close = zonedInstant(day, OFFICE_END_HOUR, 0, timeZone);
    if (!isWorkingDay(day) || cursor.getTime() >= close.getTime()) {
      cursor = zonedInstant(addDays(day, 1), 0, 0, timeZone);
      continue;
    }
    if (cursor.getTime() < open.getTime()) cursor = open;
    const available = close.getTime() - cursor.getTime();
    if (remaining <= available) return new Date(cursor.getTime() + remaining);
    remaining -= available;
    cursor = zonedInstant(addDays(day, 1), 0, 0, timeZone);
  }
  return cursor;
}

/**
 * `start` plus `days` whole days in which only working days count: Friday 16:00 plus one day is
 * Monday 16:00 (Tuesday if Monday is a holiday).
 */
export function addWorkingDays(start: Date, days: number, timeZone: string): Date {
  const time = start.getTime() - zonedInstant(localDate(start, timeZone), 0, 0, timeZone).getTime();
  let day = localDate(start, timeZone);
  // Asked on a day off: counting starts at the next working day's beginning.
  let offset = time;
  if (!isWorkingDay(day)) {
    while (!isWorkingDay(day)) day = addDays(day, 1);
    offset = 0;
  }
  let left = days;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return new Date(zonedInstant(day, 0, 0, timeZone).getTime() + offset);
}
