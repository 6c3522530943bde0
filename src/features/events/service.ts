// Events: declare, edit, cancel, announce, ask for and record attendance.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import { channelMention, escapeMrkdwn } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { startOfLocalDay } from '../../time/zone.ts';
import type { MemberService } from '../members/service.ts';
import { type NetworkService, type Space, slugify } from '../network/service.ts';
import type { EventInput, FieldErrors } from './form.ts';
import { type AttendanceReport, type EventDetails, findEvent, findEvents } from './repo.ts';
import { announcementMessage, attendanceRequestMessage, type Display, eventWhen, type FormOptions } from './views.ts';

export type SaveResult =
  | { ok: true; event: EventDetails; outboxIds: number[] }
  | { ok: false; errors: FieldErrors }
  | { ok: false; refusal: 'notAllowed' | 'notFound' | 'cancelled' };

export type AttendanceInput = Omit<AttendanceReport, 'reportedBy'>;

export type AgendaRange = { kind: 'default' | 'week' | 'month' } | { kind: 'space'; name: string };
export type AgendaAnswer =
  | { ok: true; range: AgendaRange; events: EventDetails[]; feedUrl: string | undefined }
  | { ok: false; spaces: string[] };

const DAY_MS = 24 * 3600_000;
/** One reminder, this long after the first request. */
export const REMINDER_AFTER_MS = 3 * DAY_MS;

export class EventService {
  readonly #db: Db;
  readonly #outbox: Outbox;
  readonly #network: NetworkService;
  readonly #members: MemberService;
  readonly #clock: Clock;
  readonly #config: Config;
  readonly #logger: Logger;

  constructor(deps: {
    db: Db;
    outbox: Outbox;
    network: NetworkService;
    members: MemberService;
    clock: Clock;
    config: Config;
    logger: Logger;
  }) {
    this.#db = deps.db;
    this.#outbox = deps.outbox;
    this.#network = deps.network;
    this.#members = deps.members;
    this.#clock = deps.clock;
    this.#config = deps.config;
    this.#logger = deps.logger.child('events');
  }

  display(locale: Locale): Display {
    return { t: translator(locale), locale, timeZone: this.#config.timeZone };
  }

  /** Channel messages speak the network's default language. */
  get channelDisplay(): Display {
    return this.display(this.#config.defaultLocale);
  }

  async get(teamId: string, id: number): Promise<EventDetails | undefined> {
    return findEvent(this.#db, teamId, id);
  }

  async formOptions(teamId: string): Promise<FormOptions> {
    const spaces = await this.#network.listSpaces(teamId);
    const series = await this.#db.event.groupBy({
      by: ['seriesName'],
      where: { teamId, seriesName: { not: null } },
      _max: { seriesNumber: true },
      _count: { _all: true },
    });
    return {
      spaces: spaces.map((s) => ({ id: s.id, name: s.name })),
      series: series
        .filter((s) => s.seriesName)
        .map((s) => ({ name: s.seriesName ?? '', next: (s._max.seriesNumber ?? 0) + 1, count: s._count._all }))
        .sort((a, b) => b.count - a.count)
        .map(({ name, next }) => ({ name, next })),
    };
  }

  /** Organisers of the event and coordinators may change it. */
  async canManage(teamId: string, userId: string, event: EventDetails): Promise<boolean> {
    return event.organizers.includes(userId) || (await this.#members.isCoordinator(teamId, userId));
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
    const known = await this.#db.space.count({ where: { teamId, id: { in: input.spaceIds }, archived: false } });
    return known === input.spaceIds.length ? undefined : { spaces: (t) => t('event.error.unknownSpace') };
  }

  async #seriesNumber(tx: Tx, teamId: string, input: EventInput, excludeId?: number): Promise<number | undefined> {
    if (!input.seriesName) return undefined;
    if (input.seriesNumber !== undefined) return input.seriesNumber;
    const last = await tx.event.aggregate({
      where: { teamId, seriesName: input.seriesName, ...(excludeId ? { NOT: { id: excludeId } } : {}) },
      _max: { seriesNumber: true },
    });
    return (last._max.seriesNumber ?? 0) + 1;
  }

  #fields(input: EventInput, seriesNumber: number | undefined) {
    return {
      title: input.title,
      format: input.format,
      themes: JSON.stringify(input.themes),
      audiences: JSON.stringify(input.audiences),
      startAt: input.startAt,
      endAt: input.endAt,
      locationKind: input.locationKind,
      address: input.address ?? null,
      onlineUrl: input.onlineUrl ?? null,
      expectedAttendance: input.expectedAttendance ?? null,
      registrationUrl: input.registrationUrl ?? null,
      description: input.description,
      seriesName: input.seriesName ?? null,
      seriesNumber: seriesNumber ?? null,
    };
  }

  /** Channels an event is announced in: the agenda channel and each host space's channel. */
  async #channelsFor(teamId: string, event: EventDetails): Promise<string[]> {
    const settings = await this.#network.settings(teamId);
    const channels = [settings.agendaChannelId, ...event.spaces.map((s) => s.channelId)].filter((c): c is string => Boolean(c));
    return [...new Set(channels)];
  }

  async #tellUser(tx: Tx, teamId: string, userId: string, content: (d: Display) => MessageContent): Promise<number> {
    const locale = await this.#members.quickLocale(teamId, userId);
    return this.#outbox.enqueue(tx, { teamId, kind: 'post', channel: userId, content: content(this.display(locale)) });
  }

  /** Posts (or revises) the announcements of an event, in the same transaction as the change. */
  async #announce(tx: Tx, event: EventDetails): Promise<number[]> {
    const content = announcementMessage(event, this.channelDisplay);
    const ids: number[] = [];
    const existing = await tx.eventAnnouncement.findMany({ where: { eventId: event.id } });
    for (const a of existing) {
      // A post still waiting keeps its place in the queue, with the new content.
      const id = await this.#outbox.revise(tx, a.outboxId, content);
      if (id !== undefined) ids.push(id);
    }
    if (event.status === 'scheduled') {
      for (const channel of await this.#channelsFor(event.teamId, event)) {
        if (existing.some((a) => a.channel === channel)) continue;
        const outboxId = await this.#outbox.enqueue(tx, {
          teamId: event.teamId,
          kind: 'post',
          channel,
          content,
          ref: `event:${event.id}:announce`,
        });
        await tx.eventAnnouncement.create({ data: { eventId: event.id, channel, outboxId } });
        ids.push(outboxId);
      }
    }
    return ids;
  }

  async #requestAttendance(tx: Tx, event: EventDetails, reminder: boolean): Promise<number[]> {
    const ids: number[] = [];
    for (const userId of event.organizers) {
      ids.push(await this.#tellUser(tx, event.teamId, userId, (d) => attendanceRequestMessage(event, d, reminder)));
    }
    await tx.event.update({
      where: { id: event.id },
      data: reminder ? { attendanceRemindedAt: this.#clock.now() } : { attendanceRequestedAt: this.#clock.now() },
    });
    return ids;
  }

  async create(teamId: string, userId: string, input: EventInput, originChannel?: string): Promise<SaveResult> {
    const spaceErrors = await this.#checkSpaces(teamId, input);
    if (spaceErrors) return { ok: false, errors: spaceErrors };
    const coanimators = input.coanimators.filter((u) => u !== userId);
    const { event, outboxIds } = await this.#db.$transaction(async (tx) => {
      const seriesNumber = await this.#seriesNumber(tx, teamId, input);
      const row = await tx.event.create({
        data: {
          teamId,
          uid: `${randomUUID()}@tiers-lieux`,
          ...this.#fields(input, seriesNumber),
          createdBy: userId,
          updatedBy: userId,
          spaces: { create: input.spaceIds.map((spaceId) => ({ spaceId })) },
          organizers: { create: [{ userId, isCreator: true }, ...coanimators.map((u) => ({ userId: u }))] },
        },
      });
      const created = await findEvent(tx, teamId, row.id);
      if (!created) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(tx, created);
      for (const u of coanimators) {
        ids.push(
          await this.#tellUser(tx, teamId, u, (d) => ({
            text: d.t('event.notice.coanimatorAdded', {
              by: `<@${userId}>`,
              title: escapeMrkdwn(created.title),
              when: eventWhen(created, d),
            }),
          })),
        );
      }
      if (created.endAt.getTime() <= this.#clock.now().getTime()) {
        // A past event, declared for the record: ask for its attendance straight away.
        ids.push(...(await this.#requestAttendance(tx, created, false)));
      }
      // The author is told where it was announced: privately in the channel they typed the
      // command in, or by direct message when they declared it from the App Home.
      const channels = await this.#channelsFor(teamId, created);
      const d = this.display(await this.#members.quickLocale(teamId, userId));
      const text =
        channels.length > 0
          ? d.t('event.notice.created', { title: escapeMrkdwn(created.title), channels: channels.map(channelMention).join(', ') })
          : d.t('event.notice.createdNoChannel', { title: escapeMrkdwn(created.title) });
      ids.push(
        await this.#outbox.enqueue(
          tx,
          originChannel
            ? { teamId, kind: 'ephemeral', channel: originChannel, userId, content: { text } }
            : { teamId, kind: 'post', channel: userId, content: { text } },
        ),
      );
      return { event: created, outboxIds: ids };
    });
    this.#logger.info('event declared', { id: event.id, by: userId });
    return { ok: true, event, outboxIds };
  }

  async update(teamId: string, userId: string, eventId: number, input: EventInput): Promise<SaveResult> {
    const before = await this.get(teamId, eventId);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (!(await this.canManage(teamId, userId, before))) return { ok: false, refusal: 'notAllowed' };
    if (before.status === 'cancelled') return { ok: false, refusal: 'cancelled' };
    const spaceErrors = await this.#checkSpaces(teamId, input);
    if (spaceErrors) return { ok: false, errors: spaceErrors };
    const { event, outboxIds } = await this.#db.$transaction(async (tx) => {
      const seriesNumber = await this.#seriesNumber(tx, teamId, input, eventId);
      const keep = new Set([before.createdBy, ...input.coanimators]);
      await tx.event.update({
        where: { id: eventId },
        data: { ...this.#fields(input, seriesNumber), updatedBy: userId, sequence: { increment: 1 } },
      });
      await tx.eventSpace.deleteMany({ where: { eventId } });
      await tx.eventSpace.createMany({ data: input.spaceIds.map((spaceId) => ({ eventId, spaceId })) });
      await tx.eventOrganizer.deleteMany({ where: { eventId, userId: { notIn: [...keep] } } });
      for (const u of input.coanimators) {
        if (!before.organizers.includes(u)) await tx.eventOrganizer.create({ data: { eventId, userId: u } });
      }
      const updated = await findEvent(tx, teamId, eventId);
      if (!updated) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(tx, updated);
      for (const u of updated.organizers.filter((o) => o !== userId)) {
        const key = before.organizers.includes(u) ? 'event.notice.coanimatorUpdated' : 'event.notice.coanimatorAdded';
        ids.push(
          await this.#tellUser(tx, teamId, u, (d) => ({
            text: d.t(key, { by: `<@${userId}>`, title: escapeMrkdwn(updated.title), when: eventWhen(updated, d) }),
          })),
        );
      }
      return { event: updated, outboxIds: ids };
    });
    this.#logger.info('event updated', { id: eventId, by: userId });
    return { ok: true, event, outboxIds };
  }

  async cancel(teamId: string, userId: string, eventId: number): Promise<SaveResult> {
    const before = await this.get(teamId, eventId);
    if (!before) return { ok: false, refusal: 'notFound' };
    if (!(await this.canManage(teamId, userId, before))) return { ok: false, refusal: 'notAllowed' };
    if (before.status === 'cancelled') return { ok: false, refusal: 'cancelled' };
    const { event, outboxIds } = await this.#db.$transaction(async (tx) => {
      await tx.event.update({
        where: { id: eventId },
        data: { status: 'cancelled', cancelledAt: this.#clock.now(), cancelledBy: userId, updatedBy: userId, sequence: { increment: 1 } },
      });
      const cancelled = await findEvent(tx, teamId, eventId);
      if (!cancelled) throw new Error('event vanished inside its own transaction');
      const ids = await this.#announce(tx, cancelled);
      for (const u of cancelled.organizers.filter((o) => o !== userId)) {
        ids.push(
          await this.#tellUser(tx, teamId, u, (d) => ({
            text: d.t('event.notice.coanimatorCancelled', {
              by: `<@${userId}>`,
              title: escapeMrkdwn(cancelled.title),
              when: eventWhen(cancelled, d),
            }),
          })),
        );
      }
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
    const event = await this.get(teamId, eventId);
    if (!event) return { ok: false, refusal: 'notFound' };
    if (!(await this.canManage(teamId, userId, event))) return { ok: false, refusal: 'notAllowed' };
    const data = { ...input, reportedBy: userId };
    await this.#db.attendance.upsert({ where: { eventId }, create: { eventId, ...data }, update: data });
    this.#logger.info('attendance reported', { id: eventId, by: userId });
    return { ok: true, event: { ...event, attendance: data } };
  }

  /** Upcoming (not finished) events between two instants, optionally for one space. */
  async agenda(teamId: string, from: Date, to: Date, spaceId?: number): Promise<EventDetails[]> {
    return findEvents(this.#db, {
      teamId,
      endAt: { gte: from },
      startAt: { lt: to },
      ...(spaceId ? { spaces: { some: { spaceId } } } : {}),
    });
  }

  /**
   * What `/agenda [semaine | mois | <space>]` asks for: the next 14 days by default, 7 or 31
   * days, or one space (by name or town) for 31 days, with the matching feed address.
   */
  async agendaFor(teamId: string, text: string): Promise<AgendaAnswer> {
    const word = slugify(text.trim());
    const now = this.#clock.now();
    const answer = async (range: AgendaRange, days: number, space?: Space): Promise<AgendaAnswer> => ({
      ok: true,
      range,
      events: await this.agenda(teamId, now, new Date(now.getTime() + days * DAY_MS), space?.id),
      feedUrl: await this.#network.calendarUrls(teamId, space?.slug),
    });
    if (text.trim() === '') return answer({ kind: 'default' }, 14);
    if (word === 'semaine' || word === 'week') return answer({ kind: 'week' }, 7);
    if (word === 'mois' || word === 'month') return answer({ kind: 'month' }, 31);
    const spaces = await this.#network.listSpaces(teamId);
    const space = spaces.find((s) => s.slug === word) ?? spaces.find((s) => s.slug.includes(word) || slugify(s.town) === word);
    if (!space) return { ok: false, spaces: spaces.map((s) => s.name) };
    return answer({ kind: 'space', name: space.name }, 31, space);
  }

  async forOrganizer(
    teamId: string,
    userId: string,
    options: { upcomingFrom?: Date; awaitingAttendanceBefore?: Date },
  ): Promise<EventDetails[]> {
    return findEvents(
      this.#db,
      {
        teamId,
        status: 'scheduled',
        organizers: { some: { userId } },
        ...(options.upcomingFrom ? { endAt: { gte: options.upcomingFrom } } : {}),
        ...(options.awaitingAttendanceBefore ? { endAt: { lt: options.awaitingAttendanceBefore }, attendance: { is: null } } : {}),
      },
      { take: 20, orderBy: options.awaitingAttendanceBefore ? 'desc' : 'asc' },
    );
  }

  /**
   * The `event-followups` plan: the morning after an event ends, its organisers are asked for
   * the attendance; one reminder three days later if still missing, never more.
   */
  async followUpPlan(slot: Date): Promise<JobPlan> {
    const today = startOfLocalDay(slot, this.#config.timeZone);
    const toAsk = await findEvents(this.#db, {
      status: 'scheduled',
      endAt: { lt: today },
      attendance: { is: null },
      attendanceRequestedAt: null,
    });
    const toRemind = await findEvents(this.#db, {
      status: 'scheduled',
      attendance: { is: null },
      attendanceRemindedAt: null,
      attendanceRequestedAt: { lte: new Date(slot.getTime() - REMINDER_AFTER_MS + 3600_000) },
    });
    const step = (event: EventDetails, reminder: boolean): PlanStep => {
      const kind = reminder ? 'reminders' : 'requests';
      return {
        description: `would ${reminder ? 'remind' : 'ask'} ${event.organizers.join(', ')} ${reminder ? 'of' : 'for'} the attendance of #${event.id} ${event.title}`,
        planned: { [kind]: 1 },
        run: async (): Promise<Counts> => {
          await this.#outbox.deliver(await this.#db.$transaction((tx) => this.#requestAttendance(tx, event, reminder)));
          return { [kind]: 1 };
        },
      };
    };
    return {
      steps: [...toAsk.map((e) => step(e, false)), ...toRemind.map((e) => step(e, true))],
      summary: (c) => `${c.requests ?? 0} request(s), ${c.reminders ?? 0} reminder(s)`,
    };
  }
}
