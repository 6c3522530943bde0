// Events: declare, edit, cancel, announce, ask for and record attendance.
import { randomUUID } from 'node:crypto';
import { MEMBER_CACHE_MS, TtlCache } from '../../cache.ts';
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Repositories, Store } from '../../db/store.ts';
import { translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { localDate, startOfLocalDay } from '../../time/zone.ts';
import type { MemberService } from '../members/service.ts';
import { NETWORK_CACHE_MS, type NetworkService, type Space, slugify } from '../network/service.ts';
import type { EventInput, FieldErrors } from './form.ts';
import type { AttendanceReport, EventDetails } from './repo.ts';
import type { Display, FormOptions } from './views.ts';
import type { EventFormat } from './vocabulary.ts';

export type SaveResult =
  | { ok: true; event: EventDetails; outboxIds: number[] }
  | { ok: false; errors: FieldErrors }
  | { ok: false; refusal: 'notAllowed' | 'notFound' | 'cancelled' };

export type AttendanceInput = Omit<AttendanceReport, 'reportedBy'>;

export type AgendaRange = { kind: 'default' | 'week' | 'month' } | { kind: 'space'; name: string };
export type AgendaAnswer =
  | { ok: true; range: AgendaRange; events: { items: EventDetails[]; total: number }; feedUrl: string | undefined }
  | { ok: false; spaces: string[] };

/** The messages stored with the changes of events, rendered by the views. */
export interface EventMessages {
  announcement(event: EventDetails, d: Display): MessageContent;
  attendanceRequest(event: EventDetails, d: Display, reminder: boolean): MessageContent;
  coanimatorNotice(change: 'added' | 'updated' | 'cancelled', by: string, event: EventDetails, d: Display): MessageContent;
  /** Told to the author: where the event was announced. */
  createdNotice(event: EventDetails, channels: string[], d: Display): MessageContent;
}

export interface EventDeps {
  store: Store;
  outbox: Outbox;
  network: NetworkService;
  members: MemberService;
  messages: EventMessages;
  display: (locale: Locale) => Display;
  clock: Clock;
  config: Config;
  logger: Logger;
}

const DAY_MS = 24 * 3600_000;
/** One reminder, this long after the first request. */
export const REMINDER_AFTER_MS = 3 * DAY_MS;
/** Events are followed up during this many days after they end (the job's catch-up is 3 days). */
export const FOLLOW_UP_DAYS = 14;
/** At most this many events in an /agenda answer (a message holds 50 blocks); the rest are counted. */
export const AGENDA_SHOWN = 45;
/** At most this many events in each list of a member's App Home. */
const HOME_LIST = 20;
/** Chasing from the digest reaches the events of the last this many days, at most CHASE_MAX of them. */
const CHASE_DAYS = 60;
const CHASE_MAX = 50;

export class EventService {
  readonly #deps: EventDeps;
  readonly #logger: Logger;
  /** The series the declaration form suggests, kept as the network's settings are. */
  readonly #series: TtlCache<{ name: string; next: number }[]>;
  /** Each member's usual space, kept as member locales are (a change shows within minutes). */
  readonly #usualSpaces: TtlCache<number | null>;

  constructor(deps: EventDeps) {
    this.#deps = deps;
    this.#logger = deps.logger.child('events');
    this.#series = new TtlCache(deps.clock, NETWORK_CACHE_MS);
    this.#usualSpaces = new TtlCache(deps.clock, MEMBER_CACHE_MS);
  }

  get #repo() {
    return this.#deps.store.repos.events;
  }

  /** Channel messages speak the network's default language. */
  get #channelDisplay(): Display {
    return this.#deps.display(this.#deps.config.defaultLocale);
  }

  async get(teamId: string, id: number): Promise<EventDetails | undefined> {
    return this.#repo.find(teamId, id);
  }

  /** The form's choices, and the space this member usually works in (preselected when declaring). */
  async formOptions(teamId: string, userId: string): Promise<FormOptions> {
    const [spaces, series, usual] = await Promise.all([
      this.#deps.network.spaceOptions(teamId),
      this.#series.get(teamId, () => this.#repo.series(teamId)),
      this.#usualSpaces.get(`${teamId}:${userId}`, async () => (await this.#repo.usualSpaceOf(teamId, userId)) ?? null),
    ]);
    return { spaces, series, usualSpace: usual === null ? undefined : spaces.find((s) => s.id === usual) };
  }

  /** Organisers of the event and coordinators may change it. */
  async canManage(teamId: string, userId: string, event: EventDetails): Promise<boolean> {
    return event.organizers.includes(userId) || (await this.#deps.members.isCoordinator(teamId, userId));
  }

  /** The event of a button, when this user may manage it. */
  async forManager(
    teamId: string,
    userId: string,
    eventId: number,
  ): Promise<{ ok: true; event: EventDetails } | { ok: false; refusal: 'notFound' | 'notAllowed' }> {
    const event = await this.get(teamId, eventId);
    if (!event) return { ok: false, refusal: 'notFound' };
    if (!(await this.canManage(teamId, userId, event))) return { ok: false, refusal: 'notAllowed' };
    return { ok: true, event };
  }

  async #checkSpaces(teamId: string, input: EventInput): Promise<FieldErrors | undefined> {
    const known = await this.#deps.network.countActiveSpaces(teamId, input.spaceIds);
    return known === input.spaceIds.length ? undefined : { spaces: { key: 'event.error.unknownSpace' } };
  }

  async #seriesNumber(r: Repositories, teamId: string, input: EventInput, excludeId?: number): Promise<number | undefined> {
    if (!input.seriesName) return undefined;
    if (input.seriesNumber !== undefined) return input.seriesNumber;
    return r.events.nextSeriesNumber(teamId, input.seriesName, excludeId);
  }

  /** Channels an event is announced in: the agenda channel and each host space's channel. */
  async #channelsFor(teamId: string, event: EventDetails): Promise<string[]> {
    const settings = await this.#deps.network.settings(teamId);
    const channels = [settings.agendaChannelId, ...event.spaces.map((s) => s.channelId)].filter((c): c is string => Boolean(c));
    return [...new Set(channels)];
  }

  /** A direct message to a member, in their language. */
  async #tellUser(r: Repositories, teamId: string, userId: string, content: (d: Display) => MessageContent): Promise<number> {
    const locale = await this.#deps.members.quickLocale(teamId, userId);
    return this.#deps.outbox.enqueue(r, { teamId, kind: 'post', channel: userId, content: content(this.#deps.display(locale)) });
  }

  /** Posts (or revises) the announcements of an event, in the same transaction as the change. */
  async #announce(r: Repositories, event: EventDetails): Promise<number[]> {
    const content = this.#deps.messages.announcement(event, this.#channelDisplay);
    const ids: number[] = [];
    const existing = await r.events.announcements(event.id);
    for (const a of existing) {
      // A post still waiting keeps its place in the queue, with the new content.
      const id = await this.#deps.outbox.revise(r, a.outboxId, content);
      if (id !== undefined) ids.push(id);
    }
    if (event.status === 'scheduled') {
      for (const channel of await this.#channelsFor(event.teamId, event)) {
        if (existing.some((a) => a.channel === channel)) continue;
        const outboxId = await this.#deps.outbox.enqueue(r, {
          teamId: event.teamId,
          kind: 'post',
          channel,
          content,
          ref: `event:${event.id}:announce`,
        });
        await r.events.addAnnouncement(event.id, channel, outboxId);
        ids.push(outboxId);
      }
    }
    return ids;
  }

  async #requestAttendance(r: Repositories, event: EventDetails, reminder: boolean): Promise<number[]> {
    const ids: number[] = [];
    for (const userId of event.organizers) {
      ids.push(await this.#tellUser(r, event.teamId, userId, (d) => this.#deps.messages.attendanceRequest(event, d, reminder)));
    }
    await r.events.markAttendanceAsked(event.id, reminder, this.#deps.clock.now());
    return ids;
  }

  async #tellCoanimators(r: Repositories, change: 'added' | 'updated' | 'cancelled', by: string, event: EventDetails, to: string[]) {
    const ids: number[] = [];
    for (const u of to)
      ids.push(await this.#tellUser(r, event.teamId, u, (d) => this.#deps.messages.coanimatorNotice(change, by, event, d)));
    return ids;
  }

  async create(teamId: string, userId: string, input: EventInput, originChannel?: string): Promise<SaveResult> {
    const spaceErrors = await this.#checkSpaces(teamId, input);
    if (spaceErrors) return { ok: false, errors: spaceErrors };
    const coanimators = input.coanimators.filter((u) => u !== userId);
    const { event, outboxIds } = await this.#deps.store.transaction(async (r) => {
      const seriesNumber = await this.#seriesNumber(r, teamId, input);
      const id = await r.events.create(
        teamId,
        `${randomUUID()}@tiers-lieux`,
        { ...input, seriesNumber },
        userId,
        input.spaceIds,
        coanimators,
      );
      const created = await r.events.find(teamId, id);
      if (!created) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(r, created);
      ids.push(...(await this.#tellCoanimators(r, 'added', userId, created, coanimators)));
      if (created.endAt.getTime() <= this.#deps.clock.now().getTime()) {
        // A past event, declared for the record: ask for its attendance straight away.
        ids.push(...(await this.#requestAttendance(r, created, false)));
      }
      // The author is told where it was announced: privately in the channel they typed the
      // command in, or by direct message when they declared it from the App Home.
      const channels = await this.#channelsFor(teamId, created);
      const d = this.#deps.display(await this.#deps.members.quickLocale(teamId, userId));
      const content = this.#deps.messages.createdNotice(created, channels, d);
      ids.push(
        await this.#deps.outbox.enqueue(
          r,
          originChannel
            ? { teamId, kind: 'ephemeral', channel: originChannel, userId, content }
            : { teamId, kind: 'post', channel: userId, content },
        ),
      );
      return { event: created, outboxIds: ids };
    });
    if (input.seriesName) this.#series.delete(teamId);
    this.#usualSpaces.delete(`${teamId}:${userId}`);
    this.#logger.info('event declared', { id: event.id, by: userId });
    return { ok: true, event, outboxIds };
  }

  /** Refusals shared by editing and cancelling; undefined when the change may go ahead. */
  async #refusal(teamId: string, userId: string, before: EventDetails | undefined): Promise<SaveResult | undefined> {
    if (!before) return { ok: false, refusal: 'notFound' };
    if (!(await this.canManage(teamId, userId, before))) return { ok: false, refusal: 'notAllowed' };
    if (before.status === 'cancelled') return { ok: false, refusal: 'cancelled' };
    return undefined;
  }

  async update(teamId: string, userId: string, eventId: number, input: EventInput): Promise<SaveResult> {
    const before = await this.get(teamId, eventId);
    const refusal = await this.#refusal(teamId, userId, before);
    if (refusal || !before) return refusal ?? { ok: false, refusal: 'notFound' };
    const spaceErrors = await this.#checkSpaces(teamId, input);
    if (spaceErrors) return { ok: false, errors: spaceErrors };
    const { event, outboxIds } = await this.#deps.store.transaction(async (r) => {
      const seriesNumber = await this.#seriesNumber(r, teamId, input, eventId);
      const keep = [...new Set([before.createdBy, ...input.coanimators])];
      const add = input.coanimators.filter((u) => !before.organizers.includes(u));
      await r.events.update(eventId, { ...input, seriesNumber }, userId, input.spaceIds, { keep, add });
      const updated = await r.events.find(teamId, eventId);
      if (!updated) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(r, updated);
      const others = updated.organizers.filter((o) => o !== userId);
      ids.push(
        ...(await this.#tellCoanimators(
          r,
          'updated',
          userId,
          updated,
          others.filter((u) => before.organizers.includes(u)),
        )),
      );
      ids.push(
        ...(await this.#tellCoanimators(
          r,
          'added',
          userId,
          updated,
          others.filter((u) => !before.organizers.includes(u)),
        )),
      );
      return { event: updated, outboxIds: ids };
    });
    if (input.seriesName || before.seriesName) this.#series.delete(teamId);
    this.#logger.info('event updated', { id: eventId, by: userId });
    return { ok: true, event, outboxIds };
  }

  async cancel(teamId: string, userId: string, eventId: number): Promise<SaveResult> {
    const before = await this.get(teamId, eventId);
    const refusal = await this.#refusal(teamId, userId, before);
    if (refusal) return refusal;
    const { event, outboxIds } = await this.#deps.store.transaction(async (r) => {
      await r.events.cancel(eventId, userId, this.#deps.clock.now());
      const cancelled = await r.events.find(teamId, eventId);
      if (!cancelled) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(r, cancelled);
      ids.push(
        ...(await this.#tellCoanimators(
          r,
          'cancelled',
          userId,
          cancelled,
          cancelled.organizers.filter((o) => o !== userId),
        )),
      );
      return { event: cancelled, outboxIds: ids };
    });
    this.#logger.info('event cancelled', { id: eventId, by: userId });
    return { ok: true, event, outboxIds };
  }

  async saveAttendance(
    teamId: string,
    userId: string,
    eventId: number,
    input: AttendanceInput,
  ): Promise<{ ok: true; event: EventDetails } | { ok: false; refusal: 'notAllowed' | 'notFound' }> {
    const found = await this.forManager(teamId, userId, eventId);
    if (!found.ok) return found;
    const data = { ...input, reportedBy: userId };
    await this.#repo.saveAttendance(eventId, data);
    this.#logger.info('attendance reported', { id: eventId, by: userId });
    return { ok: true, event: { ...found.event, attendance: data } };
  }

  /**
   * What `/agenda [semaine | mois | <space>]` asks for: the next 14 days by default, 7 or 31
   * days, or one space (by name or town) for 31 days, with the matching feed address.
   */
  async agendaFor(teamId: string, text: string): Promise<AgendaAnswer> {
    const { network, clock } = this.#deps;
    const word = slugify(text.trim());
    const now = clock.now();
    const answer = async (range: AgendaRange, days: number, space?: Space): Promise<AgendaAnswer> => ({
      ok: true,
      range,
      events: await this.#repo.between(teamId, now, new Date(now.getTime() + days * DAY_MS), AGENDA_SHOWN, space?.id),
      feedUrl: await network.calendarUrls(teamId, space?.slug),
    });
    if (text.trim() === '') return answer({ kind: 'default' }, 14);
    if (word === 'semaine' || word === 'week') return answer({ kind: 'week' }, 7);
    if (word === 'mois' || word === 'month') return answer({ kind: 'month' }, 31);
    const spaces = await network.listSpaces(teamId);
    const space = spaces.find((s) => s.slug === word) ?? spaces.find((s) => s.slug.includes(word) || slugify(s.town) === word);
    if (!space) return { ok: false, spaces: spaces.map((s) => s.name) };
    return answer({ kind: 'space', name: space.name }, 31, space);
  }

  /** A member's events for the App Home: those to come, and past ones awaiting their attendance. */
  async forOrganizer(teamId: string, userId: string, now: Date): Promise<{ next: EventDetails[]; awaitingAttendance: EventDetails[] }> {
    const [next, awaitingAttendance] = await Promise.all([
      this.#repo.upcomingOf(teamId, userId, now, HOME_LIST),
      this.#repo.awaitingAttendanceOf(teamId, userId, now, HOME_LIST),
    ]);
    return { next, awaitingAttendance };
  }

  /** Scheduled events starting in [from, to), soonest first: the first `limit` of them and how many there are. */
  async comingUp(teamId: string, from: Date, to: Date, limit: number): Promise<{ items: EventDetails[]; total: number }> {
    const [items, total] = await Promise.all([
      this.#repo.scheduledStarting(teamId, from, to, limit),
      this.#repo.countScheduledStarting(teamId, from, to),
    ]);
    return { items, total };
  }

  /** Scheduled events ended in [from, to) still without their attendance, latest first: the first `limit` and how many. */
  /**
   * A coordinator chasing the attendance reports (from the weekly digest): the organisers of
   * each recent event still without one get a reminder — at most once a day per event, however
   * often the button is pressed. Says how many events and people were reminded.
   */
  async chaseAttendance(teamId: string, now: Date): Promise<{ events: number; organisers: number }> {
    const { store, config, outbox } = this.#deps;
    const since = new Date(now.getTime() - CHASE_DAYS * DAY_MS);
    const { items } = await this.#repo.missingAttendance(teamId, since, now, CHASE_MAX);
    const day = localDate(now, config.timeZone);
    const ids: number[] = [];
    const people = new Set<string>();
    let events = 0;
    for (const event of items) {
      await store.transaction(async (r) => {
        if (!(await r.notifications.claim(`chase:${event.id}:${day}`, teamId))) return;
        events++;
        for (const userId of event.organizers) {
          ids.push(await this.#tellUser(r, teamId, userId, (d) => this.#deps.messages.attendanceRequest(event, d, true)));
          people.add(userId);
        }
      });
    }
    await outbox.deliver(ids);
    return { events, organisers: people.size };
  }

  async missingAttendance(teamId: string, from: Date, to: Date, limit: number): Promise<{ items: EventDetails[]; total: number }> {
    return this.#repo.missingAttendance(teamId, from, to, limit);
  }

  /** Scheduled events starting in [from, to), counted by format. */
  async countByFormat(teamId: string, from: Date, to: Date): Promise<Map<EventFormat, number>> {
    return this.#repo.countByFormat(teamId, from, to);
  }

  async countScheduledStarting(teamId: string, from: Date, to: Date): Promise<number> {
    return this.#repo.countScheduledStarting(teamId, from, to);
  }

  /** The events of a calendar feed, a page at a time: from `since` on, the network's or one space's. */
  feed(teamId: string, since: Date, spaceId?: number): AsyncGenerator<EventDetails[]> {
    return this.#repo.endingAfterPages(teamId, since, spaceId);
  }

  /**
   * The `event-followups` plan: the morning after an event ends, its organisers are asked for
   * the attendance; one reminder three days later if still missing, never more.
   */
  async followUpPlan(slot: Date): Promise<JobPlan> {
    const today = startOfLocalDay(slot, this.#deps.config.timeZone);
    // Only what is due: events that ended in the last FOLLOW_UP_DAYS, requests made about three days ago.
    const since = new Date(today.getTime() - FOLLOW_UP_DAYS * DAY_MS);
    const askedBy = new Date(slot.getTime() - REMINDER_AFTER_MS + 3600_000);
    const toAsk: EventDetails[] = [];
    const toRemind: EventDetails[] = [];
    for (const teamId of await this.#deps.network.workspaces()) {
      toAsk.push(...(await this.#repo.attendanceToAsk(teamId, since, today)));
      toRemind.push(...(await this.#repo.attendanceToRemind(teamId, new Date(askedBy.getTime() - FOLLOW_UP_DAYS * DAY_MS), askedBy)));
    }
    const say = translator(this.#deps.config.defaultLocale);
    const step = (event: EventDetails, reminder: boolean): PlanStep => {
      const kind = reminder ? 'reminders' : 'requests';
      return {
        description: say(reminder ? 'job.followups.wouldRemind' : 'job.followups.wouldAsk', {
          who: event.organizers.join(', '),
          id: event.id,
          title: event.title,
        }),
        planned: { [kind]: 1 },
        run: async (): Promise<Counts> => {
          await this.#deps.outbox.deliver(await this.#deps.store.transaction((r) => this.#requestAttendance(r, event, reminder)));
          return { [kind]: 1 };
        },
      };
    };
    return {
      steps: [...toAsk.map((e) => step(e, false)), ...toRemind.map((e) => step(e, true))],
      summary: (c, mode) =>
        say(mode === 'dry-run' ? 'job.followups.planned' : 'job.followups.done', {
          requests: c.requests ?? 0,
          reminders: c.reminders ?? 0,
        }),
    };
  }
}
