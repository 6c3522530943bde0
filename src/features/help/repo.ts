import { type Client, type Db, readByIdLists, readInPages } from '../../db/client.ts';
import { oneOf } from '../../vocabulary.ts';
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

type HelpWhere = NonNullable<Parameters<Db['helpRequest']['findMany']>[0]>['where'];
const ACTIVE = { status: { not: 'resolved' } } as const;

/** A request as asked, at `at`. */
export type NewHelpRequest = Pick<
  HelpDetails,
  'requesterId' | 'question' | 'details' | 'category' | 'urgency' | 'skillsWanted' | 'channelId'
> & { at: Date };

export type NudgeMark = 'nudgedPeersAt' | 'nudgedCoordinatorsAt' | 'staleAskedAt';

/** Help requests, their helpers and their answers in threads. */
export class HelpRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Requests oldest first, all of them unless `limit` says how many are shown. */
  async #many(where: HelpWhere, limit?: number): Promise<HelpDetails[]> {
    const rows = await readInPages(
      (start, take) => this.#db.helpRequest.findMany({ where, include, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take, ...start }),
      limit,
    );
    return rows.map(toHelp);
  }

  async find(teamId: string, id: number): Promise<HelpDetails | undefined> {
    const row = await this.#db.helpRequest.findFirst({ where: { teamId, id }, include });
    return row ? toHelp(row) : undefined;
  }

  async create(teamId: string, r: NewHelpRequest): Promise<number> {
    const { at, skillsWanted, ...rest } = r;
    const row = await this.#db.helpRequest.create({
      data: { teamId, ...rest, skillsWanted: JSON.stringify(skillsWanted), lastActivityAt: at, createdAt: at },
    });
    return row.id;
  }

  /** The outbox post that shows the request in the help channel. */
  async setPost(id: number, outboxId: number): Promise<void> {
    await this.#db.helpRequest.update({ where: { id }, data: { outboxId } });
  }

  /** How many requests each of these members took since `since`. */
  async recentHelps(teamId: string, userIds: string[], since: Date): Promise<Map<string, number>> {
    const rows = await readByIdLists(userIds, (some) =>
      this.#db.helpHelper.groupBy({
        by: ['userId'],
        where: { userId: { in: some }, takenAt: { gte: since }, request: { teamId } },
        _count: { _all: true },
      }),
    );
    return new Map(rows.map((r) => [r.userId, r._count._all]));
  }

  /** A member takes the request (it becomes "taken"). */
  async addHelper(id: number, userId: string, at: Date): Promise<void> {
    await this.#db.helpHelper.create({ data: { requestId: id, userId, takenAt: at } });
    await this.#db.helpRequest.update({ where: { id }, data: { status: 'taken', lastActivityAt: at } });
  }

  async resolve(id: number, by: string, at: Date): Promise<void> {
    await this.#db.helpRequest.update({ where: { id }, data: { status: 'resolved', resolvedAt: at, resolvedBy: by, lastActivityAt: at } });
  }

  /** Members the requester thanked, recorded as helpers. */
  async thank(id: number, userIds: string[], at: Date): Promise<void> {
    for (const userId of userIds) {
      await this.#db.helpHelper.upsert({
        where: { requestId_userId: { requestId: id, userId } },
        create: { requestId: id, userId, thanked: true, takenAt: at },
        update: { thanked: true },
      });
    }
  }

  async touch(id: number, at: Date): Promise<void> {
    await this.#db.helpRequest.update({ where: { id }, data: { lastActivityAt: at } });
  }

  /** A reply in the thread, counted once per message (a repeat violates the unique key). */
  async addAnswer(id: number, userId: string, messageTs: string, at: Date, activity: Date, first: boolean): Promise<void> {
    await this.#db.helpAnswer.create({ data: { requestId: id, userId, messageTs, answeredAt: at } });
    await this.#db.helpRequest.update({
      where: { id },
      data: { answersCount: { increment: 1 }, lastActivityAt: activity, ...(first ? { firstAnswerAt: at, firstAnswerBy: userId } : {}) },
    });
  }

  async mark(id: number, nudge: NudgeMark, at: Date): Promise<void> {
    await this.#db.helpRequest.update({ where: { id }, data: { [nudge]: at } });
  }

  /**
   * Unresolved requests of a workspace that may owe a nudge: unanswered, not nudged yet and
   * created before the earliest possible deadline of their urgency; or without activity since
   * `staleBefore` and not asked about yet. The caller checks each exact deadline.
   */
  async mayOweNudge(
    teamId: string,
    createdBefore: Record<HelpUrgency, Date>,
    staleBefore: Date,
    lookBackDays: number,
  ): Promise<HelpDetails[]> {
    // Windows on indexed dates: what the job did not do within `lookBackDays` is not done late,
    // so years of open requests cost nothing.
    const since = (d: Date) => new Date(d.getTime() - lookBackDays * 24 * 3600_000);
    const unanswered = { answersCount: 0, helpers: { none: {} }, OR: [{ nudgedPeersAt: null }, { nudgedCoordinatorsAt: null }] };
    return this.#many({
      teamId,
      ...ACTIVE,
      OR: [
        ...HELP_URGENCIES.map((urgency) => ({
          ...unanswered,
          urgency,
          createdAt: { gte: since(createdBefore[urgency]), lte: createdBefore[urgency] },
        })),
        { staleAskedAt: null, lastActivityAt: { gte: since(staleBefore), lte: staleBefore } },
      ],
    });
  }

  /** Open requests nobody answered or took, oldest first. */
  async unanswered(teamId: string, take: number): Promise<HelpDetails[]> {
    return this.#many({ teamId, status: 'open', answersCount: 0 }, take);
  }

  async activeOfRequester(teamId: string, userId: string, take: number): Promise<HelpDetails[]> {
    return this.#many({ teamId, ...ACTIVE, requesterId: userId }, take);
  }

  async activeTakenBy(teamId: string, userId: string, take: number): Promise<HelpDetails[]> {
    return this.#many({ teamId, ...ACTIVE, helpers: { some: { userId } } }, take);
  }

  /** Active requests of others that this member did not take. */
  async activeOpenTo(teamId: string, userId: string, take: number): Promise<HelpDetails[]> {
    return this.#many({ teamId, ...ACTIVE, requesterId: { not: userId }, helpers: { none: { userId } } }, take);
  }

  async countActiveCreatedBefore(teamId: string, before: Date): Promise<number> {
    return this.#db.helpRequest.count({ where: { teamId, ...ACTIVE, createdAt: { lt: before } } });
  }
}
