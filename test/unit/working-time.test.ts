import { describe, expect, it } from 'vitest';
import { addOfficeHours, addWorkingDays } from '../../src/time/working-time.ts';

const tz = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

describe('office hours (09:00–18:00 on working days)', () => {
  it.each([
    ['Monday 10:00 + 2 h', '2026-12-07T09:00:00Z', 2, '2026-12-07T11:00:00.000Z'],
    ['Monday 17:00 + 2 h → Tuesday 10:00', '2026-12-07T16:00:00Z', 2, '2026-12-08T09:00:00.000Z'],
    ['Friday 19:00 + 2 h → Monday 11:00', '2026-12-11T18:00:00Z', 2, '2026-12-14T10:00:00.000Z'],
    ['Sunday + 2 h → Monday 11:00', '2026-12-13T12:00:00Z', 2, '2026-12-14T10:00:00.000Z'],
    ['Christmas Eve 17:30 + 2 h → Saturday 26 is off, Monday 28 10:30', '2026-12-24T16:30:00Z', 2, '2026-12-28T09:30:00.000Z'],
    ['early morning 07:00 + 2 h → 11:00', '2026-12-07T06:00:00Z', 2, '2026-12-07T10:00:00.000Z'],
    ['Friday 27 March 2026 17:00 + 2 h → Monday 30 10:00, summer time', '2026-03-27T16:00:00Z', 2, '2026-03-30T08:00:00.000Z'],
  ])('%s', (_case, start, hours, expected) => {
    expect(addOfficeHours(at(start), hours, tz).toISOString()).toBe(expected);
  });
});

describe('working days', () => {
  it.each([
    ['Monday 10:00 + 1 → Tuesday 10:00', '2026-12-07T09:00:00Z', 1, '2026-12-08T09:00:00.000Z'],
    ['Friday 16:00 + 1 → Monday 16:00', '2026-12-11T15:00:00Z', 1, '2026-12-14T15:00:00.000Z'],
    ['Thursday 13 May 2026 (before Ascension) + 1 → Friday 15', '2026-05-13T08:00:00Z', 1, '2026-05-15T08:00:00.000Z'],
    ['Saturday + 1 → Tuesday 00:00 (counting starts Monday)', '2026-12-12T10:00:00Z', 1, '2026-12-14T23:00:00.000Z'],
    ['Wednesday + 3 → Monday', '2026-12-09T09:00:00Z', 3, '2026-12-14T09:00:00.000Z'],
  ])('%s', (_case, start, days, expected) => {
    expect(addWorkingDays(at(start), days, tz).toISOString()).toBe(expected);
  });
});
