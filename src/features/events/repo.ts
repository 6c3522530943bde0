// Reading events as plain objects.

import { type Client, type Db, PAGE_SIZE, readInPages } from '../../db/client.ts';
import { isOneOf, oneOf } from '../../vocabulary.ts';
import { MAX_DURATION_MS } from './form.ts';
import {
  EVENT_AUDIENCES,
  EVENT_FORMATS,
  EVENT_THEMES,
  type EventAudience,
  type EventFormat,
  type EventTheme,
  type LocationKind,
} from './vocabulary.ts';

export interface AttendanceReport {
  total: number;
  women: number;
  men: number;
  genderUnknown: number;
  jobSeekers: number;
  under25: number;
  over54: number;
  firstTime: number;
  sheetKept: boolean;
  note: string;
  reportedBy: string;
}

export interface EventDetails {
  id: number;
  teamId: string;
  uid: string;
  title: string;
  format: EventFormat;
  themes: EventTheme[];
  audiences: EventAudience[];
  startAt: Date;
  endAt: Date;
  locationKind: LocationKind;
  address: string | undefined;
  onlineUrl: string | undefined;
  expectedAttendance: number | undefined;
  registrationUrl: string | undefined;
  description: string;
  seriesName: string | undefined;
  seriesNumber: number | undefined;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  createdBy: string;
  updatedAt: Date;
  createdAt: Date;
  spaces: { id: number; name: string; slug: string; town: string; channelId: string | undefined }[];
  organizers: string[];
  attendance: AttendanceReport | undefined;
  attendanceRequestedAt: Date | undefined;
  attendanceRemindedAt: Date | undefined;
}

export const eventInclude = {
  spaces: { include: { space: true } },
  organizers: true,
  attendance: true,
} as const;

type EventRow = NonNullable<Awaited<ReturnType<Db['event']['findFirst']>>> & {
  spaces: { space: { id: number; name: string; slug: string; town: string; channelId: string | null } }[];
  organizers: { userId: string; isCreator: boolean }[];
  attendance: (AttendanceReport & { note: string }) | null;
};

export function jsonList<T extends string>(raw: string, allowed: readonly T[]): T[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((v): v is T => typeof v === 'string' && isOneOf(allowed, v)) : [];
  } catch {
    return [];
  }
}

/** Organisers as they are listed: the creator first, then by user id. */
export function organizerOrder(a: { userId: string; isCreator: boolean }, b: { userId: string; isCreator: boolean }): number {
  return Number(b.isCreator) - Number(a.isCreator) || a.userId.localeCompare(b.userId);
}

/** Host spaces as they are listed: by name. */
export function spaceOrder(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

export function toDetails(row: EventRow): EventDetails {
  const organizers = [...row.organizers].sort(organizerOrder);
  return {
    id: row.id,
    teamId: row.teamId,
    uid: row.uid,
    title: row.title,
    format: isOneOf(EVENT_FORMATS, row.format) ? row.format : 'atelier',
    themes: jsonList(row.themes, EVENT_THEMES),
    audiences: jsonList(row.audiences, EVENT_AUDIENCES),
    startAt: row.startAt,
    endAt: row.endAt,
    locationKind: row.locationKind === 'elsewhere' || row.locationKind === 'online' ? row.locationKind : 'space',
    address: row.address ?? undefined,
    onlineUrl: row.onlineUrl ?? undefined,
    expectedAttendance: row.expectedAttendance ?? undefined,
    registrationUrl: row.registrationUrl ?? undefined,
    description: row.description,
    seriesName: row.seriesName ?? undefined,
    seriesNumber: row.seriesNumber ?? undefined,
    status: row.status === 'cancelled' ? 'cancelled' : 'scheduled',
    sequence: row.sequence,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    spaces: row.spaces
      .map((s) => ({
        id: s.space.id,
        name: s.space.name,
        slug: s.space.slug,
        town: s.space.town,
        channelId: s.space.channelId ?? undefined,
      }))
      .sort(spaceOrder),
    organizers: organizers.map((o) => o.userId),
    attendance: row.attendance
      ? {
          total: row.attendance.total,
          women: row.attendance.women,
          men: row.attendance.men,
          genderUnknown: row.attendance.genderUnknown,
          jobSeekers: row.attendance.jobSeekers,
          under25: row.attendance.under25,
          over54: row.attendance.over54,
          firstTime: row.attendance.firstTime,
          sheetKept: row.attendance.sheetKept,
          note: row.attendance.note,
          reportedBy: row.attendance.reportedBy,
        }
      : undefined,
    attendanceRequestedAt: row.attendanceRequestedAt ?? undefined,
    attendanceRemindedAt: row.attendanceRemindedAt ?? undefined,
  };
}

type EventWhere = NonNullable<Parameters<Db['event']['findMany']>[0]>['where'];

/** The stored fields of an event, as a service writes them. */
export type EventFields = Pick<
  EventDetails,
  | 'title'
  | 'format'
  | 'themes'
  | 'audiences'
  | 'startAt'
  | 'endAt'
  | 'locationKind'
  | 'address'
  | 'onlineUrl'
  | 'expectedAttendance'
  | 'registrationUrl'
  | 'description'
  | 'seriesName'
  | 'seriesNumber'
>;

export type AttendanceData = AttendanceReport;

function columns(f: EventFields) {
  return {
    title: f.title,
    format: f.format,
    themes: JSON.stringify(f.themes),
    audiences: JSON.stringify(f.audiences),
    startAt: f.startAt,
    endAt: f.endAt,
    locationKind: f.locationKind,
    address: f.address ?? null,
    onlineUrl: f.onlineUrl ?? null,
    expectedAttendance: f.expectedAttendance ?? null,
    registrationUrl: f.registrationUrl ?? null,
    description: f.description,
    seriesName: f.seriesName ?? null,
    seriesNumber: f.seriesNumber ?? null,
  };
}

/** Events and their spaces, organisers, announcements and attendance. */
export class EventRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async #many(where: EventWhere, options: { take?: number; orderBy?: 'asc' | 'desc' } = {}): Promise<EventDetails[]> {
    const order = options.orderBy ?? 'asc';
    const rows = await readInPages(
      (start, take) =>
        this.#db.event.findMany({ where, include: eventInclude, orderBy: [{ startAt: order }, { id: 'asc' }], take, ...start }),
      options.take,
    );
    return rows.map(toDetails);
  }

  async find(teamId: string, id: number): Promise<EventDetails | undefined> {
    const row = await this.#db.event.findFirst({ where: { teamId, id }, include: eventInclude });
    return row ? toDetails(row) : undefined;
  }

  /** The series of the network, most used first, with the number their next event takes. */
  async series(teamId: string): Promise<{ name: string; next: number }[]> {
    const rows = await this.#db.event.groupBy({
      by: ['seriesName'],
      where: { teamId, seriesName: { not: null } },
      _max: { seriesNumber: true },
      _count: { _all: true },
    });
    return rows
      .filter((s) => s.seriesName)
      .map((s) => ({ name: s.seriesName ?? '', next: (s._max.seriesNumber ?? 0) + 1, count: s._count._all }))
      .sort((a, b) => b.count - a.count)
      .map(({ name, next }) => ({ name, next }));
  }

  /**
   * The space a member usually works in, to preselect in their declarations: the host space of
   * their latest contract, else the first space of the last event they declared.
   */
  async usualSpaceOf(teamId: string, userId: string): Promise<number | undefined> {
    const contract = await this.#db.contract.findFirst({
      where: { teamId, userId, spaceId: { not: null } },
      orderBy: { startDate: 'desc' },
      select: { spaceId: true },
    });
    if (contract?.spaceId) return contract.spaceId;
    const declared = await this.#db.eventOrganizer.findFirst({
      where: { userId, isCreator: true, event: { teamId } },
      orderBy: { eventId: 'desc' },
      select: { event: { select: { spaces: { select: { spaceId: true }, orderBy: { spaceId: 'asc' }, take: 1 } } } },
    });
    return declared?.event.spaces[0]?.spaceId;
  }

  /** The number the next event of a series takes (an event being edited left out). */
  async nextSeriesNumber(teamId: string, seriesName: string, excludeId?: number): Promise<number> {
    const last = await this.#db.event.aggregate({
      where: { teamId, seriesName, ...(excludeId ? { NOT: { id: excludeId } } : {}) },
      _max: { seriesNumber: true },
    });
    return (last._max.seriesNumber ?? 0) + 1;
  }

  async create(teamId: string, uid: string, fields: EventFields, by: string, spaceIds: number[], coanimators: string[]): Promise<number> {
    const row = await this.#db.event.create({
      data: {
        teamId,
        uid,
        ...columns(fields),
        createdBy: by,
        updatedBy: by,
        spaces: { create: spaceIds.map((spaceId) => ({ spaceId })) },
        organizers: { create: [{ userId: by, isCreator: true }, ...coanimators.map((u) => ({ userId: u }))] },
      },
    });
    return row.id;
  }

  /** New fields, spaces and organisers (the creator always stays); the calendar sequence moves on. */
  async update(
    eventId: number,
    fields: EventFields,
    by: string,
    spaceIds: number[],
    organizers: { keep: string[]; add: string[] },
  ): Promise<void> {
    await this.#db.event.update({ where: { id: eventId }, data: { ...columns(fields), updatedBy: by, sequence: { increment: 1 } } });
    await this.#db.eventSpace.deleteMany({ where: { eventId } });
    await this.#db.eventSpace.createMany({ data: spaceIds.map((spaceId) => ({ eventId, spaceId })) });
    await this.#db.eventOrganizer.deleteMany({ where: { eventId, userId: { notIn: organizers.keep } } });
    for (const userId of organizers.add) await this.#db.eventOrganizer.create({ data: { eventId, userId } });
  }

  async cancel(eventId: number, by: string, at: Date): Promise<void> {
    await this.#db.event.update({
      where: { id: eventId },
      data: { status: 'cancelled', cancelledAt: at, cancelledBy: by, updatedBy: by, sequence: { increment: 1 } },
    });
  }

  async markAttendanceAsked(eventId: number, reminder: boolean, at: Date): Promise<void> {
    await this.#db.event.update({ where: { id: eventId }, data: reminder ? { attendanceRemindedAt: at } : { attendanceRequestedAt: at } });
  }

  async saveAttendance(eventId: number, data: AttendanceData): Promise<void> {
    await this.#db.attendance.upsert({ where: { eventId }, create: { eventId, ...data }, update: data });
  }

  /** Where an event is announced: one outbox post per channel. */
  async announcements(eventId: number): Promise<{ channel: string; outboxId: number }[]> {
    return this.#db.eventAnnouncement.findMany({ where: { eventId }, select: { channel: true, outboxId: true } });
  }

  async addAnnouncement(eventId: number, channel: string, outboxId: number): Promise<void> {
    await this.#db.eventAnnouncement.create({ data: { eventId, channel, outboxId } });
  }

  /** Events not finished at `from` and starting before `to`, optionally in one space. */
  async between(teamId: string, from: Date, to: Date, limit: number, spaceId?: number): Promise<{ items: EventDetails[]; total: number }> {
    // An event lasts at most MAX_DURATION_MS: those still going on at `from` started after this.
    const where = {
      teamId,
      startAt: { gte: new Date(from.getTime() - MAX_DURATION_MS), lt: to },
      endAt: { gte: from },
      ...(spaceId ? { spaces: { some: { spaceId } } } : {}),
    };
    const [items, total] = await Promise.all([this.#many(where, { take: limit }), this.#db.event.count({ where })]);
    return { items, total };
  }

  /**
   * Every event ending after `since` (a calendar feed), optionally in one space, by start, a
   * page at a time (after the last one read): a national network's feed never sits in memory.
   */
  async *endingAfterPages(teamId: string, since: Date, spaceId?: number): AsyncGenerator<EventDetails[]> {
    const where = { teamId, endAt: { gte: since }, ...(spaceId ? { spaces: { some: { spaceId } } } : {}) };
    let last: { startAt: Date; id: number } | undefined;
    for (;;) {
      // `startAt >= last` bounds the index range (the OR alone is a filter, not a starting point).
      const after = last
        ? { startAt: { gte: last.startAt }, OR: [{ startAt: { gt: last.startAt } }, { startAt: last.startAt, id: { gt: last.id } }] }
        : {};
      const rows = await this.#db.event.findMany({
        where: { AND: [where, after] },
        include: eventInclude,
        orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
        take: PAGE_SIZE,
      });
      if (rows.length > 0) yield rows.map(toDetails);
      const end = rows.at(-1);
      if (rows.length < PAGE_SIZE || !end) return;
      last = { startAt: end.startAt, id: end.id };
    }
  }

  /** A member's scheduled events still to come, soonest first. */
  async upcomingOf(teamId: string, userId: string, from: Date, take: number): Promise<EventDetails[]> {
    const event = { teamId, status: 'scheduled', endAt: { gte: from } };
    return this.#many({ id: { in: await this.#organizedBy(userId, event, 'asc', take) } }, { take });
  }

  /** A member's past events still without an attendance report, latest first. */
  async awaitingAttendanceOf(teamId: string, userId: string, before: Date, take: number): Promise<EventDetails[]> {
    const event = { teamId, status: 'scheduled', endAt: { lt: before }, attendance: { is: null } };
    return this.#many({ id: { in: await this.#organizedBy(userId, event, 'desc', take) } }, { take, orderBy: 'desc' });
  }

  /**
   * The ids of the first `take` events a member organises that match `event`: read from the
   * member's side (their organiser rows, indexed by user), whatever the size of the network.
   */
  async #organizedBy(userId: string, event: EventWhere, order: 'asc' | 'desc', take: number): Promise<number[]> {
    const rows = await this.#db.eventOrganizer.findMany({
      where: { userId, event: { is: event } },
      orderBy: [{ event: { startAt: order } }, { eventId: 'asc' }],
      take,
      select: { eventId: true },
    });
    return rows.map((r) => r.eventId);
  }

  /** Events ended in [from, to) whose organisers were never asked for the attendance. */
  async attendanceToAsk(teamId: string, from: Date, to: Date): Promise<EventDetails[]> {
    return this.#many({ teamId, status: 'scheduled', endAt: { gte: from, lt: to }, attendance: { is: null }, attendanceRequestedAt: null });
  }

  /** Events asked for their attendance in [from, to], still without it, never reminded. */
  async attendanceToRemind(teamId: string, from: Date, to: Date): Promise<EventDetails[]> {
    return this.#many({
      teamId,
      status: 'scheduled',
      attendance: { is: null },
      attendanceRemindedAt: null,
      attendanceRequestedAt: { gte: from, lte: to },
    });
  }

  /** Scheduled events starting in [from, to), soonest first (the first `limit` when given). */
  async scheduledStarting(teamId: string, from: Date, to: Date, limit?: number): Promise<EventDetails[]> {
    return this.#many({ teamId, status: 'scheduled', startAt: { gte: from, lt: to } }, limit ? { take: limit } : {});
  }

  /** Scheduled events ended in [from, to) without an attendance report, latest first (the first `limit`), and how many. */
  async missingAttendance(teamId: string, from: Date, to: Date, limit: number): Promise<{ items: EventDetails[]; total: number }> {
    const where = { teamId, status: 'scheduled', endAt: { gte: from, lt: to }, attendance: { is: null } };
    const [items, total] = await Promise.all([this.#many(where, { orderBy: 'desc', take: limit }), this.#db.event.count({ where })]);
    return { items, total };
  }

  /** Scheduled events starting in [from, to), counted by format by the database. */
  async countByFormat(teamId: string, from: Date, to: Date): Promise<Map<EventFormat, number>> {
    const rows = await this.#db.event.groupBy({
      by: ['format'],
      where: { teamId, status: 'scheduled', startAt: { gte: from, lt: to } },
      _count: { _all: true },
    });
    const counts = new Map<EventFormat, number>();
    for (const r of rows) {
      const format = oneOf(EVENT_FORMATS, r.format, 'atelier');
      counts.set(format, (counts.get(format) ?? 0) + r._count._all);
    }
    return counts;
  }

  async countScheduledStarting(teamId: string, from: Date, to: Date): Promise<number> {
    return this.#db.event.count({ where: { teamId, status: 'scheduled', startAt: { gte: from, lt: to } } });
  }
}
