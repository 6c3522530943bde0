// The network's contract deadlines read only the contracts whose end date can put a milestone
// in the window: what they give must be exactly what every contract's calendar gives, whatever
// the lead times, decisions and milestones already recorded. And /contrat's page of contracts
// walks each renewal chain in one query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MILESTONE_KEYS, milestonesFor, plan } from '../../src/features/contracts/milestones.ts';
import { REMINDERS_AFTER_END_DAYS } from '../../src/features/contracts/service.ts';
import { DECISIONS } from '../../src/features/contracts/vocabulary.ts';
import { formatCalendarDate } from '../../src/i18n/format.ts';
import { addDays, isoDay } from '../../src/time/calendar-date.ts';
import { zonedInstant } from '../../src/time/zone.ts';
import { oneOf } from '../../src/vocabulary.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
const TODAY = isoDay('2026-12-07');

/** A deterministic spread of contracts: end dates from a year ago to a year ahead. */
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

beforeAll(async () => {
  app = await startTestApp({ now: '2026-12-07T08:00:00Z' });
  const prisma = app.db.database.prisma;
  const leads = [15, 45, 90, 180];
  for (let i = 0; i < 240; i++) {
    const end = addDays(TODAY, Math.floor(random() * 730) - 365);
    const contract = await prisma.contract.create({
      data: {
        teamId: TEAM_ID,
        userId: `U0ANIM${String(i).padStart(3, '0')}`,
        type: 'pec',
        startDate: addDays(end, -364),
        endDate: end,
        prescriber: 'france_travail',
        leadTimeDays: leads[i % leads.length] ?? 45,
        decision: i % 9 === 0 ? 'renewed' : i % 7 === 0 ? 'not_renewed' : 'undecided',
        createdBy: 'U0COORD',
      },
    });
    // Some milestones already recorded (sent early by hand, or skipped).
    if (i % 5 === 0) {
      await prisma.contractMilestone.create({ data: { contractId: contract.id, key: 'd30', dueDate: addDays(end, -30), status: 'sent' } });
    }
  }
  // Another workspace's contract ending in the window.
  await prisma.contract.create({
    data: {
      teamId: 'T0ELSEWHERE',
      userId: 'U0ELSE',
      type: 'pec',
      startDate: addDays(TODAY, -300),
      endDate: addDays(TODAY, 20),
      prescriber: 'france_travail',
      createdBy: 'U0COORD',
    },
  });
}, 60_000);
afterAll(async () => app.close());

/** Every contract's calendar, computed from all of them: what the window must give. */
async function everyDeadline(days: number): Promise<string[]> {
  const rows = await app.db.database.prisma.contract.findMany({ where: { teamId: TEAM_ID }, include: { milestones: true } });
  const last = addDays(TODAY, days);
  return rows
    .filter((c) => c.decision !== 'renewed')
    .flatMap((c) =>
      milestonesFor({ startDate: isoDay(c.startDate), endDate: c.endDate ? isoDay(c.endDate) : undefined, leadTimeDays: c.leadTimeDays })
        .filter((m) => !c.milestones.some((r) => r.key === m.key) && m.sendDate >= TODAY && m.sendDate <= last)
        .map((m) => `${m.sendDate} ${c.userId} ${m.key}`),
    )
    .sort();
}

describe('the network’s contract deadlines', () => {
  it.each([30, 90])('gives every milestone of the next %i days, and only those, from the contracts that can have one', async (days) => {
    const expected = await everyDeadline(days);
    expect(expected.length).toBeGreaterThan(20);
    const all = await app.services.contracts.upcomingInNetwork(TEAM_ID, days, 10_000);
    expect(all.total).toBe(expected.length);
    expect(all.items.map((u) => `${u.milestone.sendDate} ${u.contract.userId} ${u.milestone.key}`).sort()).toEqual(expected);
  });

  it('shows the soonest first and counts the rest', async () => {
    const expected = await everyDeadline(30);
    const shown = await app.services.contracts.upcomingInNetwork(TEAM_ID, 30, 8);
    expect(shown.total).toBe(expected.length);
    expect(shown.items).toHaveLength(8);
    const dates = shown.items.map((u) => u.milestone.sendDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates.at(-1) ?? '').toBe(expected[7]?.slice(0, 10));
  });
});

describe('contract-reminders', () => {
  it('plans, on any day, exactly what every contract’s calendar says is due, reading only the contracts that can have something due', async () => {
    const rows = await app.db.database.prisma.contract.findMany({ where: { teamId: TEAM_ID }, include: { milestones: true } });
    for (const day of ['2026-12-07', '2027-02-15', '2027-05-03']) {
      const today = isoDay(day);
      // Contracts ended more than REMINDERS_AFTER_END_DAYS ago are settled: nothing more is sent or recorded.
      const expected = rows
        .filter((c) => c.endDate !== null && c.endDate >= addDays(today, -REMINDERS_AFTER_END_DAYS))
        .flatMap((c) => {
          const { send, skip } = plan(
            milestonesFor({
              startDate: isoDay(c.startDate),
              endDate: c.endDate ? isoDay(c.endDate) : undefined,
              leadTimeDays: c.leadTimeDays,
            }),
            today,
            new Set(c.milestones.map((m) => oneOf(MILESTONE_KEYS, m.key, 'd0'))),
            oneOf(DECISIONS, c.decision, 'undecided'),
          );
          return [
            ...(send ? [`send #${c.id} ${send.key} ${send.sendDate}`] : []),
            ...skip.map((m) => `skip #${c.id} ${m.key} ${m.sendDate}`),
          ];
        })
        .sort();
      const lines = await app.planJob('contract-reminders', zonedInstant(today, 10, 0, 'Europe/Paris'));
      // The dry run's lines, in the network's language, read back: « enverrait l’étape d90 du
      // contrat n° 12 (prévue le 7 décembre 2026) ».
      const planned = lines
        .flatMap((l) => l.split('\n'))
        .map((l) => /^(enverrait|passerait) l’étape (\w+) du contrat n° (\d+) \(prévue le ([^,)]+)/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => `${m[1] === 'enverrait' ? 'send' : 'skip'} #${m[3]} ${m[2]} ${m[4]}`)
        .sort();
      expect(planned).toEqual(
        expected.map((line) => line.replace(/\d{4}-\d{2}-\d{2}$/, (d) => formatCalendarDate(isoDay(d), 'fr'))).sort(),
      );
    }
  });
});

describe('/contrat’s list', () => {
  it('counts the months of each renewal chain on the page', async () => {
    const prisma = app.db.database.prisma;
    const link = (start: string, end: string, previousId?: number) =>
      prisma.contract.create({
        data: {
          teamId: TEAM_ID,
          userId: 'U0CHAIN',
          type: 'pec',
          startDate: start,
          endDate: end,
          prescriber: 'france_travail',
          createdBy: 'U0COORD',
          ...(previousId ? { previousId, decision: 'undecided' } : {}),
        },
      });
    const first = await link('2024-12-01', '2025-11-30');
    const second = await link('2025-12-01', '2026-11-30', first.id);
    const third = await link('2026-12-01', '2027-05-31', second.id);
    const { entries, total } = await app.services.contracts.listPage(TEAM_ID, 0, 1_000);
    const mine = entries.find((e) => e.contract.id === third.id);
    // 12 + 12 months, and the current contract's 6.
    expect(mine?.months).toBeCloseTo(30, 0);
    expect(total).toBe(entries.length);
    expect(entries.map((e) => e.contract.endDate ?? '9999')).toEqual(entries.map((e) => e.contract.endDate ?? '9999').sort());
  });
});
