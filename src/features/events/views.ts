// Pure views of events: (data, locale) → Block Kit.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatDate, formatRange, formatTime } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import {
  actions,
  button,
  capBlocks,
  context,
  divider,
  type FieldRef,
  header,
  input,
  LIMITS,
  modal,
  option,
  overflow,
  reusable,
  section,
  truncate,
} from '../../slack/blocks.ts';
import { channelMention, escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { spacePicker } from '../network/views.ts';
import {
  ADDRESS_MAX,
  ATTENDANCE_MAX,
  DESCRIPTION_MAX,
  type EventDraft,
  isPastDate,
  NOTE_MAX,
  PAST_CONFIRMED,
  SERIES_NAME_MAX,
  TITLE_MAX,
} from './form.ts';
import { AttendanceFields, EventActions, EventFields, EventViews } from './ids.ts';
import type { AttendanceReport, EventDetails } from './repo.ts';
import type { AgendaRange, EventMessages } from './service.ts';
import {
  EVENT_AUDIENCES,
  EVENT_FORMATS,
  EVENT_THEMES,
  type EventAudience,
  type EventFormat,
  type EventTheme,
  LOCATION_KINDS,
} from './vocabulary.ts';

export interface Display {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

const formatLabel = (t: Translate, f: EventFormat) => t(`event.format.${f}`);
const themeLabel = (t: Translate, v: EventTheme) => t(`event.theme.${v}`);
const audienceLabel = (t: Translate, v: EventAudience) => t(`event.audience.${v}`);

/** How views speak to one reader: their language, in the network's time zone. */
const displays = new Map<string, Display>();
export function displayFor(locale: Locale, timeZone: string): Display {
  const key = `${locale}|${timeZone}`;
  let display = displays.get(key);
  if (!display) {
    display = { t: translator(locale), locale, timeZone };
    displays.set(key, display);
  }
  return display;
}

export function eventWhen(event: Pick<EventDetails, 'startAt' | 'endAt'>, d: Display): string {
  return formatRange(event.startAt, event.endAt, d.locale, d.timeZone, (from, to) => d.t('time.range.multiDay', { from, to }));
}

function titleLine(event: EventDetails, d: Display): string {
  const series =
    event.seriesName && event.seriesNumber
      ? ` · ${d.t('event.announce.series', { name: escapeMrkdwn(event.seriesName), number: String(event.seriesNumber) })}`
      : '';
  return `${escapeMrkdwn(event.title)}${series}`;
}

function whereText(event: EventDetails, d: Display): string {
  const spaces = event.spaces.map((s) => `${escapeMrkdwn(s.name)}${s.town ? ` (${escapeMrkdwn(s.town)})` : ''}`).join(', ');
  if (event.locationKind === 'elsewhere' && event.address) return `${escapeMrkdwn(event.address)} — ${spaces}`;
  if (event.locationKind === 'online' && event.onlineUrl)
    return `${d.t('event.announce.online')} (<${event.onlineUrl}|${d.t('event.announce.onlineLink')}>) — ${spaces}`;
  return spaces;
}

/** The announcement posted in the agenda channel and in each host space's channel. */
export function announcementMessage(event: EventDetails, d: Display): MessageContent {
  const { t } = d;
  const cancelled = event.status === 'cancelled';
  const when = eventWhen(event, d);
  const strike = (s: string) => (cancelled ? `~${s}~` : s);
  const fields: string[] = [
    `*${t('event.announce.where')}*\n${whereText(event, d)}`,
    `*${t('event.announce.format')}*\n${formatLabel(t, event.format)}`,
  ];
  if (event.themes.length > 0) fields.push(`*${t('event.announce.themes')}*\n${event.themes.map((v) => themeLabel(t, v)).join(', ')}`);
  if (event.audiences.length > 0)
    fields.push(`*${t('event.announce.audiences')}*\n${event.audiences.map((v) => audienceLabel(t, v)).join(', ')}`);
  fields.push(`*${t('event.announce.organisers')}*\n${event.organizers.map(userMention).join(', ')}`);
  if (event.registrationUrl)
    fields.push(`*${t('event.announce.register')}*\n<${event.registrationUrl}|${t('event.announce.registerLink')}>`);
  if (event.expectedAttendance !== undefined) fields.push(`*${t('event.announce.expected')}*\n${event.expectedAttendance}`);

  // A clear title line in bold, then the date a step lighter (a context line). A cancelled
  // event keeps both struck through, marked « ANNULÉ ».
  const blocks: KnownBlock[] = [
    ...(cancelled
      ? [section(`${t('event.announce.cancelled')}  *${strike(titleLine(event, d))}*\n${strike(t('event.announce.when', { when }))}`)]
      : [section(`*${titleLine(event, d)}*`), context(t('event.announce.when', { when }))]),
    { type: 'section', fields: fields.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) },
  ];
  if (event.description) blocks.push(section(truncate(escapeMrkdwn(event.description), LIMITS.sectionText)));
  if (!cancelled) {
    // What everyone may do, in sight; editing and cancelling (organisers and coordinators) in the menu.
    blocks.push(
      actions(`event_actions_${event.id}`, [
        button(t('event.announce.calendar'), EventActions.calendar, String(event.id)),
        eventMenu(event.id, t),
      ]),
    );
  }
  const text = cancelled
    ? t('event.announce.fallbackCancelled', { title: escapeMrkdwn(event.title), when })
    : t('event.announce.fallback', { title: escapeMrkdwn(event.title), when });
  return { text, blocks };
}

/**
 * The "⋯" menu of an event: its attendance sheet, editing and cancelling — organisers' and
 * coordinators' business, refused on the server to anyone else.
 */
export function eventMenu(eventId: number, t: Translate) {
  return overflow(EventActions.manage, [
    { text: t('sheet.menu'), value: `sheet:${eventId}` },
    { text: t('event.announce.edit'), value: `edit:${eventId}` },
    { text: t('event.announce.cancel'), value: `cancel:${eventId}` },
  ]);
}

/** Asked privately before an event is cancelled from its menu. */
export function cancelConfirmMessage(event: EventDetails, d: Display): MessageContent {
  const { t } = d;
  const text = t('event.cancelAsk', { title: escapeMrkdwn(event.title), when: eventWhen(event, d) });
  return {
    text,
    blocks: [
      section(text),
      actions(`event_cancel_${event.id}`, [
        {
          ...button(t('event.announce.cancel'), EventActions.cancel, String(event.id), 'danger'),
          confirm: {
            title: { type: 'plain_text', text: t('event.confirm.title') },
            text: { type: 'plain_text', text: t('event.confirm.text') },
            confirm: { type: 'plain_text', text: t('event.confirm.yes') },
            deny: { type: 'plain_text', text: t('event.confirm.no') },
            style: 'danger',
          },
        },
      ]),
    ],
  };
}

export interface FormOptions {
  spaces: readonly { id: number; name: string }[];
  series: readonly { name: string; next: number }[];
  /** Preselected in a new declaration. */
  usualSpace?: { id: number; name: string } | undefined;
}

function staticOptions<T extends string>(values: readonly T[], label: (v: T) => string): PlainTextOption[] {
  return values.map((v) => option(label(v), v));
}

/** The form's fixed choices in one language: the same on every /evenement, built once. */
interface FixedChoices {
  formats: readonly PlainTextOption[];
  themes: readonly PlainTextOption[];
  audiences: readonly PlainTextOption[];
  locations: readonly PlainTextOption[];
}
const fixedChoices = new Map<Locale, FixedChoices>();

function choicesFor(d: Display): FixedChoices {
  const known = fixedChoices.get(d.locale);
  if (known) return known;
  const { t } = d;
  const built: FixedChoices = {
    formats: staticOptions(EVENT_FORMATS, (f) => formatLabel(t, f)),
    themes: staticOptions(EVENT_THEMES, (v) => themeLabel(t, v)),
    audiences: staticOptions(EVENT_AUDIENCES, (v) => audienceLabel(t, v)),
    locations: staticOptions(LOCATION_KINDS, (k) => t(`event.location.${k}`)),
  };
  fixedChoices.set(d.locale, built);
  return built;
}

/**
 * The block of a field left empty is the same on every form in one language and time zone: built
 * once (a declaration opens with most fields empty; /evenement is on the hot path).
 */
const emptyFieldBlocks = new WeakMap<Display, Map<string, KnownBlock>>();
function sameWhenEmpty(d: Display, field: string, filled: boolean, build: () => KnownBlock): KnownBlock {
  if (filled) return build();
  let known = emptyFieldBlocks.get(d);
  if (!known) {
    known = new Map();
    emptyFieldBlocks.set(d, known);
  }
  let block = known.get(field);
  if (!block) {
    block = reusable(build());
    known.set(field, block);
  }
  return block;
}

/** The host spaces' field, by list of spaces (a reload is a new list) and what is chosen. */
const spaceFields = new WeakMap<readonly { id: number; name: string }[], Map<string, KnownBlock>>();
function spacesField(d: Display, spaces: readonly { id: number; name: string }[], chosen: readonly { id: number; name: string }[]) {
  const build = () =>
    spaces.length > 0
      ? input(EventFields.spaces, d.t('event.field.spaces'), spacePicker(spaces, chosen, true), { hint: d.t('event.field.spacesHint') })
      : section(`⚠️ ${d.t('event.field.noSpace')}`);
  // A new declaration chooses one space at most (the usual one): that field is shared.
  if (chosen.length > 1) return build();
  let known = spaceFields.get(spaces);
  if (!known) {
    known = new Map();
    spaceFields.set(spaces, known);
  }
  const key = `${d.locale}|${chosen[0]?.id ?? ''}|${chosen[0]?.name ?? ''}`;
  let block = known.get(key);
  if (!block) {
    block = reusable(build());
    known.set(key, block);
  }
  return block;
}

export interface EventFormMetadata {
  eventId?: number;
  channelId?: string;
  /** The animator asked for the optional fields ("Plus de détails"). */
  details?: boolean;
}

/** Whether the draft already holds one of the optional fields (an event being edited, say). */
function hasDetails(draft: EventDraft): boolean {
  return (
    draft.themes.length > 0 ||
    draft.audiences.length > 0 ||
    draft.registrationUrl !== '' ||
    draft.description !== '' ||
    draft.seriesName !== '' ||
    draft.seriesNumber !== ''
  );
}

/**
 * The declaration modal: at most ten inputs when it opens. The address or the joining link
 * appears when "Où ?" asks for it, the past-event question when the date has passed, and the
 * optional fields when the animator asks for them (or already filled some). Drawn again from
 * what was typed (`draftFromState`) whenever one of those choices changes.
 */
export function eventModalView(options: FormOptions, d: Display, metadata: EventFormMetadata, draft: EventDraft, today: string): ModalView {
  const { t } = d;
  const editing = metadata.eventId !== undefined;
  const pick = (opts: readonly PlainTextOption[], values: readonly string[]) =>
    opts.filter((o) => o.value !== undefined && values.includes(o.value));
  const fixed = choicesFor(d);
  const initial = (value: string | undefined, key = 'initial_value') => (value ? { [key]: value } : {});
  const details = metadata.details === true || hasDetails(draft);

  const blocks: KnownBlock[] = [
    input(EventFields.title, t('event.field.title'), {
      type: 'plain_text_input',
      max_length: TITLE_MAX,
      ...initial(draft.title ? truncate(draft.title, TITLE_MAX) : undefined),
    }),
    sameWhenEmpty(d, 'format', draft.format !== undefined, () =>
      input(EventFields.format, t('event.field.format'), {
        type: 'static_select',
        options: [...fixed.formats],
        ...(draft.format ? { initial_option: fixed.formats.find((o) => o.value === draft.format) } : {}),
      }),
    ),
    spacesField(d, options.spaces, draft.spaces),
    sameWhenEmpty(d, 'date', Boolean(draft.date), () =>
      input(EventFields.date, t('event.field.date'), { type: 'datepicker', ...initial(draft.date, 'initial_date') }, { dispatch: true }),
    ),
    sameWhenEmpty(d, 'startTime', Boolean(draft.startTime), () =>
      input(EventFields.startTime, t('event.field.startTime'), {
        type: 'timepicker',
        timezone: d.timeZone,
        ...initial(draft.startTime, 'initial_time'),
      }),
    ),
    sameWhenEmpty(d, 'endTime', Boolean(draft.endTime), () =>
      input(EventFields.endTime, t('event.field.endTime'), {
        type: 'timepicker',
        timezone: d.timeZone,
        ...initial(draft.endTime, 'initial_time'),
      }),
    ),
    sameWhenEmpty(d, 'endDate', Boolean(draft.endDate), () =>
      input(
        EventFields.endDate,
        t('event.field.endDate'),
        { type: 'datepicker', ...initial(draft.endDate, 'initial_date') },
        { optional: true, dispatch: true },
      ),
    ),
  ];
  if (!editing && isPastDate(draft, today)) {
    const yes = option(t('event.field.pastConfirmYes'), PAST_CONFIRMED);
    blocks.push(
      input(
        EventFields.pastConfirm,
        t('event.field.pastConfirm'),
        { type: 'checkboxes', options: [yes], ...(draft.pastConfirmed ? { initial_options: [yes] } : {}) },
        { optional: true },
      ),
    );
  }
  blocks.push(
    sameWhenEmpty(d, 'location', draft.location !== 'space', () =>
      input(
        EventFields.location,
        t('event.field.location'),
        { type: 'radio_buttons', options: [...fixed.locations], initial_option: fixed.locations.find((o) => o.value === draft.location) },
        { dispatch: true },
      ),
    ),
  );
  if (draft.location === 'elsewhere') {
    blocks.push(
      input(EventFields.address, t('event.field.address'), {
        type: 'plain_text_input',
        max_length: ADDRESS_MAX,
        ...initial(draft.address),
      }),
    );
  } else if (draft.location === 'online') {
    blocks.push(input(EventFields.onlineUrl, t('event.field.onlineUrl'), { type: 'url_text_input', ...initial(draft.onlineUrl) }));
  }
  blocks.push(
    sameWhenEmpty(d, 'coanimators', draft.coanimators.length > 0, () =>
      input(
        EventFields.coanimators,
        t('event.field.coanimators'),
        { type: 'multi_users_select', ...(draft.coanimators.length ? { initial_users: draft.coanimators } : {}) },
        { optional: true },
      ),
    ),
    sameWhenEmpty(d, 'expected', draft.expected !== '', () =>
      input(
        EventFields.expected,
        t('event.field.expected'),
        { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: String(ATTENDANCE_MAX), ...initial(draft.expected) },
        { optional: true },
      ),
    ),
  );
  if (!details) {
    blocks.push(
      sameWhenEmpty(d, 'moreDetails', false, () =>
        section(t('event.field.moreDetailsText'), button(t('event.field.moreDetails'), EventActions.moreDetails)),
      ),
    );
  } else {
    const seriesList = options.series
      .slice(0, 10)
      .map((s) => t('event.field.seriesNext', { name: s.name, next: s.next }))
      .join(' ; ');
    blocks.push(
      divider(),
      section(t('event.field.detailsHeading')),
      input(
        EventFields.seriesName,
        t('event.field.seriesName'),
        { type: 'plain_text_input', max_length: SERIES_NAME_MAX, ...initial(draft.seriesName) },
        {
          optional: true,
          hint: t('event.field.seriesHint', { series: seriesList ? t('event.field.seriesKnown', { list: seriesList }) : '' }),
        },
      ),
      input(
        EventFields.seriesNumber,
        t('event.field.seriesNumber'),
        { type: 'number_input', is_decimal_allowed: false, min_value: '1', ...initial(draft.seriesNumber) },
        { optional: true },
      ),
      input(
        EventFields.themes,
        t('event.field.themes'),
        {
          type: 'multi_static_select',
          options: [...fixed.themes],
          ...(draft.themes.length ? { initial_options: pick(fixed.themes, draft.themes) } : {}),
        },
        { optional: true },
      ),
      input(
        EventFields.audiences,
        t('event.field.audiences'),
        {
          type: 'multi_static_select',
          options: [...fixed.audiences],
          ...(draft.audiences.length ? { initial_options: pick(fixed.audiences, draft.audiences) } : {}),
        },
        { optional: true },
      ),
      input(
        EventFields.registrationUrl,
        t('event.field.registrationUrl'),
        { type: 'url_text_input', ...initial(draft.registrationUrl) },
        { optional: true },
      ),
      input(
        EventFields.description,
        t('event.field.description'),
        { type: 'plain_text_input', multiline: true, max_length: DESCRIPTION_MAX, ...initial(draft.description) },
        { optional: true },
      ),
    );
  }
  return modal({
    title: t(editing ? 'event.modal.editTitle' : 'event.modal.createTitle'),
    callbackId: EventViews.form,
    submit: t(editing ? 'event.modal.save' : 'event.modal.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(details ? { ...metadata, details: true } : metadata),
    blocks,
  });
}

/** The direct message asking an organiser for the attendance. */
export function attendanceRequestMessage(event: EventDetails, d: Display, reminder: boolean): MessageContent {
  const params = { title: escapeMrkdwn(event.title), when: eventWhen(event, d) };
  const text = reminder ? d.t('attendance.reminder', params) : d.t('attendance.request', params);
  return {
    text,
    blocks: [
      section(text),
      actions(`attendance_${event.id}`, [button(d.t('attendance.button'), EventActions.reportAttendance, String(event.id), 'primary')]),
    ],
  };
}

export function attendanceModalView(event: EventDetails, d: Display, existing: AttendanceReport | undefined): ModalView {
  const { t } = d;
  const count = (field: FieldRef, label: string, value: number | undefined, optional = true) =>
    input(
      field,
      label,
      {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: String(ATTENDANCE_MAX),
        ...(value !== undefined ? { initial_value: String(value) } : {}),
      },
      { optional },
    );
  const yesNo = [option(t('common.yes'), 'yes'), option(t('common.no'), 'no')];
  return modal({
    title: t('attendance.modal.title'),
    callbackId: EventViews.attendance,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ eventId: event.id }),
    blocks: [
      section(t('attendance.modal.intro', { title: escapeMrkdwn(event.title), when: eventWhen(event, d) })),
      count(AttendanceFields.total, t('attendance.field.total'), existing?.total, false),
      count(AttendanceFields.women, t('attendance.field.women'), existing?.women),
      count(AttendanceFields.men, t('attendance.field.men'), existing?.men),
      count(AttendanceFields.genderUnknown, t('attendance.field.genderUnknown'), existing?.genderUnknown),
      count(AttendanceFields.jobSeekers, t('attendance.field.jobSeekers'), existing?.jobSeekers),
      count(AttendanceFields.under25, t('attendance.field.under25'), existing?.under25),
      count(AttendanceFields.over54, t('attendance.field.over54'), existing?.over54),
      count(AttendanceFields.firstTime, t('attendance.field.firstTime'), existing?.firstTime),
      input(AttendanceFields.sheetKept, t('attendance.field.sheetKept'), {
        type: 'radio_buttons',
        options: yesNo,
        initial_option: existing?.sheetKept ? yesNo[0] : yesNo[1],
      }),
      input(
        AttendanceFields.note,
        t('attendance.field.note'),
        { type: 'plain_text_input', multiline: true, max_length: NOTE_MAX, ...(existing?.note ? { initial_value: existing.note } : {}) },
        { optional: true },
      ),
    ],
  });
}

/** The ephemeral agenda: events grouped by day, within a message's 50 blocks. */
export function agendaMessage(
  listed: { items: EventDetails[]; total: number },
  d: Display,
  range: string,
  feedLine: string | undefined,
): MessageContent {
  const { t } = d;
  const title = t('agenda.title', { range });
  const events = listed.items;
  if (listed.total === 0) {
    return {
      text: `${title}\n${t('agenda.empty')}`,
      blocks: [header(title), section(t('agenda.empty')), ...(feedLine ? [context(feedLine)] : [])],
    };
  }
  const byDay = new Map<string, EventDetails[]>();
  for (const e of events) {
    const day = formatDate(e.startAt, d.locale, d.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const groups: KnownBlock[][] = [];
  for (const [day, list] of byDay) {
    for (const [i, e] of list.entries()) {
      // Under its day's heading, a one-day event says its times only.
      const oneDay = formatDate(e.endAt, d.locale, d.timeZone) === day;
      const when = oneDay
        ? `${formatTime(e.startAt, d.locale, d.timeZone)} – ${formatTime(e.endAt, d.locale, d.timeZone)}`
        : eventWhen(e, d);
      const line = `*${titleLine(e, d)}*${e.status === 'cancelled' ? ` — ${t('event.announce.cancelled')}` : ''}\n${when} · ${formatLabel(t, e.format)}\n${whereText(e, d)}`;
      groups.push(i === 0 ? [context(`*${day}*`), section(line)] : [section(line)]);
    }
  }
  // Those not read (beyond the first ones) are counted with those the message has no room for.
  const unread = listed.total - events.length;
  const reserved = (feedLine ? 2 : 1) + (unread > 0 ? 1 : 0);
  let cut = false;
  const shown = capBlocks(groups, LIMITS.blocksPerMessage - reserved, (n) => {
    cut = true;
    return context(t('common.andMore', { count: n + unread }));
  });
  const blocks: KnownBlock[] = [header(title), ...shown];
  if (unread > 0 && !cut) blocks.push(context(t('common.andMore', { count: unread })));
  if (feedLine) blocks.push(context(feedLine));
  return { text: title, blocks };
}

/** The heading of an /agenda answer. */
export function agendaRangeText(range: AgendaRange, t: Translate): string {
  return range.kind === 'space' ? t('agenda.range.space', { space: range.name }) : t(`agenda.range.${range.kind}`);
}

/** The messages the events service stores with its changes, rendered here. */
export const eventMessages: EventMessages = {
  announcement: announcementMessage,
  attendanceRequest: attendanceRequestMessage,
  coanimatorNotice: (change, by, event, d) => {
    const key = {
      added: 'event.notice.coanimatorAdded',
      updated: 'event.notice.coanimatorUpdated',
      cancelled: 'event.notice.coanimatorCancelled',
    } as const;
    return { text: d.t(key[change], { by: userMention(by), title: escapeMrkdwn(event.title), when: eventWhen(event, d) }) };
  },
  createdNotice: (event, channels, d) => ({
    text:
      channels.length > 0
        ? d.t('event.notice.created', { title: escapeMrkdwn(event.title), channels: channels.map(channelMention).join(', ') })
        : d.t('event.notice.createdNoChannel', { title: escapeMrkdwn(event.title) }),
  }),
};
