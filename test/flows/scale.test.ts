// A busy network: thousands of help requests and events in a month. Figures, the digest and
// the nudges stay correct (no database parameter limit hit, nothing silently cut), on SQLite
// and on PostgreSQL. Durations are measured in bench/, not here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOP } from '../../src/features/digest/views.ts';
import { ReportRepository } from '../../src/features/reports/repo.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { CREST } from '../support/builders.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const REQUESTS = 5_000;
const EVENTS = 1_200;
/** A count as French writes it: « 5 002 », thousands grouped by a narrow no-break space. */
const grouped = (n: number) => n.toLocaleString('fr-FR');
/** Requests long unresolved, already nudged and asked about: nothing is due for them. */
const SETTLED = 1_500;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { HELP_CHANNEL_ID: 'C0HELP' }, now: '2026-11-30T08:00:00Z' });
  const prisma = app.db.database.prisma;
  const crest = await app.addSpace(CREST);
  const novemberDay = (i: number) => new Date(Date.UTC(2026, 10, 1 + (i % 28), 9, 0));
  await prisma.helpRequest.createMany({
    data: Array.from({ length: REQUESTS }, (_, i) => ({
      teamId: TEAM_ID,
      requesterId: `U0ASK${i % 50}`,
      question: `Question ${i}`,
      category: 'technique',
      urgency: 'week',
      skillsWanted: '[]',
      channelId: 'C0HELP',
      status: i % 5 === 0 ? 'open' : 'resolved',
      createdAt: novemberDay(i),
      lastActivityAt: novemberDay(i),
      resolvedAt: i % 5 === 0 ? null : novemberDay(i),
      nudgedPeersAt: novemberDay(i),
      nudgedCoordinatorsAt: novemberDay(i),
      staleAskedAt: novemberDay(i),
    })),
  });
  await prisma.helpRequest.createMany({
    data: Array.from({ length: SETTLED }, (_, i) => ({
      teamId: TEAM_ID,
      requesterId: 'U0OLD',
      question: `Ancienne ${i}`,
      category: 'technique',
      urgency: 'week',
      skillsWanted: '[]',
      channelId: 'C0HELP',
      createdAt: new Date('2025-06-01T09:00:00Z'),
      lastActivityAt: new Date('2025-06-01T09:00:00Z'),
      nudgedPeersAt: new Date('2025-06-02T09:00:00Z'),
      nudgedCoordinatorsAt: new Date('2025-06-03T09:00:00Z'),
      staleAskedAt: new Date('2025-06-15T09:00:00Z'),
    })),
  });
  // Two requests of last Friday with no answer: one working day later, their peers are due a nudge.
  await prisma.helpRequest.createMany({
    data: ['Qui connaît Scribus ?', 'Un vidéoprojecteur à prêter ?'].map((question) => ({
      teamId: TEAM_ID,
      requesterId: 'U0NEW',
      question,
      category: 'technique',
      urgency: 'week',
      skillsWanted: '[]',
      channelId: 'C0HELP',
      createdAt: new Date('2026-11-27T08:00:00Z'),
      lastActivityAt: new Date('2026-11-27T08:00:00Z'),
    })),
  });
  const events = await prisma.event.createManyAndReturn({
    data: Array.from({ length: EVENTS }, (_, i) => ({
      teamId: TEAM_ID,
      uid: `scale-${i}@tiers-lieux`,
      title: `Atelier ${i}`,
      format: 'atelier',
      startAt: novemberDay(i),
      endAt: new Date(novemberDay(i).getTime() + 2 * 3600_000),
      createdBy: 'U0ANIM',
      updatedBy: 'U0ANIM',
    })),
    select: { id: true },
  });
  await prisma.eventSpace.createMany({ data: events.map((e) => ({ eventId: e.id, spaceId: crest })) });
  await prisma.eventOrganizer.createMany({ data: events.map((e) => ({ eventId: e.id, userId: 'U0ANIM', isCreator: true })) });
}, 120_000);
afterAll(async () => app.close());

describe('a month with thousands of requests and events', () => {
  it('counts every one of them in /bilan', async () => {
    const res = await app.command('/bilan', COORDINATOR, '01/11/2026 30/11/2026');
    expect(res.status).toBe(200);
    const text = JSON.stringify(await app.slack.waitForResponse());
    // Thousands grouped as French writes them (a narrow no-break space): « 1 200 ».
    expect(text).toContain('*1\u202f200* évènements');
    expect(text).toContain('Atelier 1\u202f200');
    // The generator's requests and last Friday's two.
    expect(text).toContain(`${grouped(REQUESTS + 2)} demandes ouvertes, ${grouped(REQUESTS - REQUESTS / 5)} résolues`);
  });

  it('builds the weekly digest over them', async () => {
    const lines = await app.planJob('weekly-digest', new Date('2026-11-30T08:00:00Z'));
    const digest = lines.join('\n');
    // The week of Monday 23 to Sunday 29 November: the generator's days 23 to 28.
    const inWeek = Array.from({ length: REQUESTS }, (_, i) => i).filter((i) => 1 + (i % 28) >= 23);
    const resolved = inWeek.filter((i) => i % 5 !== 0).length;
    expect(digest).toContain(`${grouped(inWeek.length + 2)} demandes ouvertes, ${grouped(resolved)} résolues`);
    const eventsInWeek = Array.from({ length: EVENTS }, (_, i) => i).filter((i) => 1 + (i % 28) >= 23).length;
    expect(digest).toContain(`*${grouped(eventsInWeek)}* évènements`);
    // Every past event still lacks its attendance: five are named (a phone's worth), the rest counted.
    expect(digest).toContain(`… et ${grouped(EVENTS - TOP)} de plus`);
  });

  it('reads the export a page at a time, ties on the same start included, exactly as in one go', async () => {
    const repo = new ReportRepository(app.db.database.prisma, app.db.database.provider);
    const scope = { teamId: TEAM_ID, from: new Date('2026-10-31T23:00:00Z'), to: new Date('2026-11-30T23:00:00Z') };
    const all = async <T>(pages: AsyncIterable<T[]>) => {
      const out: T[] = [];
      for await (const page of pages) out.push(...page);
      return out;
    };
    // 1,200 events on 28 days: many share their start, and pages of 7 end in the middle of them.
    const spaces = new Map(
      (await app.services.network.listSpaces(TEAM_ID, { includeArchived: true })).map((s) => [s.id, { name: s.name, town: s.town }]),
    );
    const paged = await all(repo.exportedEvents(scope, spaces, 7));
    expect(paged).toHaveLength(EVENTS);
    expect(paged).toEqual(await all(repo.exportedEvents(scope, spaces, 100_000)));
    const requests = await all(repo.exportedRequests(scope, 333));
    expect(requests).toHaveLength(REQUESTS + 2);
    expect(requests).toEqual(await all(repo.exportedRequests(scope, 100_000)));
  });

  it('writes the three files of the export, every event and request in them', async () => {
    const period = { from: isoDay('2026-11-01'), to: isoDay('2026-11-30') };
    const dir = mkdtempSync(join(tmpdir(), 'tl-paged-'));
    try {
      const written = await app.services.reports.writeCsvFiles(TEAM_ID, period, dir, 'fr');
      expect(written.map((p) => basename(p))).toEqual(['evenements.csv', 'entraide.csv', 'synthese.csv']);
      // A header, a line per event or request, and the last line's end.
      expect(readFileSync(join(dir, 'evenements.csv'), 'utf8').split('\r\n')).toHaveLength(EVENTS + 2);
      expect(readFileSync(join(dir, 'entraide.csv'), 'utf8').split('\r\n')).toHaveLength(REQUESTS + 2 + 2);
      const files = await app.services.reports.csvFiles(TEAM_ID, period, 'fr');
      for (const file of files) expect(file.content.toString('utf8')).toBe(readFileSync(join(dir, file.filename), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nudges exactly the requests due, however many older ones stay unresolved', async () => {
    const lines = await app.planJob('help-nudges', new Date('2026-11-30T08:00:00Z'));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('Qui connaît Scribus ?');
    expect(lines.join('\n')).toContain('Un vidéoprojecteur à prêter ?');
    expect(lines.every((l) => l.includes('le rappel aux pairs'))).toBe(true);
  });

  it('serves the network’s calendar feed a page at a time: every event, a well-formed file', async () => {
    const token = await app.services.network.calendarToken(TEAM_ID);
    const res = await fetch(`${app.url}/calendar/${token}.ics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    const calendar = new ICAL.Component(ICAL.parse(body));
    const uids = calendar.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
    // 1,200 events: three pages of 500.
    expect(uids).toHaveLength(EVENTS);
    expect(new Set(uids).size).toBe(EVENTS);
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('does what it missed during an outage up to 30 days late, not later', async () => {
    const prisma = app.db.database.prisma;
    const request = (question: string, at: string) => ({
      teamId: TEAM_ID,
      requesterId: 'U0LATE',
      question,
      category: 'technique',
      urgency: 'week',
      skillsWanted: '[]',
      channelId: 'C0HELP',
      createdAt: new Date(at),
      lastActivityAt: new Date(at),
    });
    await prisma.helpRequest.createMany({
      data: [request('Oubliée depuis septembre', '2026-09-01T08:00:00Z'), request('Oubliée depuis dix jours', '2026-11-20T08:00:00Z')],
    });
    const lines = (await app.planJob('help-nudges', new Date('2026-11-30T08:00:00Z'))).join('\n');
    expect(lines).toContain('Oubliée depuis dix jours');
    expect(lines).not.toContain('Oubliée depuis septembre');
  });
});
