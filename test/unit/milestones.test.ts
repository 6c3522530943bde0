import { describe, expect, it } from 'vitest';
import { type MilestoneKey, milestoneReach, milestonesFor, plan } from '../../src/features/contracts/milestones.ts';
import { isoDay } from '../../src/time/calendar-date.ts';

const calendar = (startDate: string, endDate: string, leadTimeDays = 45) =>
  Object.fromEntries(
    milestonesFor({ startDate: isoDay(startDate), endDate: isoDay(endDate), leadTimeDays }).map((m) => [
      m.key,
      `${m.date} → ${m.sendDate}`,
    ]),
  );

describe('milestone calendar', () => {
  it('follows the worked example: 21 March 2016 – 20 March 2017', () => {
    expect(calendar('2016-03-21', '2017-03-20')).toEqual({
      d120: '2016-11-20 → 2016-11-18', // Sunday → Friday
      d90: '2016-12-20 → 2016-12-20',
      renewal_request: '2017-01-19 → 2017-01-19', // D-(45+15)
      d30: '2017-02-18 → 2017-02-17', // Saturday → Friday
      d7: '2017-03-13 → 2017-03-13',
      d0: '2017-03-20 → 2017-03-20',
      d28: '2017-04-17 → 2017-04-14', // Easter Monday → Good Friday (a working day in mainland France)
      d182: '2017-09-18 → 2017-09-18', // six months after the exit
    });
  });

  it.each([
    // [end date, lead time, key, expected send date, why]
    ['2026-12-31', 45, 'd7', '2026-12-24', 'Thursday 24 December'],
    ['2027-01-08', 45, 'd7', '2026-12-31', 'New Year’s Day → Thursday 31 December'],
    ['2026-05-15', 45, 'd7', '2026-05-07', 'Friday 8 May (Victory 1945) → Thursday 7'],
    ['2026-05-08', 45, 'd7', '2026-04-30', 'Friday 1 May (Labour Day) → Thursday 30 April'],
    ['2026-01-08', 45, 'd7', '2025-12-31', 'Thursday 1 January 2026 → Wednesday 31 December 2025'],
    ['2026-04-13', 45, 'd7', '2026-04-03', 'Easter Monday 6 April 2026 → Friday 3 April'],
    ['2026-06-01', 45, 'd7', '2026-05-22', 'Monday 25 May (Whit Monday) → Friday 22'],
    ['2026-05-21', 45, 'd7', '2026-05-13', 'Thursday 14 May (Ascension) → Wednesday 13'],
    ['2026-07-21', 45, 'd7', '2026-07-13', 'Tuesday 14 July → Monday 13'],
    ['2026-08-22', 45, 'd7', '2026-08-14', 'Saturday 15 August → Friday 14'],
    ['2026-11-08', 45, 'd7', '2026-10-30', 'Sunday 1 November → Friday 30 October'],
    ['2026-11-18', 45, 'd7', '2026-11-10', 'Wednesday 11 November → Tuesday 10'],
    ['2027-01-01', 45, 'd7', '2026-12-24', 'Friday 25 December → Thursday 24'],
    ['2026-05-08', 45, 'd0', '2026-05-07', 'the last day itself on a holiday'],
    ['2024-03-31', 45, 'd30', '2024-03-01', 'leap year: 29 February 2024 is a Thursday, D-30 is Friday 1 March'],
    ['2028-03-30', 45, 'd30', '2028-02-29', '29 February 2028, a Tuesday'],
    ['2026-12-31', 60, 'renewal_request', '2026-10-16', 'a 60-day lead time: D-75 is Saturday 17 October'],
    ['2027-03-28', 45, 'd0', '2027-03-26', 'the Sunday of the March clock change → Friday'],
    ['2026-10-25', 45, 'd0', '2026-10-23', 'the Sunday of the October clock change → Friday'],
  ])('end %s, lead %i: %s goes out on %s (%s)', (end, lead, key, send) => {
    const m = milestonesFor({ startDate: isoDay('2020-01-01'), endDate: isoDay(end), leadTimeDays: lead }).find((x) => x.key === key);
    expect(m?.sendDate).toBe(send);
  });

  it('leaves out milestones before the start of a contract shorter than 120 days', () => {
    const keys = milestonesFor({ startDate: isoDay('2026-10-05'), endDate: isoDay('2026-12-31'), leadTimeDays: 45 }).map((m) => m.key);
    expect(keys).toEqual(['renewal_request', 'd30', 'd7', 'd0', 'd28', 'd182']);
  });
});

describe('what to send on a given day', () => {
  const ms = milestonesFor({ startDate: isoDay('2016-03-21'), endDate: isoDay('2017-03-20'), leadTimeDays: 45 });
  const none = new Set<MilestoneKey>();

  it('sends nothing before the first milestone', () => {
    expect(plan(ms, isoDay('2016-11-17'), none, 'undecided')).toEqual({ send: undefined, skip: [] });
  });

  it('sends the milestone of the day', () => {
    expect(plan(ms, isoDay('2016-11-18'), none, 'undecided').send?.key).toBe('d120');
    expect(plan(ms, isoDay('2016-12-20'), new Set(['d120']), 'undecided').send?.key).toBe('d90');
  });

  it('after downtime, sends only the latest missed milestone and skips the earlier ones', () => {
    const p = plan(ms, isoDay('2017-02-20'), new Set(['d120']), 'undecided');
    expect(p.send?.key).toBe('d30');
    expect(p.skip.map((m) => m.key)).toEqual(['d90', 'renewal_request']);
  });

  it('drops the renewal request once not renewed, and the end steps once renewed', () => {
    expect(plan(ms, isoDay('2017-01-19'), new Set(['d120', 'd90']), 'not_renewed')).toMatchObject({
      send: undefined,
      skip: [{ key: 'renewal_request' }],
    });
    expect(plan(ms, isoDay('2017-03-13'), new Set(['d120', 'd90', 'renewal_request', 'd30']), 'renewed')).toMatchObject({
      send: undefined,
      skip: [{ key: 'd7' }],
    });
  });

  it('does not send a milestone more than 30 days late', () => {
    expect(plan(ms, isoDay('2017-06-30'), none, 'undecided').send).toBeUndefined();
  });
});

describe('how far ahead a contract can have a step', () => {
  it('is the renewal request of a long lead time (180 + 15 days before the end), else D-120', () => {
    expect(milestoneReach(180)).toBe(195);
    expect(milestoneReach(45)).toBe(120);
  });
});
