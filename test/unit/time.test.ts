import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsClamped,
  daysBetween,
  endOfMonth,
  isIsoDate,
  isoDay,
  monthsEndingWith,
  startOfMonth,
  toIsoDate,
  yearAndMonth,
} from '../../src/time/calendar-date.ts';
import { easterSunday, frenchHolidays, holidayOn, holidaysBetween } from '../../src/time/holidays.ts';
import { firstWorkingDayOfMonth, isWorkingDay, onOrPreviousWorkingDay } from '../../src/time/working-days.ts';
import { localDate, localTime, utcOffsetMinutes, zonedInstant } from '../../src/time/zone.ts';

describe('Easter and the French public holidays', () => {
  it.each([
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the eleven holidays of 2016, 2017 and 2026', () => {
    expect(frenchHolidays(2016).map((h) => h.date)).toEqual([
      '2016-01-01',
      '2016-03-28',
      '2016-05-01',
      '2016-05-05',
      '2016-05-08',
      '2016-05-16',
      '2016-07-14',
      '2016-08-15',
      '2016-11-01',
      '2016-11-11',
      '2016-12-25',
    ]);
    expect(frenchHolidays(2017).map((h) => `${h.date} ${h.key}`)).toEqual([
      '2017-01-01 newYear',
      '2017-04-17 easterMonday',
      '2017-05-01 labourDay',
      '2017-05-08 victory1945',
      '2017-05-25 ascension',
      '2017-06-05 whitMonday',
      '2017-07-14 bastilleDay',
      '2017-08-15 assumption',
      '2017-11-01 allSaints',
      '2017-11-11 armistice1918',
      '2017-12-25 christmas',
    ]);
    expect(frenchHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('finds holidays by date and over a range spanning two years', () => {
    expect(holidayOn(isoDay('2026-05-14'))?.key).toBe('ascension');
    expect(holidayOn(isoDay('2026-05-15'))).toBeUndefined();
    expect(holidaysBetween(isoDay('2016-12-20'), isoDay('2017-01-05')).map((h) => h.date)).toEqual([
      isoDay('2016-12-25'),
      isoDay('2017-01-01'),
    ]);
  });
});

describe('working days', () => {
  it.each([
    // [date, is working day, on or previous working day]
    ['2016-11-20', false, '2016-11-18'], // Sunday → Friday (contract D-120 of the worked example)
    ['2017-02-18', false, '2017-02-17'], // Saturday → Friday (D-30 of the worked example)
    ['2016-11-11', false, '2016-11-10'], // Armistice, a Friday
    ['2017-04-17', false, '2017-04-14'], // Easter Monday → Good Friday (a working day in mainland France)
    ['2026-05-25', false, '2026-05-22'], // Whit Monday
    ['2026-05-14', false, '2026-05-13'], // Ascension Thursday
    ['2026-05-10', false, '2026-05-07'], // Sunday after Victory Day (Friday 8 May) → Thursday
    ['2027-01-03', false, '2026-12-31'], // Sunday after New Year's Day → back into the previous year
    ['2026-12-01', true, '2026-12-01'],
  ])('%s working=%s → %s', (date, working, previous) => {
    expect(isWorkingDay(isoDay(date))).toBe(working);
    expect(onOrPreviousWorkingDay(isoDay(date))).toBe(previous);
  });

  it('finds the first working day of a month', () => {
    expect(firstWorkingDayOfMonth(2026, 11)).toBe('2026-11-02'); // Sunday 1 Nov is a holiday anyway
    expect(firstWorkingDayOfMonth(2027, 1)).toBe('2027-01-04'); // Friday 1 Jan holiday, then a weekend
    expect(firstWorkingDayOfMonth(2026, 5)).toBe('2026-05-04'); // Friday 1 May holiday
  });
});

describe('calendar dates', () => {
  it('adds days across leap years and month ends', () => {
    expect(addDays(isoDay('2016-02-28'), 1)).toBe(isoDay('2016-02-29'));
    expect(addDays(isoDay('2017-02-28'), 1)).toBe(isoDay('2017-03-01'));
    expect(addDays(isoDay('2017-03-20'), -120)).toBe(isoDay('2016-11-20'));
    expect(daysBetween(isoDay('2016-03-21'), isoDay('2017-03-20'))).toBe(364);
    expect(isIsoDate('2017-02-29')).toBe(false);
    expect(isIsoDate('2016-02-29')).toBe(true);
  });
});

describe('Europe/Paris and the clock changes', () => {
  const tz = 'Europe/Paris';
  it('puts 09:00 local at 08:00Z in winter and 07:00Z in summer', () => {
    expect(zonedInstant(isoDay('2026-03-28'), 9, 0, tz).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedInstant(isoDay('2026-03-29'), 9, 0, tz).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(zonedInstant(isoDay('2026-10-24'), 9, 0, tz).toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(zonedInstant(isoDay('2026-10-25'), 9, 0, tz).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(zonedInstant(isoDay('2017-03-26'), 9, 0, tz).toISOString()).toBe('2017-03-26T07:00:00.000Z');
  });

  it('moves a time in the spring gap forward, never backwards', () => {
    const inGap = zonedInstant(isoDay('2026-03-29'), 2, 30, tz);
    expect(localTime(inGap, tz).hour).toBe(3);
    expect(localDate(inGap, tz)).toBe('2026-03-29');
  });

  it('reads local dates near midnight correctly', () => {
    expect(localDate(new Date('2026-11-29T23:30:00Z'), tz)).toBe('2026-11-30'); // Monday 00:30 in Paris
    expect(localDate(new Date('2026-07-05T21:59:00Z'), tz)).toBe('2026-07-05'); // Sunday 23:59 in Paris
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), tz)).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-07-15T12:00:00Z'), tz)).toBe(120);
  });

  it('reads the wall clock on both sides of each clock change, whatever was read that day before', () => {
    // The same day read first in the morning, then around the change (01:00Z both times).
    expect(localTime(new Date('2026-03-29T10:00:00Z'), tz)).toEqual({ hour: 12, minute: 0 });
    expect(localTime(new Date('2026-03-29T00:59:00Z'), tz)).toEqual({ hour: 1, minute: 59 });
    expect(localTime(new Date('2026-03-29T01:00:00Z'), tz)).toEqual({ hour: 3, minute: 0 });
    expect(localTime(new Date('2026-10-25T10:00:00Z'), tz)).toEqual({ hour: 11, minute: 0 });
    expect(localTime(new Date('2026-10-25T00:59:00Z'), tz)).toEqual({ hour: 2, minute: 59 });
    expect(localTime(new Date('2026-10-25T01:00:00Z'), tz)).toEqual({ hour: 2, minute: 0 });
    // Réunion keeps its offset all year; New York changes on other days, at other hours.
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Indian/Reunion')).toEqual({ hour: 5, minute: 0 });
    expect(localTime(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toEqual({ hour: 1, minute: 59 });
    expect(localTime(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual({ hour: 3, minute: 0 });
  });
});

describe('calendar days', () => {
  it('are made only from real days', () => {
    expect(toIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(toIsoDate('2026-02-29')).toBeUndefined();
    expect(toIsoDate('2026-13-01')).toBeUndefined();
    expect(toIsoDate('30/11/2026')).toBeUndefined();
    expect(toIsoDate(null)).toBeUndefined();
    expect(() => isoDay('lundi')).toThrow(RangeError);
  });
});

describe('month arithmetic on calendar dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-03-03'],
    ['2028-02-29', 12, '2029-03-01'],
    ['2026-11-15', -11, '2025-12-15'],
    ['2026-12-01', 1, '2027-01-01'],
  ])('%s + %i months rolls over like a calendar: %s', (date, months, expected) => {
    expect(addMonths(isoDay(date), months)).toBe(expected);
  });

  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-03-15', 6, '2026-09-15'],
  ])('%s + %i months stays in the target month: %s', (date, months, expected) => {
    expect(addMonthsClamped(isoDay(date), months)).toBe(expected);
  });

  it('gives the first and last days, the year and month, and the twelve months ending with one', () => {
    expect(startOfMonth(isoDay('2026-02-17'))).toBe(isoDay('2026-02-01'));
    expect(endOfMonth(isoDay('2028-02-03'))).toBe(isoDay('2028-02-29'));
    expect(endOfMonth(isoDay('2026-12-31'))).toBe(isoDay('2026-12-31'));
    expect(yearAndMonth('2026-03-09')).toEqual([2026, 3]);
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2026-11', 12)[0]).toBe('2025-12');
  });
});
