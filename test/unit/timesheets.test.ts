import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROPORTIONS,
  eventHoursByDay,
  fingerprint,
  type Hours,
  monthWeeks,
  prefill,
  proportionsFrom,
  readWeek,
  type SheetWeek,
  sheetWeeks,
  shortFingerprint,
  TASK_KINDS,
  totalOf,
  zeroHours,
} from '../../src/features/timesheets/sheet.ts';
import { type IsoDate, isoDay } from '../../src/time/calendar-date.ts';

const tz = 'Europe/Paris';
const d = (s: string): IsoDate => isoDay(s);
const contract = (start: string, end?: string, weeklyHours = 20) => ({
  startDate: d(start),
  endDate: end ? d(end) : undefined,
  weeklyHours,
});
const typed = (over: Partial<Record<string, string>> = {}) =>
  Object.fromEntries(TASK_KINDS.map((k) => [k, over[k] ?? ''])) as Record<(typeof TASK_KINDS)[number], string>;

describe('a month’s weeks', () => {
  it('runs Monday to Sunday, cut at the month’s first and last days', () => {
    expect(monthWeeks('2026-11').map((w) => `${w.start}→${w.end}`)).toEqual([
      '2026-11-01→2026-11-01',
      '2026-11-02→2026-11-08',
      '2026-11-09→2026-11-15',
      '2026-11-16→2026-11-22',
      '2026-11-23→2026-11-29',
      '2026-11-30→2026-11-30',
    ]);
    expect(monthWeeks('2027-02')).toHaveLength(4);
    expect(monthWeeks('2027-02')[0]).toEqual({ start: '2027-02-01', end: '2027-02-07' });
  });
});

describe('what the contract allows each week', () => {
  it('spreads the weekly hours over working days: public holidays and weekends hold none', () => {
    const weeks = sheetWeeks('2026-11', [contract('2025-06-01', '2027-05-31')], new Map());
    // 1 November (a Sunday, All Saints) and 11 November (a Wednesday, Armistice).
    expect(weeks.map((w) => w.workingDays)).toEqual([0, 5, 4, 5, 5, 1]);
    expect(weeks.map((w) => w.contractHours)).toEqual([0, 20, 16, 20, 20, 4]);
    expect(weeks.map((w) => w.cap)).toEqual([0, 22, 17.6, 22, 22, 4.4]);
    expect(weeks[0]?.contractDays).toBe(1);
  });

  it('counts only the days under a contract when it starts or ends within the month', () => {
    const starting = sheetWeeks('2026-11', [contract('2026-11-18', '2027-11-17', 35)], new Map());
    expect(starting.map((w) => w.contractHours)).toEqual([0, 0, 0, 21, 35, 7]);
    expect(starting.map((w) => w.contractDays)).toEqual([0, 0, 0, 5, 7, 1]);
    const ending = sheetWeeks('2026-11', [contract('2025-11-04', '2026-11-04')], new Map());
    expect(ending.map((w) => w.contractHours)).toEqual([0, 12, 0, 0, 0, 0]);
    expect(ending[2]?.cap).toBe(0);
  });

  it('follows a renewal within the month, with its own weekly hours; a contract without hours counts 35', () => {
    const weeks = sheetWeeks('2026-11', [contract('2025-11-13', '2026-11-12', 20), contract('2026-11-13', '2027-11-12', 30)], new Map());
    // Week of the 9th: Monday, Tuesday, Thursday at 4 h; Friday at 6 h (the 11th is a holiday).
    expect(weeks[2]?.contractHours).toBe(18);
    expect(weeks[3]?.contractHours).toBe(30);
    expect(sheetWeeks('2026-11', [{ ...contract('2026-01-01'), weeklyHours: undefined }], new Map())[1]?.contractHours).toBe(35);
  });
});

describe('the hours of events', () => {
  it('cuts an event over midnight into the two days it took', () => {
    const byDay = eventHoursByDay([{ startAt: new Date('2026-11-20T21:00:00Z'), endAt: new Date('2026-11-21T01:00:00Z') }], tz);
    expect(Object.fromEntries(byDay)).toEqual({ '2026-11-20': 2, '2026-11-21': 2 });
  });

  it('counts a night of clock change as it was lived', () => {
    // 25 October 2026: from midnight to 04:00 on the wall clock is five hours (03:00 comes twice).
    const back = eventHoursByDay([{ startAt: new Date('2026-10-24T22:00:00Z'), endAt: new Date('2026-10-25T03:00:00Z') }], tz);
    expect(back.get(d('2026-10-25'))).toBe(5);
    // 29 March 2026: midnight to 04:00 is three hours.
    const forward = eventHoursByDay([{ startAt: new Date('2026-03-28T23:00:00Z'), endAt: new Date('2026-03-29T02:00:00Z') }], tz);
    expect(forward.get(d('2026-03-29'))).toBe(3);
  });

  it('puts a Saturday event in its week, and none on days outside the contract', () => {
    const events = new Map([
      [d('2026-11-21'), 3],
      [d('2026-11-03'), 2],
    ]);
    const weeks = sheetWeeks('2026-11', [contract('2026-11-16', '2027-11-15')], events);
    expect(weeks[3]?.eventHours).toBe(3);
    expect(weeks[1]?.eventHours).toBe(0);
  });
});

describe('pre-filling', () => {
  const week = (over: Partial<SheetWeek>): SheetWeek => ({
    start: d('2026-11-02'),
    end: d('2026-11-08'),
    workingDays: 5,
    contractDays: 7,
    contractHours: 20,
    eventHours: 0,
    cap: 22,
    ...over,
  });

  it('gives the events to animation and splits the rest by the default proportions, to the quarter, the total exact', () => {
    const [hours] = prefill([week({ eventHours: 6 })], DEFAULT_PROPORTIONS);
    expect(hours).toEqual({
      animation: 6,
      preparation: 4.25,
      accueil: 3.5,
      partenariats: 1.5,
      formation: 0.75,
      administratif: 2,
      reseau: 2,
    });
    expect(totalOf(hours ?? zeroHours())).toBe(20);
  });

  it('follows last month’s proportions, and leaves a week outside the contract empty', () => {
    const last: Hours[] = [{ ...zeroHours(), animation: 10, preparation: 6, reseau: 2 }];
    const proportions = proportionsFrom(last);
    const [hours, outside] = prefill([week({ eventHours: 4 }), week({ contractDays: 0, contractHours: 0, cap: 0 })], proportions);
    expect(hours).toEqual({ ...zeroHours(), animation: 4, preparation: 12, reseau: 4 });
    expect(outside).toEqual(zeroHours());
    expect(proportionsFrom([zeroHours()])).toEqual(DEFAULT_PROPORTIONS);
  });

  it('never splits less than nothing when the events hold more than the contract’s hours', () => {
    const [hours] = prefill([week({ contractHours: 4, eventHours: 6, cap: 6 })], DEFAULT_PROPORTIONS);
    expect(hours).toEqual({ ...zeroHours(), animation: 6 });
  });
});

describe('checking a week', () => {
  const week: SheetWeek = {
    start: d('2026-11-09'),
    end: d('2026-11-15'),
    workingDays: 4,
    contractDays: 7,
    contractHours: 16,
    eventHours: 0,
    cap: 17.6,
  };

  it('reads quarters of an hour, with a decimal comma; empty is zero', () => {
    expect(readWeek(typed({ animation: '2,5', preparation: '10', reseau: '0.75' }), week)).toEqual({
      ok: true,
      hours: { ...zeroHours(), animation: 2.5, preparation: 10, reseau: 0.75 },
    });
  });

  it('refuses words, negative hours and fractions finer than a quarter, field by field', () => {
    expect(readWeek(typed({ animation: 'deux', preparation: '-1', accueil: '1.1' }), week)).toEqual({
      ok: false,
      errors: [
        { kind: 'animation', error: 'invalid' },
        { kind: 'preparation', error: 'negative' },
        { kind: 'accueil', error: 'invalid' },
      ],
    });
  });

  it('refuses more than the contract’s hours plus the margin, and any hour on a week outside the contract', () => {
    expect(readWeek(typed({ animation: '10', preparation: '7.5' }), week).ok).toBe(true);
    expect(readWeek(typed({ animation: '10', preparation: '7.75' }), week)).toEqual({
      ok: false,
      errors: [{ kind: 'total', error: 'overCap', total: 17.75 }],
    });
    expect(readWeek(typed({ animation: '1' }), { ...week, contractDays: 0, cap: 0 })).toEqual({
      ok: false,
      errors: [{ kind: 'total', error: 'outsideContract' }],
    });
  });
});

describe('the fingerprint', () => {
  const content = {
    teamId: 'T1',
    userId: 'U1',
    month: '2026-11',
    weeks: [
      { start: d('2026-11-02'), hours: { ...zeroHours(), animation: 6, preparation: 14 } },
      { start: d('2026-11-09'), hours: { ...zeroHours(), accueil: 16 } },
    ],
  };

  it('is the same for the same content, whatever the order of the weeks', () => {
    expect(fingerprint(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint({ ...content, weeks: [...content.weeks].reverse() })).toBe(fingerprint(content));
    expect(shortFingerprint(fingerprint(content))).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
  });

  it('changes when a single cell changes, or the sheet is someone else’s', () => {
    const changed = {
      ...content,
      weeks: [
        content.weeks[0] ?? { start: d('2026-11-02'), hours: zeroHours() },
        { start: d('2026-11-09'), hours: { ...zeroHours(), accueil: 15.75 } },
      ],
    };
    expect(fingerprint(changed)).not.toBe(fingerprint(content));
    expect(fingerprint({ ...content, userId: 'U2' })).not.toBe(fingerprint(content));
  });
});
