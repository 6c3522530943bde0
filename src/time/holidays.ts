// The eleven French public holidays ("jours fériés" of the Code du travail, art. L3133-1),
// mainland France. Easter-based ones are computed.
import { addDays, type IsoDate, isoDate, yearOf } from './calendar-date.ts';

export type HolidayKey =
  | 'newYear'
  | 'easterMonday'
  | 'labourDay'
  | 'victory1945'
  | 'ascension'
  | 'whitMonday'
  | 'bastilleDay'
  | 'assumption'
  | 'allSaints'
  | 'armistice1918'
  | 'christmas';

export interface Holiday {
  date: IsoDate;
  key: HolidayKey;
}

/** Easter Sunday (Gregorian calendar), anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const cache = new Map<number, Holiday[]>();

export function frenchHolidays(year: number): Holiday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), key: 'newYear' },
    { date: addDays(easter, 1), key: 'easterMonday' },
    { date: isoDate(year, 5, 1), key: 'labourDay' },
    { date: isoDate(year, 5, 8), key: 'victory1945' },
    { date: addDays(easter, 39), key: 'ascension' },
    { date: addDays(easter, 50), key: 'whitMonday' },
    { date: isoDate(year, 7, 14), key: 'bastilleDay' },
    { date: isoDate(year, 8, 15), key: 'assumption' },
    { date: isoDate(year, 11, 1), key: 'allSaints' },
    { date: isoDate(year, 11, 11), key: 'armistice1918' },
    { date: isoDate(year, 12, 25), key: 'christmas' },
  ].sort((x, y) => x.date.localeCompare(y.date)) as Holiday[];
  cache.set(year, list);
  return list;
}

export function holidayOn(date: IsoDate): Holiday | undefined {
  return frenchHolidays(yearOf(date)).find((h) => h.date === date);
}

/** Holidays between two dates, both included. */
export function holidaysBetween(from: IsoDate, to: IsoDate): Holiday[] {
  const out: Holiday[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    for (const h of frenchHolidays(y)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}
