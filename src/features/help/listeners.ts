// /entraide, the request's buttons, thread replies (Events API) and the follow-up buttons.
import { z } from 'zod';
import type { Services } from '../../services.ts';
import type { ButtonContext, Interactions, Requester } from '../../slack/interaction.ts';
import { readMetadata } from '../../slack/view-state.ts';
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

export function register(on: Interactions, services: Services): void {
  const { help, slack, outbox, home, skills } = services;

  const openAsk = async (who: Requester, triggerId: string, channelId?: string, prefill?: string) =>
    slack.openView(triggerId, helpModalView(who.t, await skills.networkSkills(who.teamId), channelId ? { channelId } : {}, prefill));

  on.options(HelpFields.skills, ({ teamId, query }) => skills.choices(teamId, query));

  on.command(HELP_COMMAND, ({ who, text, channelId, triggerId }) => openAsk(who, triggerId, channelId, text || undefined));
  on.action(HelpActions.ask, ({ who, triggerId }) => openAsk(who, triggerId));

  on.submission(
    HelpViews.ask,
    async ({ who, state, privateMetadata }) => {
      const meta = readMetadata(metadataSchema, privateMetadata) ?? {};
      const form = readHelpForm(state, who.t);
      if (!form.ok) return { errors: form.errors };
      const result = await help.ask(who.teamId, who.userId, form.input, meta.channelId);
      if (!result) return { errors: { [HelpFields.question.block]: who.t('help.error.noChannel') } };
      return {
        after: async () => {
          await outbox.deliver(result.outboxIds);
          home.refresh(who.teamId, [who.userId]);
        },
      };
    },
    { errorBlock: HelpFields.question.block },
  );

  /** A button about a request: refusals told privately; the post and the Homes follow the change. */
  const onRequest = (
    actionId: string,
    act: (ctx: ButtonContext, id: number) => Promise<HelpActionResult>,
    done?: (ctx: ButtonContext) => string,
  ) =>
    on.action(actionId, async (ctx) => {
      const result = await act(ctx, Number(ctx.value));
      if (!result.ok) return ctx.reply(ctx.who.t(`help.error.${result.refusal}`));
      await outbox.deliver(result.outboxIds);
      home.refresh(ctx.who.teamId, [ctx.who.userId, result.request.requesterId, ...result.request.helpers]);
      if (done) await ctx.replaceMessage({ text: done(ctx) });
    });

  onRequest(HelpActions.take, ({ who }, id) => help.take(who.teamId, who.userId, id));
  onRequest(HelpActions.resolve, ({ who }, id) => help.resolve(who.teamId, who.userId, id));
  onRequest(
    HelpActions.thank,
    ({ who, state }, id) => help.thank(who.teamId, who.userId, id, state.users(HelpFields.thanked)),
    ({ who }) => who.t('help.thank.done'),
  );
  onRequest(HelpActions.close, ({ who }, id) => help.closeOrKeep(who.teamId, who.userId, id, true));
  onRequest(
    HelpActions.keep,
    ({ who }, id) => help.closeOrKeep(who.teamId, who.userId, id, false),
    ({ who }) => who.t('help.stale.kept'),
  );

  // Replies in a request's thread count as answers. Edits (message_changed), bot messages and
  // the app's own posts have a subtype or a bot_id and are left out; duplicates are dropped
  // by event id before this listener, and by message ts inside the service.
  on.event('message', async ({ teamId, botUserId, event }) => {
    const reply = threadReply.safeParse(event);
    if (!reply.success || reply.data.thread_ts === reply.data.ts) return;
    if (botUserId && reply.data.user === botUserId) return;
    await help.recordReply(teamId, reply.data.channel, reply.data.thread_ts, reply.data.user, reply.data.ts);
  });
}
