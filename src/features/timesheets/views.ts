// What people see of time sheets: the sheet's message (to its animator), the coordinators'
// request to approve it, the week-by-week form and the App Home's lines. Pure functions.
import type { Button, KnownBlock, View } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatDate, formatDaySpan, formatMonth, formatNumber } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { actions, button, context, header, input, modal, overflow, section } from '../../slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { HoursFields, TimeSheetActions, TimeSheetViews } from './ids.ts';
import type { SheetStatus, SheetSummary, TimeSheet } from './repo.ts';
import { type Hours, type SheetWeek, TASK_KINDS, totalOf, type WeekError, zeroHours } from './sheet.ts';

export interface SheetDisplay {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

/** A sheet with its weeks as the contract shapes them. */
export interface SheetData {
  sheet: TimeSheet;
  weeks: readonly SheetWeek[];
  /** The contract's weekly hours (the latest contract of the month). */
  weeklyHours: number;
}

const hours = (n: number, d: SheetDisplay) => formatNumber(n, d.locale);
export const sheetTotal = (sheet: TimeSheet): number => [...sheet.weeks.values()].reduce((sum, h) => sum + totalOf(h), 0);
const hoursOf = (sheet: TimeSheet, week: SheetWeek): Hours => sheet.weeks.get(week.start) ?? zeroHours();

function confirm(title: string, text: string, d: SheetDisplay, danger = false): Button['confirm'] {
  return {
    title: { type: 'plain_text', text: title },
    text: { type: 'plain_text', text },
    confirm: { type: 'plain_text', text: d.t('timesheet.confirm') },
    deny: { type: 'plain_text', text: d.t('common.cancel') },
    ...(danger ? { style: 'danger' as const } : {}),
  };
}

/** One line a week (weeks with no hours left out), then the month's total. */
export function weekLines(data: SheetData, d: SheetDisplay): string {
  const lines = data.weeks
    .map((week) => ({ week, h: hoursOf(data.sheet, week) }))
    .filter(({ h }) => totalOf(h) > 0)
    .map(({ week, h }) =>
      d.t('timesheet.week', {
        span: formatDaySpan(week.start, week.end, d.locale),
        total: hours(totalOf(h), d),
        detail: TASK_KINDS.filter((k) => h[k] > 0)
          .map((k) => d.t('timesheet.kindHours', { kind: d.t(`task.${k}`).toLocaleLowerCase(d.locale), hours: hours(h[k], d) }))
          .join(', '),
      }),
    );
  return [...lines, d.t('timesheet.total', { total: hours(sheetTotal(data.sheet), d) })].join('\n');
}

const monthOf = (sheet: TimeSheet, d: SheetDisplay) => formatMonth(sheet.month, d.locale);

/** The animator's buttons: correct and sign a draft; the PDF in any state; re-open once signed. */
function ownerActions(data: SheetData, d: SheetDisplay): KnownBlock {
  const { sheet } = data;
  const value = `${sheet.id}:${sheet.version}`;
  const elements: Button[] =
    sheet.status === 'draft'
      ? [
          button(d.t('timesheet.edit'), TimeSheetActions.edit, String(sheet.id)),
          {
            ...button(d.t('timesheet.sign'), TimeSheetActions.sign, value, 'primary'),
            confirm: confirm(
              d.t('timesheet.signConfirmTitle'),
              d.t('timesheet.signConfirm', { month: monthOf(sheet, d), total: hours(sheetTotal(sheet), d) }),
              d,
            ),
          },
          button(d.t('timesheet.pdf'), TimeSheetActions.pdf, String(sheet.id)),
        ]
      : [button(d.t('timesheet.pdf'), TimeSheetActions.pdf, String(sheet.id)), reopenButton(data, d)];
  return actions(`timesheet_${sheet.id}`, elements);
}

function reopenButton(data: SheetData, d: SheetDisplay): Button {
  return {
    ...button(d.t('timesheet.reopen'), TimeSheetActions.reopen, `${data.sheet.id}:${data.sheet.version}`),
    confirm: confirm(d.t('timesheet.reopenConfirmTitle'), d.t('timesheet.reopenConfirm'), d, true),
  };
}

export type SheetMessageKind = 'ready' | 'reminder' | 'updated' | 'reopened' | 'signed';

/** The sheet as its animator reads it in a direct message. */
export function sheetMessage(kind: SheetMessageKind, data: SheetData, d: SheetDisplay, by?: string): MessageContent {
  const month = monthOf(data.sheet, d);
  const employee = data.sheet.signatures.find((s) => s.role === 'employee');
  const title =
    kind === 'ready'
      ? d.t('timesheet.ready', { month })
      : kind === 'reminder'
        ? d.t('timesheet.reminder', { month })
        : kind === 'reopened'
          ? d.t('timesheet.reopened', { month, by: escapeMrkdwn(by ?? '') })
          : kind === 'signed' && employee
            ? d.t('timesheet.signedByYou', { month, date: formatDate(employee.signedAt, d.locale, d.timeZone) })
            : d.t('timesheet.updated', { month });
  const blocks: KnownBlock[] = [section(title)];
  if (kind === 'ready') blocks.push(context(d.t('timesheet.readyIntro', { hours: hours(data.weeklyHours, d) })));
  blocks.push(section(weekLines(data, d)), ownerActions(data, d));
  return { text: title.replace(/\*/g, ''), blocks };
}

/** A refusal because the sheet changed meanwhile, with the sheet as it is now, to act on. */
export function staleSheetMessage(text: string, data: SheetData, d: SheetDisplay): MessageContent {
  return { text, blocks: [section(text), ...(sheetMessage('updated', data, d).blocks ?? [])] };
}

/** To the coordinators: a sheet the animator signed, to approve (or a reminder of it). */
export function countersignMessage(data: SheetData, who: string, d: SheetDisplay, reminder: boolean): MessageContent {
  const { sheet } = data;
  const month = monthOf(sheet, d);
  const employee = sheet.signatures.find((s) => s.role === 'employee');
  const title = reminder
    ? d.t('timesheet.toCountersignReminder', {
        who: userMention(sheet.userId),
        month,
        date: employee ? formatDate(employee.signedAt, d.locale, d.timeZone) : '',
      })
    : d.t('timesheet.toCountersign', { who: userMention(sheet.userId), month, total: hours(sheetTotal(sheet), d) });
  return {
    text: title.replace(/\*/g, ''),
    blocks: [
      section(title),
      section(weekLines(data, d)),
      actions(`timesheet_${sheet.id}`, [
        {
          ...button(d.t('timesheet.countersign'), TimeSheetActions.countersign, `${sheet.id}:${sheet.version}`, 'primary'),
          confirm: confirm(
            d.t('timesheet.countersignConfirmTitle'),
            d.t('timesheet.countersignConfirm', { name: who, month, total: hours(sheetTotal(sheet), d) }),
            d,
          ),
        },
        button(d.t('timesheet.pdf'), TimeSheetActions.pdf, String(sheet.id)),
        reopenButton(data, d),
      ]),
    ],
  };
}

/** How many sheets a grouped reminder to the coordinators lists (the rest are counted). */
export const REMINDER_SHEETS_SHOWN = 8;

/**
 * To each coordinator, once a day: the signed sheets still waiting for approval, in one message
 * (a large network's coordinators are not sent one message per sheet) — the first few with
 * their approve button, the rest counted (each has its own message from when it was signed).
 */
export function countersignRemindersMessage(sheets: readonly { sheet: TimeSheet; name: string }[], d: SheetDisplay): MessageContent {
  const title = d.t('timesheet.toCountersignReminders', { count: sheets.length });
  const blocks: KnownBlock[] = [section(title)];
  for (const { sheet, name } of sheets.slice(0, REMINDER_SHEETS_SHOWN)) {
    const month = monthOf(sheet, d);
    const total = hours(sheetTotal(sheet), d);
    const employee = sheet.signatures.find((s) => s.role === 'employee');
    blocks.push(
      section(
        d.t('timesheet.toCountersignLine', {
          who: userMention(sheet.userId),
          month,
          total,
          date: employee ? formatDate(employee.signedAt, d.locale, d.timeZone) : '',
        }),
        {
          ...button(d.t('timesheet.countersign'), TimeSheetActions.countersignListed, `${sheet.id}:${sheet.version}`, 'primary'),
          confirm: confirm(d.t('timesheet.countersignConfirmTitle'), d.t('timesheet.countersignConfirm', { name, month, total }), d),
        },
      ),
    );
  }
  const hidden = sheets.length - Math.min(REMINDER_SHEETS_SHOWN, sheets.length);
  if (hidden > 0) blocks.push(context(d.t('timesheet.toCountersignMore', { count: hidden })));
  return { text: title.replace(/\*/g, ''), blocks };
}

/** To the animator: a coordinator approved the sheet. */
export function countersignedMessage(data: SheetData, by: string, d: SheetDisplay): MessageContent {
  const text = d.t('timesheet.countersigned', { month: monthOf(data.sheet, d), by: escapeMrkdwn(by) });
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      section(text),
      actions(`timesheet_${data.sheet.id}`, [button(d.t('timesheet.pdf'), TimeSheetActions.pdf, String(data.sheet.id))]),
    ],
  };
}

/** The weeks the form walks through: those the contract covers (nothing can be typed in the others). */
export function formWeeks(weeks: readonly SheetWeek[]): SheetWeek[] {
  return weeks.filter((w) => w.cap > 0);
}

export interface WeekFormMetadata {
  sheetId: number;
  /** The week's first day. */
  week: string;
  version: number;
}

/** One week of the sheet: an hours field per task kind, with what the contract allows. */
export function weekModalView(data: SheetData, week: SheetWeek, d: SheetDisplay, typed?: Hours): View {
  const walked = formWeeks(data.weeks);
  const index = walked.findIndex((w) => w.start === week.start);
  const last = index === walked.length - 1;
  const shown = typed ?? hoursOf(data.sheet, week);
  const metadata: WeekFormMetadata = { sheetId: data.sheet.id, week: week.start, version: data.sheet.version };
  return modal({
    title: d.t('timesheet.modal.title'),
    callbackId: TimeSheetViews.week,
    submit: last ? d.t('timesheet.modal.save') : d.t('timesheet.modal.next'),
    close: d.t('timesheet.modal.close'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      section(
        `*${d.t('timesheet.modal.week', {
          month: formatMonth(data.sheet.month, d.locale),
          index: index + 1,
          count: walked.length,
          span: formatDaySpan(week.start, week.end, d.locale),
        })}*`,
      ),
      context(
        d.t('timesheet.modal.allowance', {
          hours: hours(week.contractHours, d),
          cap: hours(week.cap, d),
          events: week.eventHours > 0 ? hours(week.eventHours, d) : '',
        }),
      ),
      ...TASK_KINDS.map((kind) =>
        input(
          HoursFields[kind],
          d.t(`task.${kind}`),
          {
            type: 'number_input',
            is_decimal_allowed: true,
            min_value: '0',
            max_value: '80',
            initial_value: String(shown[kind]),
          },
          { optional: true },
        ),
      ),
    ],
  });
}

/** Field errors of a week, under the field concerned (a total's under the first). */
export function weekErrors(errors: readonly WeekError[], week: SheetWeek, d: SheetDisplay): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (e.kind === 'total') {
      out[HoursFields.animation.block] =
        e.error === 'outsideContract'
          ? d.t('timesheet.error.outsideContract')
          : d.t('timesheet.error.overCap', { total: hours(e.total, d), cap: hours(week.cap, d) });
    } else out[HoursFields[e.kind].block] = d.t(e.error === 'negative' ? 'timesheet.error.negative' : 'timesheet.error.invalid');
  }
  return out;
}

/** The App Home's time sheets: the animator's to sign; for coordinators, the month's table. */
export interface TimeSheetHome {
  mine: SheetSummary[];
  network?: { month: string; counts: Record<SheetStatus, number>; sheets: SheetSummary[] };
}

/** How many people a coordinator's Home lists in the month's table (then « … and N more »). */
export const HOME_SHEETS_SHOWN = 5;

export function timesheetHomeBlocks(data: TimeSheetHome, d: SheetDisplay): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const status = (s: SheetStatus) => d.t(`timesheet.status.${s}`);
  if (data.mine.length > 0) {
    blocks.push(header(d.t('home.timesheets.mine')));
    for (const s of data.mine.slice(0, 3)) {
      const line = d.t('home.timesheets.line', { month: formatMonth(s.month, d.locale), status: status(s.status) });
      blocks.push(
        section(
          line,
          overflow(TimeSheetActions.menu, [
            ...(s.status === 'draft' ? [{ text: d.t('timesheet.edit'), value: `edit:${s.id}` }] : []),
            { text: d.t('timesheet.pdf'), value: `pdf:${s.id}` },
          ]),
        ),
      );
    }
  }
  const network = data.network;
  const total = network ? network.counts.draft + network.counts.signed + network.counts.countersigned : 0;
  if (network && total > 0) {
    blocks.push(
      header(d.t('home.timesheets.network', { month: formatMonth(network.month, d.locale) })),
      context(d.t('home.timesheets.counts', network.counts)),
    );
    for (const s of network.sheets.slice(0, HOME_SHEETS_SHOWN)) {
      const line = d.t('home.timesheets.person', { who: userMention(s.userId), status: status(s.status) });
      blocks.push(
        section(
          line,
          overflow(TimeSheetActions.menu, [
            ...(s.status === 'signed' ? [{ text: d.t('timesheet.countersign'), value: `countersign:${s.id}:${s.version}` }] : []),
            { text: d.t('timesheet.pdf'), value: `pdf:${s.id}` },
          ]),
        ),
      );
    }
    const hidden = total - Math.min(HOME_SHEETS_SHOWN, network.sheets.length);
    if (hidden > 0) blocks.push(context(d.t('common.andMore', { count: hidden })));
  }
  return blocks;
}

/** The renderers the time sheet service is given (see TimeSheetMessages). */
export const timesheetMessages = {
  sheet: sheetMessage,
  countersign: countersignMessage,
  countersignReminders: countersignRemindersMessage,
  countersigned: countersignedMessage,
};
