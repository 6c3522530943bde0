// The figures of a period, computed by the database: events counted, summed and grouped in SQL,
// never loaded into the process. The SQL is written once for both providers; the one expression
// that differs (a duration between two instants) is chosen by provider.
import { empty, raw, type Sql, sqltag as sql } from '@prisma/client/runtime/client';
import type { Client, Provider } from '../../db/client.ts';
import { oneOf } from '../../vocabulary.ts';
import { EVENT_FORMATS, type EventFormat } from '../events/vocabulary.ts';

/** What a group of events (one format, possibly in one space) adds up to. */
export interface EventTotals {
  format: EventFormat;
  events: number;
  /** Their durations, summed. */
  seconds: number;
  /** How many have an attendance report. */
  reported: number;
  /** How many ended before `now` without one. */
  missing: number;
  total: number;
  women: number;
  men: number;
  genderUnknown: number;
  jobSeekers: number;
  under25: number;
  over54: number;
  firstTime: number;
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

const TOTALS = sql`
  COUNT(*) AS "events",
  SUM(CASE WHEN a."eventId" IS NULL THEN 0 ELSE 1 END) AS "reported",
  SUM(a."total") AS "total",
  SUM(a."women") AS "women",
  SUM(a."men") AS "men",
  SUM(a."genderUnknown") AS "genderUnknown",
  SUM(a."jobSeekers") AS "jobSeekers",
  SUM(a."under25") AS "under25",
  SUM(a."over54") AS "over54",
  SUM(a."firstTime") AS "firstTime"`;

function toTotals(row: Record<string, unknown>): EventTotals {
  return {
    format: oneOf(EVENT_FORMATS, textOf(row.format), 'atelier'),
    events: numberOf(row.events),
    seconds: numberOf(row.seconds),
    reported: numberOf(row.reported),
    missing: numberOf(row.missing),
    total: numberOf(row.total),
    women: numberOf(row.women),
    men: numberOf(row.men),
    genderUnknown: numberOf(row.genderUnknown),
    jobSeekers: numberOf(row.jobSeekers),
    under25: numberOf(row.under25),
    over54: numberOf(row.over54),
    firstTime: numberOf(row.firstTime),
  };
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

  /** The events of the scope, totalled by format. */
  async eventTotals(scope: FigureScope, now: Date): Promise<EventTotals[]> {
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT e."format" AS "format", ${TOTALS}, ${this.#missing(now)},
        SUM(${this.#seconds('e."startAt"', 'e."endAt"')}) AS "seconds"
      FROM "Event" e LEFT JOIN "Attendance" a ON a."eventId" = e."id"
      WHERE ${this.#eventsWhere(scope)}
      GROUP BY e."format"`);
    return rows.map(toTotals);
  }

  /** The network's events of the period, totalled by host space and format (a shared event counts in each of its spaces). */
  async spaceTotals(scope: FigureScope, now: Date): Promise<SpaceEventTotals[]> {
    const rows = await this.#db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT es."spaceId" AS "spaceId", e."format" AS "format", ${TOTALS}, ${this.#missing(now)},
        SUM(${this.#seconds('e."startAt"', 'e."endAt"')}) AS "seconds"
      FROM "Event" e
        JOIN "EventSpace" es ON es."eventId" = e."id"
        LEFT JOIN "Attendance" a ON a."eventId" = e."id"
      WHERE ${this.#eventsWhere(scope)}
      GROUP BY es."spaceId", e."format"`);
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
