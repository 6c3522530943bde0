import type { App } from '@slack/bolt';
import { translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { apologyFor } from '../../slack/failures.ts';
import { teamOf } from '../../slack/payload.ts';
import { openNetworkOverview } from '../network/listeners.ts';
import { HomeActions } from './ids.ts';
import { homeView } from './views.ts';

/** Builds and publishes a member's App Home. */
export async function publishHome(services: Services, teamId: string, userId: string): Promise<void> {
  const member = await services.members.resolve(teamId, userId);
  const isCoordinator = await services.members.isCoordinator(teamId, userId);
  const t = translator(member.locale);
  const now = services.clock.now();
  const today = services.contracts.today();
  const month = { from: `${today.slice(0, 7)}-01`, to: today };
  const [next, awaitingAttendance, feedUrl, help, myMilestones, networkMilestones, monthData, unanswered] = await Promise.all([
    services.events.forOrganizer(teamId, userId, { upcomingFrom: now }),
    services.events.forOrganizer(teamId, userId, { awaitingAttendanceBefore: now }),
    services.network.calendarUrls(teamId),
    services.help.forHome(teamId, userId),
    services.contracts.upcoming(teamId, 365, userId),
    isCoordinator ? services.contracts.upcoming(teamId, 90) : Promise.resolve(undefined),
    services.reports.load(teamId, month),
    isCoordinator ? services.help.unanswered(teamId) : Promise.resolve(undefined),
  ]);
  const view = homeView(
    {
      displayName: member.displayName,
      role: isCoordinator ? 'coordinateur' : 'animateur',
      locale: member.locale,
      timeZone: services.config.timeZone,
      events: { next, awaitingAttendance, feedUrl },
      help,
      contracts: { mine: myMilestones, network: networkMilestones },
      month: { from: month.from, figures: monthData.figures.network },
      unanswered,
      health: isCoordinator ? await services.health.report(teamId) : undefined,
    },
    t,
  );
  await services.slack.publishHome(userId, view);
}

export function register(app: App, services: Services): void {
  app.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? '';
    try {
      await publishHome(services, teamId, event.user);
    } catch (error) {
      services.logger.error('publishing the App Home failed', { error });
    }
  });

  app.action({ action_id: HomeActions.openNetwork, type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await services.members.quickLocale(teamId, userId));
    try {
      if (!(await services.members.isCoordinator(teamId, userId))) {
        const dm = await services.slack.openDirectMessage(userId);
        await services.slack.postMessage(dm, { text: t('error.coordinatorOnly') });
        return;
      }
      await openNetworkOverview(services, teamId, body.trigger_id, t);
    } catch (error) {
      services.logger.error('opening the network setup from the App Home failed', { error });
      const dm = await services.slack.openDirectMessage(userId).catch(() => undefined);
      if (dm) await services.slack.postMessage(dm, { text: t(apologyFor(error)) }).catch(() => undefined);
    }
  });
}

/**
 * Republishes the App Home of the members concerned by a change, after the acknowledgement
 * and without ever failing the action that caused it.
 */
export function refreshHomes(services: Services, teamId: string, userIds: Iterable<string>): void {
  for (const userId of new Set(userIds)) {
    publishHome(services, teamId, userId).catch((error: unknown) => services.logger.debug('App Home refresh failed', { error }));
  }
}
