// The calendar feeds, parsed back with an independent iCalendar parser (ical.js).
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventActions } from '../../src/features/events/ids.ts';
import { anEventInput, CREST, DIE } from '../support/builders.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = 'feed-token-for-tests-0123456789';
let app: TestApp;
let crestSpace: number;
let eventIds: number[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { CALENDAR_TOKEN: TOKEN, PUBLIC_URL: 'https://tiers-lieux.example.org/' }, now: '2026-11-30T08:00:00Z' });
  crestSpace = await app.addSpace(CREST);
  const dieSpace = await app.addSpace(DIE);
  const base = anEventInput({ registrationUrl: 'https://inscription.example.org/x' });
  const a = await app.services.events.create(TEAM_ID, ANIMATOR, {
    ...base,
    title: 'Atelier soudure, électronique; et Arduino',
    description:
      'Ligne 1\nLigne 2 avec une très longue phrase qui dépasse largement les soixante-quinze octets autorisés par ligne dans un fichier iCalendar.',
    spaceIds: [crestSpace],
    startAt: new Date('2026-12-10T13:30:00Z'),
    endAt: new Date('2026-12-10T16:00:00Z'),
  });
  const b = await app.services.events.create(TEAM_ID, ANIMATOR, {
    ...base,
    title: 'Portes ouvertes partagées',
    description: '',
    spaceIds: [crestSpace, dieSpace],
    startAt: new Date('2027-07-03T07:00:00Z'),
    endAt: new Date('2027-07-03T15:00:00Z'),
  });
  const c = await app.services.events.create(TEAM_ID, ANIMATOR, {
    ...base,
    title: 'Café outils annulé',
    description: '',
    spaceIds: [dieSpace],
    startAt: new Date('2026-12-15T17:00:00Z'),
    endAt: new Date('2026-12-15T19:00:00Z'),
  });
  if (!a.ok || !b.ok || !c.ok) throw new Error('events');
  await app.services.events.cancel(TEAM_ID, ANIMATOR, c.event.id);
  eventIds = [a.event.id, b.event.id, c.event.id];
});
afterAll(async () => app.close());

async function feed(path: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

function parse(body: string) {
  const component = new ICAL.Component(ICAL.parse(body));
  return { calendar: component, events: component.getAllSubcomponents('vevent') };
}

describe('calendar feed', () => {
  it('serves the whole network as valid iCalendar, with time zone, stable UIDs and cancelled events kept', async () => {
    const res = await feed(`/calendar/${TOKEN}.ics`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/calendar');
    const { calendar, events } = parse(res.body);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(events).toHaveLength(3);
    const byTitle = new Map(events.map((e) => [String(e.getFirstPropertyValue('summary')), e]));
    const soudure = byTitle.get('Atelier soudure, électronique; et Arduino');
    if (!soudure) throw new Error('event in feed');
    const start = soudure.getFirstProperty('dtstart');
    expect(start?.getParameter('tzid')).toBe('Europe/Paris');
    const event = new ICAL.Event(soudure);
    expect(event.startDate.toString()).toBe('2026-12-10T14:30:00');
    expect(String(soudure.getFirstPropertyValue('description'))).toContain('Ligne 1\nLigne 2 avec une très longue phrase');
    expect(soudure.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(byTitle.get('Café outils annulé')?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byTitle.get('Café outils annulé')?.getFirstPropertyValue('sequence')).toBe(1);
    expect(byTitle.get('Portes ouvertes partagées')?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // Summer time: 09:00 in Paris is 07:00Z.
    expect(new ICAL.Event(byTitle.get('Portes ouvertes partagées') as ICAL.Component).startDate.toString()).toBe('2027-07-03T09:00:00');
    // Escaped text and folded lines (75 octets at most).
    expect(res.body).toContain('SUMMARY:Atelier soudure\\, électronique\\; et Arduino');
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('keeps UIDs stable and raises SEQUENCE when an event changes', async () => {
    const before = parse((await feed(`/calendar/${TOKEN}.ics`)).body).events.map((e) => [
      String(e.getFirstPropertyValue('uid')),
      Number(e.getFirstPropertyValue('sequence')),
    ]);
    const first = eventIds[0] ?? 0;
    const event = await app.services.events.get(TEAM_ID, first);
    if (!event) throw new Error('event');
    await app.services.events.update(
      TEAM_ID,
      ANIMATOR,
      first,
      anEventInput({
        title: event.title,
        spaceIds: [crestSpace],
        startAt: new Date('2026-12-10T14:00:00Z'),
        endAt: event.endAt,
        description: 'changé',
      }),
    );
    const after = parse((await feed(`/calendar/${TOKEN}.ics`)).body).events.map((e) => [
      String(e.getFirstPropertyValue('uid')),
      Number(e.getFirstPropertyValue('sequence')),
    ]);
    expect(after.map((x) => x[0]).sort()).toEqual(before.map((x) => x[0]).sort());
    const uid = (await app.services.events.get(TEAM_ID, first))?.uid;
    expect(after.find((x) => x[0] === uid)?.[1]).toBe(Number(before.find((x) => x[0] === uid)?.[1]) + 1);
  });

  it('serves one feed per space, a shared event appearing in each', async () => {
    const crest = parse((await feed(`/calendar/${TOKEN}/la-fabrique-de-crest.ics`)).body).events.map((e) =>
      String(e.getFirstPropertyValue('summary')),
    );
    const die = parse((await feed(`/calendar/${TOKEN}/le-lieu-dit.ics`)).body).events.map((e) =>
      String(e.getFirstPropertyValue('summary')),
    );
    expect(crest.sort()).toEqual(['Atelier soudure, électronique; et Arduino', 'Portes ouvertes partagées']);
    expect(die.sort()).toEqual(['Café outils annulé', 'Portes ouvertes partagées']);
  });

  it('answers 404 to a wrong token or an unknown space, revealing nothing', async () => {
    for (const path of [
      '/calendar/not-the-right-token-000.ics',
      `/calendar/${TOKEN}/nowhere.ics`,
      '/calendar/x.ics',
      `/calendar/${TOKEN}`,
    ]) {
      const res = await feed(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('VCALENDAR');
    }
  });

  it('shows the feed address in /agenda', async () => {
    await app.command('/agenda', ANIMATOR);
    const reply = await app.slack.waitForResponse();
    expect(JSON.stringify(reply)).toContain(`https://tiers-lieux.example.org/calendar/${TOKEN}.ics`);
  });

  it('sends a member the event’s .ics file from the announcement button', async () => {
    app.slack.reset();
    await app.action({ actionId: EventActions.calendar, value: String(eventIds[1]), userId: 'U0ANYONE', channelId: 'C0AGENDA' });
    const complete = await app.slack.waitFor('files.completeUploadExternal');
    expect(complete.args.channel_id).toBe('DU0ANYONE');
    expect(String(complete.args.initial_comment)).toContain('«\u00a0Portes ouvertes partagées\u00a0» pour votre agenda');
    const upload = app.slack.uploads[0];
    expect(upload?.content).toContain('BEGIN:VCALENDAR');
    expect(upload?.content).toContain('SUMMARY:Portes ouvertes partagées');
  });
});
