// Days worth knowing in the coming weeks: public holidays, likely bridge days ("ponts")
// and clock changes.
import { addDays, dayOfWeek, type IsoDate } from '../../time/calendar-date.ts';
import { type HolidayKey, holidaysBetween } from '../../time/holidays.ts';
import { isWorkingDay } from '../../time/working-days.ts';
import { utcOffsetMinutes, zonedInstant } from '../../time/zone.ts';

export type CalendarNote =
  | { kind: 'holiday'; date: IsoDate; key: HolidayKey }
  | { kind: 'bridge'; date: IsoDate }
  | { kind: 'clock'; date: IsoDate; forward: boolean };

export function calendarNotes(from: IsoDate, to: IsoDate, timeZone: string): CalendarNote[] {
  const notes: CalendarNote[] = [];
  for (const h of holidaysBetween(from, to)) {
    notes.push({ kind: 'holiday', date: h.date, key: h.key });
    // A Tuesday holiday makes Monday a bridge; a Thursday one, Friday.
    const dow = dayOfWeek(h.date);
    const bridge = dow === 2 ? addDays(h.date, -1) : dow === 4 ? addDays(h.date, 1) : undefined;
    if (bridge && isWorkingDay(bridge)) notes.push({ kind: 'bridge', date: bridge });
  }
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const before = utcOffsetMinutes(zonedInstant(day, 0, 0, timeZone), timeZone);
    const after = utcOffsetMinutes(zonedInstant(addDays(day, 1), 0, 0, timeZone), timeZone);
    if (before !== after) notes.push({ kind: 'clock', date: day, forward: after > before });
  }
  return notes.sort((a, b) => a.date.localeCompare(b.date));
}
