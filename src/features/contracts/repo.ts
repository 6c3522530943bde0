import { join, sqltag as sql } from '@prisma/client/runtime/client';
import { type Client, type Db, readByIdLists } from '../../db/client.ts';
import { daysBetween, type IsoDate, isoDay, toIsoDate } from '../../time/calendar-date.ts';
import { oneOf } from '../../vocabulary.ts';
import { MILESTONE_KEYS, type MilestoneKey, milestoneRule } from './milestones.ts';
import { CONTRACT_TYPES, type ContractType, DECISIONS, type Decision, PRESCRIBERS, type Prescriber } from './vocabulary.ts';

export interface RecordedMilestone {
  id: number;
  key: MilestoneKey;
  dueDate: IsoDate;
  status: 'sent' | 'skipped';
  acknowledgedBy: string | undefined;
  acknowledgedAt: Date | undefined;
}

/** When a contract runs: from its first day to its last (none: open-ended). */
export interface ContractPeriod {
  startDate: IsoDate;
  endDate: IsoDate | undefined;
}

export interface ContractDetails {
  id: number;
  teamId: string;
  userId: string;
  spaceId: number | undefined;
  spaceName: string | undefined;
  type: ContractType;
  startDate: IsoDate;
  endDate: IsoDate | undefined;
  weeklyHours: number | undefined;
  prescriber: Prescriber;
  leadTimeDays: number;
  capMonths: number;
  capException: boolean;
  notes: string;
  previousId: number | undefined;
  decision: Decision;
  milestones: RecordedMilestone[];
}

type Row = NonNullable<Awaited<ReturnType<Db['contract']['findFirst']>>> & {
  milestones: { id: number; key: string; dueDate: string; status: string; acknowledgedBy: string | null; acknowledgedAt: Date | null }[];
};

export function toContract(row: Row, spaceName: string | undefined): ContractDetails {
  return {
    id: row.id,
    teamId: row.teamId,
    userId: row.userId,
    spaceId: row.spaceId ?? undefined,
    spaceName,
    type: oneOf(CONTRACT_TYPES, row.type, 'autre'),
    startDate: isoDay(row.startDate),
    endDate: toIsoDate(row.endDate),
    weeklyHours: row.weeklyHours ?? undefined,
    prescriber: oneOf(PRESCRIBERS, row.prescriber, 'autre'),
    leadTimeDays: row.leadTimeDays,
    capMonths: row.capMonths,
    capException: row.capException,
    notes: row.notes,
    previousId: row.previousId ?? undefined,
    decision: oneOf(DECISIONS, row.decision, 'undecided'),
    milestones: row.milestones.map((m) => ({
      id: m.id,
      key: oneOf(MILESTONE_KEYS, m.key, 'd0'),
      dueDate: isoDay(m.dueDate),
      status: m.status === 'skipped' ? 'skipped' : 'sent',
      acknowledgedBy: m.acknowledgedBy ?? undefined,
      acknowledgedAt: m.acknowledgedAt ?? undefined,
    })),
  };
}

export const MONTH_DAYS = 365.25 / 12;
/** A renewal chain is followed back this many contracts at most (a guard against a loop). */
export const MAX_CHAIN = 50;

/** Length of a contract in days, both ends included. */
export function contractDays(c: ContractPeriod, today: IsoDate): number {
  return daysBetween(c.startDate, c.endDate ?? today) + 1;
}

/** The pure part of the chain: months worked over contracts given as links. */
export function monthsOf(links: ContractPeriod[], today: IsoDate): number {
  return links.reduce((days, link) => days + contractDays(link, today), 0) / MONTH_DAYS;
}

/** A contract as its milestone calendar needs it. */
export interface MilestoneCandidate extends ContractPeriod {
  id: number;
  leadTimeDays: number;
  decision: Decision;
  recorded: ReadonlySet<MilestoneKey>;
}

type ContractWhere = NonNullable<Parameters<Db['contract']['findMany']>[0]>['where'];

/** What a contract form stores. */
export type ContractData = Pick<
  ContractDetails,
  | 'userId'
  | 'spaceId'
  | 'type'
  | 'startDate'
  | 'endDate'
  | 'weeklyHours'
  | 'prescriber'
  | 'leadTimeDays'
  | 'capMonths'
  | 'capException'
  | 'notes'
>;

const columns = (d: ContractData) => ({ ...d, spaceId: d.spaceId ?? null, endDate: d.endDate ?? null, weeklyHours: d.weeklyHours ?? null });

/** Contracts, their renewal chains and the milestones recorded for them. */
export class ContractRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async #many(where: ContractWhere): Promise<ContractDetails[]> {
    const rows = await this.#db.contract.findMany({ where, include: { milestones: true }, orderBy: [{ endDate: 'asc' }, { id: 'asc' }] });
    // The host space's name is the network's to tell (ContractService adds it).
    return rows.map((r) => toContract(r, undefined));
  }

  /**
   * Milestones sent since `since` that nobody marked done yet, the oldest first (the first
   * `limit`), and how many.
   */
  async unacknowledged(
    teamId: string,
    since: IsoDate,
    limit: number,
  ): Promise<{ items: { milestoneId: number; key: MilestoneKey; offset: number; dueDate: IsoDate; userId: string }[]; total: number }> {
    const where = { status: 'sent', acknowledgedAt: null, dueDate: { gte: since }, contract: { teamId } };
    const [rows, total] = await Promise.all([
      this.#db.contractMilestone.findMany({
        where,
        select: { id: true, key: true, dueDate: true, contract: { select: { userId: true, leadTimeDays: true } } },
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        take: limit,
      }),
      this.#db.contractMilestone.count({ where }),
    ]);
    return {
      items: rows.map((r) => {
        const key = oneOf(MILESTONE_KEYS, r.key, 'd0');
        // Its day from the end, as the milestone's title says it (« J-60 : … »).
        const offset = milestoneRule(key).offset({ leadTimeDays: r.contract.leadTimeDays });
        return { milestoneId: r.id, key, offset, dueDate: isoDay(r.dueDate), userId: r.contract.userId };
      }),
      total,
    };
  }

  async find(teamId: string, id: number): Promise<ContractDetails | undefined> {
    return (await this.#many({ teamId, id }))[0];
  }

  /** A member's contracts, one of them left out (the one being edited). */
  async ofUser(teamId: string, userId: string, exceptId?: number): Promise<ContractDetails[]> {
    return this.#many({ teamId, userId, ...(exceptId ? { NOT: { id: exceptId } } : {}) });
  }

  /** The shortest and longest lead times of a workspace's contracts ending on or after `since` (none: undefined). */
  async leadTimeRange(teamId: string, since: IsoDate): Promise<{ min: number; max: number } | undefined> {
    const r = await this.#db.contract.aggregate({
      where: { teamId, endDate: { gte: since } },
      _min: { leadTimeDays: true },
      _max: { leadTimeDays: true },
    });
    return r._min.leadTimeDays === null || r._max.leadTimeDays === null
      ? undefined
      : { min: r._min.leadTimeDays, max: r._max.leadTimeDays };
  }

  /**
   * What the milestone calendar of the contracts ending in any of `windows` needs, and nothing
   * more: their dates, lead time and decision, and the keys of the milestones already recorded.
   */
  async milestoneCandidates(
    teamId: string,
    windows: { from: IsoDate; to: IsoDate }[],
    options: { renewed: boolean },
  ): Promise<MilestoneCandidate[]> {
    if (windows.length === 0) return [];
    const where = {
      teamId,
      ...(options.renewed ? {} : { decision: { not: 'renewed' } }),
      OR: windows.map((w) => ({ endDate: { gte: w.from, lte: w.to } })),
    };
    const rows = await this.#db.contract.findMany({
      where,
      select: { id: true, startDate: true, endDate: true, leadTimeDays: true, decision: true },
    });
    // Their recorded milestones, by id a page at a time: found through the contracts' index,
    // whatever the number of milestones the years have recorded.
    const recorded = await readByIdLists(
      rows.map((r) => r.id),
      (some) => this.#db.contractMilestone.findMany({ where: { contractId: { in: some } }, select: { contractId: true, key: true } }),
    );
    const keys = new Map<number, Set<MilestoneKey>>();
    for (const m of recorded) {
      const set = keys.get(m.contractId) ?? new Set<MilestoneKey>();
      set.add(oneOf(MILESTONE_KEYS, m.key, 'd0'));
      keys.set(m.contractId, set);
    }
    return rows.map((r) => ({
      id: r.id,
      startDate: isoDay(r.startDate),
      endDate: toIsoDate(r.endDate),
      leadTimeDays: r.leadTimeDays,
      decision: oneOf(DECISIONS, r.decision, 'undecided'),
      recorded: keys.get(r.id) ?? new Set(),
    }));
  }

  /** Contracts by id, in full (read a page of ids at a time). */
  async byIds(teamId: string, ids: number[]): Promise<ContractDetails[]> {
    return readByIdLists(ids, (some) => this.#many({ teamId, id: { in: some } }));
  }

  /** The contracts a renewal chain goes back through, from `previousId` (at most 50), in one query. */
  async chainFrom(previousId: number | undefined): Promise<ContractPeriod[]> {
    if (previousId === undefined) return [];
    return (await this.#chains([previousId])).get(previousId) ?? [];
  }

  /**
   * For each contract id, the contracts its renewal chain goes back through (itself first), in
   * one recursive query that both providers run.
   */
  async chainsOf(ids: number[]): Promise<Map<number, ContractPeriod[]>> {
    return ids.length === 0 ? new Map() : this.#chains(ids);
  }

  async #chains(ids: number[]): Promise<Map<number, ContractPeriod[]>> {
    const rows = await this.#db.$queryRaw<{ root: unknown; depth: unknown; startDate: string; endDate: string | null }[]>(sql`
      WITH RECURSIVE chain ("root", "id", "startDate", "endDate", "previousId", "depth") AS (
        SELECT c."id", c."id", c."startDate", c."endDate", c."previousId", 0 FROM "Contract" c WHERE c."id" IN (${join(ids)})
        UNION ALL
        SELECT chain."root", c."id", c."startDate", c."endDate", c."previousId", chain."depth" + 1
        FROM "Contract" c JOIN chain ON c."id" = chain."previousId"
        WHERE chain."depth" < ${MAX_CHAIN - 1}
      )
      SELECT "root", "depth", "startDate", "endDate" FROM chain ORDER BY "root", "depth"`);
    const chains = new Map<number, ContractPeriod[]>();
    for (const row of rows) {
      const root = Number(row.root);
      const links = chains.get(root) ?? [];
      links.push({ startDate: isoDay(row.startDate), endDate: toIsoDate(row.endDate ?? undefined) });
      chains.set(root, links);
    }
    return chains;
  }

  /** Contracts running on or after `since` (or open-ended), by end date: `take` of them from `skip`, and how many. */
  async activePage(teamId: string, since: IsoDate, skip: number, take: number): Promise<{ items: ContractDetails[]; total: number }> {
    const where = { teamId, OR: [{ endDate: null }, { endDate: { gte: since } }] };
    const [rows, total] = await Promise.all([
      this.#db.contract.findMany({
        where,
        include: { milestones: true },
        // Open-ended contracts last, on both providers.
        orderBy: [{ endDate: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        skip,
        take,
      }),
      this.#db.contract.count({ where }),
    ]);
    return { items: rows.map((r) => toContract(r, undefined)), total };
  }

  async create(teamId: string, data: ContractData, by: string, previousId: number | undefined): Promise<number> {
    const row = await this.#db.contract.create({
      data: { teamId, ...columns(data), createdBy: by, ...(previousId !== undefined ? { previousId } : {}) },
    });
    return row.id;
  }

  async update(id: number, data: ContractData): Promise<void> {
    await this.#db.contract.update({ where: { id }, data: columns(data) });
  }

  async decide(id: number, decision: Decision, by: string, at: Date): Promise<void> {
    await this.#db.contract.update({ where: { id }, data: { decision, decidedBy: by, decidedAt: at } });
  }

  /** Records a milestone once (a second record of the same key violates the unique key). */
  async recordMilestone(contractId: number, key: MilestoneKey, dueDate: string, sentAt: Date | undefined): Promise<number> {
    const row = await this.#db.contractMilestone.create({
      data: { contractId, key, dueDate, status: sentAt ? 'sent' : 'skipped', ...(sentAt ? { sentAt } : {}) },
    });
    return row.id;
  }

  /** A recorded milestone of the workspace. */
  async milestone(teamId: string, id: number): Promise<{ contractId: number; key: string } | undefined> {
    return (
      (await this.#db.contractMilestone.findFirst({ where: { id, contract: { teamId } }, select: { contractId: true, key: true } })) ??
      undefined
    );
  }

  async acknowledge(milestoneId: number, by: string, at: Date): Promise<void> {
    await this.#db.contractMilestone.update({ where: { id: milestoneId }, data: { acknowledgedBy: by, acknowledgedAt: at } });
  }
}
