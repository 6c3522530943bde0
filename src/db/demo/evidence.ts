// Demo funders' evidence: each demo animator's participant record (one erased on request), and
// their time sheets for the three months before this one — the oldest approved, the last one
// partly signed, partly still to sign — so that a newcomer can produce a funders' pack at once.
import type { Db } from '../../db/client.ts';
import { AGE_BANDS, EDUCATION, EMPLOYMENT, GENDERS, YES_NO_REFUSED } from '../../features/participants/vocabulary.ts';
import { previousMonth } from '../../features/timesheets/service.ts';
import {
  DEFAULT_PROPORTIONS,
  fingerprint,
  monthBounds,
  prefill,
  sheetWeeks,
  TASK_KINDS,
  zeroHours,
} from '../../features/timesheets/sheet.ts';
import { addDays, type IsoDate, isoDay, toIsoDate } from '../../time/calendar-date.ts';
import { zonedInstant } from '../../time/zone.ts';
import { DEMO_MEMBERS } from './network.ts';

const COORDINATOR = DEMO_MEMBERS.find((m) => m.role === 'coordinateur') ?? { userId: 'U0DEMO0001', displayName: 'Camille Roux' };

const pick = <T>(values: readonly T[], i: number): T | undefined => values[i % values.length];

export async function seedDemoEvidence(
  db: Db,
  teamId: string,
  today: IsoDate,
  timeZone: string,
): Promise<{ sheets: number; participants: number }> {
  const animators = DEMO_MEMBERS.filter((m) => m.role === 'animateur');
  let participants = 0;
  if ((await db.participant.count({ where: { teamId } })) === 0) {
    for (const [i, member] of animators.entries()) {
      const erased = i === 3;
      await db.participant.create({
        data: {
          teamId,
          userId: member.userId,
          code: `P-DEMO${String(i + 1).padStart(4, '0')}`,
          gender: pick(GENDERS.slice(0, 3), i) ?? null,
          ageBand: pick(AGE_BANDS, i) ?? null,
          employment: pick(EMPLOYMENT, i) ?? null,
          // One record left incomplete: the pack lists it as to complete.
          education: i === 5 ? null : (pick(EDUCATION, i) ?? null),
          disability: erased ? null : (pick(YES_NO_REFUSED, i + 1) ?? null),
          otherDisadvantage: erased ? null : (pick(YES_NO_REFUSED, i) ?? null),
          erasedAt: erased ? new Date(`${addDays(today, -20)}T10:00:00Z`) : null,
          erasedBy: erased ? COORDINATOR.userId : null,
          createdBy: COORDINATOR.userId,
        },
      });
      participants++;
    }
  }

  let sheets = 0;
  if ((await db.timeSheet.count({ where: { teamId } })) > 0) return { sheets, participants };
  const thisMonth = today.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const months = [previousMonth(previousMonth(lastMonth)), previousMonth(lastMonth), lastMonth];
  const names = new Map<string, string>(DEMO_MEMBERS.map((m) => [m.userId, m.displayName]));
  for (const [age, month] of months.entries()) {
    const { first, last } = monthBounds(month);
    const contracts = await db.contract.findMany({
      where: { teamId, startDate: { lte: last }, OR: [{ endDate: null }, { endDate: { gte: first } }] },
      orderBy: [{ userId: 'asc' }, { startDate: 'asc' }],
    });
    const users = [...new Set(contracts.map((c) => c.userId))];
    for (const [i, userId] of users.entries()) {
      const mine = contracts
        .filter((c) => c.userId === userId)
        .map((c) => ({ id: c.id, startDate: isoDay(c.startDate), endDate: toIsoDate(c.endDate), weeklyHours: c.weeklyHours ?? undefined }));
      const latest = mine.at(-1);
      if (!latest) continue;
      const weeks = sheetWeeks(month, mine, new Map());
      const hours = prefill(weeks, DEFAULT_PROPORTIONS);
      // The oldest month approved; the one before last approved but one; the last one: a third still to sign.
      const status =
        age === 0
          ? 'countersigned'
          : age === 1
            ? i === 0
              ? 'signed'
              : 'countersigned'
            : i % 3 === 0
              ? 'draft'
              : i % 3 === 1
                ? 'signed'
                : 'countersigned';
      const cells = weeks.map((w, k) => ({ start: w.start, hours: hours[k] ?? zeroHours() }));
      const print = fingerprint({ teamId, userId, month, weeks: cells });
      const asked = zonedInstant(addDays(last, 1), 9, 0, timeZone);
      const signedAt = zonedInstant(addDays(last, 3), 11, 0, timeZone);
      const approvedAt = zonedInstant(addDays(last, 5), 15, 0, timeZone);
      await db.timeSheet.create({
        data: {
          teamId,
          userId,
          month,
          status,
          contractId: latest.id,
          askedAt: asked,
          lines: {
            create: cells.flatMap((c) => TASK_KINDS.map((kind) => ({ weekStart: c.start, kind, hours: c.hours[kind] }))),
          },
          signatures: {
            create: [
              ...(status !== 'draft'
                ? [{ role: 'employee', userId, name: names.get(userId) ?? userId, signedAt, fingerprint: print }]
                : []),
              ...(status === 'countersigned'
                ? [{ role: 'manager', userId: COORDINATOR.userId, name: COORDINATOR.displayName, signedAt: approvedAt, fingerprint: print }]
                : []),
            ],
          },
          log: { create: [{ action: 'created', by: 'job', at: asked }] },
        },
      });
      sheets++;
    }
  }
  return { sheets, participants };
}
