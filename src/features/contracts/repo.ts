import type { Client, Db } from '../../db/client.ts';
import { daysBetween, type IsoDate, isoDay, toIsoDate } from '../../time/calendar-date.ts';
import { oneOf } from '../../vocabulary.ts';
import { MILESTONE_KEYS, type MilestoneKey } from './milestones.ts';
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

  async find(teamId: string, id: number): Promise<ContractDetails | undefined> {
    return (await this.#many({ teamId, id }))[0];
  }

  /** Contracts without an end date or ending on or after `since`. */
  async endingFrom(teamId: string, since: string): Promise<ContractDetails[]> {
    return this.#many({ teamId, OR: [{ endDate: null }, { endDate: { gte: since } }] });
  }

  /** A member's contracts, one of them left out (the one being edited). */
  async ofUser(teamId: string, userId: string, exceptId?: number): Promise<ContractDetails[]> {
    return this.#many({ teamId, userId, ...(exceptId ? { NOT: { id: exceptId } } : {}) });
  }

  /** Contracts of a workspace ending in [from, to] (the reminders job). */
  async endingBetween(teamId: string, from: IsoDate, to: IsoDate): Promise<ContractDetails[]> {
    return this.#many({ teamId, endDate: { not: null, gte: from, lte: to } });
  }

  /** The contracts a renewal chain goes back through, from `previousId` (at most 50). */
  async chainFrom(previousId: number | undefined): Promise<ContractPeriod[]> {
    const links: ContractPeriod[] = [];
    let previous = previousId;
    for (let guard = 0; previous !== undefined && guard < MAX_CHAIN; guard++) {
      const row = await this.#db.contract.findUnique({
        where: { id: previous },
        select: { startDate: true, endDate: true, previousId: true },
      });
      if (!row) break;
      links.push({ startDate: isoDay(row.startDate), endDate: toIsoDate(row.endDate) });
      previous = row.previousId ?? undefined;
    }
    return links;
  }

  /** Every contract's period and predecessor in a workspace, by id: renewal chains in one query. */
  async chainLinks(teamId: string): Promise<Map<number, ContractPeriod & { previousId: number | undefined }>> {
    const rows = await this.#db.contract.findMany({
      where: { teamId },
      select: { id: true, startDate: true, endDate: true, previousId: true },
    });
    return new Map(
      rows.map((r) => [r.id, { startDate: isoDay(r.startDate), endDate: toIsoDate(r.endDate), previousId: r.previousId ?? undefined }]),
    );
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
