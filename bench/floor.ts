// The weekly digest's figures computed by hand-written SQL, as fast as the database can give
// them: the floor the app's digest is measured against (same run, same database). Written for
// both providers; the one expression that differs is a duration. Not used by the app.
import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import type { Database } from '../src/db/client.ts';

const DAY = 86_400_000;

/** Everything the digest shows for the week before Monday `monday` (an instant), in a few queries. */
export async function digestFloor(database: Database, teamId: string, monday: Date, now: Date): Promise<unknown[]> {
  const p = database.prisma;
  const seconds = (from: string, to: string) =>
    database.provider === 'postgresql'
      ? raw(`EXTRACT(EPOCH FROM (${to} - ${from}))`)
      : raw(`ROUND((julianday(${to}) - julianday(${from})) * 86400.0, 3)`);
  const weekFrom = new Date(monday.getTime() - 7 * DAY);
  const yearStart = new Date(Date.UTC(monday.getUTCFullYear(), 0, 1));
  return Promise.all([
    p.$queryRaw(sql`
      SELECT e."format", COUNT(*), SUM(${seconds('e."startAt"', 'e."endAt"')}), COUNT(a."eventId"),
        SUM(CASE WHEN a."eventId" IS NULL AND e."endAt" < ${now} THEN 1 ELSE 0 END),
        SUM(a."total"), SUM(a."women"), SUM(a."men"), SUM(a."genderUnknown"), SUM(a."jobSeekers"),
        SUM(a."under25"), SUM(a."over54"), SUM(a."firstTime")
      FROM "Event" e LEFT JOIN "Attendance" a ON a."eventId" = e."id"
      WHERE e."teamId" = ${teamId} AND e."status" <> 'cancelled' AND e."startAt" >= ${weekFrom} AND e."startAt" < ${monday}
      GROUP BY e."format"`),
    p.$queryRaw(sql`
      SELECT s."name", COUNT(*) AS n, COUNT(*) OVER ()
      FROM "Event" e JOIN "EventSpace" es ON es."eventId" = e."id" JOIN "Space" s ON s."id" = es."spaceId"
      WHERE e."teamId" = ${teamId} AND e."status" <> 'cancelled' AND e."startAt" >= ${weekFrom} AND e."startAt" < ${monday}
      GROUP BY es."spaceId", s."name" ORDER BY n DESC, s."name" LIMIT 6`),
    p.$queryRaw(sql`
      SELECT
        (SELECT COUNT(*) FROM "HelpRequest" WHERE "teamId" = ${teamId} AND "createdAt" >= ${weekFrom} AND "createdAt" < ${monday}),
        (SELECT COUNT(*) FROM "HelpRequest" WHERE "teamId" = ${teamId} AND "resolvedAt" >= ${weekFrom} AND "resolvedAt" < ${monday}),
        (SELECT COUNT(*) FROM "HelpRequest" WHERE "teamId" = ${teamId} AND "status" <> 'resolved' AND "createdAt" < ${new Date(now.getTime() - 7 * DAY)}),
        (SELECT COUNT(*) FROM "Event" WHERE "teamId" = ${teamId} AND "status" = 'scheduled' AND "startAt" >= ${yearStart} AND "startAt" < ${monday}),
        (SELECT COUNT(*) FROM "Event" WHERE "teamId" = ${teamId} AND "status" = 'scheduled' AND "startAt" >= ${now} AND "startAt" < ${new Date(monday.getTime() + 15 * DAY)}),
        (SELECT COUNT(*) FROM "Event" e WHERE e."teamId" = ${teamId} AND e."status" = 'scheduled' AND e."endAt" >= ${new Date(monday.getTime() - 60 * DAY)} AND e."endAt" < ${monday}
          AND NOT EXISTS (SELECT 1 FROM "Attendance" a WHERE a."eventId" = e."id"))`),
    p.$queryRaw(sql`
      SELECT ${seconds('"createdAt"', '"firstAnswerAt"')} AS s FROM "HelpRequest"
      WHERE "teamId" = ${teamId} AND "createdAt" >= ${weekFrom} AND "createdAt" < ${monday} AND "firstAnswerAt" IS NOT NULL
      ORDER BY 1`),
    // The next ten events and the eight latest without attendance, with their spaces and organisers.
    p.$queryRaw(sql`
      SELECT e."id", e."title", e."startAt", e."endAt", s."name", o."userId"
      FROM (SELECT "id", "title", "startAt", "endAt" FROM "Event"
            WHERE "teamId" = ${teamId} AND "status" = 'scheduled' AND "startAt" >= ${now} AND "startAt" < ${new Date(monday.getTime() + 15 * DAY)}
            ORDER BY "startAt", "id" LIMIT 10) e
        JOIN "EventSpace" es ON es."eventId" = e."id" JOIN "Space" s ON s."id" = es."spaceId"
        LEFT JOIN "EventOrganizer" o ON o."eventId" = e."id"`),
    p.$queryRaw(sql`
      SELECT e."id", e."title", e."startAt", o."userId"
      FROM (SELECT "id", "title", "startAt" FROM "Event" x
            WHERE x."teamId" = ${teamId} AND x."status" = 'scheduled' AND x."endAt" >= ${new Date(monday.getTime() - 60 * DAY)} AND x."endAt" < ${monday}
              AND NOT EXISTS (SELECT 1 FROM "Attendance" a WHERE a."eventId" = x."id")
            ORDER BY x."startAt" DESC, x."id" LIMIT 8) e
        LEFT JOIN "EventOrganizer" o ON o."eventId" = e."id"`),
    p.$queryRaw(sql`
      SELECT c."id", c."userId", c."endDate", c."leadTimeDays", c."decision", m."key"
      FROM "Contract" c LEFT JOIN "ContractMilestone" m ON m."contractId" = c."id"
      WHERE c."teamId" = ${teamId} AND c."endDate" >= ${isoDay(new Date(now.getTime() - 60 * DAY))} AND c."endDate" <= ${isoDay(new Date(now.getTime() + 220 * DAY))}`),
    p.$queryRaw(sql`SELECT * FROM "NetworkSettings" WHERE "teamId" = ${teamId}`),
  ]);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
