import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import { seedDemoContracts } from '../../src/db/demo/contracts.ts';
import { seedDemoEvents } from '../../src/db/demo/events.ts';
import { seedDemoEvidence } from '../../src/db/demo/evidence.ts';
import { seedDemoHelp } from '../../src/db/demo/help.ts';
import { DEMO_TEAM_ID, seedDemo } from '../../src/db/demo/network.ts';
import { Store } from '../../src/db/store.ts';
import { EVENT_FORMATS } from '../../src/features/events/vocabulary.ts';
import { SkillService } from '../../src/features/skills/service.ts';
import { memoryLogger } from '../../src/logger.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db.drop());

describe('npm run demo', () => {
  it('fills a realistic network and a year of events, and adds nothing the second time', async () => {
    const prisma = db.database.prisma;
    const now = new Date('2026-11-30T08:00:00Z');
    expect(await seedDemo(prisma)).toEqual({ spaces: 10, members: 12 });
    const created = await seedDemoEvents(prisma, DEMO_TEAM_ID, now, 'Europe/Paris');
    expect(created).toBeGreaterThan(150);
    expect(created).toBeLessThan(200);
    const formats = await prisma.event.groupBy({ by: ['format'], _count: { _all: true } });
    expect(formats.map((f) => f.format).sort()).toEqual([...EVENT_FORMATS].sort());
    const cafes = await prisma.event.findMany({ where: { seriesName: 'Café outils' }, orderBy: { startAt: 'asc' } });
    expect(cafes.length).toBeGreaterThan(10);
    expect(cafes.map((c) => c.seriesNumber)).toEqual(cafes.map((_, i) => i + 1));
    const shared = await prisma.eventSpace.groupBy({ by: ['eventId'], _count: { _all: true } });
    expect(shared.filter((s) => s._count._all > 1).length).toBeGreaterThan(5);
    const past = await prisma.event.count({ where: { endAt: { lt: now }, status: 'scheduled' } });
    const reported = await prisma.attendance.count();
    expect(reported / past).toBeGreaterThan(0.75);
    expect(reported).toBeLessThan(past);
    expect(await seedDemo(prisma)).toEqual({ spaces: 10, members: 12 });
    expect(await seedDemoEvents(prisma, DEMO_TEAM_ID, now, 'Europe/Paris')).toBe(0);
    expect(await prisma.space.count()).toBe(10);

    const skills = new SkillService({ store: new Store(prisma, db.database.provider), logger: memoryLogger(), clock: new FixedClock(now) });
    const requests = await seedDemoHelp(prisma, skills, DEMO_TEAM_ID, now, 'C0HELP');
    expect(requests).toBeGreaterThan(20);
    const states = await prisma.helpRequest.groupBy({ by: ['status'], _count: { _all: true } });
    expect(states.map((s) => s.status).sort()).toEqual(['open', 'resolved', 'taken']);
    expect((await skills.search(DEMO_TEAM_ID, 'impression 3d')).length).toBeGreaterThanOrEqual(2);
    expect(await seedDemoHelp(prisma, skills, DEMO_TEAM_ID, now, 'C0HELP')).toBe(0);

    const contracts = await seedDemoContracts(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'));
    expect(contracts).toBeGreaterThanOrEqual(10);
    expect(await prisma.contract.count({ where: { previousId: { not: null } } })).toBeGreaterThan(0);
    expect(await seedDemoContracts(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'))).toBe(0);

    // Funders' evidence: three months of time sheets in every state, a participant record each.
    const evidence = await seedDemoEvidence(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'), 'Europe/Paris');
    expect(evidence.participants).toBe(10);
    expect(evidence.sheets).toBeGreaterThan(20);
    const sheetStates = await prisma.timeSheet.groupBy({ by: ['status'], _count: { _all: true } });
    expect(sheetStates.map((s) => s.status).sort()).toEqual(['countersigned', 'draft', 'signed']);
    expect((await prisma.timeSheet.findMany({ select: { month: true }, distinct: ['month'] })).map((s) => s.month).sort()).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(await prisma.participant.count({ where: { erasedAt: { not: null } } })).toBe(1);
    expect(await seedDemoEvidence(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'), 'Europe/Paris')).toEqual({ sheets: 0, participants: 0 });
  });
});
