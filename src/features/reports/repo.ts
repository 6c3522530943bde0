// The figures of a period, computed by the database: events counted, summed and grouped in SQL,
// never loaded into the process. The SQL is written once for both providers; the one expression
// that differs (a duration between two instants) is chosen by provider.
import { empty, raw, type Sql, sqltag as sql } from '@prisma/client/runtime/client';
import type { Client, Provider } from '../../db/client.ts';
import { oneOf } from '../../vocabulary.ts';
import { type EventDetails, jsonList, organizerOrder, spaceOrder } from '../events/repo.ts';
import {
  ATTENDANCE_COUNTS,
  type AttendanceCount,
  EVENT_AUDIENCES,
  EVENT_FORMATS,
  EVENT_THEMES,
  type EventFormat,
  noAttendance,
} from '../events/vocabulary.ts';
import type { HelpDetails } from '../help/repo.ts';
import { HELP_CATEGORIES, HELP_STATUSES, HELP_URGENCIES } from '../help/vocabulary.ts';

/** What the events file says of a host space. */
export interface ExportedSpace {
  name: string;
  town: string;
}

/** What the events file says of an event. */
export type ExportedEvent = Pick<
  EventDetails,
  'startAt' | 'endAt' | 'format' | 'themes' | 'audiences' | 'title' | 'seriesName' | 'seriesNumber' | 'status' | 'organizers'
> & {
  spaces: ExportedSpace[];
  /** Its attendance report's counts (its note and author are not exported). */
  attendance: (Record<AttendanceCount, number> & { sheetKept: boolean }) | undefined;
};

/** What the help file says of a request. */
export type ExportedRequest = Pick<
  HelpDetails,
  'createdAt' | 'resolvedAt' | 'category' | 'urgency' | 'status' | 'firstAnswerAt' | 'answersCount'
> & {
  /** How many peers took it. */
  helperCount: number;
};

/** Rows an export reads at a time: a few round trips for a year of a national network, little memory. */
export const EXPORT_PAGE = 2000;

/** What the events of a period (possibly in one space) add up to: the attendance counts summed, and these. */
export interface EventTotals extends Record<AttendanceCount, number> {
  events: number;
  /** How many of them of each format (the formats they have only). */
  byFormat: Partial<Record<EventFormat, number>>;
  /** Their durations, summed. */
  seconds: number;
  /** How many have an attendance report. */
  reported: number;
  /** How many ended before `now` without one. */
  missing: number;
}

export interface SpaceEventTotals extends EventTotals {
  spaceId: number;
}

export interface TopSpace {
  spaceId: number;
  name: string;
  events: number;
}

/** Which events and requests count: a period of instants, and possibly one member's own. */
export interface FigureScope {
  teamId: string;
  from: Date;
  to: Date;
  /** Organised by this member (events); asked or helped with by them (help requests). */
  member?: string;
}

/** Counts come back as bigint or numeric strings on some drivers; sums of nothing as null. */
function numberOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = Number(typeof value === 'object' ? String(value) : value);
  return Number.isFinite(n) ? n : 0;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : textOf(value);
}

/** SQLite gives booleans as 0/1. */
function booleanOf(value: unknown): boolean {
  return value === true || value === 1 || value === BigInt(1);
}

function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(textOf(value));
}

function optionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : dateOf(value);
}

type Row = Record<string, unknown>;

/** Separators of the aggregated columns: ASCII's record and unit separators, never typed in a name. */
const RECORD = '\u001e';
const UNIT = '\u001f';

/** An aggregated column back into its records and their fields. */
function split(value: unknown): string[][] {
  if (value === null || value === undefined || value === '') return [];
  return textOf(value)
    .split(RECORD)
    .map((record) => record.split(UNIT));
}

/**
 * The formats counted one by one; events of any other format (none, unless one was written by
 * hand) count as workshops, as they are shown.
 */
const COUNTED_FORMATS = EVENT_FORMATS.filter((f) => f !== 'atelier');

const TOTALS = sql`
  COUNT(*) AS "events",
  SUM(CASE WHEN a."eventId" IS NULL THEN 0 ELSE 1 END) AS "reported",
  ${raw(ATTENDANCE_COUNTS.map((c) => `SUM(a."${c}") AS "${c}"`).join(', '))},
  ${raw(COUNTED_FORMATS.map((f) => `SUM(CASE WHEN e."format" = '${f}' THEN 1 ELSE 0 END) AS "format_${f}"`).join(', '))}`;

/** The attendance counts of a row (sums, or one report's columns). */
function countsOf(row: Row): Record<AttendanceCount, number> {
  const counts = noAttendance();
  for (const c of ATTENDANCE_COUNTS) counts[c] = numberOf(row[c]);
  return counts;
}

function toTotals(row: Row): EventTotals {
  const events = numberOf(row.events);
  const byFormat: Partial<Record<EventFormat, number>> = {};
  let others = 0;
  for (const format of COUNTED_FORMATS) {
    const count = numberOf(row[`format_${format}`]);
    if (count > 0) byFormat[format] = count;
    others += count;
  }
  if (events > others) byFormat.atelier = events - others;
  return {
    ...countsOf(row),
    byFormat,
    events,
    seconds: numberOf(row.seconds),
    reported: numberOf(row.reported),
    missing: numberOf(row.missing),
  };
}

/**
 * `parse`, remembering its answers for the texts that repeat (e.g. the few combinations of an
 * event's themes over a year's events); forgets them all past `max` different texts.
 */
function memoized<T>(parse: (text: string) => T, max = 1000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = parse(text);
      if (known.size >= max) known.clear();
      known.set(text, value);
    }
    return value;
  };
}

/**
 * Pages of a keyset query (`read` the page after a page's last row), read one ahead: the
 * database reads the next page while the caller writes the one it was given. Stops at the
 * first page shorter than `pageSize`.
 */
async function* readAhead(read: (last: Row | undefined) => Promise<Row[]>, pageSize: number): AsyncGenerator<Row[]> {
  let pending = read(undefined);
  for (;;) {
    const rows = await pending;
    const last = rows.at(-1);
    if (!last) return;
    const full = rows.length >= pageSize;
    if (full) {
      pending = read(last);
      // Should the caller stop before it: its failure is not left unhandled.
      pending.catch(() => undefined);
    }
    yield rows;
    if (!full) return;
  }
}

export class ReportRepository {
  readonly #db: Client;
  readonly #provider: Provider;

  constructor(db: Client, provider: Provider) {
    this.#db = db;
    this.#provider = provider;
  }

  /** Seconds from one instant column to another, as the provider computes it. */
  #seconds(from: string, to: string): Sql {
    return this.#provider === 'postgresql'
      ? raw(`EXTRACT(EPOCH FROM (${to} - ${from}))`)
      : raw(`ROUND((julianday(${to}) - julianday(${from})) * 86400.0, 3)`);
  }

  /** The values of a subquery joined into one text (RECORD-separated), as the provider spells it. */
  #joined(value: Sql): Sql {
    return this.#provider === 'postgresql' ? sql`string_agg(${value}, '${raw(RECORD)}')` : sql`group_concat(${value}, '${raw(RECORD)}')`;
  }

  /** The events of the scope: not cancelled, started in [from, to). */
  #eventsWhere(scope: FigureScope): Sql {
    const mine = scope.member
      ? sql`AND EXISTS (SELECT 1 FROM "EventOrganizer" o WHERE o."eventId" = e."id" AND o."userId" = ${scope.member})`
      : empty;
    return sql`e."teamId" = ${scope.teamId} AND e."status" <> 'cancelled' AND e."startAt" >= ${scope.from} AND e."startAt" < ${scope.to} ${mine}`;
  }

  #missing(now: Date): Sql {
    return sql`SUM(CASE WHEN a."eventId" IS NULL AND e."endAt" < ${now} THEN 1 ELSE 0 END) AS "missing"`;
  }

  /** The events of the scope, totalled. */
  async eventTotals(scope: FigureScope, now: Date): Promise<EventTotals> {
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT ${TOTALS}, ${this.#missing(now)}, SUM(${this.#seconds('e."startAt"', 'e."endAt"')}) AS "seconds"
      FROM "Event" e LEFT JOIN "Attendance" a ON a."eventId" = e."id"
      WHERE ${this.#eventsWhere(scope)}`);
    return toTotals(rows[0] ?? {});
  }

  /**
   * The network's events of the period, totalled by host space (a shared event counts in each
   * of its spaces): one row per space that hosted any.
   */
  async spaceTotals(scope: FigureScope, now: Date): Promise<SpaceEventTotals[]> {
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT es."spaceId" AS "spaceId", ${TOTALS}, ${this.#missing(now)},
        SUM(${this.#seconds('e."startAt"', 'e."endAt"')}) AS "seconds"
      FROM "Event" e
        JOIN "EventSpace" es ON es."eventId" = e."id"
        LEFT JOIN "Attendance" a ON a."eventId" = e."id"
      WHERE ${this.#eventsWhere(scope)}
      GROUP BY es."spaceId"`);
    return rows.map((row) => ({ ...toTotals(row), spaceId: numberOf(row.spaceId) }));
  }

  /** The `limit` spaces that hosted the most events of the period, and how many spaces hosted any. */
  async topSpaces(scope: FigureScope, limit: number): Promise<{ items: TopSpace[]; total: number }> {
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT es."spaceId" AS "spaceId", s."name" AS "name", COUNT(*) AS "events", COUNT(*) OVER () AS "spaces"
      FROM "Event" e
        JOIN "EventSpace" es ON es."eventId" = e."id"
        JOIN "Space" s ON s."id" = es."spaceId"
      WHERE ${this.#eventsWhere(scope)}
      GROUP BY es."spaceId", s."name"
      ORDER BY COUNT(*) DESC, s."name" ASC
      LIMIT ${limit}`);
    return {
      items: rows.map((r) => ({ spaceId: numberOf(r.spaceId), name: textOf(r.name), events: numberOf(r.events) })),
      total: numberOf(rows[0]?.spaces),
    };
  }

  /** Help requests of the scope opened in the period, and those resolved in it. */
  async helpCounts(scope: FigureScope): Promise<{ opened: number; resolved: number }> {
    const { teamId, from, to, member } = scope;
    const theirs = member ? { OR: [{ requesterId: member }, { helpers: { some: { userId: member } } }] } : {};
    const [opened, resolved] = await Promise.all([
      this.#db.helpRequest.count({ where: { teamId, createdAt: { gte: from, lt: to }, ...theirs } }),
      this.#db.helpRequest.count({ where: { teamId, resolvedAt: { gte: from, lt: to }, ...theirs } }),
    ]);
    return { opened, resolved };
  }

  /**
   * Events of the period over by `now` and not cancelled that lack their evidence: no
   * attendance report, or no attendance sheet kept; a page at a time.
   */
  async *eventsLackingEvidence(
    scope: FigureScope,
    now: Date,
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<{ id: number; title: string; startAt: Date; reported: boolean }[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.#db.event.findMany({
        where: {
          teamId: scope.teamId,
          status: { not: 'cancelled' },
          startAt: { gte: scope.from, lt: scope.to },
          endAt: { lte: now },
          id: { gt: afterId },
          OR: [{ attendance: { is: null } }, { attendance: { is: { sheetKept: false } } }],
        },
        select: { id: true, title: true, startAt: true, attendance: { select: { eventId: true } } },
        orderBy: { id: 'asc' },
        take: pageSize,
      });
      const last = rows.at(-1);
      if (!last) return;
      yield rows.map((r) => ({ id: r.id, title: r.title, startAt: r.startAt, reported: r.attendance !== null }));
      afterId = last.id;
    }
  }

  /**
   * The events started in the period (cancelled ones too), by start, `EXPORT_PAGE` at a time:
   * plain SQL on both providers, only the columns the events file shows, pages taken after the
   * last row read (no offset to skip over). `spaces`: the workspace's spaces by id, archived
   * ones included.
   */
  async *exportedEvents(
    scope: FigureScope,
    spaces: ReadonlyMap<number, ExportedSpace>,
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<ExportedEvent[]> {
    const mine = scope.member
      ? sql`AND EXISTS (SELECT 1 FROM "EventOrganizer" m WHERE m."eventId" = e."id" AND m."userId" = ${scope.member})`
      : empty;
    // Each event gives its spaces' ids (not their names again and again), named from `spaces`;
    // themes and audiences, whose few combinations repeat, are parsed once each.
    const themesOf = memoized((list: string) => jsonList(list, EVENT_THEMES));
    const audiencesOf = memoized((list: string) => jsonList(list, EVENT_AUDIENCES));
    const page = (last: Row | undefined) => {
      // `startAt >= last` bounds the index range: each page reads from where the last one ended
      // (the OR alone is a filter, which would make each page scan the period from its start).
      const after = last
        ? sql`AND e."startAt" >= ${dateOf(last.startAt)} AND (e."startAt" > ${dateOf(last.startAt)} OR (e."startAt" = ${dateOf(last.startAt)} AND e."id" > ${numberOf(last.id)}))`
        : empty;
      const where = sql`e."teamId" = ${scope.teamId} AND e."startAt" >= ${scope.from} AND e."startAt" < ${scope.to} ${after} ${mine}`;
      // Each event's spaces and organisers come aggregated in one column: one query per page.
      return this.#db.$queryRaw<Row[]>(sql`
        SELECT e."id", e."startAt", e."endAt", e."format", e."themes", e."audiences", e."title", e."seriesName", e."seriesNumber",
          e."status", a."eventId" AS "reported", ${raw(ATTENDANCE_COUNTS.map((c) => `a."${c}"`).join(', '))},
          a."sheetKept",
          (SELECT ${this.#joined(raw('CAST(es."spaceId" AS TEXT)'))} FROM "EventSpace" es WHERE es."eventId" = e."id") AS "spaces",
          (SELECT ${this.#joined(raw(`o."userId" || '${UNIT}' || CASE WHEN o."isCreator" THEN '1' ELSE '0' END`))} FROM "EventOrganizer" o
            WHERE o."eventId" = e."id") AS "organizers"
        FROM "Event" e LEFT JOIN "Attendance" a ON a."eventId" = e."id"
        WHERE ${where} ORDER BY e."startAt", e."id" LIMIT ${pageSize}`);
    };
    for await (const rows of readAhead(page, pageSize)) {
      yield rows.map((r) => ({
        startAt: dateOf(r.startAt),
        endAt: dateOf(r.endAt),
        format: oneOf(EVENT_FORMATS, textOf(r.format), 'atelier'),
        themes: themesOf(textOf(r.themes)),
        audiences: audiencesOf(textOf(r.audiences)),
        title: textOf(r.title),
        seriesName: optionalText(r.seriesName),
        seriesNumber: r.seriesNumber === null || r.seriesNumber === undefined ? undefined : numberOf(r.seriesNumber),
        status: r.status === 'cancelled' ? 'cancelled' : 'scheduled',
        attendance: r.reported === null || r.reported === undefined ? undefined : { ...countsOf(r), sheetKept: booleanOf(r.sheetKept) },
        spaces: split(r.spaces)
          .flatMap(([id]) => spaces.get(Number(id)) ?? [])
          .sort(spaceOrder),
        organizers: split(r.organizers)
          .map(([userId = '', creator]) => ({ userId, isCreator: creator === '1' }))
          .sort(organizerOrder)
          .map((o) => o.userId),
      }));
    }
  }

  /** The help requests opened in the period, by date, `EXPORT_PAGE` at a time, as the help file shows them. */
  async *exportedRequests(scope: FigureScope, pageSize = EXPORT_PAGE): AsyncGenerator<ExportedRequest[]> {
    const theirs = scope.member
      ? sql`AND (r."requesterId" = ${scope.member} OR EXISTS (SELECT 1 FROM "HelpHelper" m WHERE m."requestId" = r."id" AND m."userId" = ${scope.member}))`
      : empty;
    const page = (last: Row | undefined) => {
      const after = last
        ? sql`AND r."createdAt" >= ${dateOf(last.createdAt)} AND (r."createdAt" > ${dateOf(last.createdAt)} OR (r."createdAt" = ${dateOf(last.createdAt)} AND r."id" > ${numberOf(last.id)}))`
        : empty;
      return this.#db.$queryRaw<Row[]>(sql`
        SELECT r."id", r."createdAt", r."resolvedAt", r."category", r."urgency", r."status", r."firstAnswerAt", r."answersCount",
          (SELECT COUNT(*) FROM "HelpHelper" h WHERE h."requestId" = r."id") AS "helpers"
        FROM "HelpRequest" r
        WHERE r."teamId" = ${scope.teamId} AND r."createdAt" >= ${scope.from} AND r."createdAt" < ${scope.to} ${after} ${theirs}
        ORDER BY r."createdAt", r."id" LIMIT ${pageSize}`);
    };
    for await (const rows of readAhead(page, pageSize)) {
      yield rows.map((r) => ({
        createdAt: dateOf(r.createdAt),
        resolvedAt: optionalDate(r.resolvedAt),
        category: oneOf(HELP_CATEGORIES, textOf(r.category), 'autre'),
        urgency: oneOf(HELP_URGENCIES, textOf(r.urgency), 'week'),
        status: oneOf(HELP_STATUSES, textOf(r.status), 'open'),
        firstAnswerAt: optionalDate(r.firstAnswerAt),
        answersCount: numberOf(r.answersCount),
        helperCount: numberOf(r.helpers),
      }));
    }
  }

  /** The median time, in seconds, from a request opened in the period to its first answer. */
  async medianFirstAnswerSeconds(scope: FigureScope): Promise<number | undefined> {
    const { teamId, from, to, member } = scope;
    const theirs = member ? { OR: [{ requesterId: member }, { helpers: { some: { userId: member } } }] } : {};
    const answered = await this.#db.helpRequest.count({
      where: { teamId, createdAt: { gte: from, lt: to }, firstAnswerAt: { not: null }, ...theirs },
    });
    if (answered === 0) return undefined;
    const mine = member
      ? sql`AND (r."requesterId" = ${member} OR EXISTS (SELECT 1 FROM "HelpHelper" h WHERE h."requestId" = r."id" AND h."userId" = ${member}))`
      : empty;
    // The middle one (odd count) or the two middle ones (even count), ordered by the database.
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT ${this.#seconds('r."createdAt"', 'r."firstAnswerAt"')} AS "seconds"
      FROM "HelpRequest" r
      WHERE r."teamId" = ${teamId} AND r."createdAt" >= ${from} AND r."createdAt" < ${to} AND r."firstAnswerAt" IS NOT NULL ${mine}
      ORDER BY 1
      LIMIT ${answered % 2 === 1 ? 1 : 2} OFFSET ${Math.floor((answered - 1) / 2)}`);
    const middle = rows.map((r) => numberOf(r.seconds));
    return middle.length === 0 ? undefined : middle.reduce((a, b) => a + b, 0) / middle.length;
  }
}
