// /reseau and its modals: thin listeners that check permissions, call the network
// service and render views.
import type { App, Middleware, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { type Translate, translator } from '../../i18n/index.ts';
import { isValidCron } from '../../jobs/cron.ts';
import type { Services } from '../../services.ts';
import { apologyFor } from '../../slack/failures.ts';
import { actionValue, teamOf } from '../../slack/payload.ts';
import { readMetadata, ViewState } from '../../slack/view-state.ts';
import { CoordinatorFields, NETWORK_COMMAND, NetworkActions, NetworkViews, SettingsFields, SPACE_KINDS, SpaceFields } from './ids.ts';
import {
  coordinatorsModalView,
  networkOverviewView,
  type SubModalMetadata,
  settingsModalView,
  spaceErrors,
  spaceModalView,
} from './views.ts';

const metadataSchema: z.ZodType<SubModalMetadata> = z.object({ rootViewId: z.string().optional(), spaceId: z.number().int().optional() });

export async function buildOverview(services: Services, teamId: string, t: Translate) {
  const [spaces, settings, coordinators] = await Promise.all([
    services.network.listSpaces(teamId, { includeArchived: true }),
    services.network.settings(teamId),
    services.members.coordinators(teamId),
  ]);
  return networkOverviewView({ spaces, settings, coordinators, configuredCoordinators: services.members.configuredCoordinators }, t);
}

/** Opens the network overview modal (from /reseau or the App Home button). */
export async function openNetworkOverview(services: Services, teamId: string, triggerId: string, t: Translate): Promise<void> {
  await services.slack.openView(triggerId, await buildOverview(services, teamId, t));
}

/** After a sub-modal was saved, the overview underneath shows the new state. */
async function refreshOverview(services: Services, teamId: string, rootViewId: string | undefined, t: Translate) {
  if (!rootViewId) return;
  try {
    await services.slack.updateView(rootViewId, await buildOverview(services, teamId, t));
  } catch (error) {
    services.logger.warn('could not refresh the network overview', { error });
  }
}

export function register(app: App, services: Services): void {
  const { members, network, slack, logger } = services;

  app.command(NETWORK_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const locale = await members.quickLocale(teamId, body.user_id);
    const t = translator(locale);
    try {
      if (!(await members.isCoordinator(teamId, body.user_id))) {
        await respond({ response_type: 'ephemeral', text: t('error.coordinatorOnly') });
        return;
      }
      await openNetworkOverview(services, teamId, body.trigger_id, t);
    } catch (error) {
      logger.error('/reseau failed', { error });
      await respond({ response_type: 'ephemeral', text: t(apologyFor(error)) });
    }
  });

  // Buttons inside the overview push a sub-modal on top of it.
  const pushers: [
    string,
    (
      teamId: string,
      t: Translate,
      meta: SubModalMetadata,
      value: string | undefined,
    ) => Promise<ReturnType<typeof spaceModalView> | undefined>,
  ][] = [
    [NetworkActions.addSpace, async (_teamId, t, meta) => spaceModalView(undefined, t, meta)],
    [
      NetworkActions.editSpace,
      async (teamId, t, meta, value) => {
        const space = await network.getSpace(teamId, Number(value));
        return space ? spaceModalView(space, t, { ...meta, spaceId: space.id }) : undefined;
      },
    ],
    [NetworkActions.editSettings, async (teamId, t, meta) => settingsModalView(await network.settings(teamId), t, meta)],
    [NetworkActions.editCoordinators, async (teamId, t, meta) => coordinatorsModalView(await members.coordinators(teamId), t, meta)],
  ];
  for (const [actionId, build] of pushers) {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, action }) => {
      await ack();
      const teamId = teamOf(body);
      const userId = body.user.id;
      const t = translator(await members.quickLocale(teamId, userId));
      const channel = body.channel?.id;
      const tell = async (text: string) => {
        if (channel) await slack.postEphemeral(channel, userId, { text }).catch(() => undefined);
        else logger.warn('refusal could not be shown to the user', { actionId });
      };
      try {
        if (!(await members.isCoordinator(teamId, userId))) {
          await tell(t('error.coordinatorOnly'));
          return;
        }
        const value = actionValue(action) || undefined;
        const view = await build(teamId, t, { rootViewId: body.view?.root_view_id ?? body.view?.id }, value);
        if (!view) return;
        await slack.pushView(body.trigger_id, view);
      } catch (error) {
        logger.error('network action failed', { actionId, error });
        await tell(t(apologyFor(error)));
      }
    });
  }

  app.view(
    NetworkViews.space,
    coordinatorSubmission(services, SpaceFields.name.block, async ({ teamId, userId, t, state, meta }) => {
      const kindValue = state.selected(SpaceFields.kind);
      const result = await network.saveSpace(
        teamId,
        {
          ...(meta.spaceId !== undefined ? { id: meta.spaceId } : {}),
          name: state.text(SpaceFields.name),
          town: state.text(SpaceFields.town),
          kind: SPACE_KINDS.find((k) => k === kindValue) ?? 'tiers_lieu',
          channelId: state.conversation(SpaceFields.channel),
          archived: state.checked(SpaceFields.archived, 'archived'),
        },
        userId,
      );
      return result.ok ? undefined : spaceErrors(result.errors, t);
    }),
  );

  app.view(
    NetworkViews.settings,
    coordinatorSubmission(
      services,
      SettingsFields.target.block,
      async ({ teamId, userId, t, state }): Promise<Record<string, string> | undefined> => {
        const rawTarget = state.text(SettingsFields.target).trim();
        const target = /^\d+$/.test(rawTarget) ? Number(rawTarget) : Number.NaN;
        if (!Number.isInteger(target) || target < 1 || target > 100_000) {
          return { [SettingsFields.target.block]: t('settings.error.target') };
        }
        const digestCron = state.text(SettingsFields.digestCron).trim().replace(/\s+/g, ' ');
        if (digestCron !== '' && !isValidCron(digestCron)) {
          return { [SettingsFields.digestCron.block]: t('settings.error.digestCron') };
        }
        const agenda = state.conversation(SettingsFields.agenda);
        const help = state.conversation(SettingsFields.help);
        const coordination = state.conversation(SettingsFields.coordination);
        await network.updateSettings(
          teamId,
          {
            ...(agenda ? { agendaChannelId: agenda } : {}),
            ...(help ? { helpChannelId: help } : {}),
            ...(coordination ? { coordinationChannelId: coordination } : {}),
            yearlyEventTarget: target,
            ...(digestCron !== '' ? { digestCron } : {}),
          },
          userId,
        );
        return undefined;
      },
    ),
  );

  app.view(
    NetworkViews.coordinators,
    coordinatorSubmission(services, CoordinatorFields.users.block, async ({ teamId, userId, t, state }) => {
      const result = await members.setCoordinators(teamId, state.users(CoordinatorFields.users), userId);
      if (result.ok) return undefined;
      const message =
        result.error === 'empty'
          ? t('coordinators.error.empty')
          : result.error === 'bot'
            ? t('coordinators.error.bot')
            : t('coordinators.error.configured', { users: result.users.join(', ') });
      return { [CoordinatorFields.users.block]: message };
    }),
  );
}

interface SubmissionContext {
  teamId: string;
  userId: string;
  t: Translate;
  state: ViewState;
  meta: SubModalMetadata;
}

/**
 * A coordinator-only sub-modal of /reseau: checks the role on the server, answers field errors
 * inside the modal (the user's input stays there), apologises in the modal when the database
 * fails, and refreshes the overview underneath after a successful save.
 */
function coordinatorSubmission(
  services: Services,
  errorBlock: string,
  save: (ctx: SubmissionContext) => Promise<Record<string, string> | undefined>,
): Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>> {
  return async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await services.members.quickLocale(teamId, userId));
    const meta = readMetadata(metadataSchema, view.private_metadata) ?? {};
    try {
      if (!(await services.members.isCoordinator(teamId, userId))) {
        await ack({ response_action: 'errors', errors: { [errorBlock]: t('error.coordinatorOnly') } });
        return;
      }
      const errors = await save({ teamId, userId, t, state: new ViewState(view.state.values), meta });
      if (errors) {
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
    } catch (error) {
      services.logger.error('saving the network setup failed', { callbackId: view.callback_id, error });
      await ack({ response_action: 'errors', errors: { [errorBlock]: t(apologyFor(error)) } });
      return;
    }
    await refreshOverview(services, teamId, meta.rootViewId, t);
  };
}
