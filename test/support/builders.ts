// Test data builders: a plausible object of each kind, changed only where a test says so.

import type { ContractInput } from '../../src/features/contracts/form.ts';
import { ContractFields } from '../../src/features/contracts/ids.ts';
import type { ContractDetails } from '../../src/features/contracts/repo.ts';
import type { EventInput } from '../../src/features/events/form.ts';
import type { AttendanceReport, EventDetails } from '../../src/features/events/repo.ts';
import type { HelpDetails } from '../../src/features/help/repo.ts';
import type { SpaceInput } from '../../src/features/network/service.ts';
import type { AttendanceTotals, Figures } from '../../src/features/reports/compute.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { input } from './slack-requests.ts';

let next = 0;
const nextId = () => ++next;

export type SpaceRef = EventDetails['spaces'][number];

/** A host space of an event. */
export function aSpace(over: Partial<SpaceRef> = {}): SpaceRef {
  return { id: 1, name: 'La Fabrique de Crest', slug: 'la-fabrique-de-crest', town: 'Crest', channelId: undefined, ...over };
}

/** A scheduled two-hour workshop on Thursday 6 April 2017 at 14:30 in Paris, organised by U1. */
export function anEvent(over: Partial<EventDetails> = {}): EventDetails {
  const id = over.id ?? nextId();
  const startAt = over.startAt ?? new Date('2017-04-06T12:30:00Z');
  return {
    id,
    teamId: 'T',
    uid: `event-${id}@tiers-lieux`,
    title: `Évènement ${id}`,
    format: 'atelier',
    themes: [],
    audiences: [],
    startAt,
    endAt: new Date(startAt.getTime() + 2 * 3600_000),
    locationKind: 'space',
    address: undefined,
    onlineUrl: undefined,
    expectedAttendance: undefined,
    registrationUrl: undefined,
    description: '',
    seriesName: undefined,
    seriesNumber: undefined,
    status: 'scheduled',
    sequence: 0,
    createdBy: 'U1',
    updatedAt: startAt,
    createdAt: startAt,
    spaces: [aSpace()],
    organizers: ['U1'],
    attendance: undefined,
    attendanceRequestedAt: undefined,
    attendanceRemindedAt: undefined,
    ...over,
  };
}

/** An attendance report of `total` participants, genders not given unless a test says so. */
export function anAttendance(total: number, over: Partial<AttendanceReport> = {}): AttendanceReport {
  return {
    total,
    women: 0,
    men: 0,
    genderUnknown: total,
    jobSeekers: 0,
    under25: 0,
    over54: 0,
    firstTime: 0,
    sheetKept: true,
    note: '',
    reportedBy: 'U1',
    ...over,
  };
}

/** An open, unanswered technical question asked by U1. */
export function aHelpRequest(over: Partial<HelpDetails> = {}): HelpDetails {
  const id = over.id ?? nextId();
  const createdAt = over.createdAt ?? new Date('2026-11-30T08:00:00Z');
  return {
    id,
    teamId: 'T',
    requesterId: 'U1',
    question: `Question ${id}`,
    details: '',
    category: 'technique',
    urgency: 'week',
    skillsWanted: [],
    status: 'open',
    channelId: 'C0HELP',
    outboxId: undefined,
    answersCount: 0,
    firstAnswerAt: undefined,
    lastActivityAt: createdAt,
    resolvedAt: undefined,
    resolvedBy: undefined,
    nudgedPeersAt: undefined,
    nudgedCoordinatorsAt: undefined,
    staleAskedAt: undefined,
    createdAt,
    helpers: [],
    answerers: [],
    ...over,
  };
}

/** A one-year PEC contract of U0ANIM, 26 h a week, prescribed by France Travail. */
export function aContract(over: Partial<ContractDetails> = {}): ContractDetails {
  return {
    id: over.id ?? nextId(),
    teamId: 'T',
    userId: 'U0ANIM',
    spaceId: undefined,
    spaceName: undefined,
    type: 'pec',
    startDate: isoDay('2026-01-05'),
    endDate: isoDay('2027-01-04'),
    weeklyHours: 26,
    prescriber: 'france_travail',
    leadTimeDays: 45,
    capMonths: 24,
    capException: false,
    notes: '',
    previousId: undefined,
    decision: 'undecided',
    milestones: [],
    ...over,
  };
}

/** A declaration as the event modal gives it: a two-hour workshop in space 1 on Thursday 3 December 2026. */
/** What the contract modal gives for a one-year PEC of 26 hours a week. */
export function aContractInput(over: Partial<ContractInput> = {}): ContractInput {
  return {
    userId: 'U0DRAFT01',
    spaceId: undefined,
    type: 'pec',
    startDate: isoDay('2016-03-21'),
    endDate: isoDay('2017-03-20'),
    weeklyHours: 26,
    prescriber: 'france_travail',
    leadTimeDays: 45,
    capException: false,
    notes: '',
    confirmed: false,
    ...over,
  };
}

export function anEventInput(over: Partial<EventInput> = {}): EventInput {
  return {
    title: 'Atelier',
    format: 'atelier',
    themes: [],
    spaceIds: [1],
    coanimators: [],
    startAt: new Date('2026-12-03T13:00:00Z'),
    endAt: new Date('2026-12-03T15:00:00Z'),
    locationKind: 'space',
    address: undefined,
    onlineUrl: undefined,
    audiences: [],
    expectedAttendance: undefined,
    registrationUrl: undefined,
    description: '',
    seriesName: undefined,
    seriesNumber: undefined,
    ...over,
  };
}

/** The reference network's first two spaces, as a coordinator enters them in /reseau. */
export const CREST: SpaceInput = { name: 'La Fabrique de Crest', town: 'Crest', kind: 'fablab', channelId: undefined, archived: false };
export const DIE: SpaceInput = { name: 'Le Lieu-Dit', town: 'Die', kind: 'tiers_lieu', channelId: undefined, archived: false };

/** A period's figures as the database would total them: nothing, unless told. */
export function someFigures(over: Partial<Omit<Figures, 'attendance'>> & { attendance?: Partial<AttendanceTotals> } = {}): Figures {
  return {
    events: 0,
    hours: 0,
    byFormat: {},
    reported: 0,
    missingReports: 0,
    helpOpened: 0,
    helpResolved: 0,
    ...over,
    attendance: {
      total: 0,
      women: 0,
      men: 0,
      genderUnknown: 0,
      jobSeekers: 0,
      under25: 0,
      over54: 0,
      firstTime: 0,
      ...over.attendance,
    },
  };
}

type FormValues = Record<string, Record<string, Record<string, unknown>>>;

/** The contract modal as submitted: a one-year PEC from 21 March 2016 of 26 hours a week, for `userId`. */
export function contractFormValues(
  userId: string,
  over: Partial<Record<keyof typeof ContractFields, Record<string, unknown>>> = {},
): FormValues {
  const base = {
    user: { type: 'users_select', selected_user: userId },
    type: input.select('pec'),
    start: input.date('2016-03-21'),
    end: input.date('2017-03-20'),
    hours: input.number('26'),
    prescriber: input.select('france_travail'),
    leadTime: input.number('45'),
    capException: input.checkboxes([]),
    notes: input.text(''),
    confirm: input.checkboxes([]),
    ...over,
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [ContractFields[k as keyof typeof ContractFields].block, { value: v }]));
}
