// The weekly digest: readable on a phone, within a message's 50 blocks and 3,000 characters
// per text at any scale (top N, then "and N more").

import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatCalendarDate, formatDate, formatNumber, formatShortDay } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { actions, button, divider, header, LIMITS, section } from '../../slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { IsoDate } from '../../time/calendar-date.ts';
import { milestoneTitle } from '../contracts/milestones.ts';
import type { UpcomingMilestone } from '../contracts/service.ts';
import { EventActions } from '../events/ids.ts';
import type { EventDetails } from '../events/repo.ts';
import { eventWhen } from '../events/views.ts';
import type { EventFormat } from '../events/vocabulary.ts';
import { type Figures, progressBar } from '../reports/compute.ts';
import type { TopSpace } from '../reports/repo.ts';
import type { CalendarNote } from './calendar.ts';

export interface DigestData {
  weekFrom: IsoDate;
  weekTo: IsoDate;
  lastWeek: Figures;
  /** The spaces that hosted the most events last week, and how many hosted any. */
  spaces: Listed<TopSpace>;
  /** The coming events: the first ones shown, and how many there are. */
  next: Listed<EventDetails>;
  /** Past events without their attendance: the latest ones shown, and how many there are. */
  missing: Listed<EventDetails>;
  help: { opened: number; resolved: number; stale: number; medianHours: number | undefined };
  /** The next milestones (the first ones, and how many); only when the digest goes somewhere private. */
  contracts: Listed<UpcomingMilestone> | undefined;
  calendar: CalendarNote[];
  ytd: { year: number; done: number; target: number };
}

/** How many lines a list of the digest shows before « … and N more ». */
export const TOP = 5;
export const NEXT_SHOWN = 6;
/** How many formats and spaces the week's figures name. */
export const SPACES_SHOWN = 5;

export interface Listed<T> {
  items: T[];
  total: number;
}

function lines(items: string[], more: (n: number) => string, max = TOP, total = items.length): string {
  const shown = items.slice(0, max);
  if (total > shown.length) shown.push(more(total - shown.length));
  return shown.join('\n');
}

export function digestMessage(data: DigestData, t: Translate, locale: Locale, timeZone: string): MessageContent {
  const d = { t, locale, timeZone };
  const more = (n: number) => t('common.andMore', { count: n });
  const num = (n: number) => formatNumber(n, locale);
  const f = data.lastWeek;
  // One line on a phone: « Semaine du 23 au 29 nov. » (months and years only where they change).
  const sameYear = data.weekFrom.slice(0, 4) === data.weekTo.slice(0, 4);
  const sameMonth = data.weekFrom.slice(0, 7) === data.weekTo.slice(0, 7);
  const from = sameMonth ? String(Number(data.weekFrom.slice(8, 10))) : formatShortDay(data.weekFrom, locale, !sameYear);
  const blocks: KnownBlock[] = [
    header(t('digest.title', { from, to: formatShortDay(data.weekTo, locale, !sameYear) })),
    section(
      t('digest.lastWeek', { events: f.events, hours: num(f.hours) }) +
        (f.reported > 0 ? ` ${t('digest.lastWeekAttendance', { attendance: f.attendance.total, reported: f.reported })}` : ''),
    ),
  ];
  const formats = (Object.entries(f.byFormat) as [EventFormat, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => t('common.countOf', { label: t(`event.format.${k}`), count: n }));
  const spaces = data.spaces.items.map((s) => t('common.countOf', { label: escapeMrkdwn(s.name), count: s.events }));
  if (formats.length > 0 || spaces.length > 0) {
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${t('digest.byFormat')}*\n${lines(formats, more, SPACES_SHOWN) || t('digest.none')}` },
        { type: 'mrkdwn', text: `*${t('digest.bySpace')}*\n${lines(spaces, more, SPACES_SHOWN, data.spaces.total) || t('digest.none')}` },
      ],
    });
  }
  blocks.push(
    divider(),
    section(
      `*${t('digest.next')}*\n${
        data.next.total === 0
          ? t('digest.nextNone')
          : lines(
              data.next.items.map(
                (e) => `• ${escapeMrkdwn(e.title)} — ${eventWhen(e, d)} · ${e.spaces.map((s) => escapeMrkdwn(s.name)).join(', ')}`,
              ),
              more,
              NEXT_SHOWN,
              data.next.total,
            )
      }`,
    ),
  );
  if (data.missing.total > 0) {
    blocks.push(
      section(
        `*${t('digest.missing')}*\n${lines(
          data.missing.items.map((e) =>
            t('digest.missingLine', {
              title: escapeMrkdwn(e.title),
              date: formatDate(e.startAt, locale, timeZone),
              organisers: e.organizers.map(userMention).join(', '),
            }),
          ),
          more,
          TOP,
          data.missing.total,
        )}`,
      ),
      // The digest goes to the coordinators' channel: one press reminds every organiser concerned.
      actions('digest_actions', [button(t('digest.chase'), EventActions.chaseAttendance)]),
    );
  }
  blocks.push(
    divider(),
    section(
      t('digest.help', { opened: data.help.opened, resolved: data.help.resolved, stale: data.help.stale }) +
        (data.help.medianHours === undefined ? '' : ` ${t('digest.median', { hours: num(Math.round(data.help.medianHours * 10) / 10) })}`),
    ),
  );
  if (data.contracts) {
    blocks.push(
      section(
        `*${t('digest.contracts')}*\n${
          data.contracts.total === 0
            ? t('digest.contractsNone')
            : lines(
                data.contracts.items.map(
                  (u) =>
                    `• ${formatCalendarDate(u.milestone.sendDate, locale)} — ${userMention(u.contract.userId)} : ${milestoneTitle(u.milestone, t)}`,
                ),
                more,
                TOP,
                data.contracts.total,
              )
        }`,
      ),
    );
  }
  const calendar = data.calendar.map((n) => {
    const date = formatCalendarDate(n.date, locale);
    if (n.kind === 'holiday') return t('digest.holiday', { date, name: t(`holiday.${n.key}`) });
    if (n.kind === 'bridge') return t('digest.bridge', { date });
    return t('digest.clockChange', { date, direction: t(n.forward ? 'digest.clockForward' : 'digest.clockBack') });
  });
  if (calendar.length > 0) blocks.push(section(`*${t('digest.calendar')}*\n${calendar.join('\n')}`));
  const percent = data.ytd.target > 0 ? Math.round((data.ytd.done / data.ytd.target) * 100) : 0;
  blocks.push(
    divider(),
    section(
      t('digest.progress', {
        year: data.ytd.year,
        done: data.ytd.done,
        target: data.ytd.target,
        percent,
        bar: progressBar(data.ytd.done, data.ytd.target),
      }),
    ),
  );
  return {
    text: t('digest.fallback', { events: f.events, attendance: f.attendance.total }),
    blocks: blocks.slice(0, LIMITS.blocksPerMessage),
  };
}

/** The digest as plain text, for `--dry-run` in a terminal. */
export function digestText(message: MessageContent): string {
  const out: string[] = [];
  for (const block of message.blocks ?? []) {
    const b = block as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string }[] };
    if (b.type === 'divider') out.push('—'.repeat(40));
    if (b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) if (e.text) out.push(e.text);
  }
  // Slack's escapes mean nothing in a terminal.
  return out.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The monthly report's message, above its files. */
export function monthlyReportText(f: Figures, period: { from: string }, t: Translate, locale: Locale): string {
  const month = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period.from}T12:00:00Z`),
  );
  const body = t('report.monthBody', {
    events: f.events,
    hours: formatNumber(f.hours, locale),
    attendance: f.attendance.total,
    women: f.attendance.women,
    jobSeekers: f.attendance.jobSeekers,
    help: f.helpOpened,
    resolved: f.helpResolved,
  });
  return `*${t('report.monthTitle', { month })}*\n${body}\n${t('report.files')}`;
}
