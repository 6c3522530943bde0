import type { Db, Tx } from '../../db/client.ts';
import { HELP_CATEGORIES, HELP_STATUSES, HELP_URGENCIES, type HelpCategory, type HelpStatus, type HelpUrgency } from './vocabulary.ts';

export interface HelpDetails {
  id: number;
  teamId: string;
  requesterId: string;
  question: string;
  details: string;
  category: HelpCategory;
  urgency: HelpUrgency;
  skillsWanted: string[];
  status: HelpStatus;
  channelId: string;
  outboxId: number | undefined;
  answersCount: number;
  firstAnswerAt: Date | undefined;
  lastActivityAt: Date;
  resolvedAt: Date | undefined;
  resolvedBy: string | undefined;
  nudgedPeersAt: Date | undefined;
  nudgedCoordinatorsAt: Date | undefined;
  staleAskedAt: Date | undefined;
  createdAt: Date;
  helpers: string[];
  answerers: string[];
}

const include = { helpers: { orderBy: { takenAt: 'asc' } }, answers: { select: { userId: true } } } as const;

type Row = NonNullable<Awaited<ReturnType<Db['helpRequest']['findFirst']>>> & {
  helpers: { userId: string }[];
  answers: { userId: string }[];
};

function oneOf<T extends string>(list: readonly T[], value: string, fallback: T): T {
  return (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function labels(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function toHelp(row: Row): HelpDetails {
  return {
    id: row.id,
    teamId: row.teamId,
    requesterId: row.requesterId,
    question: row.question,
    details: row.details,
    category: oneOf(HELP_CATEGORIES, row.category, 'autre'),
    urgency: oneOf(HELP_URGENCIES, row.urgency, 'week'),
    skillsWanted: labels(row.skillsWanted),
    status: oneOf(HELP_STATUSES, row.status, 'open'),
    channelId: row.channelId,
    outboxId: row.outboxId ?? undefined,
    answersCount: row.answersCount,
    firstAnswerAt: row.firstAnswerAt ?? undefined,
    lastActivityAt: row.lastActivityAt,
    resolvedAt: row.resolvedAt ?? undefined,
    resolvedBy: row.resolvedBy ?? undefined,
    nudgedPeersAt: row.nudgedPeersAt ?? undefined,
    nudgedCoordinatorsAt: row.nudgedCoordinatorsAt ?? undefined,
    staleAskedAt: row.staleAskedAt ?? undefined,
    createdAt: row.createdAt,
    helpers: row.helpers.map((h) => h.userId),
    answerers: [...new Set(row.answers.map((a) => a.userId))],
  };
}

export async function findHelp(db: Db | Tx, teamId: string, id: number): Promise<HelpDetails | undefined> {
  const row = await db.helpRequest.findFirst({ where: { teamId, id }, include });
  return row ? toHelp(row) : undefined;
}

export async function findHelps(
  db: Db,
  where: NonNullable<Parameters<Db['helpRequest']['findMany']>[0]>['where'],
  take = 200,
): Promise<HelpDetails[]> {
  const rows = await db.helpRequest.findMany({ where, include, orderBy: { createdAt: 'asc' }, take });
  return rows.map(toHelp);
}
