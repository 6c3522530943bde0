// A network of more than a thousand animators (a national one): what is read by lists of ids —
// members' names, time sheets' lines and signatures, members' skills — is read a page at a time,
// so that no query outgrows SQLite's limit on parameters; and what Slack shows of such a list
// says how many it leaves out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEAM_ID } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
const MEMBERS = 1_100;
/** A count as French writes it: « 1 100 », thousands grouped by a narrow no-break space. */
const grouped = (n: number) => n.toLocaleString('fr-FR');
const users = Array.from({ length: MEMBERS }, (_, i) => `U${String(i).padStart(8, '0')}`);
/** Monday 7 December 2026, 09:00 in Paris: the sheets asked on Tuesday 1st are due for a reminder. */
const MONDAY = new Date('2026-12-07T08:00:00Z');
const ASKED = new Date('2026-12-01T08:00:00Z');

beforeAll(async () => {
  app = await startTestApp({ now: '2026-12-07T08:00:00Z' });
  const prisma = app.db.database.prisma;
  const members = await prisma.member.createManyAndReturn({
    data: users.map((userId, i) => ({ teamId: TEAM_ID, userId, displayName: `Animatrice ${i}` })),
    select: { id: true },
  });
  await prisma.memberSkill.createMany({
    // Four skills each: more people than one message can list.
    data: members.flatMap((m) =>
      [
        'Soudure à l’arc et au chalumeau',
        'Impression 3D et découpe laser',
        'Animation d’ateliers numériques',
        'Montage de dossiers FSE+',
      ].map((label, i) => ({ memberId: m.id, tag: i === 0 ? 'soudure' : `competence ${i}`, label })),
    ),
  });
  const contracts = await prisma.contract.createManyAndReturn({
    data: users.map((userId) => ({
      teamId: TEAM_ID,
      userId,
      type: 'pec',
      startDate: '2026-01-05',
      endDate: '2027-01-04',
      weeklyHours: 20,
      prescriber: 'france_travail',
      createdBy: COORDINATOR,
    })),
    select: { id: true, userId: true },
  });
  // Each animator: October's sheet still to sign, November's signed and waiting for approval.
  await prisma.timeSheet.createMany({
    data: contracts.map((c) => ({
      teamId: TEAM_ID,
      userId: c.userId,
      month: '2026-10',
      contractId: c.id,
      status: 'draft',
      askedAt: ASKED,
    })),
  });
  const signed = await prisma.timeSheet.createManyAndReturn({
    data: contracts.map((c) => ({
      teamId: TEAM_ID,
      userId: c.userId,
      month: '2026-11',
      contractId: c.id,
      status: 'signed',
      askedAt: ASKED,
    })),
    select: { id: true, userId: true },
  });
  await prisma.timeSheetSignature.createMany({
    data: signed.map((s) => ({
      sheetId: s.id,
      role: 'employee',
      userId: s.userId,
      name: s.userId,
      signedAt: new Date('2026-12-01T10:00:00Z'),
      fingerprint: 'f',
    })),
  });
}, 60_000);
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

describe('more than a thousand animators', () => {
  it('plans a reminder to each one of them whose sheet waits, and one to the coordinators for all the signed sheets', async () => {
    const lines = await app.planJob('timesheets', MONDAY);
    expect(lines.filter((l) => l.includes('rappel de signature à'))).toHaveLength(MEMBERS);
    expect(lines).toContain(`un rappel de validation à chaque coordinateur·rice pour ${grouped(MEMBERS)} feuilles signées`);
  });

  it('sends the coordinators one reminder naming the first sheets’ animators and counting the others', async () => {
    // Only the coordinators' reminder is due: October's sheets were reminded already.
    await app.db.database.prisma.timeSheet.updateMany({ where: { month: '2026-10' }, data: { employeeRemindedAt: MONDAY } });
    expect(await app.runJob('timesheets', MONDAY)).toContain('1\u202f100 rappels envoyés');
    const reminder = JSON.stringify(
      (await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === COORDINATOR && JSON.stringify(c.args).includes('Rappel')))
        .args,
    );
    expect(reminder).toContain(`${grouped(MEMBERS)} feuilles de temps signées attendent toujours la validation`);
    expect(reminder).toContain(`<@${users[0]}>`);
    expect(reminder).toContain(`… et ${grouped(MEMBERS - 8)} autres`);
  });

  it('suggests three of them with the skill a help request wants', async () => {
    const suggested = await app.services.help.suggestions(TEAM_ID, {
      requesterId: users[0] ?? '',
      category: 'fabrication',
      skillsWanted: ['soudure'],
    });
    expect(suggested).toHaveLength(3);
    expect(suggested).not.toContain(users[0]);
    for (const userId of suggested) expect(users).toContain(userId);
  });

  it('answers /competences with as many of them as a message holds, and how many more there are', async () => {
    await app.command('/competences', COORDINATOR, 'soudure');
    const answer = await app.slack.waitForResponse();
    const blocks = answer.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const shown = JSON.stringify(blocks).match(/<@U\d{8}>/g) ?? [];
    expect(shown.length).toBeGreaterThan(100);
    expect(blocks.at(-1)?.elements?.[0]?.text).toBe(`… et ${grouped(MEMBERS - shown.length)} de plus`);
  });
});
