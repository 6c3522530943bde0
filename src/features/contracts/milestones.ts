// The milestone calendar of a contract, computed from its end date (pure date logic).
// Each milestone goes out at 09:00 in the network's time zone, on the previous working day
// when its date falls on a weekend or a French public holiday.

import type { LabelKey, Translate } from '../../i18n/index.ts';
import { addDays, type IsoDate } from '../../time/calendar-date.ts';
import { onOrPreviousWorkingDay } from '../../time/working-days.ts';
import type { Decision } from './vocabulary.ts';

/**
 * One row per milestone: the calendar, the reminder job, the App Home and the digest all read
 * this table. Adding a milestone is one row here and its label in both catalogues.
 */
export const MILESTONES = [
  { key: 'd120', offset: () => -120, animator: false, droppedWhen: undefined, label: 'contract.ms.d120' },
  { key: 'd90', offset: () => -90, animator: true, droppedWhen: undefined, label: 'contract.ms.d90' },
  // The prescriber's renewal request, 15 days before its own lead time runs out.
  {
    key: 'renewal_request',
    offset: (c) => -(c.leadTimeDays + 15),
    animator: false,
    droppedWhen: 'not_renewed',
    label: 'contract.ms.renewal_request',
  },
  { key: 'd30', offset: () => -30, animator: true, droppedWhen: undefined, label: 'contract.ms.d30' },
  { key: 'd7', offset: () => -7, animator: true, droppedWhen: 'renewed', label: 'contract.ms.d7' },
  { key: 'd0', offset: () => 0, animator: true, droppedWhen: 'renewed', label: 'contract.ms.d0' },
  { key: 'd28', offset: () => 28, animator: false, droppedWhen: 'renewed', label: 'contract.ms.d28' },
  { key: 'd182', offset: () => 182, animator: false, droppedWhen: 'renewed', label: 'contract.ms.d182' },
] as const satisfies readonly MilestoneRule[];

export interface MilestoneRule {
  key: string;
  /** Days from the end date (negative before it). */
  offset: (contract: { leadTimeDays: number }) => number;
  /** Also sent to the animator (coordinators always receive it). */
  animator: boolean;
  /** The decision after which this step no longer applies. */
  droppedWhen: Exclude<Decision, 'undecided'> | undefined;
  /** Its label in the catalogues. */
  label: LabelKey;
}

export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS: readonly MilestoneKey[] = MILESTONES.map((m) => m.key);

const RULES = new Map<MilestoneKey, MilestoneRule>(MILESTONES.map((m) => [m.key, m]));

/** The table row of a milestone. */
export function milestoneRule(key: MilestoneKey): MilestoneRule {
  const rule = RULES.get(key);
  if (!rule) throw new Error(`unknown milestone ${key}`);
  return rule;
}

/** Whether the animator receives this milestone too. */
export function forAnimator(key: MilestoneKey): boolean {
  return milestoneRule(key).animator;
}

/** The catalogue key of a milestone's label. */
export function milestoneLabel(key: MilestoneKey): LabelKey {
  return milestoneRule(key).label;
}

/**
 * A milestone as people read it, every one the same shape (« J-60 : envoyer la demande… »): the
 * renewal request's day depends on the prescriber's lead time, so it is said from the offset.
 */
export function milestoneTitle(m: { key: MilestoneKey; offset?: number }, t: Translate): string {
  if (m.key === 'renewal_request' && m.offset !== undefined) return t('contract.ms.renewalRequestDays', { days: -m.offset });
  return t(milestoneLabel(m.key));
}

export const SEND_HOUR = 9;

/** How many days before its end a contract with this lead time has its earliest milestone. */
export function milestoneReach(leadTimeDays: number): number {
  return Math.max(...MILESTONES.map((m) => -m.offset({ leadTimeDays })));
}

export interface Milestone {
  key: MilestoneKey;
  /** End date + offset (may fall on a day off). */
  date: IsoDate;
  /** The working day it is sent on. */
  sendDate: IsoDate;
  /** Days from the end date (negative before it). */
  offset: number;
}

/**
 * The milestones of a contract ending on `endDate`, in sending order (none without an end
 * date). Those that would fall before the contract starts (shorter than 120 days) are left out.
 */
export function milestonesFor(contract: { startDate: IsoDate; endDate: IsoDate | undefined; leadTimeDays: number }): Milestone[] {
  const { endDate } = contract;
  if (!endDate) return [];
  return MILESTONES.map(({ key, offset: offsetOf }) => {
    const offset = offsetOf(contract);
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
  decision: Decision,
  maxLateDays = 30,
): { send: Milestone | undefined; skip: Milestone[] } {
  const due = milestones.filter((m) => m.sendDate <= today && !recorded.has(m.key));
  const relevant = due.filter((m) => milestoneRule(m.key).droppedWhen !== decision);
  const latest = relevant.at(-1);
  const send = latest && latest.sendDate >= addDays(today, -maxLateDays) ? latest : undefined;
  return { send, skip: due.filter((m) => m !== send) };
}
