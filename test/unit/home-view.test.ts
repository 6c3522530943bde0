import { describe, expect, it } from 'vitest';
import type { EventDetails } from '../../src/features/events/repo.ts';
import type { HelpDetails } from '../../src/features/help/repo.ts';
import { homeView } from '../../src/features/home/views.ts';
import { translator } from '../../src/i18n/index.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { aHelpRequest, anEvent, aSpace, someFigures } from '../support/builders.ts';

const event = (i: number): EventDetails =>
  anEvent({
    id: i,
    title: `Évènement ${i} ${'x'.repeat(140)}`,
    startAt: new Date('2026-12-01T09:00:00Z'),
    spaces: [aSpace({ name: 'Espace', slug: 'e', town: 'Die' })],
  });
const request = (i: number): HelpDetails =>
  aHelpRequest({
    id: i,
    requesterId: 'U2',
    question: `Question ${i} ${'y'.repeat(280)}`,
    channelId: 'C',
    createdAt: new Date('2026-11-20T09:00:00Z'),
  });

describe('App Home', () => {
  it('keeps a busy coordinator’s Home within 100 blocks, with the health panel last', () => {
    const many = Array.from({ length: 60 }, (_, i) => event(i));
    const requests = Array.from({ length: 60 }, (_, i) => request(i));
    const view = homeView(
      {
        displayName: 'Camille',
        role: 'coordinateur',
        locale: 'fr',
        timeZone: 'Europe/Paris',
        events: { next: many, awaitingAttendance: many, feedUrl: 'https://tl.example.org/calendar/t.ics' },
        help: { mine: requests, taken: requests, matching: requests },
        contracts: { mine: [], network: { items: [], total: 0 } },
        month: { from: isoDay('2026-12-01'), figures: someFigures({ events: 60, hours: 120, byFormat: { atelier: 60 } }) },
        unanswered: requests,
        health: { channels: [], jobs: [{ name: 'outbox', last: undefined }], outbox: { pending: 0, failed: 0, recentFailures: [] } },
      },
      translator('fr'),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('État de l’application');
    expect(text).toContain('… et 52 de plus');
    for (const block of view.blocks) {
      const b = block as { text?: { text: string } };
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
  });
});
