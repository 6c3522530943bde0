// /bilan [from] [to]: the figures of a period — the network's for coordinators, one's own
// for everyone else — and a button that uploads the CSV files to the requester.
import type { App } from '@slack/bolt';
import type { Locale } from '../../config.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { apologyFor } from '../../slack/failures.ts';
import { actionValue, teamOf } from '../../slack/payload.ts';
import { respondPrivately } from '../../slack/respond.ts';
import { REPORT_COMMAND, ReportActions } from './ids.ts';
import { parsePeriod } from './period.ts';
import type { Period } from './service.ts';
import { bilanMessage } from './views.ts';

/** Uploads the export of a period to the user, privately. Coordinators get the network; others their own activity. */
export async function sendExport(services: Services, teamId: string, userId: string, period: Period, locale: Locale): Promise<void> {
  const coordinator = await services.members.isCoordinator(teamId, userId);
  const files = await services.reports.csvFiles(teamId, period, locale, coordinator ? undefined : userId);
  const t = translator(locale);
  const dm = await services.slack.openDirectMessage(userId);
  await services.slack.uploadFiles(
    dm,
    files.map((f) => ({ filename: f.filename, content: Buffer.from(f.content, 'utf8'), title: f.filename })),
    t('bilan.exported', { from: formatCalendarDate(period.from, locale), to: formatCalendarDate(period.to, locale) }),
  );
}

export function register(app: App, services: Services): void {
  const { members, reports, logger, contracts } = services;

  app.command(REPORT_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const locale = await members.quickLocale(teamId, body.user_id);
    const t = translator(locale);
    try {
      const parsed = parsePeriod(body.text, contracts.today());
      if (!parsed.ok) return respondPrivately(respond, t(`bilan.${parsed.error}`));
      const coordinator = await members.isCoordinator(teamId, body.user_id);
      const data = await reports.load(teamId, parsed.period, coordinator ? undefined : body.user_id);
      const message = bilanMessage(data.figures, parsed.period, !coordinator, t, locale);
      await respond({ response_type: 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    } catch (error) {
      logger.error('/bilan failed', { error });
      await respondPrivately(respond, t(apologyFor(error)));
    }
  });

  app.action({ action_id: ReportActions.export, type: 'block_actions' }, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = teamOf(body);
    const userId = body.user.id;
    const locale = await members.quickLocale(teamId, userId);
    const t = translator(locale);
    try {
      const value = actionValue(action);
      const [from = '', to = ''] = value.split('|');
      const parsed = parsePeriod(`${from} ${to}`, contracts.today());
      if (!parsed.ok) return respondPrivately(respond, t('bilan.badDates'));
      await sendExport(services, teamId, userId, parsed.period, locale);
    } catch (error) {
      logger.error('exporting CSV files failed', { error });
      await respondPrivately(respond, t(apologyFor(error)));
    }
  });
}
