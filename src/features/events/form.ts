// Reading and validating the event modal: pure, field by field, nothing stored until valid.

import type { LabelKey, Translate } from '../../i18n/index.ts';
import { isUserId, type ViewState } from '../../slack/view-state.ts';
import { isIsoDate } from '../../time/calendar-date.ts';
import { localDate, localTime, zonedInstant } from '../../time/zone.ts';
import { isOneOf } from '../../vocabulary.ts';
import { type EventField, EventFields } from './ids.ts';
import type { EventDetails } from './repo.ts';
import {
  EVENT_AUDIENCES,
  EVENT_FORMATS,
  EVENT_THEMES,
  type EventAudience,
  type EventFormat,
  type EventTheme,
  LOCATION_KINDS,
  type LocationKind,
} from './vocabulary.ts';

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 2500;
export const SERIES_NAME_MAX = 80;
export const ADDRESS_MAX = 300;
export const NOTE_MAX = 1000;
export const ATTENDANCE_MAX = 10_000;
export const MAX_DURATION_MS = 14 * 24 * 3600_000;

export interface EventInput {
  title: string;
  format: EventFormat;
  themes: EventTheme[];
  spaceIds: number[];
  coanimators: string[];
  startAt: Date;
  endAt: Date;
  locationKind: LocationKind;
  address: string | undefined;
  onlineUrl: string | undefined;
  audiences: EventAudience[];
  expectedAttendance: number | undefined;
  registrationUrl: string | undefined;
  description: string;
  seriesName: string | undefined;
  seriesNumber: number | undefined;
}

/** Why a field was refused; the reader's language says it (`fieldErrorText`). */
export type FieldError =
  | { key: LabelKey }
  | { key: 'event.error.titleTooLong' | 'event.error.descriptionTooLong' | 'form.error.tooLong'; max: number };
export type FieldErrors = Partial<Record<EventField, FieldError>>;

export type FormResult = { ok: true; input: EventInput } | { ok: false; errors: FieldErrors };

/**
 * A link safe to put in mrkdwn as <url|text>: http(s) only, and none of the characters that
 * would let a typed link escape its brackets.
 */
export function parseLink(raw: string): { ok: true; url: string | undefined } | { ok: false } {
  const value = raw.trim();
  if (value === '') return { ok: true, url: undefined };
  if (value.length > 1000 || /[\s<>|"`]/.test(value)) return { ok: false };
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false };
    return { ok: true, url: url.toString() };
  } catch {
    return { ok: false };
  }
}

function parseCount(raw: string): number | undefined | 'invalid' {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!/^-?\d+$/.test(value)) return 'invalid';
  const n = Number(value);
  return n < 0 || n > ATTENDANCE_MAX ? 'invalid' : n;
}

/** A timepicker's "HH:mm", within a real day (25:00 or 12:60 are not times). */
export function parseTime(value: string | undefined): { hour: number; minute: number } | undefined {
  const m = value ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

const oneLine = (s: string) => s.trim().replace(/\s+/g, ' ');

export function readEventForm(state: ViewState, timeZone: string): FormResult {
  const errors: FieldErrors = {};
  const title = oneLine(state.text(EventFields.title));
  if (title === '') errors.title = { key: 'event.error.titleRequired' };
  else if (title.length > TITLE_MAX) errors.title = { key: 'event.error.titleTooLong', max: TITLE_MAX };

  const format = state.selected(EventFields.format);
  if (!isOneOf(EVENT_FORMATS, format)) errors.format = { key: 'event.error.formatRequired' };
  const themes = state.selectedMany(EventFields.themes).filter((v): v is EventTheme => isOneOf(EVENT_THEMES, v));
  if (themes.length !== state.selectedMany(EventFields.themes).length) errors.themes = { key: 'form.error.unknownChoice' };
  const audiences = state.selectedMany(EventFields.audiences).filter((v): v is EventAudience => isOneOf(EVENT_AUDIENCES, v));
  if (audiences.length !== state.selectedMany(EventFields.audiences).length) errors.audiences = { key: 'form.error.unknownChoice' };

  const chosenSpaces = state.selectedMany(EventFields.spaces);
  const spaceIds = [...new Set(chosenSpaces.filter((v) => /^\d{1,9}$/.test(v)).map(Number))];
  if (!state.has(EventFields.spaces)) {
    // The network has no space yet: the modal said so instead of showing the field.
    errors.title = { key: 'event.field.noSpace' };
  } else if (spaceIds.length === 0 && chosenSpaces.length === 0) errors.spaces = { key: 'event.error.spaceRequired' };
  else if (spaceIds.length !== new Set(chosenSpaces).size) errors.spaces = { key: 'event.error.unknownSpace' };
  const chosenPeople = state.users(EventFields.coanimators);
  const coanimators = [...new Set(chosenPeople.filter(isUserId))];
  if (coanimators.length !== new Set(chosenPeople).size) errors.coanimators = { key: 'form.error.unknownChoice' };

  const date = state.date(EventFields.date);
  const endDate = state.date(EventFields.endDate) ?? date;
  const start = parseTime(state.time(EventFields.startTime));
  const end = parseTime(state.time(EventFields.endTime));
  if (!date || !isIsoDate(date)) errors.date = { key: 'event.error.dateRequired' };
  if (!start) errors.startTime = { key: 'event.error.timeRequired' };
  if (!end) errors.endTime = { key: 'event.error.timeRequired' };
  let startAt: Date | undefined;
  let endAt: Date | undefined;
  if (date && isIsoDate(date) && endDate && isIsoDate(endDate) && start && end) {
    startAt = zonedInstant(date, start.hour, start.minute, timeZone);
    endAt = zonedInstant(endDate, end.hour, end.minute, timeZone);
    if (endAt.getTime() <= startAt.getTime()) {
      errors[endDate === date ? 'endTime' : 'endDate'] = { key: 'event.error.endBeforeStart' };
    } else if (endAt.getTime() - startAt.getTime() > MAX_DURATION_MS) {
      errors.endDate = { key: 'event.error.tooLong' };
    }
  }

  const location = state.selected(EventFields.location);
  if (location !== undefined && !isOneOf(LOCATION_KINDS, location)) errors.location = { key: 'form.error.unknownChoice' };
  const locationKind: LocationKind = isOneOf(LOCATION_KINDS, location) ? location : 'space';
  const address = oneLine(state.text(EventFields.address)) || undefined;
  if (locationKind === 'elsewhere' && !address) errors.address = { key: 'event.error.addressRequired' };
  else if (locationKind === 'elsewhere' && address && address.length > ADDRESS_MAX)
    errors.address = { key: 'form.error.tooLong', max: ADDRESS_MAX };
  const online = parseLink(state.text(EventFields.onlineUrl));
  if (!online.ok) errors.onlineUrl = { key: 'event.error.badUrl' };
  else if (locationKind === 'online' && !online.url) errors.onlineUrl = { key: 'event.error.onlineUrlRequired' };
  const registration = parseLink(state.text(EventFields.registrationUrl));
  if (!registration.ok) errors.registrationUrl = { key: 'event.error.badUrl' };

  const expected = parseCount(state.text(EventFields.expected));
  if (expected === 'invalid') errors.expected = { key: 'event.error.attendance' };

  const description = state.text(EventFields.description).trim();
  if (description.length > DESCRIPTION_MAX) errors.description = { key: 'event.error.descriptionTooLong', max: DESCRIPTION_MAX };

  const seriesName = oneLine(state.text(EventFields.seriesName)) || undefined;
  if (seriesName && seriesName.length > SERIES_NAME_MAX) errors.seriesName = { key: 'form.error.tooLong', max: SERIES_NAME_MAX };
  const rawNumber = state.text(EventFields.seriesNumber).trim();
  let seriesNumber: number | undefined;
  if (rawNumber !== '') {
    if (!/^\d+$/.test(rawNumber) || Number(rawNumber) < 1 || Number(rawNumber) > 100_000)
      errors.seriesNumber = { key: 'event.error.seriesNumber' };
    else if (!seriesName) errors.seriesNumber = { key: 'event.error.seriesNumberWithoutName' };
    else seriesNumber = Number(rawNumber);
  }

  if (
    Object.keys(errors).length > 0 ||
    !startAt ||
    !endAt ||
    !isOneOf(EVENT_FORMATS, format) ||
    expected === 'invalid' ||
    !online.ok ||
    !registration.ok
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    input: {
      title,
      format,
      themes,
      spaceIds,
      coanimators,
      startAt,
      endAt,
      locationKind,
      address: locationKind === 'elsewhere' ? address : undefined,
      onlineUrl: locationKind === 'online' ? online.url : undefined,
      audiences,
      expectedAttendance: expected,
      registrationUrl: registration.url,
      description,
      seriesName,
      seriesNumber,
    },
  };
}

/** A refusal in the reader's language. */
export function fieldErrorText(error: FieldError, t: Translate): string {
  return 'max' in error ? t(error.key, { max: error.max }) : t(error.key);
}

/** Field errors as Slack expects them: block id → message. */
export function renderErrors(errors: FieldErrors, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors) as [EventField, FieldError][]) {
    out[EventFields[field].block] = fieldErrorText(error, t);
  }
  return out;
}

/**
 * What the declaration modal shows: an event being edited, what the animator has typed so far
 * (when a choice reveals or hides fields), or a new declaration's defaults. Values are kept as
 * typed; `readEventForm` judges them on submission.
 */
export interface EventDraft {
  title: string;
  format: string | undefined;
  themes: string[];
  spaces: { id: number; name: string }[];
  coanimators: string[];
  date: string | undefined;
  startTime: string | undefined;
  endTime: string | undefined;
  endDate: string | undefined;
  location: LocationKind;
  address: string;
  onlineUrl: string;
  audiences: string[];
  expected: string;
  registrationUrl: string;
  description: string;
  seriesName: string;
  seriesNumber: string;
  pastConfirmed: boolean;
}

export function emptyDraft(over: Partial<EventDraft> = {}): EventDraft {
  return {
    title: '',
    format: undefined,
    themes: [],
    spaces: [],
    coanimators: [],
    date: undefined,
    startTime: undefined,
    endTime: undefined,
    endDate: undefined,
    location: 'space',
    address: '',
    onlineUrl: '',
    audiences: [],
    expected: '',
    registrationUrl: '',
    description: '',
    seriesName: '',
    seriesNumber: '',
    pastConfirmed: false,
    ...over,
  };
}

const hhmm = (at: Date, timeZone: string) => {
  const { hour, minute } = localTime(at, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/** The form of an event being edited, as it is stored. */
export function draftOfEvent(event: EventDetails, timeZone: string): EventDraft {
  const date = localDate(event.startAt, timeZone);
  const endDate = localDate(event.endAt, timeZone);
  return {
    title: event.title,
    format: event.format,
    themes: [...event.themes],
    spaces: event.spaces.map((s) => ({ id: s.id, name: s.name })),
    coanimators: event.organizers.filter((u) => u !== event.createdBy),
    date,
    startTime: hhmm(event.startAt, timeZone),
    endTime: hhmm(event.endAt, timeZone),
    endDate: endDate !== date ? endDate : undefined,
    location: event.locationKind,
    address: event.address ?? '',
    onlineUrl: event.onlineUrl ?? '',
    audiences: [...event.audiences],
    expected: event.expectedAttendance !== undefined ? String(event.expectedAttendance) : '',
    registrationUrl: event.registrationUrl ?? '',
    description: event.description,
    seriesName: event.seriesName ?? '',
    seriesNumber: event.seriesNumber !== undefined ? String(event.seriesNumber) : '',
    pastConfirmed: false,
  };
}

/** What the animator has typed so far, to draw the modal again without losing any of it. */
export function draftFromState(state: ViewState): EventDraft {
  const location = state.selected(EventFields.location);
  return {
    title: state.text(EventFields.title),
    format: state.selected(EventFields.format),
    themes: state.selectedMany(EventFields.themes),
    spaces: state
      .chosen(EventFields.spaces)
      .map((o) => ({ id: Number(o.value), name: o.label }))
      .filter((s) => Number.isInteger(s.id) && s.id > 0),
    coanimators: state.users(EventFields.coanimators),
    date: state.date(EventFields.date),
    startTime: state.time(EventFields.startTime),
    endTime: state.time(EventFields.endTime),
    endDate: state.date(EventFields.endDate),
    location: isOneOf(LOCATION_KINDS, location) ? location : 'space',
    address: state.text(EventFields.address),
    onlineUrl: state.text(EventFields.onlineUrl),
    audiences: state.selectedMany(EventFields.audiences),
    expected: state.text(EventFields.expected),
    registrationUrl: state.text(EventFields.registrationUrl),
    description: state.text(EventFields.description),
    seriesName: state.text(EventFields.seriesName),
    seriesNumber: state.text(EventFields.seriesNumber),
    pastConfirmed: state.checked(EventFields.pastConfirm, PAST_CONFIRMED),
  };
}

/** The value of the past-event confirmation's one box. */
export const PAST_CONFIRMED = 'yes';

/** Whether a draft's date is before `today` (both local calendar dates): the modal then asks to confirm. */
export function isPastDate(draft: Pick<EventDraft, 'date' | 'endDate'>, today: string): boolean {
  const last = draft.endDate && isIsoDate(draft.endDate) ? draft.endDate : draft.date;
  return last !== undefined && isIsoDate(last) && last < today;
}

/**
 * A new declaration of an event that has already ended must be confirmed: `ask` when the modal
 * has not shown the question yet, `refuse` when it showed it and the box was left empty.
 */
export function pastDeclaration(input: EventInput, state: ViewState, now: Date): 'ok' | 'ask' | 'refuse' {
  if (input.endAt.getTime() > now.getTime()) return 'ok';
  if (state.checked(EventFields.pastConfirm, PAST_CONFIRMED)) return 'ok';
  return state.has(EventFields.pastConfirm) ? 'refuse' : 'ask';
}
