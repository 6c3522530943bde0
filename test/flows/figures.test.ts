// The figures of a period are computed by the database (reports/repo.ts), the same way on SQLite
// and PostgreSQL: what is counted, where weeks are cut, how durations add up, and whose activity
// a member's own figures hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Period } from '../../src/features/reports/service.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { CREST, DIE } from '../support/builders.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let crest: number;
let die: number;
let empty: number;
let n = 0;

/** An event row as the database holds it: hosts, organisers and possibly an attendance report. */
async function anEventRow(
  start: string,
  end: string,
  over: {
    spaces?: number[];
    organizers?: string[];
    status?: 'scheduled' | 'cancelled';
    format?: string;
    attendance?: { total: number; women?: number; men?: number; jobSeekers?: number };
    teamId?: string;
  } = {},
): Promise<void> {
  const prisma = app.db.database.prisma;
  n += 1;
  const organizers = over.organizers ?? ['U0ANIM'];
  const event = await prisma.event.create({
    data: {
      teamId: over.teamId ?? TEAM_ID,
      uid: `figures-${n}@tiers-lieux`,
      title: `Évènement ${n}`,
      format: over.format ?? 'atelier',
      startAt: new Date(start),
      endAt: new Date(end),
      status: over.status ?? 'scheduled',
      createdBy: organizers[0] ?? 'U0ANIM',
      updatedBy: organizers[0] ?? 'U0ANIM',
      spaces: { create: (over.spaces ?? [crest]).map((spaceId) => ({ spaceId })) },
      organizers: { create: organizers.map((userId, i) => ({ userId, isCreator: i === 0 })) },
    },
  });
  if (over.attendance) {
    await prisma.attendance.create({ data: { eventId: event.id, reportedBy: 'U0ANIM', sheetKept: true, ...over.attendance } });
  }
}

async function aRequest(created: string, over: { firstAnswer?: string; resolved?: string; requester?: string; helper?: string } = {}) {
  await app.db.database.prisma.helpRequest.create({
    data: {
      teamId: TEAM_ID,
      requesterId: over.requester ?? 'U0ASK',
      question: 'Une question',
      category: 'technique',
      urgency: 'week',
      channelId: 'C0HELP',
      status: over.resolved ? 'resolved' : 'open',
      createdAt: new Date(created),
      lastActivityAt: new Date(created),
      ...(over.firstAnswer ? { firstAnswerAt: new Date(over.firstAnswer) } : {}),
      ...(over.resolved ? { resolvedAt: new Date(over.resolved) } : {}),
      ...(over.helper ? { helpers: { create: [{ userId: over.helper }] } } : {}),
    },
  });
}

// The week of Monday 23 March 2026 to Sunday 29 March 2026 — the clock changes on that Sunday.
const week: Period = { from: isoDay('2026-03-23'), to: isoDay('2026-03-29') };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-03-30T07:00:00Z' });
  crest = await app.addSpace(CREST);
  die = await app.addSpace(DIE);
  empty = await app.addSpace({ ...DIE, name: 'Vide', town: 'Saillans' });
  // A shared event, reported.
  await anEventRow('2026-03-24T13:00:00Z', '2026-03-24T16:00:00Z', {
    spaces: [crest, die],
    organizers: ['U0ANIM', 'U0COANIM'],
    attendance: { total: 20, women: 12, men: 8, jobSeekers: 5 },
  });
  // Cancelled: never counted.
  await anEventRow('2026-03-25T13:00:00Z', '2026-03-25T15:00:00Z', { status: 'cancelled', attendance: { total: 99 } });
  // Sunday 23:30 in Paris (summer time): in the week. Monday 00:30 the next day: not.
  await anEventRow('2026-03-29T21:30:00Z', '2026-03-29T21:50:00Z', { format: 'permanence', organizers: ['U0OTHER'] });
  await anEventRow('2026-03-29T22:30:00Z', '2026-03-29T23:00:00Z');
  // Monday 00:30 in Paris (winter time), the first minutes of the week, 20 minutes long.
  await anEventRow('2026-03-22T23:30:00Z', '2026-03-22T23:50:00Z', { format: 'permanence', organizers: ['U0OTHER'] });
  // Still going on at `now`: not missing its report yet.
  await anEventRow('2026-03-29T08:00:00Z', '2026-03-30T09:00:00Z', { format: 'permanence', organizers: ['U0OTHER'], spaces: [die] });
  // Another workspace's event in the same week.
  await anEventRow('2026-03-24T13:00:00Z', '2026-03-24T16:00:00Z', { teamId: 'T0ELSEWHERE', attendance: { total: 50 } });

  await aRequest('2026-03-23T08:00:00Z', { firstAnswer: '2026-03-23T10:00:00Z', requester: 'U0ANIM' });
  await aRequest('2026-03-24T08:00:00Z', { firstAnswer: '2026-03-24T14:00:00Z', resolved: '2026-03-25T08:00:00Z', helper: 'U0ANIM' });
  await aRequest('2026-03-25T08:00:00Z', { firstAnswer: '2026-03-26T08:00:00Z' });
  await aRequest('2026-03-26T08:00:00Z');
  await aRequest('2026-03-10T08:00:00Z', { firstAnswer: '2026-03-10T09:00:00Z', resolved: '2026-03-27T08:00:00Z' });
}, 60_000);
afterAll(async () => app.close());

describe('figures computed by the database', () => {
  it('counts a shared event once for the network, leaves cancelled events and other workspaces out, and cuts the week at midnight in Paris across a clock change', async () => {
    const f = (await app.services.reports.figures(TEAM_ID, week)).network;
    expect(f.events).toBe(4);
    expect(f.byFormat).toEqual({ atelier: 1, permanence: 3 });
    expect(f.reported).toBe(1);
    expect(f.attendance).toMatchObject({ total: 20, women: 12, men: 8, jobSeekers: 5 });
    // 3 h + 20 min + 20 min + 25 h.
    expect(f.hours).toBe(28.67);
    // The two short permanences ended before `now` without a report; the long one has not ended.
    expect(f.missingReports).toBe(2);
  });

  it('counts help requests opened and resolved in the period, with the median time to their first answer', async () => {
    const figures = await app.services.reports.figures(TEAM_ID, week);
    expect([figures.network.helpOpened, figures.network.helpResolved]).toEqual([4, 2]);
    // Answered after 2 h, 6 h and 24 h: the middle one.
    expect(figures.medianFirstAnswerHours).toBe(6);
    await aRequest('2026-03-27T08:00:00Z', { firstAnswer: '2026-03-27T12:00:00Z' });
    // Four answered: between the two middle ones (4 h and 6 h).
    expect((await app.services.reports.figures(TEAM_ID, week)).medianFirstAnswerHours).toBe(5);
    const quiet = await app.services.reports.figures(TEAM_ID, { from: isoDay('2026-02-02'), to: isoDay('2026-02-08') });
    expect(quiet.medianFirstAnswerHours).toBeUndefined();
    expect(quiet.network).toMatchObject({ events: 0, hours: 0, reported: 0, missingReports: 0, helpOpened: 0, helpResolved: 0 });
  });

  it('gives each space its own figures (a shared event in each of its spaces), every space listed', async () => {
    const spaces = await app.services.reports.spaceFigures(TEAM_ID, week);
    expect(spaces.map((s) => [s.name, s.events, s.attendance.total, s.hours])).toEqual([
      ['La Fabrique de Crest', 3, 20, 3.67],
      ['Le Lieu-Dit', 2, 20, 28],
      ['Vide', 0, 0, 0],
    ]);
    expect(spaces.find((s) => s.spaceId === empty)?.byFormat).toEqual({});
  });

  it('names the busiest spaces first and says how many spaces hosted anything', async () => {
    const busiest = await app.services.reports.busiestSpaces(TEAM_ID, week, 1);
    expect(busiest).toEqual({ items: [{ spaceId: crest, name: 'La Fabrique de Crest', events: 3 }], total: 2 });
  });

  it('holds only what a member organised, asked or helped with in their own figures', async () => {
    const mine = await app.services.reports.figures(TEAM_ID, week, 'U0ANIM');
    expect(mine.network).toMatchObject({ events: 1, hours: 3, reported: 1, helpOpened: 2, helpResolved: 1 });
    const coAnimator = await app.services.reports.figures(TEAM_ID, week, 'U0COANIM');
    expect(coAnimator.network.events).toBe(1);
    const other = await app.services.reports.figures(TEAM_ID, week, 'U0OTHER');
    expect(other.network).toMatchObject({ events: 3, byFormat: { permanence: 3 }, helpOpened: 0 });
  });
});
