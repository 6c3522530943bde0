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

export function bilanMessage(figures: PeriodFigures, period: Period, mine: boolean, t: Translate, locale: Locale): MessageContent {
  const f = figures.network;
  const title = t('bilan.title', { from: formatCalendarDate(period.from, locale), to: formatCalendarDate(period.to, locale) });
  const formats = (Object.entries(f.byFormat) as [EventFormat, number][])
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${t(`event.format.${k}`)} ${n}`)
    .join(' · ');
  const blocks: KnownBlock[] = [
    header(title),
    context(t(mine ? 'bilan.mine' : 'bilan.network')),
    section(
      t('bilan.events', {
        events: f.events,
        hours: formatNumber(f.hours, locale),
        attendance: f.attendance.total,
        reported: f.reported,
        missing: f.missingReports,
      }),
    ),
  ];
  if (formats) blocks.push(context(formats));
  blocks.push(
    context(
      t('bilan.breakdown', {
        women: f.attendance.women,
        men: f.attendance.men,
        unknown: f.attendance.genderUnknown,
        jobSeekers: f.attendance.jobSeekers,
        under25: f.attendance.under25,
        over54: f.attendance.over54,
        firstTime: f.attendance.firstTime,
      }),
    ),
    section(t('bilan.help', { opened: f.helpOpened, resolved: f.helpResolved })),
    actions('bilan_actions', [button(t('bilan.export'), ReportActions.export, `${period.from}|${period.to}`, 'primary')]),
  );
  return { text: title, blocks };
}

/** The comment of the CSV files sent to a member. */
export function exportComment(period: Period, t: Translate, locale: Locale): string {
  return t('bilan.exported', { from: formatCalendarDate(period.from, locale), to: formatCalendarDate(period.to, locale) });
}
