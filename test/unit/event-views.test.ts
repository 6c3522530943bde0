import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../src/features/events/form.ts';
import { eventsToIcs, icsWriter } from '../../src/features/events/ics.ts';
import type { EventDetails } from '../../src/features/events/repo.ts';
import { agendaMessage, announcementMessage, attendanceModalView, eventModalView } from '../../src/features/events/views.ts';
import { formatTime } from '../../src/i18n/format.ts';
import { translator } from '../../src/i18n/index.ts';
import { anEvent, aSpace } from '../support/builders.ts';

const d = { t: translator('fr'), locale: 'fr' as const, timeZone: 'Europe/Paris' };
const event = (over: Partial<EventDetails> = {}): EventDetails =>
  anEvent({
    id: 7,
    title: 'Café outils : Nextcloud',
    format: 'cafe_outils',
    themes: ['numerique_collaboratif', 'mediation_numerique'],
    audiences: ['grand_public', 'seniors'],
    endAt: new Date('2017-04-06T15:00:00Z'),
    expectedAttendance: 15,
    registrationUrl: 'https://inscription.example.org/',
    seriesName: 'Café outils',
    seriesNumber: 13,
    spaces: [aSpace({ name: 'La Cordée Valence', slug: 'la-cordee-valence', town: 'Valence' })],
    organizers: ['U1', 'U2'],
    ...over,
  });

describe('event announcement', () => {
  it.each([
    ['fr', 'Ajouter à mon agenda', 'Feuille d’émargement (PDF)', 'Modifier', 'Annuler l’évènement'],
    ['en', 'Add to my calendar', 'Attendance sheet (PDF)', 'Edit', 'Cancel the event'],
  ] as const)(
    'shows everyone only what everyone may do; the attendance sheet, editing and cancelling sit in the menu (%s)',
    (locale, calendar, sheet, edit, cancel) => {
      const display = { t: translator(locale), locale, timeZone: 'Europe/Paris' };
      const message = announcementMessage(event(), display);
      const bar = message.blocks?.find((b) => b.type === 'actions') as {
        elements: { type: string; text?: { text: string }; options?: { text: { text: string }; value: string }[] }[];
      };
      expect(bar.elements.map((e) => e.type)).toEqual(['button', 'overflow']);
      expect(bar.elements[0]?.text?.text).toBe(calendar);
      expect(bar.elements[1]?.options?.map((o) => [o.text.text, o.value])).toEqual([
        [sheet, 'sheet:7'],
        [edit, 'edit:7'],
        [cancel, 'cancel:7'],
      ]);
      expect(JSON.stringify(message.blocks)).not.toContain('danger');
      // A clear title line in bold, then the date a step lighter.
      const [title, date] = message.blocks ?? [];
      expect(title?.type).toBe('section');
      expect(JSON.stringify(title)).toMatch(/"text":"\*[^*]+ · Café outils #13\*"/);
      expect(date?.type).toBe('context');
      expect(JSON.stringify(date)).toContain('🗓️ ');
      expect(JSON.stringify(date)).not.toContain('*');
    },
  );

  it('reads « jeudi 6 avril 2017, 14 h 30 – 17 h 00 » with the series number, in French and English', () => {
    const fr = JSON.stringify(announcementMessage(event(), d));
    expect(fr).toContain('jeudi 6\u00a0avril 2017, 14\u00a0h\u00a030 – 17\u00a0h\u00a000');
    expect(fr).toContain('Café outils #13');
    expect(fr).toContain('<@U1>, <@U2>');
    const en = JSON.stringify(announcementMessage(event(), { ...d, t: translator('en'), locale: 'en' }));
    expect(en).toContain('Thursday 6\u00a0April 2017, 14:30 – 17:00');
    expect(en).toContain('Tools café');
  });

  it('says « du … au … » for an event over several days', () => {
    const text = JSON.stringify(announcementMessage(event({ endAt: new Date('2017-04-08T15:00:00Z') }), d));
    expect(text).toContain('du jeudi 6\u00a0avril 2017, 14\u00a0h\u00a030 au samedi 8\u00a0avril 2017, 17\u00a0h\u00a000');
  });

  it('stays within Block Kit limits with the longest inputs', () => {
    const message = announcementMessage(
      event({ title: 'T'.repeat(150), description: 'D'.repeat(2500), address: 'A'.repeat(300), locationKind: 'elsewhere' }),
      d,
    );
    for (const block of message.blocks ?? []) {
      const b = block as { text?: { text: string }; fields?: { text: string }[] };
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
    }
  });

  it('keeps modals within 100 blocks and 24-character titles', () => {
    const spaces = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `Espace ${i}` }));
    const view = eventModalView({ spaces, series: [] }, d, { details: true }, emptyDraft(), '2026-12-01');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view)).not.toContain('Espace 120');
    expect(attendanceModalView(event(), d, undefined).title.text.length).toBeLessThanOrEqual(24);
  });

  it('writes a calendar a page of events at a time exactly as all at once', () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      event({
        id: i + 1,
        uid: `e${i}@tiers-lieux`,
        title: `Atelier ${i}`,
        startAt: new Date(Date.UTC(2026, 11, 1 + i, 9)),
        endAt: new Date(Date.UTC(2026, 11, 1 + i, 11)),
      }),
    );
    const options = { name: 'Réseau', timeZone: 'Europe/Paris', t: d.t };
    const writer = icsWriter(options);
    const paged = writer.head + writer.events(events.slice(0, 3)) + writer.events(events.slice(3)) + writer.tail;
    expect(paged).toBe(eventsToIcs(events, options));
    expect(writer.head + writer.tail).toBe(eventsToIcs([], options));
  });

  it('writes RFC 5545 lines: CRLF everywhere, folded at 75 octets, text escaped, instants in UTC', () => {
    const e = event({
      uid: 'long@tiers-lieux',
      title: 'Atelier; soudure, « été »',
      description: 'Ligne très longue '.repeat(12),
      updatedAt: new Date('2026-07-01T10:15:00Z'),
      createdAt: new Date('2026-06-30T08:00:00Z'),
      startAt: new Date('2026-07-03T07:00:00Z'),
      endAt: new Date('2026-07-03T09:30:00Z'),
    });
    const ics = eventsToIcs([e], { name: 'Réseau', timeZone: 'Europe/Paris', t: d.t });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    expect(lines.every((l) => !l.includes('\n') && Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines).toContain('DTSTAMP:20260701T101500Z');
    expect(lines).toContain('CREATED:20260630T080000Z');
    // Summer time in Paris: UTC+2.
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20260703T090000');
    expect(lines).toContain('DTEND;TZID=Europe/Paris:20260703T113000');
    expect(lines).toContain('SUMMARY:Atelier\\; soudure\\, « été »');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
  });

  it('lists an empty agenda helpfully', () => {
    expect(JSON.stringify(agendaMessage({ items: [], total: 0 }, d, '14 prochains jours', undefined))).toContain('Aucun évènement prévu');
  });

  it.each([
    ['fr', 'jeudi 6\u00a0avril 2017', 'S’abonner au calendrier du réseau'],
    ['en', 'Thursday 6\u00a0April 2017', 'Subscribe to the network’s calendar'],
  ] as const)('gives times only under the day’s heading, and the feed as a labelled link (%s)', (locale, day, label) => {
    const display = { t: translator(locale), locale, timeZone: 'Europe/Paris' };
    const oneDay = event({ startAt: new Date('2017-04-06T13:00:00Z'), endAt: new Date('2017-04-06T15:00:00Z') });
    const url = 'https://tiers-lieux.example.org/calendar/secret.ics';
    const message = agendaMessage({ items: [oneDay], total: 1 }, display, 'semaine', display.t('agenda.feed', { url }));
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(day);
    expect(text.split(day)).toHaveLength(2); // the date once, in the heading
    const times = `${formatTime(oneDay.startAt, locale, 'Europe/Paris')} – ${formatTime(oneDay.endAt, locale, 'Europe/Paris')}`;
    expect(text).toContain(`\\n${times} · `);
    expect(text).toContain(`<${url}|${label}>`);
    expect(text).not.toMatch(new RegExp(`[^<|]${url.replaceAll('.', '\\.')}`));
  });

  it.each([
    ['one day', 0],
    ['a day each', 1],
  ])('counts every event of a long agenda, shown or not (%s)', (_, spread) => {
    const items = Array.from({ length: 45 }, (_, i) =>
      event({
        id: i + 1,
        title: `Atelier ${i}`,
        startAt: new Date(Date.UTC(2026, 11, 1 + i * spread, 9)),
        endAt: new Date(Date.UTC(2026, 11, 1 + i * spread, 11)),
      }),
    );
    const message = agendaMessage({ items, total: 300 }, d, '14 prochains jours', 'flux');
    expect(message.blocks?.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    const shown = items.filter((e) => new RegExp(`${e.title}(?!\\d)`).test(text)).length;
    const more = Number(/… et (\d+) de plus/.exec(text)?.[1]);
    expect(shown + more).toBe(300);
  });
});
