// /contrat and the reminders' buttons. Every action is checked on the server: coordinators
// only, except an animator looking at their own contract.
import { z } from 'zod';
import { formatCalendarDate, formatDateTime } from '../../i18n/format.ts';
import type { Services } from '../../services.ts';
import { userMention } from '../../slack/escape.ts';
import type { Interactions, Requester } from '../../slack/interaction.ts';
import { readMetadata } from '../../slack/view-state.ts';
import { entryModalView } from '../participants/views.ts';
import { contractErrorText, needsHoursConfirmation, readContractForm, renderContractErrors } from './form.ts';
import { CONTRACT_COMMAND, ContractActions, ContractFields, ContractViews } from './ids.ts';
import {
  CONTRACT_WARNINGS,
  type ContractFormMeta,
  type ContractWarning,
  contractListMessage,
  contractModalView,
  myContractsMessage,
  PAGE_SIZE,
  reminderMessage,
} from './views.ts';

const metaSchema: z.ZodType<ContractFormMeta> = z.object({
  contractId: z.number().int().optional(),
  previousId: z.number().int().optional(),
  warned: z.array(z.enum(CONTRACT_WARNINGS)).optional(),
});
const coordinatorOnly = { coordinatorOnly: true };

export function register(on: Interactions, services: Services): void {
  const { contracts, participants, slack, network, home, outbox, clock, config } = services;

  const list = async (who: Requester, offset: number) => {
    const page = await contracts.listPage(who.teamId, offset, PAGE_SIZE);
    return contractListMessage(page.entries, offset, page.total, contracts.today(), who.t, who.locale);
  };
  const spacesOf = async (teamId: string) => (await network.listSpaces(teamId)).map((s) => ({ id: s.id, name: s.name }));
  on.options(ContractFields.space, ({ teamId, query }) => network.spaceChoices(teamId, query));

  // Coordinators get the network's list; anyone else sees their own contracts only (or nothing).
  on.command(CONTRACT_COMMAND, async ({ who, reply }) => {
    if (await who.isCoordinator()) return reply(await list(who, 0));
    const [mine, record] = await Promise.all([
      contracts.withMilestones(who.teamId, who.userId),
      participants.forReader(who.teamId, who.userId, who.userId),
    ]);
    await reply(myContractsMessage(mine, who.t, who.locale, record.ok));
  });

  on.action(
    ContractActions.add,
    async ({ who, triggerId }) => {
      await slack.openView(triggerId, contractModalView(who.t, who.locale, await spacesOf(who.teamId), {}));
    },
    coordinatorOnly,
  );

  const openEdit = async (who: Requester, id: number, triggerId: string, reply: (text: string) => Promise<void>) => {
    const contract = await contracts.get(who.teamId, id);
    if (!contract) return reply(who.t('contract.error.notFound'));
    const initial = { ...contract, confirmed: false };
    await slack.openView(triggerId, contractModalView(who.t, who.locale, await spacesOf(who.teamId), { contractId: contract.id }, initial));
  };

  // "Modifier" (lists posted before the ⋯ menu).
  on.action(ContractActions.edit, ({ who, value, triggerId, reply }) => openEdit(who, Number(value), triggerId, reply), coordinatorOnly);

  // The ⋯ menu of a contract in the list: the contract's form, or its person's participant record.
  on.action(
    ContractActions.menu,
    async ({ who, value, triggerId, reply }) => {
      const [what, id = ''] = value.split(':');
      if (what === 'participant') {
        const found = await participants.forReader(who.teamId, who.userId, id);
        if (!found.ok) return reply(who.t(`participant.refusal.${found.refusal}`));
        return slack.openView(
          triggerId,
          entryModalView(found.participant, who.t, { coordinator: true, locale: who.locale, timeZone: config.timeZone }),
        );
      }
      await openEdit(who, Number(id), triggerId, reply);
    },
    coordinatorOnly,
  );

  on.action(
    ContractActions.page,
    async ({ who, value, replaceMessage }) => replaceMessage(await list(who, Math.max(0, Number(value) || 0))),
    coordinatorOnly,
  );

  on.action(
    ContractActions.renewed,
    async ({ who, value, triggerId, reply }) => {
      const contract = await contracts.get(who.teamId, Number(value));
      if (!contract) return reply(who.t('contract.error.notFound'));
      const spaces = await spacesOf(who.teamId);
      const draft = contracts.renewalDraft(contract);
      await slack.openView(triggerId, contractModalView(who.t, who.locale, spaces, { previousId: contract.id }, draft, contract.endDate));
    },
    coordinatorOnly,
  );

  on.action(
    ContractActions.notRenewed,
    async ({ who, value, reply }) => {
      const contract = await contracts.notRenewed(who.teamId, Number(value), who.userId);
      await reply(contract ? who.t('contract.ack.notRenewed', { by: userMention(who.userId) }) : who.t('contract.error.notFound'));
    },
    coordinatorOnly,
  );

  on.action(
    ContractActions.done,
    async ({ who, value, reply, replaceMessage }) => {
      const result = await contracts.acknowledge(who.teamId, Number(value), who.userId);
      if (!result) return reply(who.t('contract.error.notFound'));
      const when = formatDateTime(clock.now(), who.locale, config.timeZone);
      const note = who.t('contract.ack.done', { by: userMention(who.userId), when });
      if (!result.milestone) return reply(note);
      const { contract, milestone, months } = result;
      const data = {
        contract,
        milestone,
        milestoneId: Number(value),
        months,
        today: contracts.today(),
        locale: who.locale,
        forCoordinators: true,
      };
      await replaceMessage(reminderMessage(data, who.t, note));
    },
    coordinatorOnly,
  );

  on.submission(
    ContractViews.form,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(metaSchema, privateMetadata) ?? {};
      const form = readContractForm(state);
      if (!form.ok) return { errors: renderContractErrors(form.errors, who.t, who.locale) };
      // A warning needs « Je confirme » once the modal has shown it, in full words: the box
      // appears with the warnings only (the modal is drawn again, with everything typed).
      const shown = new Set(meta.warned ?? []);
      const confirmedFor = (w: ContractWarning) => form.input.confirmed && shown.has(w);
      const ask = async (warnings: { key: ContractWarning; text: string }[]) => {
        if (warnings.every((w) => shown.has(w.key))) {
          return { errors: { [ContractFields.confirm.block]: who.t('contract.error.confirmRequired') } };
        }
        const { previousId } = meta;
        const previous = previousId !== undefined ? await contracts.get(who.teamId, previousId) : undefined;
        const view = contractModalView(
          who.t,
          who.locale,
          await spacesOf(who.teamId),
          { ...meta, warned: warnings.map((w) => w.key) },
          { ...form.input, confirmed: false },
          previous?.endDate,
          warnings.map((w) => w.text),
        );
        return { ask: view };
      };
      const pending = needsHoursConfirmation(form.input) ? [{ key: 'hoursLow' as const, text: who.t('contract.warning.hoursLow') }] : [];
      if (pending.some((w) => !confirmedFor(w.key))) return ask(pending);
      const result = await contracts.save(who.teamId, who.userId, { ...form.input, confirmed: confirmedFor('cap') }, meta);
      if (!result.ok) {
        const end = result.errors.end;
        if (end && 'capExceeded' in end) return ask([...pending, { key: 'cap', text: contractErrorText(end, who.t, who.locale) }]);
        return { errors: renderContractErrors(result.errors, who.t, who.locale) };
      }
      const { contract } = result;
      // A first entry into the programme opens the person's participant record: the modal
      // turns into its entry questionnaire (to fill in now or later).
      const opened =
        meta.contractId === undefined && meta.previousId === undefined
          ? await participants.openFor(who.teamId, contract.userId, who.userId)
          : undefined;
      const after = async () => {
        if (opened) await outbox.deliver(opened.outboxIds);
        home.refresh(who.teamId, [contract.userId, who.userId]);
        const end = contract.endDate ? formatCalendarDate(contract.endDate, who.locale) : who.t('contract.noEnd');
        // Told privately to the coordinator who saved it.
        const text = who.t('contract.saved', { user: userMention(contract.userId), end });
        await outbox.send({ teamId: who.teamId, kind: 'post', channel: who.userId, content: { text } });
      };
      if (opened) {
        const view = entryModalView(opened.participant, who.t, {
          coordinator: true,
          opened: true,
          locale: who.locale,
          timeZone: config.timeZone,
        });
        return { update: view, after };
      }
      return { after };
    },
    { errorBlock: ContractFields.user.block, coordinatorOnly: true },
  );
}
