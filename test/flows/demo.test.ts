import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEvents } from '../../src/features/events/demo.ts';
import { EVENT_FORMATS } from '../../src/features/events/vocabulary.ts';
import { DEMO_TEAM_ID, seedDemo } from '../../src/features/network/demo.ts';
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
    expect(await seedDemo(prisma, DEMO_TEAM_ID)).toEqual({ spaces: 10, members: 12 });
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
    expect(await seedDemo(prisma, DEMO_TEAM_ID)).toEqual({ spaces: 10, members: 12 });
    expect(await seedDemoEvents(prisma, DEMO_TEAM_ID, now, 'Europe/Paris')).toBe(0);
    expect(await prisma.space.count()).toBe(10);
  });
});
