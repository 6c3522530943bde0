// Every form reader, field by field: what a user typed wrong is refused under the right field,
// with the right sentence in French and in English, and a valid form reads as expected.
import { describe, expect, it } from 'vitest';
import { contractErrorText, readContractForm, renderContractErrors } from '../../src/features/contracts/form.ts';
import { ContractFields } from '../../src/features/contracts/ids.ts';
import { readAttendanceForm, renderAttendanceErrors } from '../../src/features/events/attendance-form.ts';
import { readEventForm, renderErrors } from '../../src/features/events/form.ts';
import { AttendanceFields, EventFields } from '../../src/features/events/ids.ts';
import { readHelpForm } from '../../src/features/help/form.ts';
import { HelpFields } from '../../src/features/help/ids.ts';
import { DETAILS_MAX, QUESTION_MAX } from '../../src/features/help/views.ts';
import { readSettingsForm, readSpaceForm } from '../../src/features/network/form.ts';
import { CoordinatorFields, SettingsFields, SpaceFields } from '../../src/features/network/ids.ts';
import { coordinatorErrors, spaceErrors } from '../../src/features/network/views.ts';
import { type Locale, type MessageKey, t, translator } from '../../src/i18n/index.ts';
import { ViewState } from '../../src/slack/view-state.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { input } from '../support/slack-requests.ts';

type Values = Record<string, unknown>;
/** The modal's state: each block's element, as Slack sends it. */
const stateOf = (values: Values) =>
  new ViewState(Object.fromEntries(Object.entries(values).map(([block, element]) => [block, { value: element }])));
const LOCALES: Locale[] = ['fr', 'en'];
const say = (locale: Locale, key: MessageKey, params?: Record<string, unknown>) =>
  (t as (l: Locale, k: MessageKey, p?: unknown) => string)(locale, key, params);

interface Case {
  name: string;
  change: Values;
  block: string;
  key: MessageKey;
  params?: Record<string, unknown>;
}

/** For each case: the error sits under `block`, says `key` in each language, and the languages differ. */
function checkErrors(cases: Case[], base: Values, render: (state: ViewState, locale: Locale) => Record<string, string> | undefined): void {
  for (const c of cases) {
    it(`${c.name} → ${c.block}`, () => {
      const state = stateOf({ ...base, ...c.change });
      const seen = LOCALES.map((locale) => {
        const errors = render(state, locale);
        expect(errors?.[c.block], locale).toBe(say(locale, c.key, c.params));
        return errors?.[c.block];
      });
      expect(seen[0]).not.toBe(seen[1]);
    });
  }
}

describe('the event form', () => {
  const valid: Values = {
    [EventFields.title.block]: input.text('  Atelier   soudure '),
    [EventFields.format.block]: input.select('atelier'),
    [EventFields.spaces.block]: input.multi(['2', '1', '2']),
    [EventFields.coanimators.block]: input.users(['U2']),
    [EventFields.date.block]: input.date('2026-12-03'),
    [EventFields.startTime.block]: input.time('14:00'),
    [EventFields.endTime.block]: input.time('16:30'),
    [EventFields.location.block]: input.select('space'),
    [EventFields.address.block]: input.text(null),
    [EventFields.onlineUrl.block]: input.url(null),
    [EventFields.registrationUrl.block]: input.url(null),
    [EventFields.expected.block]: input.number(null),
    [EventFields.description.block]: input.text(null),
    [EventFields.seriesName.block]: input.text(null),
    [EventFields.seriesNumber.block]: input.number(null),
  };
  const read = (state: ViewState, locale: Locale) => {
    const form = readEventForm(state, 'Europe/Paris');
    return form.ok ? undefined : renderErrors(form.errors, translator(locale));
  };

  it('reads a valid declaration in the network’s time zone, spaces once each', () => {
    const form = readEventForm(stateOf(valid), 'Europe/Paris');
    expect(form.ok && form.input).toMatchObject({
      title: 'Atelier soudure',
      format: 'atelier',
      spaceIds: [2, 1],
      coanimators: ['U2'],
      startAt: new Date('2026-12-03T13:00:00Z'),
      endAt: new Date('2026-12-03T15:30:00Z'),
      locationKind: 'space',
    });
  });

  checkErrors(
    [
      {
        name: 'no title',
        change: { [EventFields.title.block]: input.text('   ') },
        block: EventFields.title.block,
        key: 'event.error.titleRequired',
      },
      {
        name: 'a title too long',
        change: { [EventFields.title.block]: input.text('x'.repeat(151)) },
        block: EventFields.title.block,
        key: 'event.error.titleTooLong',
        params: { max: 150 },
      },
      {
        name: 'no format',
        change: { [EventFields.format.block]: input.select(null) },
        block: EventFields.format.block,
        key: 'event.error.formatRequired',
      },
      {
        name: 'a location the form does not offer',
        change: { [EventFields.location.block]: input.radio('moon') },
        block: EventFields.location.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a theme the form does not offer',
        change: { [EventFields.themes.block]: input.multi(['numerique_responsable', 'astrologie']) },
        block: EventFields.themes.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'an audience the form does not offer',
        change: { [EventFields.audiences.block]: input.multi(['martiens']) },
        block: EventFields.audiences.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a channel mention as co-animator',
        change: { [EventFields.coanimators.block]: input.users(['U2', '<!channel>']) },
        block: EventFields.coanimators.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a number as co-animator',
        change: { [EventFields.coanimators.block]: input.users(['12']) },
        block: EventFields.coanimators.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a space that is not an id',
        change: { [EventFields.spaces.block]: input.multi(['1', '1 OR 1=1']) },
        block: EventFields.spaces.block,
        key: 'event.error.unknownSpace',
      },
      {
        name: 'an end time of 25:00',
        change: { [EventFields.endTime.block]: input.time('25:00') },
        block: EventFields.endTime.block,
        key: 'event.error.timeRequired',
      },
      {
        name: 'a start time of 12:60',
        change: { [EventFields.startTime.block]: input.time('12:60') },
        block: EventFields.startTime.block,
        key: 'event.error.timeRequired',
      },
      {
        name: 'an address too long',
        change: { [EventFields.location.block]: input.radio('elsewhere'), [EventFields.address.block]: input.text('rue '.repeat(80)) },
        block: EventFields.address.block,
        key: 'form.error.tooLong',
        params: { max: 300 },
      },
      {
        name: 'a series name too long',
        change: { [EventFields.seriesName.block]: input.text('Café '.repeat(20)) },
        block: EventFields.seriesName.block,
        key: 'form.error.tooLong',
        params: { max: 80 },
      },
      {
        name: 'no space',
        change: { [EventFields.spaces.block]: input.multi([]) },
        block: EventFields.spaces.block,
        key: 'event.error.spaceRequired',
      },
      {
        name: 'no date',
        change: { [EventFields.date.block]: input.date(null) },
        block: EventFields.date.block,
        key: 'event.error.dateRequired',
      },
      {
        name: 'no start time',
        change: { [EventFields.startTime.block]: input.time(null) },
        block: EventFields.startTime.block,
        key: 'event.error.timeRequired',
      },
      {
        name: 'no end time',
        change: { [EventFields.endTime.block]: input.time(null) },
        block: EventFields.endTime.block,
        key: 'event.error.timeRequired',
      },
      {
        name: 'an end before the start',
        change: { [EventFields.endTime.block]: input.time('13:00') },
        block: EventFields.endTime.block,
        key: 'event.error.endBeforeStart',
      },
      {
        name: 'an end date before the date',
        change: { [EventFields.endDate.block]: input.date('2026-12-02') },
        block: EventFields.endDate.block,
        key: 'event.error.endBeforeStart',
      },
      {
        name: 'more than fourteen days',
        change: { [EventFields.endDate.block]: input.date('2026-12-20') },
        block: EventFields.endDate.block,
        key: 'event.error.tooLong',
      },
      {
        name: 'elsewhere without an address',
        change: { [EventFields.location.block]: input.select('elsewhere') },
        block: EventFields.address.block,
        key: 'event.error.addressRequired',
      },
      {
        name: 'online without a link',
        change: { [EventFields.location.block]: input.select('online') },
        block: EventFields.onlineUrl.block,
        key: 'event.error.onlineUrlRequired',
      },
      {
        name: 'a link that is not http(s)',
        change: { [EventFields.onlineUrl.block]: input.url('javascript:alert(1)') },
        block: EventFields.onlineUrl.block,
        key: 'event.error.badUrl',
      },
      {
        name: 'a registration link that could escape its brackets',
        change: { [EventFields.registrationUrl.block]: input.url('https://x.org/a|b') },
        block: EventFields.registrationUrl.block,
        key: 'event.error.badUrl',
      },
      {
        name: 'an expected count that is not one',
        change: { [EventFields.expected.block]: input.number('douze') },
        block: EventFields.expected.block,
        key: 'event.error.attendance',
      },
      {
        name: 'a description too long',
        change: { [EventFields.description.block]: input.text('x'.repeat(2501)) },
        block: EventFields.description.block,
        key: 'event.error.descriptionTooLong',
        params: { max: 2500 },
      },
      {
        name: 'a series number that is not one',
        change: { [EventFields.seriesName.block]: input.text('Café outils'), [EventFields.seriesNumber.block]: input.number('0') },
        block: EventFields.seriesNumber.block,
        key: 'event.error.seriesNumber',
      },
      {
        name: 'a series number without a series',
        change: { [EventFields.seriesNumber.block]: input.number('3') },
        block: EventFields.seriesNumber.block,
        key: 'event.error.seriesNumberWithoutName',
      },
    ],
    valid,
    read,
  );

  it('says so on the title when the network has no space yet (the field is not shown)', () => {
    const { [EventFields.spaces.block]: _, ...withoutSpaces } = valid;
    for (const locale of LOCALES)
      expect(read(stateOf(withoutSpaces), locale)?.[EventFields.title.block]).toBe(say(locale, 'event.field.noSpace'));
  });
});

describe('control characters', () => {
  it('are removed from every text typed in a modal, line breaks and tabs kept', () => {
    const state = stateOf({
      [EventFields.title.block]: input.text('Atelier\u0000 soudure\u0007\u001b[31m'),
      [EventFields.description.block]: input.text('Ligne 1\nLigne\t2\u007f'),
    });
    expect(state.text(EventFields.title)).toBe('Atelier soudure[31m');
    expect(state.text(EventFields.description)).toBe('Ligne 1\nLigne\t2');
  });
});

describe('the attendance form', () => {
  const counts = (values: Partial<Record<keyof typeof AttendanceFields, string>>): Values =>
    Object.fromEntries(
      Object.entries(values).map(([field, value]) => [AttendanceFields[field as keyof typeof AttendanceFields].block, input.number(value)]),
    );
  const valid = counts({
    total: '12',
    women: '7',
    men: '4',
    genderUnknown: '1',
    jobSeekers: '3',
    under25: '2',
    over54: '1',
    firstTime: '5',
  });
  const read = (state: ViewState, locale: Locale) => {
    const form = readAttendanceForm(state);
    return form.ok ? undefined : renderAttendanceErrors(form.errors, translator(locale));
  };

  it('reads the counts, empty parts as zero', () => {
    const form = readAttendanceForm(stateOf({ ...valid, ...counts({ firstTime: '' }) }));
    expect(form.ok && form.input).toMatchObject({ total: 12, women: 7, men: 4, firstTime: 0 });
  });

  checkErrors(
    [
      {
        name: 'a note too long',
        change: { [AttendanceFields.note.block]: input.text('x'.repeat(1001)) },
        block: AttendanceFields.note.block,
        key: 'form.error.tooLong',
        params: { max: 1000 },
      },
      { name: 'no total', change: counts({ total: '' }), block: AttendanceFields.total.block, key: 'attendance.error.number' },
      {
        name: 'a count that is not a number',
        change: counts({ jobSeekers: '3,5' }),
        block: AttendanceFields.jobSeekers.block,
        key: 'attendance.error.number',
      },
      {
        name: 'a part above the total',
        change: counts({ firstTime: '13' }),
        block: AttendanceFields.firstTime.block,
        key: 'attendance.error.partExceedsTotal',
      },
      {
        name: 'genders adding up above the total',
        change: counts({ genderUnknown: '2' }),
        block: AttendanceFields.genderUnknown.block,
        key: 'attendance.error.genderExceedsTotal',
      },
      {
        name: 'ages adding up above the total',
        change: counts({ under25: '8', over54: '5' }),
        block: AttendanceFields.over54.block,
        key: 'attendance.error.agesExceedTotal',
      },
    ],
    valid,
    read,
  );
});

describe('the help request form', () => {
  const valid: Values = {
    [HelpFields.question.block]: input.text('  Qui   sait régler une imprimante 3D ? '),
    [HelpFields.details.block]: input.text(null),
    [HelpFields.category.block]: input.select('fabrication'),
    [HelpFields.urgency.block]: input.radio('today'),
    [HelpFields.skills.block]: input.multi(['Impression 3D']),
    [HelpFields.otherSkills.block]: input.text('Cura, impression 3D'),
  };
  const read = (state: ViewState, locale: Locale) => {
    const form = readHelpForm(state, translator(locale));
    return form.ok ? undefined : form.errors;
  };

  it('reads the question on one line and the skills once each', () => {
    const form = readHelpForm(stateOf(valid), translator('fr'));
    expect(form.ok && form.input).toMatchObject({
      question: 'Qui sait régler une imprimante 3D ?',
      category: 'fabrication',
      urgency: 'today',
      skillsWanted: ['Impression 3D', 'Cura', 'impression 3D'],
    });
  });

  checkErrors(
    [
      {
        name: 'an urgency the form does not offer',
        change: { [HelpFields.urgency.block]: input.radio('yesterday') },
        block: HelpFields.urgency.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a category the form does not offer',
        change: { [HelpFields.category.block]: input.select('cuisine') },
        block: HelpFields.category.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'no question',
        change: { [HelpFields.question.block]: input.text(' ') },
        block: HelpFields.question.block,
        key: 'help.error.questionRequired',
      },
      {
        name: 'a question too long',
        change: { [HelpFields.question.block]: input.text('q'.repeat(QUESTION_MAX + 1)) },
        block: HelpFields.question.block,
        key: 'help.error.questionTooLong',
        params: { max: QUESTION_MAX },
      },
      {
        name: 'details too long',
        change: { [HelpFields.details.block]: input.text('d'.repeat(DETAILS_MAX + 1)) },
        block: HelpFields.details.block,
        key: 'help.error.detailsTooLong',
        params: { max: DETAILS_MAX },
      },
      {
        name: 'no category',
        change: { [HelpFields.category.block]: input.select(null) },
        block: HelpFields.category.block,
        key: 'help.error.categoryRequired',
      },
    ],
    valid,
    read,
  );
});

describe('the contract form', () => {
  const valid: Values = {
    [ContractFields.user.block]: { type: 'users_select', selected_user: 'U0ANIM' },
    [ContractFields.type.block]: input.select('pec'),
    [ContractFields.start.block]: input.date('2026-01-05'),
    [ContractFields.end.block]: input.date('2027-01-04'),
    [ContractFields.hours.block]: input.number('26'),
    [ContractFields.prescriber.block]: input.select('france_travail'),
    [ContractFields.leadTime.block]: input.number('45'),
    [ContractFields.notes.block]: input.text(null),
  };
  const read = (state: ViewState, locale: Locale) => {
    const form = readContractForm(state);
    return form.ok ? undefined : renderContractErrors(form.errors, translator(locale), locale);
  };

  it('reads a one-year PEC contract', () => {
    const form = readContractForm(stateOf(valid));
    expect(form.ok && form.input).toMatchObject({
      userId: 'U0ANIM',
      type: 'pec',
      startDate: '2026-01-05',
      endDate: '2027-01-04',
      weeklyHours: 26,
      leadTimeDays: 45,
    });
  });

  checkErrors(
    [
      {
        name: 'a channel mention as the animator',
        change: { [ContractFields.user.block]: { type: 'users_select', selected_user: '<!channel>' } },
        block: ContractFields.user.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a contract type the form does not offer',
        change: { [ContractFields.type.block]: input.select('stage') },
        block: ContractFields.type.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a prescriber the form does not offer',
        change: { [ContractFields.prescriber.block]: input.select('pole_emploi_1990') },
        block: ContractFields.prescriber.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a space that is not an id',
        change: { [ContractFields.space.block]: input.select('-1') },
        block: ContractFields.space.block,
        key: 'contract.error.unknownSpace',
      },
      {
        name: 'notes too long',
        change: { [ContractFields.notes.block]: input.text('n'.repeat(2001)) },
        block: ContractFields.notes.block,
        key: 'form.error.tooLong',
        params: { max: 2000 },
      },
      {
        name: 'no animator',
        change: { [ContractFields.user.block]: { type: 'users_select', selected_user: null } },
        block: ContractFields.user.block,
        key: 'contract.error.userRequired',
      },
      {
        name: 'no start',
        change: { [ContractFields.start.block]: input.date(null) },
        block: ContractFields.start.block,
        key: 'contract.error.startRequired',
      },
      {
        name: 'no end for a fixed-term contract',
        change: { [ContractFields.end.block]: input.date(null) },
        block: ContractFields.end.block,
        key: 'contract.error.endRequired',
      },
      {
        name: 'an end before the start',
        change: { [ContractFields.end.block]: input.date('2025-12-31') },
        block: ContractFields.end.block,
        key: 'contract.error.endBeforeStart',
      },
      {
        name: 'a subsidised contract under six months',
        change: { [ContractFields.end.block]: input.date('2026-07-03') },
        block: ContractFields.end.block,
        key: 'contract.error.tooShort',
      },
      {
        name: 'hours that are not a number',
        change: { [ContractFields.hours.block]: input.number('vingt') },
        block: ContractFields.hours.block,
        key: 'contract.error.hoursInvalid',
      },
      {
        name: 'more than 35 h on a subsidised contract',
        change: { [ContractFields.hours.block]: input.number('36') },
        block: ContractFields.hours.block,
        key: 'contract.error.hoursTooHigh',
      },
      {
        name: 'a lead time out of range',
        change: { [ContractFields.leadTime.block]: input.number('181') },
        block: ContractFields.leadTime.block,
        key: 'contract.error.leadTime',
      },
    ],
    valid,
    read,
  );

  it('says an overlap and an exceeded cap with dates and months in the reader’s way', () => {
    expect(contractErrorText({ overlap: { start: isoDay('2026-01-05'), end: undefined } }, translator('fr'), 'fr')).toBe(
      t('fr', 'contract.error.overlap', { start: 'lundi 5\u00a0janvier 2026', end: t('fr', 'contract.noEnd') }),
    );
    expect(contractErrorText({ capExceeded: { months: 25.46, cap: 24 } }, translator('fr'), 'fr')).toContain('25,5');
    expect(contractErrorText({ capExceeded: { months: 25.46, cap: 24 } }, translator('en'), 'en')).toContain('25.5');
  });
});

describe('the network setup forms', () => {
  const settings: Values = {
    [SettingsFields.agenda.block]: input.conversation('C0AGENDA'),
    [SettingsFields.help.block]: input.conversation(null),
    [SettingsFields.coordination.block]: input.conversation('G0COORD'),
    [SettingsFields.target.block]: input.number('170'),
    [SettingsFields.digestCron.block]: input.text(' 30  8 * *   5 '),
  };
  const read = (state: ViewState, locale: Locale) => {
    const form = readSettingsForm(state, translator(locale));
    return form.ok ? undefined : form.errors;
  };

  it('reads channels, the yearly target and the digest schedule (spaces folded)', () => {
    const form = readSettingsForm(stateOf(settings), translator('fr'));
    expect(form.ok && form.input).toEqual({
      agendaChannelId: 'C0AGENDA',
      coordinationChannelId: 'G0COORD',
      yearlyEventTarget: 170,
      digestCron: '30 8 * * 5',
    });
  });

  checkErrors(
    [
      {
        name: 'a target that is not a whole number',
        change: { [SettingsFields.target.block]: input.number('12.5') },
        block: SettingsFields.target.block,
        key: 'settings.error.target',
      },
      {
        name: 'a target of zero',
        change: { [SettingsFields.target.block]: input.number('0') },
        block: SettingsFields.target.block,
        key: 'settings.error.target',
      },
      {
        name: 'a user id where a channel is chosen',
        change: { [SettingsFields.agenda.block]: input.conversation('U0SOMEONE') },
        block: SettingsFields.agenda.block,
        key: 'form.error.unknownChoice',
      },
      {
        name: 'a schedule that is not cron',
        change: { [SettingsFields.digestCron.block]: input.text('lundi 9 h') },
        block: SettingsFields.digestCron.block,
        key: 'settings.error.digestCron',
      },
    ],
    settings,
    read,
  );

  it('reads a space; an unknown kind falls back to « tiers-lieu »', () => {
    const space = stateOf({
      [SpaceFields.name.block]: input.text('La Fabrique'),
      [SpaceFields.town.block]: input.text('Crest'),
      [SpaceFields.kind.block]: input.select('garage'),
      [SpaceFields.channel.block]: input.conversation('C0CREST'),
      [SpaceFields.archived.block]: input.checkboxes([]),
    });
    expect(readSpaceForm(space)).toEqual({ name: 'La Fabrique', town: 'Crest', kind: 'tiers_lieu', channelId: 'C0CREST', archived: false });
  });

  it.each([
    ['nameRequired', SpaceFields.name.block, 'space.error.nameRequired', undefined],
    ['nameTooLong', SpaceFields.name.block, 'space.error.nameTooLong', { max: 80 }],
    ['nameTaken', SpaceFields.name.block, 'space.error.nameTaken', undefined],
    ['notFound', SpaceFields.name.block, 'space.error.notFound', undefined],
    ['townTooLong', SpaceFields.town.block, 'space.error.townTooLong', { max: 80 }],
  ] as const)('a space refused for %s is told under its field in both languages', (error, block, key, params) => {
    const field = block === SpaceFields.town.block ? 'town' : 'name';
    for (const locale of LOCALES) expect(spaceErrors({ [field]: error }, translator(locale))[block]).toBe(say(locale, key, params));
  });

  it.each([
    ['empty', 'coordinators.error.empty', undefined],
    ['bot', 'coordinators.error.bot', undefined],
    ['configured', 'coordinators.error.configured', { users: 'U1, U2' }],
  ] as const)('a coordinators list refused as %s is told under the picker', (error, key, params) => {
    for (const locale of LOCALES) {
      expect(coordinatorErrors({ error, users: ['U1', 'U2'] }, translator(locale))[CoordinatorFields.users.block]).toBe(
        say(locale, key, params),
      );
    }
  });
});
