import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatTime } from '../../src/i18n/format.ts';
import { catalogueKeys, localeFromSlack, t } from '../../src/i18n/index.ts';
import { isoDay } from '../../src/time/calendar-date.ts';

describe('catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(catalogueKeys('en')).toEqual(catalogueKeys('fr'));
  });

  it('give every key a non-empty text in both languages', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const key of catalogueKeys(locale)) {
        const text = (t as (l: typeof locale, k: string, p?: unknown) => string)(locale, key, {
          count: 2,
          max: 80,
          command: '/x',
          name: 'N',
          role: 'r',
          label: 'L',
          channel: '#c',
          job: 'j',
          when: 'w',
          status: 's',
          error: 'e',
          users: 'U',
          town: 'T',
          kind: 'K',
          agenda: 'a',
          help: 'h',
          coordination: 'c',
          target: 170,
          sent: 1,
          retried: 0,
          failed: 0,
        });
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('fills parameters', () => {
    expect(t('fr', 'common.andMore', { count: 12 })).toBe('… et 12 de plus');
    expect(t('en', 'common.andMore', { count: 12 })).toBe('… and 12 more');
  });

  it('chooses the language from the Slack locale', () => {
    expect(localeFromSlack('fr-FR', 'en')).toBe('fr');
    expect(localeFromSlack('fr-CA', 'en')).toBe('fr');
    expect(localeFromSlack('en-GB', 'fr')).toBe('en');
    expect(localeFromSlack('de-DE', 'fr')).toBe('fr');
    expect(localeFromSlack(undefined, 'en')).toBe('en');
  });
});

describe('French « de » before a month or a name', () => {
  it('is elided before a vowel, not before a consonant, a mention or a user id', () => {
    expect(t('fr', 'timesheet.ready', { month: 'avril 2026' })).toContain('Votre feuille de temps d’avril 2026 est prête.');
    expect(t('fr', 'timesheet.ready', { month: 'août 2026' })).toContain('feuille de temps d’août 2026');
    expect(t('fr', 'timesheet.ready', { month: 'novembre 2026' })).toContain('feuille de temps de novembre 2026');
    expect(t('fr', 'timesheet.countersignConfirm', { name: 'Élise Martin', month: 'mai 2026', total: '80' })).toContain(
      'la feuille de temps d’Élise Martin pour mai 2026',
    );
    expect(t('fr', 'timesheet.countersignConfirm', { name: 'Camille Roux', month: 'mai 2026', total: '80' })).toContain(
      'la feuille de temps de Camille Roux',
    );
    expect(t('fr', 'timesheet.pdfSent', { who: '<@U0ANIM01>', month: 'mai 2026' })).toBe(
      'Voici la feuille de temps de <@U0ANIM01> pour mai 2026.',
    );
    expect(t('fr', 'participant.modal.whose', { user: 'U0ANIM01', code: 'P-1' })).toContain('Fiche de U0ANIM01');
  });
});

describe('dates as the network reads them', () => {
  const tz = 'Europe/Paris';
  it('never lets a phone break a time or a date: « 14 h 30 » and « 3 avril » hold non-breaking spaces', () => {
    const instant = new Date('2017-04-03T12:30:00Z');
    expect(formatTime(instant, 'fr', tz)).toBe('14\u00a0h\u00a030');
    expect(formatDateTime(instant, 'fr', tz)).toMatch(/^lundi 3\u00a0avril 2017, 14\u00a0h\u00a030$/);
    expect(formatDateTime(instant, 'en', tz)).toMatch(/^Monday 3\u00a0April 2017, 14:30$/);
  });

  it('formats « lundi 3 avril 2017 » and « 14 h 30 »', () => {
    const instant = new Date('2017-04-03T12:30:00Z');
    expect(formatDate(instant, 'fr', tz)).toBe('lundi 3\u00a0avril 2017');
    expect(formatTime(instant, 'fr', tz)).toBe('14\u00a0h\u00a030');
    expect(formatDateTime(instant, 'fr', tz)).toBe('lundi 3\u00a0avril 2017, 14\u00a0h\u00a030');
    expect(formatDateTime(instant, 'en', tz)).toBe('Monday 3\u00a0April 2017, 14:30');
  });

  it('writes the first of the month as « 1er »', () => {
    expect(formatCalendarDate(isoDay('2017-04-01'), 'fr')).toBe('samedi 1er\u00a0avril 2017');
    expect(formatCalendarDate(isoDay('2017-04-01'), 'en')).toBe('Saturday 1\u00a0April 2017');
  });

  it('shows the local day and hour on both sides of a clock change', () => {
    expect(formatDateTime(new Date('2026-03-29T00:30:00Z'), 'fr', tz)).toBe('dimanche 29\u00a0mars 2026, 1\u00a0h\u00a030');
    expect(formatDateTime(new Date('2026-03-29T01:30:00Z'), 'fr', tz)).toBe('dimanche 29\u00a0mars 2026, 3\u00a0h\u00a030');
    expect(formatDateTime(new Date('2026-10-25T00:30:00Z'), 'fr', tz)).toBe('dimanche 25\u00a0octobre 2026, 2\u00a0h\u00a030');
    expect(formatDateTime(new Date('2026-10-25T01:30:00Z'), 'fr', tz)).toBe('dimanche 25\u00a0octobre 2026, 2\u00a0h\u00a030');
  });
});
