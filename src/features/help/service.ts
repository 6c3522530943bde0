// Mutual help: ask, post, answer in threads, take, resolve, thank, suggest peers, nudge once.
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import { isDuplicate, type Repositories, type Store } from '../../db/store.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Outbox, OutboxRequest } from '../../slack/outbox.ts';
import { addOfficeHours, addWorkingDays } from '../../time/working-time.ts';
import type { Display } from '../events/views.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import { normalizeSkill } from '../skills/normalize.ts';
import type { SkillService } from '../skills/service.ts';
import type { HelpDetails, NudgeMark } from './repo.ts';
import {
  categoryKeywords,
  type HelpCategory,
  type HelpUrgency,
  NUDGE_LOOK_BACK_DAYS,
  NUDGE_WINDOWS,
  STALE_AFTER_DAYS,
} from './vocabulary.ts';

export interface HelpInput {
  question: string;
  details: string;
  category: HelpCategory;
  urgency: HelpUrgency;
  skillsWanted: string[];
}

export type HelpRefusal = 'notFound' | 'resolveNotAllowed' | 'ownRequest' | 'alreadyResolved' | 'closeNotAllowed';
export type HelpActionResult = { ok: true; request: HelpDetails; outboxIds: number[] } | { ok: false; refusal: HelpRefusal };

/** The messages stored with the changes of help requests, rendered by the views. */
export interface HelpMessages {
  /** The request's post in the help channel (`helperNames`: the names of those who took it). */
  post(request: HelpDetails, t: Translate, helperNames?: readonly string[]): MessageContent;
  /** Asks the requester who helped. */
  thank(request: HelpDetails, t: Translate): MessageContent;
  /** Asks the requester whether to close a request without activity. */
  stale(request: HelpDetails, t: Translate): MessageContent;
  suggestion(users: string[], t: Translate): MessageContent;
  taken(helper: string, requester: string, t: Translate): MessageContent;
  resolved(by: string, t: Translate): MessageContent;
  thanks(users: string[], t: Translate): MessageContent;
  nudgePeers(users: string[], t: Translate): MessageContent;
  coordinatorsAlert(request: HelpDetails, d: Display): MessageContent;
  /** Told to the requester: where the request was posted. */
  posted(channel: string, t: Translate): MessageContent;
}

export interface HelpDeps {
  store: Store;
  outbox: Outbox;
  network: NetworkService;
  members: MemberService;
  skills: SkillService;
  messages: HelpMessages;
  display: (locale: Locale) => Display;
  clock: Clock;
  config: Config;
  logger: Logger;
}

const DAY_MS = 24 * 3600_000;
export const MAX_SUGGESTIONS = 3;
/** At most this many requests in each list of the App Home. */
const HOME_LIST = 20;
/** How many open requests the Home looks through for those matching a member's skills. */
const HOME_MATCH_POOL = 200;
const HOME_MATCHES = 10;

/** A tag matches a wanted word when one contains the other ("impression 3d" ~ "3d"). */
const matches = (tag: string, word: string) => tag === word || tag.includes(word) || word.includes(tag);

export class HelpService {
  readonly #deps: HelpDeps;
  readonly #logger: Logger;

  constructor(deps: HelpDeps) {
    this.#deps = deps;
    this.#logger = deps.logger.child('help');
  }

  get #repo() {
    return this.#deps.store.repos.help;
  }

  get #now(): Date {
    return this.#deps.clock.now();
  }

  /** Messages in channels speak the network's default language. */
  get #t(): Translate {
    return translator(this.#deps.config.defaultLocale);
  }

  async get(teamId: string, id: number): Promise<HelpDetails | undefined> {
    return this.#repo.find(teamId, id);
  }

  /** Up to three members whose skills match, never the requester nor those who opted out; recent helpers last. */
  async suggestions(teamId: string, req: Pick<HelpDetails, 'requesterId' | 'category' | 'skillsWanted'>): Promise<string[]> {
    const wanted = req.skillsWanted.map(normalizeSkill).filter(Boolean);
    const keywords = categoryKeywords(req.category);
    const scored = (await this.#deps.skills.candidates(teamId))
      .filter((c) => c.userId !== req.requesterId)
      .map((c) => ({
        userId: c.userId,
        score:
          wanted.filter((w) => c.tags.some((tag) => matches(tag, w))).length * 2 +
          keywords.filter((k) => c.tags.some((tag) => matches(tag, k))).length,
      }))
      .filter((c) => c.score > 0);
    if (scored.length === 0) return [];
    const since = new Date(this.#now.getTime() - 30 * DAY_MS);
    const helps = await this.#repo.recentHelps(
      teamId,
      scored.map((c) => c.userId),
      since,
    );
    return scored
      .sort((a, b) => (helps.get(a.userId) ?? 0) - (helps.get(b.userId) ?? 0) || b.score - a.score || a.userId.localeCompare(b.userId))
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => c.userId);
  }

  /** A reply in the request's thread (sent once the post has its ts). */
  #reply(teamId: string, req: HelpDetails, content: MessageContent): OutboxRequest {
    return { teamId, kind: 'post', channel: req.channelId, ...(req.outboxId ? { threadOfId: req.outboxId } : {}), content };
  }

  async #tLocal(teamId: string, userId: string): Promise<Translate> {
    return translator(await this.#deps.members.quickLocale(teamId, userId));
  }

  /** Stores the request and posts it in the help channel; undefined when no help channel is set. */
  async ask(
    teamId: string,
    userId: string,
    input: HelpInput,
    originChannel?: string,
  ): Promise<{ request: HelpDetails; outboxIds: number[] } | undefined> {
    const { network, outbox, messages, store } = this.#deps;
    const channelId = (await network.settings(teamId)).helpChannelId;
    if (!channelId) return undefined;
    const suggested = await this.suggestions(teamId, { requesterId: userId, category: input.category, skillsWanted: input.skillsWanted });
    const t = await this.#tLocal(teamId, userId);
    const result = await store.transaction(async (r) => {
      const id = await r.help.create(teamId, { requesterId: userId, ...input, channelId, at: this.#now });
      const fresh = await r.help.find(teamId, id);
      if (!fresh) throw new Error('request vanished inside its own transaction');
      const outboxId = await outbox.enqueue(r, {
        teamId,
        kind: 'post',
        channel: channelId,
        content: messages.post(fresh, this.#t),
        ref: `help:${id}:post`,
      });
      await r.help.setPost(id, outboxId);
      const request = { ...fresh, outboxId };
      const ids = [outboxId];
      if (suggested.length > 0) ids.push(await outbox.enqueue(r, this.#reply(teamId, request, messages.suggestion(suggested, this.#t))));
      const content = messages.posted(channelId, t);
      ids.push(
        await outbox.enqueue(
          r,
          originChannel
            ? { teamId, kind: 'ephemeral', channel: originChannel, userId, content }
            : { teamId, kind: 'post', channel: userId, content },
        ),
      );
      return { request, outboxIds: ids };
    });
    this.#logger.info('help requested', { id: result.request.id, suggestions: suggested.length });
    return result;
  }

  /** The request's post shows its new state. */
  async #refresh(r: Repositories, req: HelpDetails): Promise<number[]> {
    if (!req.outboxId) return [];
    // The post's button names who took the request: their names as the app knows them.
    const names = await r.members.namesOf(req.teamId, req.helpers);
    const helperNames = req.helpers.flatMap((u) => names.get(u) ?? []);
    const id = await this.#deps.outbox.revise(r, req.outboxId, this.#deps.messages.post(req, this.#t, helperNames));
    return id === undefined ? [] : [id];
  }

  async take(teamId: string, userId: string, id: number): Promise<HelpActionResult> {
    const before = await this.get(teamId, id);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (before.status === 'resolved') return { ok: false, refusal: 'alreadyResolved' };
    if (before.requesterId === userId) return { ok: false, refusal: 'ownRequest' };
    if (before.helpers.includes(userId)) return { ok: true, request: before, outboxIds: [] };
    try {
      return await this.#deps.store.transaction(async (r) => {
        await r.help.addHelper(id, userId, this.#now);
        const request = (await r.help.find(teamId, id)) ?? before;
        const ids = await this.#refresh(r, request);
        ids.push(
          await this.#deps.outbox.enqueue(r, this.#reply(teamId, request, this.#deps.messages.taken(userId, request.requesterId, this.#t))),
        );
        return { ok: true, request, outboxIds: ids };
      });
    } catch (error) {
      // A double click racing with itself: the first one took it.
      if (!isDuplicate(error)) throw error;
      return { ok: true, request: (await this.get(teamId, id)) ?? before, outboxIds: [] };
    }
  }

  /** Requester, helpers and coordinators may resolve; the requester is then asked who helped. */
  async resolve(teamId: string, userId: string, id: number): Promise<HelpActionResult> {
    const before = await this.get(teamId, id);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (before.status === 'resolved') return { ok: false, refusal: 'alreadyResolved' };
    const allowed =
      before.requesterId === userId || before.helpers.includes(userId) || (await this.#deps.members.isCoordinator(teamId, userId));
    if (!allowed) return { ok: false, refusal: 'resolveNotAllowed' };
    const tRequester = await this.#tLocal(teamId, before.requesterId);
    return this.#deps.store.transaction(async (r) => {
      await r.help.resolve(id, userId, this.#now);
      const request = (await r.help.find(teamId, id)) ?? before;
      const ids = await this.#refresh(r, request);
      ids.push(await this.#deps.outbox.enqueue(r, this.#reply(teamId, request, this.#deps.messages.resolved(userId, this.#t))));
      const thank = this.#deps.messages.thank(request, tRequester);
      ids.push(await this.#deps.outbox.enqueue(r, { teamId, kind: 'post', channel: request.requesterId, content: thank }));
      return { ok: true, request, outboxIds: ids };
    });
  }

  /** The requester names who helped: they are recorded as helpers and thanked in the thread. */
  async thank(teamId: string, userId: string, id: number, helpers: string[]): Promise<HelpActionResult> {
    const request = await this.get(teamId, id);
    if (!request) return { ok: false, refusal: 'notFound' };
    if (request.requesterId !== userId) return { ok: false, refusal: 'closeNotAllowed' };
    const named = [...new Set(helpers)].filter((u) => u !== userId);
    return this.#deps.store.transaction(async (r) => {
      await r.help.thank(id, named, this.#now);
      const ids =
        named.length > 0
          ? [await this.#deps.outbox.enqueue(r, this.#reply(teamId, request, this.#deps.messages.thanks(named, this.#t)))]
          : [];
      const updated = (await r.help.find(teamId, id)) ?? request;
      ids.push(...(await this.#refresh(r, updated)));
      return { ok: true, request: updated, outboxIds: ids };
    });
  }

  /** The requester's answer to "open for 14 days": close it, or keep it open. */
  async closeOrKeep(teamId: string, userId: string, id: number, close: boolean): Promise<HelpActionResult> {
    const request = await this.get(teamId, id);
    if (!request) return { ok: false, refusal: 'notFound' };
    if (request.requesterId !== userId) return { ok: false, refusal: 'closeNotAllowed' };
    if (close) return this.resolve(teamId, userId, id);
    await this.#repo.touch(id, this.#now);
    return { ok: true, request, outboxIds: [] };
  }

  /**
   * A reply in a request's thread (Events API). Counted once per message; the bot's own
   * messages and edits are filtered by the listener. Returns whether it changed anything.
   */
  async recordReply(teamId: string, channel: string, threadTs: string, userId: string, messageTs: string): Promise<boolean> {
    const post = await this.#deps.outbox.findSentPost(teamId, channel, threadTs, 'help:');
    const id = post ? Number(post.ref.split(':')[1]) : Number.NaN;
    if (!Number.isInteger(id)) return false;
    const request = await this.get(teamId, id);
    if (!request) return false;
    const at = Number.isFinite(Number(messageTs)) ? new Date(Math.round(Number(messageTs) * 1000)) : this.#now;
    const activity = new Date(Math.max(at.getTime(), request.lastActivityAt.getTime()));
    if (userId === request.requesterId) {
      await this.#repo.touch(id, activity);
      return true;
    }
    try {
      const ids = await this.#deps.store.transaction(async (r) => {
        await r.help.addAnswer(id, userId, messageTs, at, activity, !request.firstAnswerAt);
        const updated = await r.help.find(teamId, id);
        return updated ? this.#refresh(r, updated) : [];
      });
      await this.#deps.outbox.deliver(ids);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  #deadline(from: Date, urgency: HelpUrgency, factor: number): Date {
    const window = NUDGE_WINDOWS[urgency];
    const { timeZone } = this.#deps.config;
    return window.unit === 'officeHours'
      ? addOfficeHours(from, window.amount * factor, timeZone)
      : addWorkingDays(from, window.amount * factor, timeZone);
  }

  /** One nudge: its mark and the messages it sends, in one transaction. */
  #nudge(
    req: HelpDetails,
    kind: 'peers' | 'coordinators' | 'stale',
    mark: NudgeMark,
    now: Date,
    send: (r: Repositories) => Promise<number[]>,
  ): PlanStep {
    return {
      description: this.#t('job.nudges.would', { kind: this.#t(`job.nudges.kind.${kind}`), id: req.id, question: req.question }),
      planned: { [kind]: 1 },
      run: async (): Promise<Counts> => {
        const ids = await this.#deps.store.transaction(async (r) => {
          await r.help.mark(req.id, mark, now);
          return send(r);
        });
        await this.#deps.outbox.deliver(ids);
        return { [kind]: 1 };
      },
    };
  }

  /**
   * The `help-nudges` plan. Each nudge at most once per request: no answer within the urgency's
   * window → the matching peers are pinged in the thread; still none after twice the window →
   * the coordinators are told; 14 days without activity → the requester is asked to close it.
   */
  async nudgePlan(now: Date): Promise<JobPlan> {
    const { outbox, messages, network, members, display, config } = this.#deps;
    // A window of N office hours or N working days lasts at least N hours or N days.
    const earliest = (urgency: HelpUrgency) => {
      const { unit, amount } = NUDGE_WINDOWS[urgency];
      return new Date(now.getTime() - amount * (unit === 'officeHours' ? 3600_000 : DAY_MS));
    };
    const createdBefore = { today: earliest('today'), week: earliest('week'), whenever: earliest('whenever') };
    const staleBefore = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
    const open: HelpDetails[] = [];
    for (const teamId of await network.workspaces())
      open.push(...(await this.#repo.mayOweNudge(teamId, createdBefore, staleBefore, NUDGE_LOOK_BACK_DAYS)));
    const steps: PlanStep[] = [];
    for (const req of open) {
      const unanswered = req.answersCount === 0 && req.helpers.length === 0;
      if (unanswered && !req.nudgedPeersAt && now >= this.#deadline(req.createdAt, req.urgency, 1)) {
        steps.push(
          this.#nudge(req, 'peers', 'nudgedPeersAt', now, async (r) => {
            const peers = (await this.suggestions(req.teamId, req)).filter((u) => !req.helpers.includes(u));
            return [await outbox.enqueue(r, this.#reply(req.teamId, req, messages.nudgePeers(peers, this.#t)))];
          }),
        );
      }
      if (unanswered && !req.nudgedCoordinatorsAt && now >= this.#deadline(req.createdAt, req.urgency, 2)) {
        steps.push(
          this.#nudge(req, 'coordinators', 'nudgedCoordinatorsAt', now, async (r) => {
            const content = messages.coordinatorsAlert(req, display(config.defaultLocale));
            const coordination = (await network.settings(req.teamId)).coordinationChannelId;
            const targets = coordination ? [coordination] : await members.coordinators(req.teamId);
            const ids: number[] = [];
            for (const channel of targets) ids.push(await outbox.enqueue(r, { teamId: req.teamId, kind: 'post', channel, content }));
            return ids;
          }),
        );
      }
      if (!req.staleAskedAt && now.getTime() - req.lastActivityAt.getTime() >= STALE_AFTER_DAYS * DAY_MS) {
        steps.push(
          this.#nudge(req, 'stale', 'staleAskedAt', now, async (r) => {
            const content = messages.stale(req, await this.#tLocal(req.teamId, req.requesterId));
            return [await outbox.enqueue(r, { teamId: req.teamId, kind: 'post', channel: req.requesterId, content })];
          }),
        );
      }
    }
    return {
      steps,
      summary: (c, mode) =>
        this.#t(mode === 'dry-run' ? 'job.nudges.planned' : 'job.nudges.done', {
          peers: c.peers ?? 0,
          coordinators: c.coordinators ?? 0,
          stale: c.stale ?? 0,
        }),
    };
  }

  /** Open requests nobody answered or took yet, oldest first (for the coordinators' Home). */
  async unanswered(teamId: string): Promise<HelpDetails[]> {
    return this.#repo.unanswered(teamId, HOME_LIST);
  }

  /** Requests not resolved and older than `before` (the digest's count). */
  async countStale(teamId: string, before: Date): Promise<number> {
    return this.#repo.countActiveCreatedBefore(teamId, before);
  }

  async forHome(teamId: string, userId: string): Promise<{ mine: HelpDetails[]; taken: HelpDetails[]; matching: HelpDetails[] }> {
    const [mine, taken, open, skills] = await Promise.all([
      this.#repo.activeOfRequester(teamId, userId, HOME_LIST),
      this.#repo.activeTakenBy(teamId, userId, HOME_LIST),
      this.#repo.activeOpenTo(teamId, userId, HOME_MATCH_POOL),
      this.#deps.skills.ofMember(teamId, userId),
    ]);
    const tags = skills.skills.map((s) => s.tag);
    const wantedBy = (r: HelpDetails) => [...r.skillsWanted.map(normalizeSkill), ...categoryKeywords(r.category)];
    const matching =
      tags.length === 0 ? [] : open.filter((r) => wantedBy(r).some((w) => tags.some((tag) => matches(tag, w)))).slice(0, HOME_MATCHES);
    return { mine, taken, matching };
  }
}
