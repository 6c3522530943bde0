// /contrat and the reminders' buttons. Every action is checked on the server: coordinators
// only, except an animator looking at their own contract.
import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Locale } from '../../config.ts';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { userMention } from '../../slack/escape.ts';
import { apologyFor } from '../../slack/failures.ts';
import { actionValue, teamOf } from '../../slack/payload.ts';
import { respondPrivately } from '../../slack/respond.ts';
import { readMetadata, ViewState } from '../../slack/view-state.ts';
import { refreshHomes } from '../home/listeners.ts';
import { readContractForm, renderContractErrors } from './form.ts';
import { CONTRACT_COMMAND, ContractActions, ContractFields, ContractViews } from './ids.ts';
import { milestonesFor } from './milestones.ts';
import { type ContractFormMeta, contractListMessage, contractModalView, myContractsMessage, reminderMessage } from './views.ts';

const metaSchema: z.ZodType<ContractFormMeta> = z.object({
  contractId: z.number().int().optional(),
  previousId: z.number().int().optional(),
});

export function register(app: App, services: Services): void {
  const { contracts, members, slack, logger, network } = services;

  const list = async (teamId: string, offset: number, t: Translate, locale: Locale) =>
    contractListMessage(await contracts.listEntries(teamId), offset, contracts.today(), t, locale);

  app.command(CONTRACT_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const teamId = body.team_id;
    const locale = await members.quickLocale(teamId, body.user_id);
    const t = translator(locale);
    try {
      if (await members.isCoordinator(teamId, body.user_id)) {
        const message = await list(teamId, 0, t, locale);
        await respond({ response_type: 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
        return;
      }
      // Anyone else sees their own contracts only (or nothing).
      const mine = await contracts.ofUser(teamId, body.user_id);
      const entries = mine.map((contract) => ({
        contract,
        milestones: milestonesFor(contract),
      }));
      const message = myContractsMessage(entries, t, locale);
      await respond({ response_type: 'ephemeral', text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
    } catch (error) {
      logger.error('/contrat failed', { error });
      await respondPrivately(respond, t(apologyFor(error)));
    }
  });

  /** A coordinator-only button: refusals and failures told privately in the user's language. */
  function coordinatorButton(
    actionId: string,
    what: string,
    handle: (ctx: {
      teamId: string;
      userId: string;
      locale: Locale;
      t: Translate;
      value: string;
      triggerId: string;
      respond: RespondFn;
    }) => Promise<void>,
  ): void {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, action, respond }) => {
      await ack();
      const teamId = teamOf(body);
      const userId = body.user.id;
      const locale = await members.quickLocale(teamId, userId);
      const t = translator(locale);
      try {
        if (!(await members.isCoordinator(teamId, userId))) {
          await respondPrivately(respond, t('error.coordinatorOnly'));
          return;
        }
        const value = actionValue(action);
        await handle({ teamId, userId, locale, t, value, triggerId: body.trigger_id, respond });
      } catch (error) {
        logger.error(`${what} failed`, { error });
        await respondPrivately(respond, t(apologyFor(error)));
      }
    });
  }

  const spacesOf = async (teamId: string) => (await network.listSpaces(teamId)).map((s) => ({ id: s.id, name: s.name }));

  coordinatorButton(ContractActions.add, 'opening the contract modal', async ({ teamId, locale, t, triggerId }) => {
    await slack.openView(triggerId, contractModalView(t, locale, await spacesOf(teamId), {}));
  });

  coordinatorButton(ContractActions.edit, 'opening a contract', async ({ teamId, locale, t, value, triggerId, respond }) => {
    const contract = await contracts.get(teamId, Number(value));
    if (!contract) return respondPrivately(respond, t('contract.error.notFound'));
    const initial = { ...contract, confirmed: false };
    await slack.openView(triggerId, contractModalView(t, locale, await spacesOf(teamId), { contractId: contract.id }, initial));
  });

  coordinatorButton(ContractActions.page, 'paging contracts', async ({ teamId, locale, t, value, respond }) => {
    const message = await list(teamId, Math.max(0, Number(value) || 0), t, locale);
    await respond({ replace_original: true, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  });

  coordinatorButton(ContractActions.renewed, 'opening a renewal', async ({ teamId, locale, t, value, triggerId, respond }) => {
    const contract = await contracts.get(teamId, Number(value));
    if (!contract) return respondPrivately(respond, t('contract.error.notFound'));
    await slack.openView(
      triggerId,
      contractModalView(t, locale, await spacesOf(teamId), { previousId: contract.id }, contracts.renewalDraft(contract), contract.endDate),
    );
  });

  coordinatorButton(ContractActions.notRenewed, 'recording a non-renewal', async ({ teamId, userId, t, value, respond }) => {
    const contract = await contracts.notRenewed(teamId, Number(value), userId);
    if (!contract) return respondPrivately(respond, t('contract.error.notFound'));
    await respondPrivately(respond, t('contract.ack.notRenewed', { by: userMention(userId) }));
  });

  coordinatorButton(ContractActions.done, 'acknowledging a milestone', async ({ teamId, userId, locale, t, value, respond }) => {
    const result = await contracts.acknowledge(teamId, Number(value), userId);
    if (!result) return respondPrivately(respond, t('contract.error.notFound'));
    const { contract, milestone, months } = result;
    const note = t('contract.ack.done', {
      by: userMention(userId),
      when: formatDateTime(services.clock.now(), locale, services.config.timeZone),
    });
    if (!milestone) return respondPrivately(respond, note);
    const message = reminderMessage(
      { contract, milestone, milestoneId: Number(value), months, today: contracts.today(), locale, forCoordinators: true },
      t,
      note,
    );
    await respond({ replace_original: true, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  });

  app.view(ContractViews.form, async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const locale = await members.quickLocale(teamId, userId);
    const t = translator(locale);
    const meta = readMetadata(metaSchema, view.private_metadata) ?? {};
    try {
      if (!(await members.isCoordinator(teamId, userId))) {
        await ack({ response_action: 'errors', errors: { [ContractFields.user.block]: t('error.coordinatorOnly') } });
        return;
      }
      const form = readContractForm(new ViewState(view.state.values));
      if (!form.ok) {
        await ack({ response_action: 'errors', errors: renderContractErrors(form.errors, t, locale) });
        return;
      }
      const result = await contracts.save(teamId, userId, form.input, meta);
      if (!result.ok) {
        await ack({ response_action: 'errors', errors: renderContractErrors(result.errors, t, locale) });
        return;
      }
      await ack();
      refreshHomes(services, teamId, [result.contract.userId, userId]);
      const end = result.contract.endDate ? formatCalendarDate(result.contract.endDate, locale) : t('contract.noEnd');
      // Told privately to the coordinator who saved it.
      await services.outbox.send({
        teamId,
        kind: 'post',
        channel: userId,
        content: { text: t('contract.saved', { user: userMention(result.contract.userId), end }) },
      });
    } catch (error) {
      logger.error('saving a contract failed', { error });
      await ack({ response_action: 'errors', errors: { [ContractFields.user.block]: t(apologyFor(error)) } }).catch(() => undefined);
    }
  });
}
