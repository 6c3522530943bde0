// /reseau and its modals: coordinators only, checked on the server for every button and
// submission; thin listeners that call the network service and render views.
import { z } from 'zod';
import type { Services } from '../../services.ts';
import type { Interactions, Requester, SubmissionContext, SubmissionOutcome } from '../../slack/interaction.ts';
import { isUserId, readMetadata } from '../../slack/view-state.ts';
import { readFundingForm, readSettingsForm, readSpaceForm, spaceKindErrors } from './form.ts';
import { CoordinatorFields, FundingFields, NETWORK_COMMAND, NetworkActions, NetworkViews, SettingsFields, SpaceFields } from './ids.ts';
import {
  coordinatorErrors,
  coordinatorsModalView,
  fundingModalView,
  networkOverviewView,
  type SubModalMetadata,
  settingsModalView,
  spaceErrors,
  spaceModalView,
} from './views.ts';

const metadataSchema: z.ZodType<SubModalMetadata> = z.object({ rootViewId: z.string().optional(), spaceId: z.number().int().optional() });
const coordinatorOnly = { coordinatorOnly: true };

export function register(on: Interactions, services: Services): void {
  const { members, network, slack, logger, health, config } = services;

  /** The overview; with the health panel once asked (it asks Slack about every channel: slower). */
  const overview = async (who: Requester, withHealth = false) => {
    const [spaces, settings, funding, coordinators, report] = await Promise.all([
      network.listSpaces(who.teamId, { includeArchived: true }),
      network.settings(who.teamId),
      network.fundingText(who.teamId),
      members.coordinators(who.teamId),
      withHealth ? health.report(who.teamId) : Promise.resolve(undefined),
    ]);
    return networkOverviewView(
      {
        spaces,
        settings,
        funding,
        coordinators,
        configuredCoordinators: members.configuredCoordinators,
        ...(report ? { health: { report, locale: who.locale, timeZone: config.timeZone } } : {}),
      },
      who.t,
    );
  };
  // The modal opens at once (its trigger expires in 3 seconds), then shows the app's state.
  const open = async ({ who, triggerId }: { who: Requester; triggerId: string }) => {
    const { viewId } = await slack.openView(triggerId, await overview(who));
    await slack
      .updateView(viewId, await overview(who, true))
      .catch((error: unknown) => logger.warn('could not show the app state', { error }));
  };

  on.command(NETWORK_COMMAND, open, coordinatorOnly);
  on.action(NetworkActions.open, open, coordinatorOnly);

  // Buttons inside the overview push a sub-modal on top of it.
  on.action(
    NetworkActions.addSpace,
    ({ who, triggerId, rootViewId }) => slack.pushView(triggerId, spaceModalView(undefined, who.t, { rootViewId })),
    coordinatorOnly,
  );
  on.action(
    NetworkActions.editSpace,
    async ({ who, value, triggerId, rootViewId }) => {
      const space = await network.getSpace(who.teamId, Number(value));
      if (space) await slack.pushView(triggerId, spaceModalView(space, who.t, { rootViewId, spaceId: space.id }));
    },
    coordinatorOnly,
  );
  on.action(
    NetworkActions.editSettings,
    async ({ who, triggerId, rootViewId }) => {
      await slack.pushView(triggerId, settingsModalView(await network.settings(who.teamId), who.t, { rootViewId }));
    },
    coordinatorOnly,
  );
  on.action(
    NetworkActions.editCoordinators,
    async ({ who, triggerId, rootViewId }) => {
      await slack.pushView(triggerId, coordinatorsModalView(await members.coordinators(who.teamId), who.t, { rootViewId }));
    },
    coordinatorOnly,
  );

  on.action(
    NetworkActions.editFunding,
    async ({ who, triggerId, rootViewId }) => {
      await slack.pushView(triggerId, fundingModalView(await network.fundingText(who.teamId), who.t, { rootViewId }));
    },
    coordinatorOnly,
  );

  /** A sub-modal's save: field errors inside it; after a save, the overview underneath shows the new state. */
  const subModal = (
    callbackId: string,
    errorBlock: string,
    save: (ctx: SubmissionContext) => Promise<Record<string, string> | undefined>,
  ) =>
    on.submission(
      callbackId,
      async (ctx): Promise<SubmissionOutcome> => {
        const errors = await save(ctx);
        if (errors) return { errors };
        const { rootViewId } = readMetadata(metadataSchema, ctx.privateMetadata) ?? {};
        return {
          after: async () => {
            if (!rootViewId) return;
            await slack
              .updateView(rootViewId, await overview(ctx.who, true))
              .catch((error: unknown) => logger.warn('could not refresh the network overview', { error }));
          },
        };
      },
      { errorBlock, coordinatorOnly: true },
    );

  subModal(NetworkViews.space, SpaceFields.name.block, async ({ who, state, privateMetadata }) => {
    const { spaceId } = readMetadata(metadataSchema, privateMetadata) ?? {};
    const kindErrors = spaceKindErrors(state, who.t);
    if (kindErrors) return kindErrors;
    const result = await network.saveSpace(
      who.teamId,
      { ...(spaceId !== undefined ? { id: spaceId } : {}), ...readSpaceForm(state) },
      who.userId,
    );
    return result.ok ? undefined : spaceErrors(result.errors, who.t);
  });

  subModal(NetworkViews.settings, SettingsFields.target.block, async ({ who, state }) => {
    const form = readSettingsForm(state, who.t);
    if (!form.ok) return form.errors;
    await network.updateSettings(who.teamId, form.input, who.userId);
    return undefined;
  });

  subModal(NetworkViews.funding, FundingFields.networkName.block, async ({ who, state }) => {
    const form = readFundingForm(state, (await network.funding(who.teamId)).defaults, who.t);
    if (!form.ok) return form.errors;
    await network.updateFunding(who.teamId, form.input, who.userId);
    return undefined;
  });

  subModal(NetworkViews.coordinators, CoordinatorFields.users.block, async ({ who, state }) => {
    const chosen = state.users(CoordinatorFields.users);
    if (!chosen.every(isUserId)) return { [CoordinatorFields.users.block]: who.t('form.error.unknownChoice') };
    const result = await members.setCoordinators(who.teamId, chosen, who.userId);
    return result.ok ? undefined : coordinatorErrors(result, who.t);
  });
}
