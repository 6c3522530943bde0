// Every counted text chooses its form by the language's plural rules: French is singular for
// 0 and 1, English only for 1. Each counted string is checked at 0, 1 and many, in both languages.
import { describe, expect, it } from 'vitest';
import { catalogueKeys, type MessageKey, t } from '../../src/i18n/index.ts';
import { counted, plural } from '../../src/i18n/plural.ts';

type Case = { key: MessageKey; params: (n: number) => Record<string, unknown>; fr: [string, string, string]; en: [string, string, string] };

const none = { hours: '0', median: '—', status: 'Ouverte', helpers: '', title: 'Atelier', bar: '', year: 2026, percent: 0, done: 0 };
const all = (n: number) => ({
  ...none,
  count: n,
  total: n,
  answers: n,
  days: n,
  events: n,
  attendance: n,
  reported: n,
  missing: n,
  opened: n,
  resolved: n,
  stale: n,
  help: n,
  women: n,
  jobSeekers: n,
  sent: n,
  retried: 0,
  failed: 0,
  target: n,
  agenda: '#a',
  coordination: '#c',
});

// For each counted text: what the reader sees for 0, 1 and 3 of the counted thing (a contract
// that ended: 1, 2 and 4 days ago).
const CASES: Case[] = [
  {
    key: 'home.health.outboxPending',
    params: all,
    fr: ['0 message en', '1 message en', '3 messages en'],
    en: ['0 messages waiting', '1 message waiting', '3 messages waiting'],
  },
  {
    key: 'home.health.outboxFailed',
    params: all,
    fr: ['0 message non envoyé ', '1 message non envoyé ', '3 messages non envoyés '],
    en: ['0 messages not', '1 message not', '3 messages not'],
  },
  {
    key: 'attendance.saved',
    params: all,
    fr: ['0 participant·e enregistré·e', '1 participant·e enregistré·e', '3 participant·es enregistré·es'],
    en: ['0 participants', '1 participant recorded', '3 participants'],
  },
  {
    key: 'help.post.status',
    params: all,
    fr: ['0 réponse de pair', '1 réponse de pair', '3 réponses de pairs'],
    en: ['0 peer answers', '1 peer answer', '3 peer answers'],
  },
  { key: 'contract.daysLeft', params: all, fr: ['dans 0 jour', 'dans 1 jour', 'dans 3 jours'], en: ['in 0 days', 'in 1 day', 'in 3 days'] },
  {
    key: 'contract.daysLeft',
    params: (n) => all(-(n + 1)),
    fr: ['terminé depuis 1 jour', 'terminé depuis 2 jours', 'terminé depuis 4 jours'],
    en: ['ended 1 day ago', 'ended 2 days ago', 'ended 4 days ago'],
  },
  {
    key: 'digest.fallback',
    params: all,
    fr: ['0 évènement, 0 participant·e.', '1 évènement, 1 participant·e.', '3 évènements, 3 participant·es.'],
    en: ['0 events, 0 participants', '1 event, 1 participant.', '3 events, 3 participants'],
  },
  {
    key: 'digest.lastWeek',
    params: all,
    fr: ['*0* évènement (0 h).', '*1* évènement (0 h).', '*3* évènements (0 h).'],
    en: ['*0* events (0 h).', '*1* event (0 h).', '*3* events (0 h).'],
  },
  {
    key: 'digest.lastWeekAttendance',
    params: all,
    fr: ['*0* participant·e sur 0 compte rendu.', '*1* participant·e sur 1 compte rendu.', '*3* participant·es sur 3 comptes rendus.'],
    en: ['*0* participants over 0 reports.', '*1* participant over 1 report.', '*3* participants over 3 reports.'],
  },
  {
    key: 'digest.help',
    params: all,
    fr: [
      '0 demande ouverte, 0 résolue, 0 ouverte depuis',
      '1 demande ouverte, 1 résolue, 1 ouverte depuis',
      '3 demandes ouvertes, 3 résolues, 3 ouvertes depuis',
    ],
    en: ['0 requests opened', '1 request opened', '3 requests opened'],
  },
  {
    key: 'digest.progress',
    params: all,
    fr: ['/ 0 évènement (', '/ 1 évènement (', '/ 3 évènements ('],
    en: ['/ 0 events (', '/ 1 event (', '/ 3 events ('],
  },
  {
    key: 'network.channels.summary',
    params: all,
    fr: ['annuel\u00a0:* 0 évènement', 'annuel\u00a0:* 1 évènement', 'annuel\u00a0:* 3 évènements'],
    en: ['target:* 0 events', 'target:* 1 event', 'target:* 3 events'],
  },
  {
    key: 'report.monthBody',
    params: all,
    fr: [
      '0 évènement, 0 h d’animation, 0 participant·e (dont 0 femme, 0 demandeur·se d’emploi). Entraide\u00a0: 0 demande, 0 résolue.',
      '1 évènement, 0 h d’animation, 1 participant·e (dont 1 femme, 1 demandeur·se d’emploi). Entraide\u00a0: 1 demande, 1 résolue.',
      '3 évènements, 0 h d’animation, 3 participant·es (dont 3 femmes, 3 demandeur·ses d’emploi). Entraide\u00a0: 3 demandes, 3 résolues.',
    ],
    en: [
      '0 events, 0 h of activities, 0 participants (0 women, 0 job seekers). Mutual help: 0 requests',
      '1 event, 0 h of activities, 1 participant (1 woman, 1 job seeker). Mutual help: 1 request,',
      '3 events, 0 h of activities, 3 participants (3 women, 3 job seekers). Mutual help: 3 requests',
    ],
  },
  {
    key: 'bilan.events',
    params: (n) => ({ events: n, hours: String(n), hoursValue: n }),
    fr: ['*0* évènement, 0 heure d’animation.', '*1* évènement, 1 heure d’animation.', '*3* évènements, 3 heures d’animation.'],
    en: ['*0* events, 0 hours of activities.', '*1* event, 1 hour of activities.', '*3* events, 3 hours of activities.'],
  },
  {
    key: 'bilan.attendance',
    params: all,
    fr: [
      '*0* participant·e sur 0 compte rendu de fréquentation.',
      '*1* participant·e sur 1 compte rendu de fréquentation.',
      '*3* participant·es sur 3 comptes rendus de fréquentation.',
    ],
    en: [
      '*0* participants over 0 attendance reports.',
      '*1* participant over 1 attendance report.',
      '*3* participants over 3 attendance reports.',
    ],
  },
  {
    key: 'bilan.missing',
    params: all,
    fr: ['0 compte rendu manque encore.', '1 compte rendu manque encore.', '3 comptes rendus manquent encore.'],
    en: ['0 reports are still missing.', '1 report is still missing.', '3 reports are still missing.'],
  },
  {
    key: 'bilan.part.jobSeekers',
    params: all,
    fr: ['0 demandeur·se d’emploi', '1 demandeur·se d’emploi', '3 demandeur·ses d’emploi'],
    en: ['0 job seekers', '1 job seeker', '3 job seekers'],
  },
  {
    key: 'bilan.help',
    params: all,
    fr: ['0 demande ouverte, 0 résolue', '1 demande ouverte, 1 résolue', '3 demandes ouvertes, 3 résolues'],
    en: ['0 requests opened', '1 request opened', '3 requests opened'],
  },
  {
    key: 'home.figures.line',
    params: all,
    fr: [
      '0 évènement · 0 participant·e · 0 demande d’entraide',
      '1 évènement · 1 participant·e · 1 demande d’entraide',
      '3 évènements · 3 participant·es · 3 demandes d’entraide',
    ],
    en: [
      '0 events · 0 participants · 0 help requests',
      '1 event · 1 participant · 1 help request',
      '3 events · 3 participants · 3 help requests',
    ],
  },
  { key: 'job.outbox.summary', params: all, fr: ['0 envoyé,', '1 envoyé,', '3 envoyés,'], en: ['0 sent,', '1 sent,', '3 sent,'] },
];

const render = (locale: 'fr' | 'en', key: MessageKey, params: Record<string, unknown>) =>
  (t as (l: 'fr' | 'en', k: string, p: unknown) => string)(locale, key, params);

describe('plural rules', () => {
  it('follow each language: French singular for 0 and 1, English for 1 only', () => {
    expect([0, 1, 2, 1_000_000].map((n) => plural('fr', n, 'a', 'b'))).toEqual(['a', 'a', 'b', 'b']);
    expect([0, 1, 2, 1_000_000].map((n) => plural('en', n, 'a', 'b'))).toEqual(['b', 'a', 'b', 'b']);
    expect(counted('fr', 0, 'demande', 'demandes')).toBe('0 demande');
    expect(counted('en', 0, 'request', 'requests')).toBe('0 requests');
  });

  for (const c of CASES) {
    for (const locale of ['fr', 'en'] as const) {
      it(`${locale} ${c.key} (${c.params(1).days === -2 ? 'ended 1, 2, 4 days ago' : '0, 1, 3'})`, () => {
        [0, 1, 3].forEach((n, i) => {
          expect(render(locale, c.key, c.params(n))).toContain(c[locale][i]);
        });
      });
    }
  }

  it('writes a count of thousands grouped, never broken across lines: « 1 100 rappels », "1,100 reminders"', () => {
    expect(counted('fr', 1100, 'rappel', 'rappels')).toBe('1\u202f100 rappels');
    expect(counted('en', 1100, 'reminder', 'reminders')).toBe('1,100 reminders');
    expect(t('fr', 'common.andMore', { count: 12500 })).toBe('… et 12\u202f500 de plus');
    expect(t('en', 'common.andMore', { count: 12500 })).toBe('… and 12,500 more');
    // Every counted text given 4,321 shows it grouped.
    for (const locale of ['fr', 'en'] as const) {
      for (const key of CASES.map((c) => c.key)) {
        expect(render(locale, key, all(4321)), `${locale} ${key}`).toContain(locale === 'fr' ? '4\u202f321' : '4,321');
      }
    }
  });

  it('leaves no « (s) » in any text: counts choose their form', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const key of catalogueKeys(locale)) {
        for (const n of [0, 1, 3]) {
          const text = render(locale, key as MessageKey, {
            ...all(n),
            max: n,
            name: 'N',
            label: 'L',
            channel: '#c',
            when: 'w',
            users: 'U',
          });
          expect(text, `${locale} ${key}`).not.toMatch(/\((s|e|es)\)/);
        }
      }
    }
  });
});
