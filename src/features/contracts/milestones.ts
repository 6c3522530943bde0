// The milestone calendar of a contract, computed from its end date (pure date logic).
// Each milestone goes out at 09:00 in the network's time zone, on the previous working day
// when its date falls on a weekend or a French public holiday.
import { addDays, type IsoDate } from '../../time/calendar-date.ts';
import { onOrPreviousWorkingDay } from '../../time/working-days.ts';

export const MILESTONE_KEYS = ['d120', 'd90', 'renewal_request', 'd30', 'd7', 'd0', 'd28'] as const;
export type MilestoneKey = (typeof MILESTONE_KEYS)[number];

/** Steps that also go to the animator. */
export const ANIMATOR_MILESTONES: readonly MilestoneKey[] = ['d90', 'd30', 'd7', 'd0'];
/** Steps about renewing: dropped once the contract is known not to be renewed. */
export const RENEWAL_MILESTONES: readonly MilestoneKey[] = ['renewal_request'];
/** Steps about the end of the contract: dropped once it is renewed. */
export const END_MILESTONES: readonly MilestoneKey[] = ['d7', 'd0', 'd28'];

export const SEND_HOUR = 9;

export interface Milestone {
  key: MilestoneKey;
  /** End date + offset (may fall on a day off). */
  date: IsoDate;
  /** The working day it is sent on. */
  sendDate: IsoDate;
  /** Days from the end date (negative before it). */
  offset: number;
}

export function milestoneOffset(key: MilestoneKey, leadTimeDays: number): number {
  switch (key) {
    case 'd120':
      return -120;
    case 'd90':
      return -90;
    case 'renewal_request':
      return -(leadTimeDays + 15);
    case 'd30':
      return -30;
    case 'd7':
      return -7;
    case 'd0':
      return 0;
    case 'd28':
      return 28;
  }
}

/**
 * The milestones of a contract ending on `endDate`, in sending order (none without an end
 * date). Those that would fall before the contract starts (shorter than 120 days) are left out.
 */
export function milestonesFor(contract: { startDate: IsoDate; endDate: IsoDate | undefined; leadTimeDays: number }): Milestone[] {
  const { endDate } = contract;
  if (!endDate) return [];
  return MILESTONE_KEYS.map((key) => {
    const offset = milestoneOffset(key, contract.leadTimeDays);
    const date = addDays(endDate, offset);
    return { key, date, sendDate: onOrPreviousWorkingDay(date), offset };
  })
    .filter((m) => m.date >= contract.startDate)
    .sort((a, b) => a.sendDate.localeCompare(b.sendDate) || a.offset - b.offset);
}

/** Which of the due milestones to send today, and which to record as skipped (missed or irrelevant). */
export function plan(
  milestones: Milestone[],
  today: IsoDate,
  recorded: ReadonlySet<MilestoneKey>,
  decision: 'undecided' | 'renewed' | 'not_renewed',
  maxLateDays = 30,
): { send: Milestone | undefined; skip: Milestone[] } {
  const due = milestones.filter((m) => m.sendDate <= today && !recorded.has(m.key));
  const relevant = due.filter(
    (m) =>
      !(decision === 'not_renewed' && RENEWAL_MILESTONES.includes(m.key)) && !(decision === 'renewed' && END_MILESTONES.includes(m.key)),
  );
  const latest = relevant.at(-1);
  const send = latest && latest.sendDate >= addDays(today, -maxLateDays) ? latest : undefined;
  return { send, skip: due.filter((m) => m !== send) };
}
