// The one interaction pipeline. Every slash command, button and modal submission goes through
// here: acknowledged first (buttons, commands), given who is asking (workspace, user, language,
// translator, role computed lazily once), refused when coordinator-only and the user is not one,
// and any unexpected error turned into the user's apology (privately, or inside the modal)
// and logged. Listeners written with it are a few lines: parse → call a service → answer.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Locale } from '../config.ts';
import { type Translate, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { type FieldRef, LIMITS, option } from './blocks.ts';
import type { Repeats } from './dedupe.ts';
import { apologyFor } from './failures.ts';
import type { MessageContent, SlackGateway } from './gateway.ts';
import { unexpectedInputs, ViewState, withoutControlCharacters } from './view-state.ts';

/** Who is asking, as every listener receives it. */
export interface Requester {
  teamId: string;
  userId: string;
  locale: Locale;
  t: Translate;
  /** Asked of the database at most once per request, and only when a listener needs it. */
  isCoordinator(): Promise<boolean>;
}

/** What the pipeline needs to know about members. */
export interface MemberDirectory {
  quickLocale(teamId: string, userId: string): Promise<Locale>;
  isCoordinator(teamId: string, userId: string): Promise<boolean>;
}

export interface InteractionDeps {
  members: MemberDirectory;
  /** Events API deliveries and modal submissions seen before. */
  repeats: Repeats;
  slack: SlackGateway;
  logger: Logger;
}

export interface Options {
  /** Refused (with the same private message everywhere) unless the user is a coordinator. */
  coordinatorOnly?: boolean;
}

/** A private answer to the user of an interaction. */
export type Reply = (message: string | MessageContent) => Promise<void>;

export interface CommandContext {
  who: Requester;
  /** The text after the command, trimmed. */
  text: string;
  channelId: string;
  triggerId: string;
  reply: Reply;
}

export interface ButtonContext {
  who: Requester;
  /** The clicked element's value ('' when it has none). */
  value: string;
  triggerId: string;
  /** The channel of the message the button was in, if any. */
  channelId: string | undefined;
  /** The modal the button was in, if any (its root view, for nested modals). */
  rootViewId: string | undefined;
  /** Inputs of the message the button was in (e.g. a user picker beside the button). */
  state: ViewState;
  reply: Reply;
  /** Replaces the message the button was in (only from a message; a no-op elsewhere). */
  replaceMessage(message: MessageContent): Promise<void>;
  /** The modal the button (or changed input) is in: to draw it again from what was typed. */
  modal: OpenModal | undefined;
}

/** A modal as Slack sends it with an action inside it. */
export interface OpenModal {
  id: string;
  /** Slack's version of the view: an update made from an older one is refused (`hash_conflict`). */
  hash: string;
  privateMetadata: string | undefined;
  state: ViewState;
}

export interface SubmissionContext {
  who: Requester;
  state: ViewState;
  privateMetadata: string | undefined;
}

/**
 * What a submission handler decides: errors shown in the modal; the modal drawn again to ask
 * something more, nothing stored (`ask`); the next step in its place once stored (`update`);
 * or done (with work after the modal closed or changed).
 */
export type SubmissionOutcome =
  | { errors: Record<string, string> }
  | { ask: ModalView }
  | { update: ModalView; after?: () => Promise<void> }
  | { after?: () => Promise<void> }
  | undefined;

export interface SubmissionOptions extends Options {
  /** The block that shows a refusal or an apology inside the modal. */
  errorBlock: string;
}

export interface OptionsContext {
  teamId: string;
  userId: string;
  /** What the user typed in the menu ('' when it just opened). */
  query: string;
}

/** A menu's choices, as an external select shows them. */
export interface MenuOption {
  label: string;
  value: string;
}

export interface EventContext {
  teamId: string;
  /** The app's own bot user, to leave its own messages out. */
  botUserId: string | undefined;
  event: object;
}

export type Teamed = { team?: { id: string } | null; user: { team_id?: string } };

/** The workspace of a block action or view submission. */
export function teamOf(body: Teamed): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

/** The value of a clicked element ('' when it has none). */
export function actionValue(action: object): string {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && typeof action.selected_option === 'object' && action.selected_option !== null) {
    const option = action.selected_option;
    if ('value' in option && typeof option.value === 'string') return option.value;
  }
  return '';
}

function requester(deps: InteractionDeps, teamId: string, userId: string, locale: Locale): Requester {
  let role: Promise<boolean> | undefined;
  return {
    teamId,
    userId,
    locale,
    t: translator(locale),
    isCoordinator: () => {
      role ??= deps.members.isCoordinator(teamId, userId);
      return role;
    },
  };
}

async function identify(deps: InteractionDeps, teamId: string, userId: string): Promise<Requester> {
  return requester(deps, teamId, userId, await deps.members.quickLocale(teamId, userId));
}

const asContent = (message: string | MessageContent): MessageContent => (typeof message === 'string' ? { text: message } : message);

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/**
 * Registers listeners through the pipeline. `app` is Bolt's; each method mirrors Bolt's own
 * (`command`, `action`, `view`) with the context above instead of Bolt's arguments.
 *
 * Bolt tries every registered listener on every request; this registers one Bolt listener per
 * kind (commands, actions, submissions, menus) that finds the handler by name in a map, so a
 * command costs the same whatever the number of features.
 */
export class Interactions {
  readonly #deps: InteractionDeps;
  readonly #commands = new Map<string, (args: CommandArgs) => Promise<void>>();
  readonly #actions = new Map<string, (args: ActionArgs) => Promise<void>>();
  /** By block id: a modal's inputs that dispatch their changes share their action id. */
  readonly #changes = new Map<string, (args: ActionArgs) => Promise<void>>();
  readonly #submissions = new Map<string, (args: SubmissionArgs) => Promise<void>>();
  /** By block id: a form's inputs share their action id. */
  readonly #menus = new Map<string, (args: OptionsArgs) => Promise<void>>();
  readonly #events = new Map<string, (ctx: EventContext) => Promise<void>>();

  constructor(app: App, deps: InteractionDeps) {
    this.#deps = deps;
    app.command(/.*/, async (args: CommandArgs) => {
      await this.#commands.get(args.command.command)?.(args);
    });
    app.action<BlockAction>({ type: 'block_actions' }, async (args: ActionArgs) => {
      await (this.#actions.get(args.action.action_id) ?? this.#changes.get(args.action.block_id))?.(args);
    });
    app.view<ViewSubmitAction>({ type: 'view_submission' }, async (args: SubmissionArgs) => {
      await this.#submissions.get(args.view.callback_id)?.(args);
    });
    app.options<'block_suggestion'>({ type: 'block_suggestion' }, async (args: OptionsArgs) => {
      await this.#menus.get(args.body.block_id)?.(args);
    });
    app.event(/.*/, async ({ event, body, context }) => {
      const handle = this.#events.get(event.type);
      if (!handle) return;
      // Slack retries a delivery it thinks was lost, and sometimes sends one twice: once only.
      const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : '';
      const teamId = context.teamId ?? '';
      if (eventId && !(await deps.repeats.firstDelivery(eventId, teamId))) {
        deps.logger.debug('duplicate event delivery ignored', { eventId, retryNum: context.retryNum });
        return;
      }
      try {
        await handle({ teamId, botUserId: context.botUserId, event });
      } catch (error) {
        deps.logger.error('an event listener failed', { type: event.type, error });
      }
    });
  }

  /** Registers a handler under a name, once. */
  #register<A>(map: Map<string, (args: A) => Promise<void>>, name: string, handler: (args: A) => Promise<void>): void {
    if (map.has(name)) throw new Error(`${name} is registered twice`);
    map.set(name, handler);
  }

  /** Private answer through the response URL, else in the channel, else by direct message. */
  #replier(who: { userId: string }, respond: RespondFn | undefined, channelId: string | undefined): Reply {
    const { slack, logger } = this.#deps;
    return async (message) => {
      const content = asContent(message);
      try {
        if (respond) {
          await respond({ response_type: 'ephemeral', replace_original: false, ...content });
        } else if (channelId) {
          await slack.postEphemeral(channelId, who.userId, content);
        } else {
          await slack.postMessage(await slack.openDirectMessage(who.userId), content);
        }
      } catch (error) {
        logger.warn('a private answer could not be delivered', { error });
      }
    };
  }

  async #guard(who: Requester, options: Options | undefined, refuse: (text: string) => Promise<void>): Promise<boolean> {
    if (!options?.coordinatorOnly || (await who.isCoordinator())) return true;
    await refuse(who.t('error.coordinatorOnly'));
    return false;
  }

  command(name: string, handle: (ctx: CommandContext) => Promise<unknown>, options?: Options): void {
    this.#register(this.#commands, name, async ({ ack, body, respond }: CommandArgs) => {
      await ack();
      const who = await identify(this.#deps, body.team_id, body.user_id);
      const reply = this.#replier(who, respond, body.channel_id);
      await this.#run(who, name, reply, async () => {
        if (!(await this.#guard(who, options, reply))) return;
        await handle({
          who,
          text: withoutControlCharacters(body.text).trim(),
          channelId: body.channel_id,
          triggerId: body.trigger_id,
          reply,
        });
      });
    });
  }

  /** A button or menu, from a message, the App Home or a modal. */
  action(actionId: string, handle: (ctx: ButtonContext) => Promise<unknown>, options?: Options): void {
    this.#register(this.#actions, actionId, this.#actionListener(actionId, handle, options));
  }

  /** A modal input whose changes Slack sends at once (`dispatch_action`), e.g. to reveal fields. */
  change(field: FieldRef, handle: (ctx: ButtonContext) => Promise<unknown>, options?: Options): void {
    this.#register(this.#changes, field.block, this.#actionListener(field.block, handle, options));
  }

  #actionListener(actionId: string, handle: (ctx: ButtonContext) => Promise<unknown>, options: Options | undefined) {
    return async ({ ack, body, action, respond }: ActionArgs) => {
      await ack();
      const who = await identify(this.#deps, teamOf(body), body.user.id);
      const fromMessage = body.response_url !== undefined && body.view === undefined;
      const channelId = body.channel?.id;
      const reply = this.#replier(who, fromMessage ? respond : undefined, channelId);
      await this.#run(who, actionId, reply, async () => {
        if (!(await this.#guard(who, options, reply))) return;
        await handle({
          who,
          value: actionValue(action),
          triggerId: body.trigger_id,
          channelId,
          rootViewId: body.view?.root_view_id ?? body.view?.id,
          state: new ViewState(body.state?.values),
          reply,
          replaceMessage: async (message) => {
            if (fromMessage) await respond({ replace_original: true, ...message }).catch(() => undefined);
          },
          modal:
            body.view?.type === 'modal'
              ? {
                  id: body.view.id,
                  hash: body.view.hash,
                  privateMetadata: body.view.private_metadata,
                  state: new ViewState(body.view.state?.values),
                }
              : undefined,
        });
      });
    };
  }

  /**
   * A modal submission: field errors and refusals are shown inside the modal (what the user
   * typed stays there); `after` runs once the modal has closed.
   */
  submission(callbackId: string, handle: (ctx: SubmissionContext) => Promise<SubmissionOutcome>, options: SubmissionOptions): void {
    this.#register(this.#submissions, callbackId, async ({ ack, body, view }: SubmissionArgs) => {
      const { repeats, logger } = this.#deps;
      const who = await identify(this.#deps, teamOf(body), body.user.id);
      const inModal = (text: string) => ack({ response_action: 'errors', errors: { [options.errorBlock]: text } });
      // A view (its id and hash) is handled once: a double submit or a replayed request gets the
      // first answer again and changes nothing.
      const key = `${view.id}:${view.hash}`;
      let after: (() => Promise<void>) | undefined;
      let claimed = false;
      try {
        // Only what the modal asked for, of the kind it asked for: anything else is refused whole.
        const unexpected = unexpectedInputs(view.blocks, view.state.values);
        if (unexpected.length > 0) {
          logger.warn('a submission held values its modal did not ask for; refused', { callbackId, unexpected: unexpected.join(', ') });
          await inModal(who.t('form.error.unexpected'));
          return;
        }
        const claim = await repeats.claimSubmission(key, who.teamId);
        if (!claim.claimed) {
          logger.info('a modal submitted again was answered as the first time', { callbackId });
          const answer = claim.answer;
          await (answer.kind === 'moved' ? ack({ response_action: 'update', view: JSON.parse(answer.view) as ModalView }) : ack());
          return;
        }
        claimed = true;
        if (!(await this.#guard(who, options, inModal))) {
          await repeats.releaseSubmission(key);
          return;
        }
        const outcome = await handle({ who, state: new ViewState(view.state.values), privateMetadata: view.private_metadata });
        // Refused, or asked something more: nothing was stored, the modal's next submission counts.
        if (outcome && ('errors' in outcome || 'ask' in outcome)) {
          await repeats.releaseSubmission(key);
          await ack(
            'errors' in outcome ? { response_action: 'errors', errors: outcome.errors } : { response_action: 'update', view: outcome.ask },
          );
          return;
        }
        after = outcome?.after;
        const next = outcome && 'update' in outcome ? outcome.update : undefined;
        claimed = false;
        // Done: the answer is recorded for a repeat; failing to record it only costs a repeat's
        // closing the modal instead of showing the same next step.
        await repeats
          .submissionAnswered(key, next ? JSON.stringify(next) : undefined)
          .catch((error: unknown) => logger.warn('a submission’s answer could not be recorded', { callbackId, error }));
        if (next) await ack({ response_action: 'update', view: next });
        else await ack();
      } catch (error) {
        logger.error('a submission failed', { callbackId, error });
        if (claimed) await repeats.releaseSubmission(key).catch(() => undefined);
        await inModal(who.t(apologyFor(error))).catch(() => undefined);
        return;
      }
      if (after) await after().catch((error: unknown) => logger.error('work after a submission failed', { callbackId, error }));
    });
  }

  /**
   * The choices of an external select (a list too long for a static one), searched as the
   * user types; an error answers with no choice (and is logged).
   */
  options(field: FieldRef, search: (ctx: OptionsContext) => Promise<MenuOption[]>): void {
    this.#register(this.#menus, field.block, async ({ ack, body }: OptionsArgs) => {
      try {
        const found = await search({ teamId: teamOf(body), userId: body.user.id, query: body.value.trim() });
        await ack({ options: found.slice(0, LIMITS.optionsPerSelect).map((o) => option(o.label, o.value)) });
      } catch (error) {
        this.#deps.logger.error('a menu search failed', { field: field.block, error });
        await ack({ options: [] });
      }
    });
  }

  /**
   * An Events API event (a thread reply, the App Home opened): `event` is the raw payload for
   * the listener to validate; a failure is logged (Slack expects no answer).
   */
  event(type: string, handle: (ctx: EventContext) => Promise<void>): void {
    this.#register(this.#events, type, handle);
  }

  async #run(who: Requester, what: string, reply: Reply, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.#deps.logger.error('an interaction failed', { what, error });
      await reply(who.t(apologyFor(error)));
    }
  }
}
