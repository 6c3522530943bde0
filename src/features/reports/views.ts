import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatCalendarDate, formatNumber } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { actions, button, context, header, section } from '../../slack/blocks.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { EventFormat } from '../events/vocabulary.ts';
import type { PeriodFigures } from './compute.ts';
import { ReportActions } from './ids.ts';
import type { Period } from './service.ts';

/**
 * /bilan's answer in plain sentences with real plurals: the events (and how many of the
 * period's have not taken place yet), the attendance reported, its non-zero breakdown, mutual
 * help; a line with nothing to say is left out.
 */
export function bilanMessage(
  figures: PeriodFigures,
  period: Period,
  mine: boolean,
  t: Translate,
  locale: Locale,
  upcoming = 0,
): MessageContent {
  const f = figures.network;
  const title = t('bilan.title', { from: formatCalendarDate(period.from, locale), to: formatCalendarDate(period.to, locale) });
  const formats = (Object.entries(f.byFormat) as [EventFormat, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${t(`event.format.${k}`)} ${formatNumber(n, locale)}`)
    .join(' · ');
  const blocks: KnownBlock[] = [header(title), context(t(mine ? 'bilan.mine' : 'bilan.network'))];
  const lines: string[] = [
    f.events === 0
      ? t('bilan.noEvent')
      : t('bilan.events', { events: f.events, hours: formatNumber(f.hours, locale), hoursValue: f.hours }) +
        (upcoming > 0 ? ` ${t('bilan.upcoming', { count: upcoming })}` : ''),
  ];
  if (f.reported > 0) lines.push(t('bilan.attendance', { attendance: f.attendance.total, reported: f.reported }));
  if (f.missingReports > 0) lines.push(t('bilan.missing', { count: f.missingReports }));
  blocks.push(section(lines.join('\n')));
  if (formats) blocks.push(context(formats));
  const a = f.attendance;
  const parts = (
    [
      ['women', a.women],
      ['men', a.men],
      ['genderUnknown', a.genderUnknown],
      ['jobSeekers', a.jobSeekers],
      ['under25', a.under25],
      ['over54', a.over54],
      ['firstTime', a.firstTime],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([key, n]) => t(`bilan.part.${key}`, { count: n }));
  if (parts.length > 0) blocks.push(context(t('bilan.breakdown', { parts: parts.join(', ') })));
  if (f.helpOpened > 0 || f.helpResolved > 0) blocks.push(section(t('bilan.help', { opened: f.helpOpened, resolved: f.helpResolved })));
  const range = `${period.from}|${period.to}`;
  // The funders' pack is the network's: coordinators only (and checked again on the server).
  blocks.push(
    actions('bilan_actions', [
      button(t('bilan.export'), ReportActions.export, range, 'primary'),
      ...(mine ? [] : [button(t('pack.button'), ReportActions.pack, range)]),
    ]),
  );
  return { text: title, blocks };
}

/** The comment of the CSV files sent to a member. */
export function exportComment(period: Period, t: Translate, locale: Locale): string {
  return t('bilan.exported', { from: formatCalendarDate(period.from, locale), to: formatCalendarDate(period.to, locale) });
}
