// The time sheets' and participants' views in both languages: what the animator and the
// coordinators read, field errors in the reader's words, the Home's table cut with « and N more ».
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../src/features/participants/repo.ts';
import { entryModalView, exitModalView } from '../../src/features/participants/views.ts';
import { HoursFields, TimeSheetActions } from '../../src/features/timesheets/ids.ts';
import type { TimeSheet } from '../../src/features/timesheets/repo.ts';
import { sheetWeeks, zeroHours } from '../../src/features/timesheets/sheet.ts';
import {
  countersignRemindersMessage,
  formWeeks,
  REMINDER_SHEETS_SHOWN,
  sheetMessage,
  timesheetHomeBlocks,
  weekErrors,
  weekModalView,
} from '../../src/features/timesheets/views.ts';
import { translator } from '../../src/i18n/index.ts';
import { isoDay } from '../../src/time/calendar-date.ts';

const display = (locale: 'fr' | 'en') => ({ t: translator(locale), locale, timeZone: 'Europe/Paris' });
const weeks = sheetWeeks('2026-11', [{ startDate: isoDay('2026-01-05'), endDate: isoDay('2027-01-04'), weeklyHours: 20 }], new Map());
const sheet: TimeSheet = {
  id: 7,
  teamId: 'T1',
  userId: 'U1',
  month: '2026-11',
  status: 'draft',
  version: 3,
  contractId: 1,
  askedAt: new Date('2026-12-01T08:00:00Z'),
  weeks: new Map(weeks.map((w) => [w.start, { ...zeroHours(), animation: w.contractHours / 2, preparation: w.contractHours / 2 }])),
  signatures: [],
};
const data = { sheet, weeks, weeklyHours: 20 };
const json = (x: unknown) => JSON.stringify(x);

describe('the time sheet, in the reader’s language', () => {
  it.each([
    [
      'fr',
      'Votre feuille de temps de novembre\u00a02026 est prête.',
      '*2–8\u00a0nov.* · 20\u00a0h — animation 10, préparation 10',
      'Total du mois\u00a0: 80\u00a0h',
    ],
    [
      'en',
      'Your time sheet for November\u00a02026 is ready.',
      '*2–8\u00a0Nov* · 20 h — running activities 10, preparation 10',
      'Month total: 80 h',
    ],
  ] as const)('lists the weeks, the total and the buttons of a draft (%s)', (locale, title, week, total) => {
    const message = sheetMessage('ready', data, display(locale));
    expect(json(message.blocks)).toContain(title);
    expect(json(message.blocks)).toContain(week);
    expect(json(message.blocks)).toContain(total);
    expect(json(message.blocks)).toContain(`"value":"7:3"`);
    expect(json(message.blocks)).toContain(TimeSheetActions.edit);
  });

  it.each([
    [
      'fr',
      'Rappel\u00a0: 10 feuilles de temps signées attendent toujours',
      '… et 2 autres, chacune avec son message «\u00a0à valider\u00a0»',
    ],
    ['en', 'Reminder: 10 signed time sheets are still waiting', '… and 2 others, each with its \\"to approve\\" message'],
  ] as const)(
    'groups the coordinators’ reminder of many signed sheets, the first ones approvable, the rest counted (%s)',
    (locale, title, more) => {
      const signedOn = new Date('2026-12-02T09:00:00Z');
      const waiting = Array.from({ length: 10 }, (_, i) => ({
        name: `Animateur ${i}`,
        sheet: {
          ...sheet,
          id: 100 + i,
          userId: `U${i}`,
          status: 'signed' as const,
          signatures: [{ role: 'employee' as const, userId: `U${i}`, name: `Animateur ${i}`, signedAt: signedOn, fingerprint: 'f' }],
        },
      }));
      const message = countersignRemindersMessage(waiting, display(locale));
      const text = json(message.blocks);
      expect(message.text).toContain(title);
      expect(text.split(TimeSheetActions.countersignListed).length - 1).toBe(REMINDER_SHEETS_SHOWN);
      expect(text).toContain('"value":"107:3"');
      expect(text).not.toContain('"value":"108:3"');
      expect(text).toContain(more);
    },
  );

  it('offers no signature on a signed sheet, only its PDF and re-opening', () => {
    const signed = { ...data, sheet: { ...sheet, status: 'signed' as const } };
    const text = json(sheetMessage('updated', signed, display('fr')).blocks);
    expect(text).not.toContain(TimeSheetActions.sign);
    expect(text).toContain(TimeSheetActions.reopen);
    expect(text).toContain(TimeSheetActions.pdf);
  });

  it('asks a week at a time, saying what the contract allows, and answers mistakes in the reader’s words', () => {
    const [, second] = weeks;
    if (!second) throw new Error('November has a second week');
    const en = display('en');
    const view = json(weekModalView(data, second, en));
    expect(view).toContain('week 1 of 5: 2–8\u00a0Nov');
    expect(view).toContain('Contract: 20 h this week (at most 22 h with overtime)');
    expect(view).toContain('Running activities');
    expect(weekErrors([{ kind: 'total', error: 'overCap', total: 22.5 }], second, en)).toEqual({
      [HoursFields.animation.block]: 'Total 22.5 h: at most 22 h this week (contract hours + 10%).',
    });
    expect(weekErrors([{ kind: 'accueil', error: 'negative' }], second, display('fr'))).toEqual({
      [HoursFields.accueil.block]: 'Pas d’heures négatives.',
    });
  });

  it('walks only the weeks where something can be entered', () => {
    expect(formWeeks(weeks).map((w) => w.start)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    // A contract over one weekend only: no working day, nothing to enter.
    expect(
      formWeeks(sheetWeeks('2026-11', [{ startDate: isoDay('2026-11-28'), endDate: isoDay('2026-11-29'), weeklyHours: 20 }], new Map())),
    ).toEqual([]);
  });

  it('shows coordinators the month’s table on the Home, cut at five with « and N more »', () => {
    const sheets = Array.from({ length: 8 }, (_, i) => ({
      id: i,
      userId: `U${i}`,
      month: '2026-11',
      status: 'signed' as const,
      version: 1,
    }));
    const blocks = timesheetHomeBlocks(
      { mine: [], network: { month: '2026-11', counts: { draft: 4, signed: 8, countersigned: 1 }, sheets } },
      display('en'),
    );
    const text = json(blocks);
    expect(text).toContain('Time sheets for November\u00a02026');
    expect(text).toContain('4 to sign · 8 to approve · 1 approved');
    expect(text.match(/"value":"countersign:\d+:1"/g)).toHaveLength(5);
    expect(text).toContain(TimeSheetActions.menu);
    expect(text).toContain('… and 8 more');
  });
});

describe('the participant record, in the reader’s language', () => {
  const person: Participant = {
    id: 1,
    teamId: 'T1',
    userId: 'U1',
    code: 'P-0A1B2C3D',
    gender: 'femme',
    ageBand: 'moins_25',
    employment: undefined,
    education: undefined,
    disability: 'refus',
    otherDisadvantage: undefined,
    exit4w: 'formation',
    exit6m: undefined,
    erasedAt: undefined,
    entryUpdatedAt: undefined,
  };
  const options = { locale: 'en' as const, timeZone: 'Europe/Paris' };

  it('shows the person their own answers, without the coordinators’ erase button or the situations after exit', () => {
    const text = json(entryModalView(person, translator('en'), { ...options, coordinator: false }));
    expect(text).toContain('Your answers · id for funders: P-0A1B2C3D');
    expect(text).toContain('Prefers not to say');
    expect(text).not.toContain('participant_erase');
    expect(text).not.toContain('After the exit');
  });

  it('shows coordinators the situations after exit and, once erased, no sensitive question', () => {
    const coordinator = json(entryModalView(person, translator('fr'), { locale: 'fr', timeZone: 'Europe/Paris', coordinator: true }));
    expect(coordinator).toContain('Après la sortie\u00a0: à 4 semaines, En formation · à 6 mois, pas encore noté.');
    expect(coordinator).toContain('participant_erase');
    const erased = json(
      entryModalView({ ...person, disability: undefined, erasedAt: new Date('2026-12-02T10:00:00Z') }, translator('fr'), {
        locale: 'fr',
        timeZone: 'Europe/Paris',
        coordinator: true,
      }),
    );
    expect(erased).toContain('Réponses sensibles effacées à la demande le mercredi 2\u00a0décembre 2026.');
    expect(erased).not.toContain('participant_disability');
    expect(erased).not.toContain('participant_erase');
  });

  it('asks the situation six months after the exit in English', () => {
    const text = json(exitModalView(person, '6m', 'Monday 4 January 2027', translator('en')));
    expect(text).toContain('situation six months after the exit (contract ended on Monday 4 January 2027)');
    expect(text).toContain('Looking for a job');
  });
});
