// A monthly time sheet, pure: its weeks, what the contract allows in each, the pre-filling, the
// checks of what the animator types and the fingerprint that signatures seal.
//
// A sheet covers one calendar month, split into weeks (Monday to Sunday, cut at the month's
// edges). In each week the contract's weekly hours are spread over its working days — Monday to
// Friday, French public holidays and days outside every contract of the animator excluded — so
// a week holds `weeklyHours / 5` hours per such day. The hours of the events the animator
// organised count as animation on the days they took place (an event over midnight on both
// days, in real elapsed time, so a clock change counts as it was lived); the rest of the week is
// split among the other task kinds following last month's proportions, or a default.
import { createHash } from 'node:crypto';
import { addDays, dayOfWeek, daysBetween, endOfMonth, type IsoDate, isoDay } from '../../time/calendar-date.ts';
import { isWorkingDay } from '../../time/working-days.ts';
import { localDate, startOfLocalDay } from '../../time/zone.ts';

export const TASK_KINDS = ['animation', 'preparation', 'accueil', 'partenariats', 'formation', 'administratif', 'reseau'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type Hours = Record<TaskKind, number>;

/** The split of the hours that are not animation, the first month (in parts of 100). */
export const DEFAULT_PROPORTIONS: Omit<Hours, 'animation'> = {
  preparation: 30,
  accueil: 25,
  partenariats: 10,
  formation: 5,
  administratif: 15,
  reseau: 15,
};

/** A week may hold up to this much more than the contract's hours (overtime), in parts of them. */
export const OVERTIME_MARGIN = 0.1;
/** Weekly hours assumed for a contract recorded without them (a full-time week). */
export const DEFAULT_WEEKLY_HOURS = 35;
/** Hours are typed and pre-filled to the quarter of an hour. */
export const QUARTER = 0.25;

export interface ContractSpan {
  startDate: IsoDate;
  endDate: IsoDate | undefined;
  weeklyHours: number | undefined;
}

export interface SheetWeek {
  /** First and last day of the week within the month. */
  start: IsoDate;
  end: IsoDate;
  /** Working days of the week under a contract. */
  workingDays: number;
  /** Days of the week under a contract, any day (an event on a Saturday counts). */
  contractDays: number;
  /** The contract's hours for those working days. */
  contractHours: number;
  /** Hours of the events the animator organised on the week's contract days. */
  eventHours: number;
  /** The most the week may hold: the contract's hours plus the overtime margin, or the events' hours when more. */
  cap: number;
}

export const zeroHours = (): Hours => ({
  animation: 0,
  preparation: 0,
  accueil: 0,
  partenariats: 0,
  formation: 0,
  administratif: 0,
  reseau: 0,
});

export const totalOf = (hours: Hours): number => round2(TASK_KINDS.reduce((sum, kind) => sum + hours[kind], 0));

const round2 = (n: number) => Math.round(n * 100) / 100;
const toQuarter = (n: number) => Math.round(n / QUARTER) * QUARTER;

/** "2026-11" → its first and last days. */
export function monthBounds(month: string): { first: IsoDate; last: IsoDate } {
  const first = isoDay(`${month}-01`);
  return { first, last: endOfMonth(first) };
}

/** The month's weeks, Monday to Sunday, cut at its first and last days. */
export function monthWeeks(month: string): { start: IsoDate; end: IsoDate }[] {
  const { first, last } = monthBounds(month);
  const weeks: { start: IsoDate; end: IsoDate }[] = [];
  let start = first;
  while (start <= last) {
    const toSunday = (7 - dayOfWeek(start)) % 7;
    const end = addDays(start, Math.min(toSunday, daysBetween(start, last)));
    weeks.push({ start, end });
    start = addDays(end, 1);
  }
  return weeks;
}

/** The contract running on a day (the latest one when two touch), if any. */
function contractOn(day: IsoDate, contracts: readonly ContractSpan[]): ContractSpan | undefined {
  let found: ContractSpan | undefined;
  for (const c of contracts) if (c.startDate <= day && (c.endDate === undefined || day <= c.endDate)) found = c;
  return found;
}

/**
 * Hours of events by local day: each event's real duration, cut at local midnights (an event
 * from 22:00 to 02:00 gives two hours to each day; a night of clock change counts as lived).
 */
export function eventHoursByDay(events: readonly { startAt: Date; endAt: Date }[], timeZone: string): Map<IsoDate, number> {
  const byDay = new Map<IsoDate, number>();
  for (const event of events) {
    let from = event.startAt;
    while (from < event.endAt) {
      const day = localDate(from, timeZone);
      const nextMidnight = startOfLocalDay(new Date(startOfLocalDay(from, timeZone).getTime() + 36 * 3600_000), timeZone);
      const until = new Date(Math.min(nextMidnight.getTime(), event.endAt.getTime()));
      byDay.set(day, (byDay.get(day) ?? 0) + (until.getTime() - from.getTime()) / 3600_000);
      from = until;
    }
  }
  return byDay;
}

/** The month's weeks with what the contracts allow in each and the hours of the animator's events. */
export function sheetWeeks(month: string, contracts: readonly ContractSpan[], eventHours: ReadonlyMap<IsoDate, number>): SheetWeek[] {
  return monthWeeks(month).map(({ start, end }) => {
    let workingDays = 0;
    let contractDays = 0;
    let contractHours = 0;
    let events = 0;
    for (let day = start; day <= end; day = addDays(day, 1)) {
      const contract = contractOn(day, contracts);
      if (!contract) continue;
      contractDays++;
      events += eventHours.get(day) ?? 0;
      if (isWorkingDay(day)) {
        workingDays++;
        contractHours += (contract.weeklyHours ?? DEFAULT_WEEKLY_HOURS) / 5;
      }
    }
    const eventHoursRounded = toQuarter(events);
    const cap = contractDays === 0 ? 0 : round2(Math.max(contractHours * (1 + OVERTIME_MARGIN), eventHoursRounded));
    return { start, end, workingDays, contractDays, contractHours: round2(contractHours), eventHours: eventHoursRounded, cap };
  });
}

/**
 * Splits `total` quarter hours among kinds by their weights, to the quarter, the sum exact
 * (largest remainders first).
 */
function split(total: number, weights: Omit<Hours, 'animation'>): Omit<Hours, 'animation'> {
  const kinds = TASK_KINDS.filter((k): k is Exclude<TaskKind, 'animation'> => k !== 'animation');
  const weightSum = kinds.reduce((s, k) => s + weights[k], 0);
  const units = Math.round(total / QUARTER);
  const shares = kinds.map((k) => ({ k, exact: weightSum > 0 ? (units * weights[k]) / weightSum : 0 }));
  const result = { ...DEFAULT_PROPORTIONS };
  let given = 0;
  for (const s of shares) {
    result[s.k] = Math.floor(s.exact);
    given += result[s.k];
  }
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)));
  for (let i = 0; i < units - given; i++) {
    const s = byRemainder[i % byRemainder.length];
    if (s) result[s.k] += 1;
  }
  for (const k of kinds) result[k] = result[k] * QUARTER;
  return result;
}

/** Last month's split of the hours that are not animation, or the default when it has none. */
export function proportionsFrom(previous: readonly Hours[] | undefined): Omit<Hours, 'animation'> {
  if (!previous) return DEFAULT_PROPORTIONS;
  const sum = { ...DEFAULT_PROPORTIONS };
  let total = 0;
  for (const k of Object.keys(sum) as (keyof typeof sum)[]) {
    sum[k] = previous.reduce((s, h) => s + h[k], 0);
    total += sum[k];
  }
  return total > 0 ? sum : DEFAULT_PROPORTIONS;
}

/** Each week pre-filled: the events as animation, the rest of the contract's hours split by the proportions. */
export function prefill(weeks: readonly SheetWeek[], proportions: Omit<Hours, 'animation'>): Hours[] {
  return weeks.map((week) => {
    if (week.contractDays === 0) return zeroHours();
    const animation = week.eventHours;
    const rest = Math.max(0, toQuarter(week.contractHours) - animation);
    return { animation, ...split(rest, proportions) };
  });
}

export type WeekError =
  | { kind: TaskKind; error: 'invalid' | 'negative' }
  | { kind: 'total'; error: 'outsideContract' }
  | { kind: 'total'; error: 'overCap'; total: number };

/**
 * What the animator typed for a week, read and checked: numbers (a decimal comma is fine) to
 * the quarter of an hour, none negative, the total within the week's cap, nothing on a week
 * wholly outside the contract.
 */
export function readWeek(
  typed: Readonly<Record<TaskKind, string>>,
  week: SheetWeek,
): { ok: true; hours: Hours } | { ok: false; errors: WeekError[] } {
  const hours = zeroHours();
  const errors: WeekError[] = [];
  for (const kind of TASK_KINDS) {
    const raw = typed[kind].trim().replace(',', '.');
    if (raw === '') continue;
    const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) errors.push({ kind, error: 'invalid' });
    else if (value < 0) errors.push({ kind, error: 'negative' });
    else if (Math.abs(value / QUARTER - Math.round(value / QUARTER)) > 1e-9) errors.push({ kind, error: 'invalid' });
    else hours[kind] = value;
  }
  if (errors.length > 0) return { ok: false, errors };
  const total = totalOf(hours);
  if (week.contractDays === 0 && total > 0) return { ok: false, errors: [{ kind: 'total', error: 'outsideContract' }] };
  if (total > week.cap + 1e-9) return { ok: false, errors: [{ kind: 'total', error: 'overCap', total }] };
  return { ok: true, hours };
}

/** What a signature seals: who, which month, and every cell. */
export interface SheetContent {
  teamId: string;
  userId: string;
  month: string;
  weeks: readonly { start: IsoDate; hours: Hours }[];
}

/** The sheet's fingerprint (SHA-256 of its content written one way only): a single changed cell changes it. */
export function fingerprint(content: SheetContent): string {
  const canonical = [
    `team=${content.teamId}`,
    `user=${content.userId}`,
    `month=${content.month}`,
    ...[...content.weeks]
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .flatMap((w) => TASK_KINDS.map((k) => `${w.start};${k};${w.hours[k].toFixed(2)}`)),
  ].join('\n');
  return createHash('sha256').update(canonical).digest('hex');
}

/** A fingerprint as people read it: « 3F9A 12C0 77B1 E402 ». */
export function shortFingerprint(hex: string): string {
  return hex.slice(0, 16).toUpperCase().match(/.{4}/g)?.join(' ') ?? hex;
}
