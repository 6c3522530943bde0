import { describe, expect, it } from 'vitest';
import { isValidCron, slotsBetween } from '../../src/jobs/cron.ts';

describe('cron slots in the network’s time zone', () => {
  it('keeps Monday 09:00 Paris time across the March clock change', () => {
    const slots = slotsBetween('0 9 * * 1', 'Europe/Paris', new Date('2026-03-20T00:00:00Z'), new Date('2026-04-07T00:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-04-06T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-23T08:00:00.000Z']);
  });

  it('keeps daily 09:00 across the October clock change', () => {
    const slots = slotsBetween('0 9 * * *', 'Europe/Paris', new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T23:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-10-26T08:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-24T07:00:00.000Z']);
  });

  it('validates five-field expressions', () => {
    expect(isValidCron('0 9 * * 1')).toBe(true);
    expect(isValidCron('0 0 9 * * 1')).toBe(false);
    expect(isValidCron('lundi 9h')).toBe(false);
  });
});
