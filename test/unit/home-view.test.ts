import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { EventDetails } from '../../src/features/events/repo.ts';
import type { HelpDetails } from '../../src/features/help/repo.ts';
import { healthBlocks, homeView } from '../../src/features/home/views.ts';
import { translator } from '../../src/i18n/index.ts';
import { memoryLogger } from '../../src/logger.ts';
import { SlackConnection } from '../../src/slack/connection.ts';
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
  it('keeps a busy coordinator’s Home within 100 blocks: buttons first, one line for what is wrong, to-dos cut at five', () => {
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
        health: {
          channels: [
            { label: { kind: 'agenda' }, channelId: 'C0A', status: 'ok' },
            { label: { kind: 'help' }, channelId: 'C0H', status: 'not_member' },
            { label: { kind: 'coordination' }, channelId: undefined, status: 'unset' },
          ],
          jobs: [
            { name: 'outbox', last: undefined },
            {
              name: 'weekly-digest',
              last: { jobName: 'weekly-digest', slot: new Date('2026-11-30T08:00:00Z'), status: 'failed', finishedAt: null, error: 'boom' },
            },
          ],
          outbox: { pending: 1, failed: 2, recentFailures: [] },
        },
        todo: {
          reminders: { items: [{ milestoneId: 1, key: 'd90', offset: -90, dueDate: isoDay('2026-11-27'), userId: 'U7' }], total: 9 },
          attendance: { items: many.slice(0, 5), total: 12 },
        },
      },
      translator('fr'),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    // The coordinator's buttons come right after the greeting.
    expect(view.blocks[2]?.type).toBe('actions');
    // The full panel lives in /reseau; the Home says in one line what is wrong.
    expect(text).not.toContain('État de l’application');
    expect(text).toContain(
      '⚠️ l’application n’est pas dans le canal entraide · canal coordination non choisi · 2 messages non envoyés · Bilan hebdomadaire\u00a0: dernière exécution en échec',
    );
    expect(text).toContain('À faire');
    expect(text).toContain('… et 55 de plus → `/entraide`');
    expect(text).toContain('… et 8 de plus → `/contrat`');
    expect(text).toContain('… et 7 de plus → `/bilan`');
    expect(text).toContain('… et 52 de plus');
    for (const block of view.blocks) {
      // Never a technical job name on the Home.
      expect(JSON.stringify(block)).not.toContain('`weekly-digest`');
      const b = block as { text?: { text: string } };
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('a coordinator’s Home in English', () => {
  it('leads with the buttons, one line for what is wrong, then the to-dos and five deadlines', () => {
    const view = homeView(
      {
        displayName: 'Sam',
        role: 'coordinateur',
        locale: 'en',
        timeZone: 'Europe/Paris',
        events: { next: [], awaitingAttendance: [], feedUrl: undefined },
        help: { mine: [], taken: [], matching: [] },
        contracts: { mine: [], network: { items: [], total: 12 } },
        month: { from: isoDay('2026-12-01'), figures: someFigures({}) },
        unanswered: [request(1)],
        health: {
          channels: [{ label: { kind: 'agenda' }, channelId: 'C0A', status: 'not_found' }],
          jobs: [],
          outbox: { pending: 0, failed: 1, recentFailures: [] },
        },
        todo: {
          reminders: {
            items: [{ milestoneId: 1, key: 'renewal_request', offset: -60, dueDate: isoDay('2026-11-27'), userId: 'U7' }],
            total: 1,
          },
          attendance: { items: [], total: 0 },
        },
      },
      translator('en'),
    );
    const text = JSON.stringify(view.blocks);
    expect(view.blocks[2]?.type).toBe('actions');
    expect(text).toContain('⚠️ Agenda channel not found · 1 message not sent');
    expect(text).not.toContain('"text":""');
    expect(text).toContain('See the state');
    expect(text).toContain('To do');
    expect(text).toContain(
      'Contract reminders sent, not marked done yet*\\n• Friday 27\u00a0November 2026 — <@U7>: D-60: send the renewal request to the prescriber',
    );
    expect(text).toContain('… and 12 more → `/contrat`');
    expect(text).not.toContain('Attendance to chase');
  });
});

describe('the health panel', () => {
  it('says when Slack could not be reached at start-up, once it answers again', () => {
    const report = {
      channels: [],
      jobs: [],
      outbox: { pending: 0, failed: 0, recentFailures: [] },
      slackOutage: { from: new Date('2026-11-30T08:02:00Z'), to: new Date('2026-11-30T08:17:00Z') },
    };
    const text = JSON.stringify(healthBlocks(report, translator('fr'), 'fr', 'Europe/Paris'));
    expect(text).toContain(
      'Slack était injoignable au démarrage, du lundi 30\u00a0novembre 2026, 9\u00a0h\u00a002 au lundi 30\u00a0novembre 2026, 9\u00a0h\u00a017',
    );
    expect(JSON.stringify(healthBlocks({ ...report, slackOutage: undefined }, translator('fr'), 'fr', 'Europe/Paris'))).not.toContain(
      'injoignable',
    );
    // In English too, and the jobs in words, never their technical names.
    const english = JSON.stringify(
      healthBlocks({ ...report, jobs: [{ name: 'weekly-digest', last: undefined }] }, translator('en'), 'en', 'Europe/Paris'),
    );
    expect(english).toContain(
      'Slack could not be reached at start-up, from Monday 30\u00a0November 2026, 09:02 to Monday 30\u00a0November 2026, 09:17',
    );
    expect(english).toContain('• Weekly digest: not run yet');
    expect(english).not.toContain('weekly-digest');
  });
});

describe('the Slack connection', () => {
  it('remembers when Slack was out of reach at start-up, and when it answered again', async () => {
    let now = new Date('2026-11-30T08:02:00Z');
    const connection = new SlackConnection(() => now);
    expect(connection.outage()).toBeUndefined();
    const client = { auth: { test: () => Promise.reject(Object.assign(new Error('down'), { code: 'slack_webapi_request_error' })) } };
    connection.retryInBackground(client as unknown as WebClient, memoryLogger(), {
      onConnected: async () => undefined,
      onRefused: () => undefined,
    });
    connection.stop();
    expect(connection.outage()).toEqual({ from: new Date('2026-11-30T08:02:00Z'), to: undefined });
    now = new Date('2026-11-30T08:17:00Z');
    connection.connected({ teamId: 'T1', teamName: 'Réseau', bot: undefined, user: 'bot' });
    expect(connection.outage()).toEqual({ from: new Date('2026-11-30T08:02:00Z'), to: new Date('2026-11-30T08:17:00Z') });
  });
});
