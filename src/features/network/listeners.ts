// /reseau and its modals: thin listeners that check permissions, call the network
// service and render views.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { translator, type Translate } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { apologyFor } from '../../slack/failures.ts';
import { readMetadata, ViewState } from '../../slack/view-state.ts';
import { NETWORK_COMMAND, NetworkActions, NetworkViews, SPACE_KINDS, SettingsFields, SpaceFields, CoordinatorFields } from './ids.ts';
import {
  coordinatorsModalView,
  networkOverviewView,
  settingsModalView,
  spaceErrors,
  spaceModalView,
  type SubModalMetadata,
} from './views.ts';

const metadataSchema = z.object({ rootViewId: z.string().optional(), spaceId: z.number().int().optional() });

export async function buildOverview(services: Services, teamId: string, t: Translate) {
  const [spaces, settings, coordinators] = await Promise.all([
    services.network.listSpaces(teamId, { includeArchived: true }),
    services.network.settings(teamId),
    services.members.coordinators(teamId),
  ]);
  return networkOverviewView(
    { spaces, settings, coordinators, configuredCoordinators: services.members.configuredCoordinators },
    t,
  );
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
    const locale = await members.localeOf(teamId, body.user_id);
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
  const pushers: [string, (teamId: string, t: Translate, meta: SubModalMetadata, value: string | undefined) => Promise<ReturnType<typeof spaceModalView> | undefined>][] = [
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
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      const userId = body.user.id;
      const t = translator(await members.localeOf(teamId, userId));
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
        const value = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
        const view = await build(teamId, t, { rootViewId: body.view?.root_view_id ?? body.view?.id }, value);
        if (!view) return;
        await slack.pushView(body.trigger_id, view);
      } catch (error) {
        logger.error('network action failed', { actionId, error });
        await tell(t(apologyFor(error)));
      }
    });
  }

  app.view(NetworkViews.space, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const t = translator(await members.localeOf(teamId, userId));
    const state = new ViewState(view.state.values);
    const meta = readMetadata(metadataSchema, view.private_metadata) ?? {};
    try {
      if (!(await members.isCoordinator(teamId, userId))) {
        await ack({ response_action: 'errors', errors: { [SpaceFields.name.block]: t('error.coordinatorOnly') } });
        return;
      }
      const kindValue = state.selected(SpaceFields.kind);
      const kind = SPACE_KINDS.find((k) => k === kindValue) ?? 'tiers_lieu';
      const result = await network.saveSpace(
        teamId,
        {
          ...(meta.spaceId !== undefined ? { id: meta.spaceId } : {}),
          name: state.text(SpaceFields.name),
          town: state.text(SpaceFields.town),
          kind,
          channelId: state.conversation(SpaceFields.channel),
          archived: state.checked(SpaceFields.archived, 'archived'),
        },
        userId,
      );
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: spaceErrors(result.errors, t) });
        return;
      }
      await ack();
    } catch (error) {
      logger.error('saving a space failed', { error });
      await ack({ response_action: 'errors', errors: { [SpaceFields.name.block]: t(apologyFor(error)) } });
      return;
    }
    await refreshOverview(services, teamId, meta.rootViewId, t);
  });

  app.view(NetworkViews.settings, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const t = translator(await members.localeOf(teamId, userId));
    const state = new ViewState(view.state.values);
    const meta = readMetadata(metadataSchema, view.private_metadata) ?? {};
    try {
      if (!(await members.isCoordinator(teamId, userId))) {
        await ack({ response_action: 'errors', errors: { [SettingsFields.agenda.block]: t('error.coordinatorOnly') } });
        return;
      }
      const rawTarget = state.text(SettingsFields.target).trim();
      const target = /^\d+$/.test(rawTarget) ? Number(rawTarget) : Number.NaN;
      if (!Number.isInteger(target) || target < 1 || target > 100_000) {
        await ack({ response_action: 'errors', errors: { [SettingsFields.target.block]: t('settings.error.target') } });
        return;
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
        },
        userId,
      );
      await ack();
    } catch (error) {
      logger.error('saving network settings failed', { error });
      await ack({ response_action: 'errors', errors: { [SettingsFields.target.block]: t(apologyFor(error)) } });
      return;
    }
    await refreshOverview(services, teamId, meta.rootViewId, t);
  });

  app.view(NetworkViews.coordinators, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const userId = body.user.id;
    const t = translator(await members.localeOf(teamId, userId));
    const state = new ViewState(view.state.values);
    const meta = readMetadata(metadataSchema, view.private_metadata) ?? {};
    const block = CoordinatorFields.users.block;
    try {
      if (!(await members.isCoordinator(teamId, userId))) {
        await ack({ response_action: 'errors', errors: { [block]: t('error.coordinatorOnly') } });
        return;
      }
      const result = await members.setCoordinators(teamId, state.users(CoordinatorFields.users), userId);
      if (!result.ok) {
        const message =
          result.error === 'empty'
            ? t('coordinators.error.empty')
            : result.error === 'bot'
              ? t('coordinators.error.bot')
              : t('coordinators.error.configured', { users: result.users.join(', ') });
        await ack({ response_action: 'errors', errors: { [block]: message } });
        return;
      }
      await ack();
    } catch (error) {
      logger.error('saving coordinators failed', { error });
      await ack({ response_action: 'errors', errors: { [block]: t(apologyFor(error)) } });
      return;
    }
    await refreshOverview(services, teamId, meta.rootViewId, t);
  });
}
