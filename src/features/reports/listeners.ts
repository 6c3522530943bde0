// /bilan [from] [to]: the figures of a period — the network's for coordinators, one's own
// for everyone else — and a button that uploads the CSV files to the requester.
import { formatCalendarDate } from '../../i18n/format.ts';
import type { Services } from '../../services.ts';
import type { Interactions } from '../../slack/interaction.ts';
import { addDays } from '../../time/calendar-date.ts';
import { REPORT_COMMAND, ReportActions } from './ids.ts';
import { parsePeriod } from './period.ts';
import { bilanMessage, exportComment } from './views.ts';

export function register(on: Interactions, services: Services): void {
  const { reports, contracts, slack, pack } = services;

  on.command(REPORT_COMMAND, async ({ who, text, reply }) => {
    const parsed = parsePeriod(text, contracts.today());
    if (!parsed.ok) return reply(who.t(`bilan.${parsed.error}`));
    const coordinator = await who.isCoordinator();
    const mineOnly = coordinator ? undefined : who.userId;
    const { period } = parsed;
    const today = contracts.today();
    // A period that runs past today holds events that have not taken place yet: said apart.
    const [figures, ahead] = await Promise.all([
      reports.figures(who.teamId, period, mineOnly),
      period.to > today
        ? reports.figures(who.teamId, { from: period.from > today ? period.from : addDays(today, 1), to: period.to }, mineOnly)
        : undefined,
    ]);
    await reply(bilanMessage(figures, period, !coordinator, who.t, who.locale, ahead?.network.events ?? 0));
  });

  // The CSV files of the period, privately: the network's for coordinators, one's own otherwise.
  on.action(ReportActions.export, async ({ who, value, reply }) => {
    const [from = '', to = ''] = value.split('|');
    const parsed = parsePeriod(`${from} ${to}`, contracts.today());
    if (!parsed.ok) return reply(who.t(`bilan.${parsed.error}`));
    const mineOnly = !(await who.isCoordinator());
    const files = await reports.csvFiles(who.teamId, parsed.period, who.locale, mineOnly ? who.userId : undefined);
    const dm = await slack.openDirectMessage(who.userId);
    const uploads = files.map((f) => ({ filename: f.filename, content: f.content, title: f.filename }));
    await slack.uploadFiles(dm, uploads, exportComment(parsed.period, who.t, who.locale));
  });

  // The bilan pack: one ZIP by direct message (coordinators only).
  on.action(
    ReportActions.pack,
    async ({ who, value, reply }) => {
      const [from = '', to = ''] = value.split('|');
      const parsed = parsePeriod(`${from} ${to}`, contracts.today());
      if (!parsed.ok) return reply(who.t(`bilan.${parsed.error}`));
      const fits = await pack.fitsSlack(who.teamId, parsed.period);
      if (!fits.ok) {
        return reply(who.t('pack.tooBig', { sheets: fits.sheets, max: fits.max, from: parsed.period.from, to: parsed.period.to }));
      }
      // A pack takes a moment (one PDF per time sheet): said at once, privately.
      await reply(who.t('pack.preparing', { sheets: fits.sheets }));
      const made = await pack.bytes(who.teamId, parsed.period);
      const dm = await slack.openDirectMessage(who.userId);
      const comment = who.t('pack.sent', {
        from: formatCalendarDate(parsed.period.from, who.locale),
        to: formatCalendarDate(parsed.period.to, who.locale),
        files: made.files,
        missing: made.missing,
      });
      await slack.uploadFiles(dm, [{ filename: made.filename, content: made.content, title: made.filename }], comment);
    },
    { coordinatorOnly: true },
  );
}
