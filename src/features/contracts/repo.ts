import type { Db, Tx } from '../../db/client.ts';
import { daysBetween } from '../../time/calendar-date.ts';
import { MILESTONE_KEYS, type MilestoneKey } from './milestones.ts';
import { CONTRACT_TYPES, type ContractType, DECISIONS, type Decision, PRESCRIBERS, type Prescriber } from './vocabulary.ts';

export interface RecordedMilestone {
  id: number;
  key: MilestoneKey;
  dueDate: string;
  status: 'sent' | 'skipped';
  acknowledgedBy: string | undefined;
  acknowledgedAt: Date | undefined;
}

export interface ContractDetails {
  id: number;
  teamId: string;
  userId: string;
  spaceId: number | undefined;
  spaceName: string | undefined;
  type: ContractType;
  startDate: string;
  endDate: string | undefined;
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

const oneOf = <T extends string>(list: readonly T[], v: string, d: T): T => ((list as readonly string[]).includes(v) ? (v as T) : d);

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
    startDate: row.startDate,
    endDate: row.endDate ?? undefined,
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
      dueDate: m.dueDate,
      status: m.status === 'skipped' ? 'skipped' : 'sent',
      acknowledgedBy: m.acknowledgedBy ?? undefined,
      acknowledgedAt: m.acknowledgedAt ?? undefined,
    })),
  };
}

export async function findContracts(
  db: Db | Tx,
  where: NonNullable<Parameters<Db['contract']['findMany']>[0]>['where'],
): Promise<ContractDetails[]> {
  const rows = await db.contract.findMany({ where, include: { milestones: true }, orderBy: [{ endDate: 'asc' }, { id: 'asc' }] });
  const spaceIds = [...new Set(rows.map((r) => r.spaceId).filter((id): id is number => id !== null))];
  const spaces = spaceIds.length ? await db.space.findMany({ where: { id: { in: spaceIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(spaces.map((s) => [s.id, s.name]));
  return rows.map((r) => toContract(r, r.spaceId ? names.get(r.spaceId) : undefined));
}

export const MONTH_DAYS = 365.25 / 12;

/** Length of a contract in days, both ends included. */
export function contractDays(c: { startDate: string; endDate: string | undefined }, today: string): number {
  return daysBetween(c.startDate, c.endDate ?? today) + 1;
}

/** Months worked in the renewal chain ending with this contract (this one included). */
export async function chainMonths(
  db: Db | Tx,
  contract: { startDate: string; endDate: string | undefined; previousId: number | undefined },
  today: string,
): Promise<number> {
  let days = contractDays(contract, today);
  let previous = contract.previousId;
  for (let guard = 0; previous !== undefined && guard < 50; guard++) {
    const row = await db.contract.findUnique({ where: { id: previous }, select: { startDate: true, endDate: true, previousId: true } });
    if (!row) break;
    days += contractDays({ startDate: row.startDate, endDate: row.endDate ?? undefined }, today);
    previous = row.previousId ?? undefined;
  }
  return days / MONTH_DAYS;
}
