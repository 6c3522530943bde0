// Mutual help: ask, post, answer in threads, take, resolve, thank, suggest peers, nudge once.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import { channelMention, escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { Outbox, OutboxRequest } from '../../slack/outbox.ts';
import { addOfficeHours, addWorkingDays } from '../../time/working-time.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import { normalizeSkill } from '../skills/normalize.ts';
import type { SkillService } from '../skills/service.ts';
import { findHelp, findHelps, type HelpDetails } from './repo.ts';
import { helpPostMessage, staleMessage, thankMessage } from './views.ts';
import { categoryKeywords, type HelpCategory, type HelpUrgency, NUDGE_WINDOWS, STALE_AFTER_DAYS } from './vocabulary.ts';

export interface HelpInput {
  question: string;
  details: string;
  category: HelpCategory;
  urgency: HelpUrgency;
  skillsWanted: string[];
}

export type HelpRefusal = 'notFound' | 'resolveNotAllowed' | 'ownRequest' | 'alreadyResolved' | 'closeNotAllowed';
export type HelpActionResult = { ok: true; request: HelpDetails; outboxIds: number[] } | { ok: false; refusal: HelpRefusal };

const DAY_MS = 24 * 3600_000;
export const MAX_SUGGESTIONS = 3;

export class HelpService {
  readonly #db: Db;
  readonly #outbox: Outbox;
  readonly #network: NetworkService;
  readonly #members: MemberService;
  readonly #skills: SkillService;
  readonly #clock: Clock;
  readonly #config: Config;
  readonly #logger: Logger;

  constructor(deps: {
    db: Db;
    outbox: Outbox;
    network: NetworkService;
    members: MemberService;
    skills: SkillService;
    clock: Clock;
    config: Config;
    logger: Logger;
  }) {
    this.#db = deps.db;
    this.#outbox = deps.outbox;
    this.#network = deps.network;
    this.#members = deps.members;
    this.#skills = deps.skills;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#logger = deps.logger.child('help');
  }

  /** Messages in channels speak the network's default language. */
  get #t(): Translate {
    return translator(this.#config.defaultLocale);
  }

  async get(teamId: string, id: number): Promise<HelpDetails | undefined> {
    return findHelp(this.#db, teamId, id);
  }

  /** Up to three members whose skills match, never the requester nor those who opted out; recent helpers last. */
  async suggestions(teamId: string, req: Pick<HelpDetails, 'requesterId' | 'category' | 'skillsWanted'>): Promise<string[]> {
    const wanted = req.skillsWanted.map(normalizeSkill).filter(Boolean);
    const keywords = categoryKeywords(req.category);
    const matches = (tag: string, word: string) => tag === word || tag.includes(word) || word.includes(tag);
    const scored = (await this.#skills.candidates(teamId))
      .filter((c) => c.userId !== req.requesterId)
      .map((c) => ({
        userId: c.userId,
        score:
          wanted.filter((w) => c.tags.some((tag) => matches(tag, w))).length * 2 +
          keywords.filter((k) => c.tags.some((tag) => matches(tag, k))).length,
      }))
      .filter((c) => c.score > 0);
    if (scored.length === 0) return [];
    const since = new Date(this.#clock.now().getTime() - 30 * DAY_MS);
    const recent = await this.#db.helpHelper.groupBy({
      by: ['userId'],
      where: { userId: { in: scored.map((c) => c.userId) }, takenAt: { gte: since }, request: { teamId } },
      _count: { _all: true },
    });
    const helps = new Map(recent.map((r) => [r.userId, r._count._all]));
    return scored
      .sort((a, b) => (helps.get(a.userId) ?? 0) - (helps.get(b.userId) ?? 0) || b.score - a.score || a.userId.localeCompare(b.userId))
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => c.userId);
  }

  #reply(teamId: string, req: HelpDetails, text: string): OutboxRequest {
    return { teamId, kind: 'post', channel: req.channelId, ...(req.outboxId ? { threadOfId: req.outboxId } : {}), content: { text } };
  }

  /** Stores the request and posts it in the help channel; undefined when no help channel is set. */
  async ask(
    teamId: string,
    userId: string,
    input: HelpInput,
    originChannel?: string,
  ): Promise<{ request: HelpDetails; outboxIds: number[] } | undefined> {
    const channelId = (await this.#network.settings(teamId)).helpChannelId;
    if (!channelId) return undefined;
    const now = this.#clock.now();
    const suggested = await this.suggestions(teamId, { requesterId: userId, category: input.category, skillsWanted: input.skillsWanted });
    const result = await this.#db.$transaction(async (tx) => {
      const row = await tx.helpRequest.create({
        data: {
          teamId,
          requesterId: userId,
          ...input,
          skillsWanted: JSON.stringify(input.skillsWanted),
          channelId,
          lastActivityAt: now,
          createdAt: now,
        },
      });
      const fresh = await findHelp(tx, teamId, row.id);
      if (!fresh) throw new Error('request vanished inside its own transaction');
      const outboxId = await this.#outbox.enqueue(tx, {
        teamId,
        kind: 'post',
        channel: channelId,
        content: helpPostMessage(fresh, this.#t),
        ref: `help:${row.id}:post`,
      });
      await tx.helpRequest.update({ where: { id: row.id }, data: { outboxId } });
      const request = { ...fresh, outboxId };
      const ids = [outboxId];
      if (suggested.length > 0) {
        ids.push(
          await this.#outbox.enqueue(
            tx,
            this.#reply(teamId, request, this.#t('help.thread.suggest', { users: suggested.map(userMention).join(', ') })),
          ),
        );
      }
      const t = translator(await this.#members.quickLocale(teamId, userId));
      const text = t('help.notice.posted', { channel: channelMention(channelId) });
      ids.push(
        await this.#outbox.enqueue(
          tx,
          originChannel
            ? { teamId, kind: 'ephemeral', channel: originChannel, userId, content: { text } }
            : { teamId, kind: 'post', channel: userId, content: { text } },
        ),
      );
      return { request, outboxIds: ids };
    });
    this.#logger.info('help requested', { id: result.request.id, suggestions: suggested.length });
    return result;
  }

  async #refresh(tx: Tx, req: HelpDetails): Promise<number[]> {
    if (!req.outboxId) return [];
    const id = await this.#outbox.revise(tx, req.outboxId, helpPostMessage(req, this.#t));
    return id === undefined ? [] : [id];
  }

  async take(teamId: string, userId: string, id: number): Promise<HelpActionResult> {
    const before = await this.get(teamId, id);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (before.status === 'resolved') return { ok: false, refusal: 'alreadyResolved' };
    if (before.requesterId === userId) return { ok: false, refusal: 'ownRequest' };
    try {
      return await this.#takeOnce(teamId, userId, id, before);
    } catch (error) {
      // A double click racing with itself: the first one took it.
      if (!isUniqueViolation(error)) throw error;
      return { ok: true, request: (await this.get(teamId, id)) ?? before, outboxIds: [] };
    }
  }

  #takeOnce(teamId: string, userId: string, id: number, before: HelpDetails): Promise<HelpActionResult> {
    return this.#db.$transaction(async (tx) => {
      const ids: number[] = [];
      const already = before.helpers.includes(userId);
      if (!already) {
        await tx.helpHelper.create({ data: { requestId: id, userId, takenAt: this.#clock.now() } });
        await tx.helpRequest.update({ where: { id }, data: { status: 'taken', lastActivityAt: this.#clock.now() } });
      }
      const request = (await findHelp(tx, teamId, id)) ?? before;
      if (!already) {
        ids.push(...(await this.#refresh(tx, request)));
        ids.push(
          await this.#outbox.enqueue(
            tx,
            this.#reply(
              teamId,
              request,
              this.#t('help.thread.taken', { helper: userMention(userId), requester: userMention(request.requesterId) }),
            ),
          ),
        );
      }
      return { ok: true, request, outboxIds: ids };
    });
  }

  /** Requester, helpers and coordinators may resolve; the requester is then asked who helped. */
  async resolve(teamId: string, userId: string, id: number): Promise<HelpActionResult> {
    const before = await this.get(teamId, id);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (before.status === 'resolved') return { ok: false, refusal: 'alreadyResolved' };
    const allowed = before.requesterId === userId || before.helpers.includes(userId) || (await this.#members.isCoordinator(teamId, userId));
    if (!allowed) return { ok: false, refusal: 'resolveNotAllowed' };
    return this.#db.$transaction(async (tx) => {
      const now = this.#clock.now();
      await tx.helpRequest.update({
        where: { id },
        data: { status: 'resolved', resolvedAt: now, resolvedBy: userId, lastActivityAt: now },
      });
      const request = (await findHelp(tx, teamId, id)) ?? before;
      const ids = await this.#refresh(tx, request);
      ids.push(await this.#outbox.enqueue(tx, this.#reply(teamId, request, this.#t('help.thread.resolved', { by: userMention(userId) }))));
      const t = translator(await this.#members.quickLocale(teamId, request.requesterId));
      ids.push(await this.#outbox.enqueue(tx, { teamId, kind: 'post', channel: request.requesterId, content: thankMessage(request, t) }));
      return { ok: true, request, outboxIds: ids };
    });
  }

  /** The requester names who helped: they are recorded as helpers and thanked in the thread. */
  async thank(teamId: string, userId: string, id: number, helpers: string[]): Promise<HelpActionResult> {
    const request = await this.get(teamId, id);
    if (!request) return { ok: false, refusal: 'notFound' };
    if (request.requesterId !== userId) return { ok: false, refusal: 'closeNotAllowed' };
    const named = [...new Set(helpers)].filter((u) => u !== userId);
    return this.#db.$transaction(async (tx) => {
      for (const helper of named) {
        await tx.helpHelper.upsert({
          where: { requestId_userId: { requestId: id, userId: helper } },
          create: { requestId: id, userId: helper, thanked: true, takenAt: this.#clock.now() },
          update: { thanked: true },
        });
      }
      const ids =
        named.length > 0
          ? [
              await this.#outbox.enqueue(
                tx,
                this.#reply(teamId, request, this.#t('help.thread.thanks', { users: named.map(userMention).join(', ') })),
              ),
            ]
          : [];
      const updated = (await findHelp(tx, teamId, id)) ?? request;
      ids.push(...(await this.#refresh(tx, updated)));
      return { ok: true, request: updated, outboxIds: ids };
    });
  }

  /** The requester's answer to "open for 14 days": close it, or keep it open. */
  async closeOrKeep(teamId: string, userId: string, id: number, close: boolean): Promise<HelpActionResult> {
    const request = await this.get(teamId, id);
    if (!request) return { ok: false, refusal: 'notFound' };
    if (request.requesterId !== userId) return { ok: false, refusal: 'closeNotAllowed' };
    if (close) return this.resolve(teamId, userId, id);
    await this.#db.helpRequest.update({ where: { id }, data: { lastActivityAt: this.#clock.now() } });
    return { ok: true, request, outboxIds: [] };
  }

  /**
   * A reply in a request's thread (Events API). Counted once per message; the bot's own
   * messages and edits are filtered by the listener. Returns whether it changed anything.
   */
  async recordReply(teamId: string, channel: string, threadTs: string, userId: string, messageTs: string): Promise<boolean> {
    const post = await this.#db.outboxMessage.findFirst({
      where: { teamId, channel, sentTs: threadTs, kind: 'post', ref: { startsWith: 'help:' } },
    });
    const id = post?.ref ? Number(post.ref.split(':')[1]) : Number.NaN;
    if (!Number.isInteger(id)) return false;
    const request = await this.get(teamId, id);
    if (!request) return false;
    const at = Number.isFinite(Number(messageTs)) ? new Date(Math.round(Number(messageTs) * 1000)) : this.#clock.now();
    const activity = new Date(Math.max(at.getTime(), request.lastActivityAt.getTime()));
    if (userId === request.requesterId) {
      await this.#db.helpRequest.update({ where: { id }, data: { lastActivityAt: activity } });
      return true;
    }
    try {
      const ids = await this.#db.$transaction(async (tx) => {
        await tx.helpAnswer.create({ data: { requestId: id, userId, messageTs, answeredAt: at } });
        await tx.helpRequest.update({
          where: { id },
          data: {
            answersCount: { increment: 1 },
            lastActivityAt: activity,
            ...(request.firstAnswerAt ? {} : { firstAnswerAt: at, firstAnswerBy: userId }),
          },
        });
        const updated = await findHelp(tx, teamId, id);
        return updated ? this.#refresh(tx, updated) : [];
      });
      await this.#outbox.deliver(ids);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  #deadline(from: Date, urgency: HelpUrgency, factor: number): Date {
    const window = NUDGE_WINDOWS[urgency];
    return window.unit === 'officeHours'
      ? addOfficeHours(from, window.amount * factor, this.#config.timeZone)
      : addWorkingDays(from, window.amount * factor, this.#config.timeZone);
  }

  /**
   * The `help-nudges` plan. Each nudge at most once per request: no answer within the urgency's
   * window → the matching peers are pinged in the thread; still none after twice the window →
   * the coordinators are told; 14 days without activity → the requester is asked to close it.
   */
  async nudgePlan(now: Date): Promise<JobPlan> {
    const open = await findHelps(this.#db, { status: { not: 'resolved' } }, 1000);
    const steps: PlanStep[] = [];
    for (const req of open) {
      const plans: { kind: 'peers' | 'coordinators' | 'stale'; run: (tx: Tx) => Promise<number[]> }[] = [];
      if (
        req.answersCount === 0 &&
        req.helpers.length === 0 &&
        !req.nudgedPeersAt &&
        now >= this.#deadline(req.createdAt, req.urgency, 1)
      ) {
        plans.push({
          kind: 'peers',
          run: async (tx) => {
            const peers = (await this.suggestions(req.teamId, req)).filter((u) => !req.helpers.includes(u));
            const text =
              peers.length > 0
                ? this.#t('help.thread.nudgePeers', { users: peers.map(userMention).join(', ') })
                : this.#t('help.thread.nudgeAnyone');
            await tx.helpRequest.update({ where: { id: req.id }, data: { nudgedPeersAt: now } });
            return [await this.#outbox.enqueue(tx, this.#reply(req.teamId, req, text))];
          },
        });
      }
      if (
        req.answersCount === 0 &&
        req.helpers.length === 0 &&
        !req.nudgedCoordinatorsAt &&
        now >= this.#deadline(req.createdAt, req.urgency, 2)
      ) {
        plans.push({
          kind: 'coordinators',
          run: async (tx) => {
            const text = this.#t('help.nudge.coordinators', {
              question: escapeMrkdwn(req.question),
              user: userMention(req.requesterId),
              since: formatDateTime(req.createdAt, this.#config.defaultLocale, this.#config.timeZone),
              link: channelMention(req.channelId),
            });
            const coordination = (await this.#network.settings(req.teamId)).coordinationChannelId;
            const targets = coordination ? [coordination] : await this.#members.coordinators(req.teamId);
            await tx.helpRequest.update({ where: { id: req.id }, data: { nudgedCoordinatorsAt: now } });
            const ids: number[] = [];
            for (const channel of targets)
              ids.push(await this.#outbox.enqueue(tx, { teamId: req.teamId, kind: 'post', channel, content: { text } }));
            return ids;
          },
        });
      }
      if (!req.staleAskedAt && now.getTime() - req.lastActivityAt.getTime() >= STALE_AFTER_DAYS * DAY_MS) {
        plans.push({
          kind: 'stale',
          run: async (tx) => {
            const t = translator(await this.#members.quickLocale(req.teamId, req.requesterId));
            await tx.helpRequest.update({ where: { id: req.id }, data: { staleAskedAt: now } });
            return [
              await this.#outbox.enqueue(tx, { teamId: req.teamId, kind: 'post', channel: req.requesterId, content: staleMessage(req, t) }),
            ];
          },
        });
      }
      for (const plan of plans) {
        steps.push({
          description: `would send the ${plan.kind} nudge of help request #${req.id} (${req.question})`,
          planned: { [plan.kind]: 1 },
          run: async (): Promise<Counts> => {
            await this.#outbox.deliver(await this.#db.$transaction(plan.run));
            return { [plan.kind]: 1 };
          },
        });
      }
    }
    return {
      steps,
      summary: (c) => `${c.peers ?? 0} peer nudge(s), ${c.coordinators ?? 0} coordinator alert(s), ${c.stale ?? 0} stale question(s)`,
    };
  }

  /** Open requests nobody answered or took yet, oldest first (for the coordinators' Home). */
  async unanswered(teamId: string): Promise<HelpDetails[]> {
    return findHelps(this.#db, { teamId, status: 'open', answersCount: 0 }, 20);
  }

  async forHome(teamId: string, userId: string): Promise<{ mine: HelpDetails[]; taken: HelpDetails[]; matching: HelpDetails[] }> {
    const active = { teamId, status: { not: 'resolved' } };
    const [mine, taken, open, skills] = await Promise.all([
      findHelps(this.#db, { ...active, requesterId: userId }, 20),
      findHelps(this.#db, { ...active, helpers: { some: { userId } } }, 20),
      findHelps(this.#db, { ...active, requesterId: { not: userId }, helpers: { none: { userId } } }, 200),
      this.#skills.ofMember(teamId, userId),
    ]);
    const tags = skills.skills.map((s) => s.tag);
    const matches = (tag: string, word: string) => tag === word || tag.includes(word) || word.includes(tag);
    const matching =
      tags.length === 0
        ? []
        : open
            .filter((r) =>
              [...r.skillsWanted.map(normalizeSkill), ...categoryKeywords(r.category)].some((w) => tags.some((tag) => matches(tag, w))),
            )
            .slice(0, 10);
    return { mine, taken, matching };
  }
}
