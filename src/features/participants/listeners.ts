// Participant records in Slack: the entry questionnaire (the person or a coordinator), the
// situation after exit and erasure (coordinators). Thin listeners: the service checks who may.
import { z } from 'zod';
import { formatCalendarDate } from '../../i18n/format.ts';
import type { Services } from '../../services.ts';
import { userMention } from '../../slack/escape.ts';
import type { Interactions, Requester } from '../../slack/interaction.ts';
import { readMetadata } from '../../slack/view-state.ts';
import { readEntry, readExit } from './form.ts';
import { EntryFields, ExitFields, ParticipantActions, ParticipantViews } from './ids.ts';
import type { ParticipantResult } from './service.ts';
import { entryModalView, exitModalView } from './views.ts';
import { EXIT_MOMENTS, type ExitMoment } from './vocabulary.ts';

const entryMetadata = z.object({ userId: z.string() });
const exitMetadata = z.object({ userId: z.string(), moment: z.enum(EXIT_MOMENTS) });

export function register(on: Interactions, services: Services): void {
  const { participants, contracts, slack, outbox, config } = services;
  const options = (who: Requester, coordinator: boolean) => ({ coordinator, locale: who.locale, timeZone: config.timeZone });
  const refusal = (who: Requester, result: ParticipantResult & { ok: false }) => who.t(`participant.refusal.${result.refusal}`);

  // Value: whose record ('' for one's own).
  on.action(ParticipantActions.openEntry, async ({ who, value, triggerId, reply }) => {
    const found = await participants.forReader(who.teamId, who.userId, value || who.userId);
    if (!found.ok) return reply(refusal(who, found));
    await slack.openView(triggerId, entryModalView(found.participant, who.t, options(who, found.coordinator)));
  });

  on.submission(
    ParticipantViews.entry,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(entryMetadata, privateMetadata);
      if (!meta) return { errors: { [EntryFields.gender.block]: who.t('participant.refusal.notFound') } };
      const saved = await participants.saveEntry(who.teamId, who.userId, meta.userId, readEntry(state));
      if (!saved.ok) return { errors: { [EntryFields.gender.block]: refusal(who, saved) } };
      return undefined;
    },
    { errorBlock: EntryFields.gender.block },
  );

  // From the D+28 and D+182 reminders. Value: "<user id>:<moment>".
  on.action(
    ParticipantActions.openExit,
    async ({ who, value, triggerId, reply }) => {
      const [userId = '', raw = ''] = value.split(':');
      const moment = EXIT_MOMENTS.find((m): m is ExitMoment => m === raw) ?? '4w';
      const found = await participants.forReader(who.teamId, who.userId, userId);
      if (!found.ok) return reply(refusal(who, found));
      const ended = (await contracts.withMilestones(who.teamId, userId)).at(-1)?.contract.endDate;
      const end = ended ? formatCalendarDate(ended, who.locale) : who.t('contract.noEnd');
      await slack.openView(triggerId, exitModalView(found.participant, moment, end, who.t));
    },
    { coordinatorOnly: true },
  );

  on.submission(
    ParticipantViews.exit,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(exitMetadata, privateMetadata);
      const situation = readExit(state);
      if (!meta || !situation) return { errors: { [ExitFields.situation.block]: who.t('form.error.unknownChoice') } };
      const saved = await participants.saveExit(who.teamId, who.userId, meta.userId, meta.moment, situation);
      if (!saved.ok) return { errors: { [ExitFields.situation.block]: refusal(who, saved) } };
      const text = who.t('participant.exit.saved', { user: userMention(meta.userId), situation: who.t(`participant.exit.${situation}`) });
      return { after: async () => void (await outbox.send({ teamId: who.teamId, kind: 'post', channel: who.userId, content: { text } })) };
    },
    { errorBlock: ExitFields.situation.block, coordinatorOnly: true },
  );

  // Inside the record's modal: erased for good, the modal drawn again.
  on.action(
    ParticipantActions.erase,
    async ({ who, value, modal, reply }) => {
      const erased = await participants.erase(who.teamId, who.userId, value);
      if (!erased.ok) return reply(refusal(who, erased));
      if (modal) await slack.updateView(modal.id, entryModalView(erased.participant, who.t, options(who, true)));
    },
    { coordinatorOnly: true },
  );
}
