// The funders' pack, opened as a coordinator would: one ZIP whose every file is parsed back —
// the CSV files (BOM, « ; », dd/MM/yyyy, decimal commas), every time sheet's PDF, and the list
// of what is still missing, each matching what the database holds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoContracts } from '../../src/db/demo/contracts.ts';
import { seedDemoEvents } from '../../src/db/demo/events.ts';
import { seedDemoEvidence } from '../../src/db/demo/evidence.ts';
import { seedDemoHelp } from '../../src/db/demo/help.ts';
import { DEMO_TEAM_ID, seedDemo } from '../../src/db/demo/network.ts';
import { slugify } from '../../src/features/network/service.ts';
import { ParticipantRepository } from '../../src/features/participants/repo.ts';
import { ReportActions } from '../../src/features/reports/ids.ts';
import { formatCalendarDate } from '../../src/i18n/format.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { readPdf } from '../support/pdf.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';
import { readZip } from '../support/zip.ts';

let app: TestApp;
const period = { from: isoDay('2026-01-01'), to: isoDay('2026-11-30') };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-11-30T10:00:00Z' });
  const prisma = app.db.database.prisma;
  await seedDemo(prisma);
  await seedDemoEvents(prisma, DEMO_TEAM_ID, new Date('2026-11-30T10:00:00Z'), 'Europe/Paris');
  await seedDemoHelp(prisma, app.services.skills, DEMO_TEAM_ID, new Date('2026-11-30T10:00:00Z'), 'C0HELP');
  await seedDemoContracts(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'));
  await seedDemoEvidence(prisma, DEMO_TEAM_ID, isoDay('2026-11-30'), 'Europe/Paris');
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

/** A CSV file as a spreadsheet reads it: BOM first, then rows of « ; »-separated cells. */
function rowsOf(bytes: Buffer | undefined): string[][] {
  const text = bytes?.toString('utf8') ?? '';
  expect(text.startsWith('\ufeff')).toBe(true);
  return parse(text.slice(1), { delimiter: ';', record_delimiter: '\r\n' });
}

describe('the funders’ pack', () => {
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-pack-'));
    try {
      const path = join(dir, app.services.pack.filename(period));
      const summary = await app.services.pack.write(DEMO_TEAM_ID, period, path);
      files = await readZip(readFileSync(path));
      expect(summary.files).toBe(files.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds the three usual CSV files, the hours, the participants, the list of what is missing and every time sheet', async () => {
    const sheets = await app.db.database.prisma.timeSheet.count({ where: { teamId: DEMO_TEAM_ID } });
    const names = [...files.keys()];
    expect(names.filter((n) => !n.startsWith('feuilles_de_temps/')).sort()).toEqual(
      ['a_completer.csv', 'entraide.csv', 'evenements.csv', 'participants_fse.csv', 'synthese.csv', 'temps_mensuel.csv'].sort(),
    );
    expect(names.filter((n) => /^feuilles_de_temps\/feuille-de-temps-2026-\d\d-[a-z-]+\.pdf$/.test(n))).toHaveLength(sheets);
    const events = rowsOf(files.get('evenements.csv'));
    expect(events[0]?.slice(0, 3)).toEqual(['Date', 'Début', 'Fin']);
    expect(events.slice(1).every((r) => /^\d\d\/\d\d\/2026$/.test(r[0] ?? ''))).toBe(true);
  });

  it('gives the hours of each animator × month × task kind, summed, with the signature dates', async () => {
    const prisma = app.db.database.prisma;
    const rows = rowsOf(files.get('temps_mensuel.csv'));
    expect(rows[0]).toEqual(['Personne', 'Mois', 'Type de tâche', 'Heures', 'Signée par la personne le', 'Validée par le responsable le']);
    const sheets = await prisma.timeSheet.findMany({ where: { teamId: DEMO_TEAM_ID }, include: { lines: true, signatures: true } });
    expect(rows.length - 1).toBe(sheets.length * 7);
    const sheet = sheets.find((s) => s.status === 'countersigned');
    if (!sheet) throw new Error('the demo has an approved sheet');
    const member = await prisma.member.findFirstOrThrow({ where: { teamId: DEMO_TEAM_ID, userId: sheet.userId } });
    const month = `${sheet.month.slice(5)}/${sheet.month.slice(0, 4)}`;
    const prep = rows.find((r) => r[0] === member.displayName && r[1] === month && r[2] === 'Préparation');
    const expected = sheet.lines.filter((l) => l.kind === 'preparation').reduce((s, l) => s + l.hours, 0);
    expect(prep?.[3]).toBe(String(expected).replace('.', ','));
    expect(prep?.[4]).toMatch(/^\d\d\/\d\d\/2026$/);
    expect(prep?.[5]).toMatch(/^\d\d\/\d\d\/2026$/);
    const draft = sheets.find((s) => s.status === 'draft');
    const draftName = (await prisma.member.findFirstOrThrow({ where: { teamId: DEMO_TEAM_ID, userId: draft?.userId ?? '' } })).displayName;
    const draftRow = rows.find((r) => r[0] === draftName && r[1] === `${draft?.month.slice(5)}/${draft?.month.slice(0, 4)}`);
    expect(draftRow?.slice(4)).toEqual(['', '']);
  });

  it('lists the participants by their pseudonymous id only, the erased answers said so', async () => {
    const rows = rowsOf(files.get('participants_fse.csv'));
    expect(rows[0]?.[0]).toBe('Identifiant');
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual((await app.db.database.prisma.participant.findMany({ where: { teamId: DEMO_TEAM_ID } })).map((p) => p.code).sort());
    const text = files.get('participants_fse.csv')?.toString('utf8') ?? '';
    expect(text).not.toMatch(/U0DEMO|Camille|Julien/);
    expect(rows.find((r) => r[0] === 'P-DEMO0004')?.slice(5, 7)).toEqual(['effacé à la demande', 'effacé à la demande']);
    expect(rows[1]?.[7]).toMatch(/^\d\d\/\d\d\/20\d\d$/);
  });

  it('reads every participant present in a period, however the records are paged', async () => {
    const repo = new ParticipantRepository(app.db.database.prisma);
    const codes = async (from: string, to: string, pageSize: number) => {
      const out: string[] = [];
      for await (const page of repo.inPeriod(DEMO_TEAM_ID, isoDay(from), isoDay(to), pageSize)) out.push(...page.map((p) => p.code));
      return out;
    };
    // Early in the year some animators had not entered yet: pages of one leave them out, not the rest.
    const early = await codes('2025-12-01', '2025-12-31', 1000);
    expect(early.length).toBeGreaterThan(0);
    expect(early.length).toBeLessThan(10);
    expect(await codes('2025-12-01', '2025-12-31', 1)).toEqual(early);
    expect(await codes('2026-01-01', '2026-11-30', 3)).toHaveLength(10);
  });

  it('lists what is still missing: sheets to sign or approve, events without report or sheet, incomplete records', async () => {
    const prisma = app.db.database.prisma;
    const rows = rowsOf(files.get('a_completer.csv')).slice(1);
    const count = (what: string) => rows.filter((r) => r[0] === what).length;
    expect(count('Feuille de temps non signée')).toBe(await prisma.timeSheet.count({ where: { teamId: DEMO_TEAM_ID, status: 'draft' } }));
    expect(count('Feuille de temps non validée par le responsable')).toBe(
      await prisma.timeSheet.count({ where: { teamId: DEMO_TEAM_ID, status: 'signed' } }),
    );
    const now = new Date('2026-11-30T10:00:00Z');
    const past = { teamId: DEMO_TEAM_ID, status: 'scheduled', startAt: { gte: new Date('2025-12-31T23:00:00Z') }, endAt: { lte: now } };
    expect(count('Évènement sans fréquentation saisie')).toBe(await prisma.event.count({ where: { ...past, attendance: { is: null } } }));
    expect(count('Évènement sans feuille d’émargement conservée')).toBe(
      await prisma.event.count({ where: { ...past, attendance: { is: { sheetKept: false } } } }),
    );
    expect(rows.find((r) => r[0] === 'Questionnaire d’entrée incomplet')?.[1]).toBe('P-DEMO0006');
  });

  it('holds each time sheet as a one-page PDF with its table, its signatures or their absence, and the mention', async () => {
    const sheets = [...files].filter(([n]) => n.startsWith('feuilles_de_temps/'));
    for (const [, bytes] of sheets) {
      expect(bytes.length).toBeLessThan(30_000);
      const pdf = await readPdf(bytes);
      expect(pdf.pages).toHaveLength(1);
      const text = pdf.text.replace(/\s+/g, ' ');
      expect(text).toMatch(/Feuille de temps (août|septembre|octobre) 2026/);
      expect(text).toMatch(/Validé par le responsable (Signé par Camille Roux le|Non signée)/);
      expect(text).toContain('Cofinancé par l’Union européenne');
      expect(text).toContain('Ce projet est cofinancé par le Fonds social européen (FSE+) et le Département.');
    }
  });

  it('prints on each time sheet its own animator, contract and host space', async () => {
    const prisma = app.db.database.prisma;
    const sheets = await prisma.timeSheet.findMany({
      where: { teamId: DEMO_TEAM_ID },
      select: { month: true, userId: true, contractId: true },
    });
    const names = new Map(
      (await prisma.member.findMany({ where: { teamId: DEMO_TEAM_ID }, select: { userId: true, displayName: true } })).map((m) => [
        m.userId,
        m.displayName,
      ]),
    );
    const spaces = new Map((await prisma.space.findMany({ where: { teamId: DEMO_TEAM_ID } })).map((s) => [s.id, s.name]));
    const printed = new Set<string>();
    for (const sheet of sheets) {
      const name = names.get(sheet.userId) ?? '';
      const contract = await prisma.contract.findUniqueOrThrow({ where: { id: sheet.contractId } });
      const space = contract.spaceId === null ? '—' : (spaces.get(contract.spaceId) ?? '');
      const bytes = files.get(`feuilles_de_temps/feuille-de-temps-${sheet.month}-${slugify(name)}.pdf`);
      expect(bytes, `${name} ${sheet.month}`).toBeDefined();
      const text = (await readPdf(bytes ?? Buffer.alloc(0))).text.replace(/\s+/g, ' ');
      expect(text).toContain(`Salarié·e : ${name}`);
      expect(text).toContain(`Structure d’accueil : ${space}`);
      expect(text).toContain(`du ${formatCalendarDate(isoDay(contract.startDate), 'fr').replace(/\s+/g, ' ')}`);
      printed.add(space);
    }
    // Sheets of animators of several spaces, printed together, each with its own.
    expect(printed.size).toBeGreaterThan(1);
  });

  it('writes every CSV file the same way: BOM, « ; », one header then rows of the same width', () => {
    for (const [name, bytes] of files) {
      if (!name.endsWith('.csv')) continue;
      const rows = rowsOf(bytes);
      expect(rows.length, name).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.length)).size, name).toBe(1);
    }
  });
});

describe('the funders’ pack from /bilan', () => {
  it('is offered to coordinators, sent to them by direct message, and refused to anyone else', async () => {
    await app.command('/bilan', COORDINATOR, '01/01/2026 30/11/2026');
    expect(JSON.stringify(await app.slack.waitForResponse())).toContain(ReportActions.pack);
    app.slack.reset();
    await app.command('/bilan', ANIMATOR, '01/01/2026 30/11/2026');
    expect(JSON.stringify(await app.slack.waitForResponse())).not.toContain(ReportActions.pack);

    app.slack.reset();
    await app.action({ actionId: ReportActions.pack, userId: COORDINATOR, value: '2026-01-01|2026-11-30' });
    // Said at once, privately, while the pack is made.
    const preparing = await app.slack.waitForResponse();
    expect(preparing.response_type).toBe('ephemeral');
    expect(String(preparing.text)).toContain('Je prépare le dossier financeurs');
    const done = await app.slack.waitFor('files.completeUploadExternal', () => true, 15_000);
    expect(done.args.channel_id).toBe(`D${COORDINATOR}`);
    expect(String(done.args.initial_comment)).toContain('Dossier financeurs du jeudi 1er\u00a0janvier 2026 au lundi 30\u00a0novembre 2026');
    const zip = await readZip(app.slack.uploads[0]?.bytes ?? Buffer.alloc(0));
    expect([...zip.keys()]).toContain('a_completer.csv');

    app.slack.reset();
    await app.action({ actionId: ReportActions.pack, userId: ANIMATOR, value: '2026-01-01|2026-11-30' });
    expect((await app.slack.waitForResponse()).response_type).toBe('ephemeral');
    expect(app.slack.uploads).toHaveLength(0);
  });
});

describe('a funders’ pack too large for Slack', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ now: '2026-11-30T10:00:00Z', env: { PACK_MAX_SHEETS_IN_SLACK: '2' } });
    // The workspace the test requests come from, with the demonstration's contracts and sheets.
    const prisma = small.db.database.prisma;
    await seedDemoContracts(prisma, TEAM_ID, isoDay('2026-11-30'));
    await seedDemoEvidence(prisma, TEAM_ID, isoDay('2026-11-30'), 'Europe/Paris');
  });
  afterAll(async () => small.close());

  it('is not made: the coordinator is told how many sheets it holds and how to get it written on the server', async () => {
    const sheets = await small.db.database.prisma.timeSheet.count({ where: { teamId: TEAM_ID } });
    expect(sheets).toBeGreaterThan(2);
    await small.action({ actionId: ReportActions.pack, userId: COORDINATOR, value: '2026-01-01|2026-11-30' });
    const answer = await small.slack.waitForResponse();
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toContain(`Ce dossier compterait ${sheets} feuilles de temps`);
    expect(String(answer.text)).toContain('2 feuilles au plus');
    expect(String(answer.text)).toContain('`npm run export -- --pack --from 2026-01-01 --to 2026-11-30`');
    expect(small.slack.uploads).toHaveLength(0);
    expect(small.slack.calls.filter((c) => c.method.startsWith('files.'))).toHaveLength(0);
  });
});
