// /entraide, the request's buttons, thread replies (Events API) and the follow-up buttons.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { apologyFor } from '../../slack/failures.ts';
import { actionValue, teamOf } from '../../slack/payload.ts';
import { respondPrivately } from '../../slack/respond.ts';
import { readMetadata, ViewState } from '../../slack/view-state.ts';
import { refreshHomes } from '../home/listeners.ts';
import { openSkillsModal } from '../skills/listeners.ts';
import { readHelpForm } from './form.ts';
import { HELP_COMMAND, HelpActions, HelpFields, HelpViews } from './ids.ts';
import type { HelpActionResult } from './service.ts';
import { helpModalView } from './views.ts';

const metadataSchema = z.object({ channelId: z.string().optional() });
const threadReply = z.object({
  type: z.literal('message'),
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  thread_ts: z.string(),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

export function register(app: App, services: Services): void {
  const { help, members, slack, logger, outbox } = services;

  async function openAsk(
    teamId: string,
    userId: string,
    triggerId: string,
    channelId: string | undefined,
    prefill: string | undefined,
  ): Promise<void> {
    const t = translator(await members.quickLocale(teamId, userId));
    const skills = await services.skills.networkSkills(teamId);
    await slack.openView(triggerId, helpModalView(t, skills, channelId ? { channelId } : {}, prefill));
  }

  app.command(HELP_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    try {
      await openAsk(body.team_id, body.user_id, body.trigger_id, body.channel_id, body.text.trim() || undefined);
    } catch (error) {
      logger.error('/entraide failed', { error });
      await respondPrivately(respond, translator(await members.quickLocale(body.team_id, body.user_id))(apologyFor(error)));
    }
  });

  app.view(HelpViews.ask, async ({ ack, body, view }) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const t = translator(await members.quickLocale(teamId, userId));
    const state = new ViewState(view.state.values);
    const meta = readMetadata(metadataSchema, view.private_metadata) ?? {};
    let ids: number[] = [];
    try {
      const form = readHelpForm(state, t);
      if (!form.ok) {
        await ack({ response_action: 'errors', errors: form.errors });
        return;
      }
      const result = await help.ask(teamId, userId, form.input, meta.channelId);
      if (!result) {
        await ack({ response_action: 'errors', errors: { [HelpFields.question.block]: t('help.error.noChannel') } });
        return;
      }
      ids = result.outboxIds;
      await ack();
    } catch (error) {
      logger.error('asking for help failed', { error });
      await ack({ response_action: 'errors', errors: { [HelpFields.question.block]: t(apologyFor(error)) } });
      return;
    }
    await outbox.deliver(ids);
    refreshHomes(services, teamId, [userId]);
  });

  /** A button about a request: acknowledged at once, refusals told privately in the user's language. */
  function onHelpButton(
    actionId: string,
    what: string,
    handle: (ctx: { teamId: string; userId: string; t: Translate; id: number; state: ViewState }) => Promise<HelpActionResult | undefined>,
    done?: (t: Translate) => string,
  ): void {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, action, respond }) => {
      await ack();
      const teamId = teamOf(body);
      const userId = body.user.id;
      const t = translator(await members.quickLocale(teamId, userId));
      const value = actionValue(action);
      try {
        const result = await handle({ teamId, userId, t, id: Number(value), state: new ViewState(body.state?.values) });
        if (!result) return;
        if (!result.ok) {
          await respondPrivately(respond, t(`help.error.${result.refusal}`));
          return;
        }
        await outbox.deliver(result.outboxIds);
        refreshHomes(services, teamId, [userId, result.request.requesterId, ...result.request.helpers]);
        if (done) await respond({ replace_original: true, text: done(t) }).catch(() => undefined);
      } catch (error) {
        logger.error(`${what} failed`, { error });
        await respondPrivately(respond, t(apologyFor(error)));
      }
    });
  }

  onHelpButton(HelpActions.take, 'taking a help request', ({ teamId, userId, id }) => help.take(teamId, userId, id));
  onHelpButton(HelpActions.resolve, 'resolving a help request', ({ teamId, userId, id }) => help.resolve(teamId, userId, id));
  onHelpButton(
    HelpActions.thank,
    'thanking helpers',
    ({ teamId, userId, id, state }) => help.thank(teamId, userId, id, state.users(HelpFields.thanked)),
    (t) => t('help.thank.done'),
  );
  onHelpButton(HelpActions.close, 'closing a stale request', ({ teamId, userId, id }) => help.closeOrKeep(teamId, userId, id, true));
  onHelpButton(
    HelpActions.keep,
    'keeping a stale request',
    ({ teamId, userId, id }) => help.closeOrKeep(teamId, userId, id, false),
    (t) => t('help.stale.kept'),
  );

  // The App Home's buttons.
  app.action({ action_id: HelpActions.ask, type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    await openAsk(teamOf(body), body.user.id, body.trigger_id, undefined, undefined).catch((error: unknown) =>
      logger.error('opening /entraide from the Home failed', { error }),
    );
  });
  app.action({ action_id: HelpActions.skills, type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    await openSkillsModal(services, teamOf(body), body.user.id, body.trigger_id).catch((error: unknown) =>
      logger.error('opening /competences from the Home failed', { error }),
    );
  });

  // Replies in a request's thread count as answers. Edits (message_changed), bot messages and
  // the app's own posts have a subtype or a bot_id and are left out; duplicates are dropped
  // by event id before this listener, and by message ts inside the service.
  app.event('message', async ({ event, context }) => {
    const reply = threadReply.safeParse(event);
    if (!reply.success || reply.data.thread_ts === reply.data.ts) return;
    if (context.botUserId && reply.data.user === context.botUserId) return;
    try {
      await help.recordReply(context.teamId ?? '', reply.data.channel, reply.data.thread_ts, reply.data.user, reply.data.ts);
    } catch (error) {
      logger.error('recording a thread reply failed', { error });
    }
  });
}
