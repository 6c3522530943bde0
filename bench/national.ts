// npm run bench:national -- [--scale 0.01|0.1|1] [--years 4] [--db <file:path | postgresql://…/name>] [--keep] [--seed-only]
// Seeds a fresh database at the shape of a national network (at scale 1: 3,500 spaces, 10,000
// members, 200,000 events over four years — 10 % shared by 2–3 spaces, attendance on most past
// ones —, 50,000 help requests — a fifth never resolved — and 20,000 contracts in renewal chains),
// deterministically, through the project's own schema; then times the jobs, /bilan for a year
// and the export on it, with wall time and the process's peak RSS. Not a test: nothing is asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase, providerOf } from '../src/db/client.ts';
import { applyMigrations, pgAdmin } from '../src/db/migrations.ts';
import { milestonesFor } from '../src/features/contracts/milestones.ts';
import { isoDay, toIsoDate } from '../src/time/calendar-date.ts';
import { NOW, TEAM } from './dataset.ts';
import { npmScript, productionFlags, startAndIdle } from './start.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.01' },
    years: { type: 'string', default: '4' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale takes a number in (0, 1]');

const DAY = 86_400_000;

/** A small deterministic generator: the same data set every run. */
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
/** Years of history (4 by default, ending with 2026): the same network's yearly activity, over more or fewer years. */
const years = Number(values.years);
if (!(Number.isInteger(years) && years >= 1 && years <= 100)) throw new Error('--years takes a whole number from 1 to 100');
const count = (n: number) => Math.max(1, Math.round(n * scale));
/** A count of the national shape's four years, for `years` of history. */
const history = (n: number) => count((n * years) / 4);

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (values['seed-only'] && !values.keep) throw new Error('--seed-only needs --keep (a database kept to be measured later)');
  if (values.keep) {
    // Measure again on the database a previous `--keep` run seeded (seeded now if it is empty).
    if (!values.db) throw new Error('--keep needs --db');
    if (providerOf(values.db) === 'postgresql') {
      const admin = new URL(values.db);
      const name = admin.pathname.replace(/^\//, '');
      admin.pathname = '/postgres';
      await pgAdmin(admin.toString(), `CREATE DATABASE "${name}"`).catch(() => undefined);
    }
    return { url: values.db, drop: async () => undefined };
  }
  if (values.db && providerOf(values.db) === 'postgresql') {
    const admin = new URL(values.db);
    const name = admin.pathname.replace(/^\//, '') || `tl_bench_${Date.now()}`;
    admin.pathname = '/postgres';
    await pgAdmin(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await pgAdmin(admin.toString(), `CREATE DATABASE "${name}"`);
    const url = new URL(values.db);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => pgAdmin(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  if (values.db) return { url: values.db, drop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'tl-national-'));
  return { url: `file:${join(dir, 'national.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Inserts rows in batches (a batch stays far below the databases' parameter limits). */
async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function seedNetwork(db: Database): Promise<void> {
  const p = db.prisma;
  await p.workspace.create({ data: { teamId: TEAM, name: 'Réseau national', createdAt: new Date('2022-01-01T00:00:00Z') } });
  await p.networkSettings.create({
    data: { teamId: TEAM, agendaChannelId: 'C0AGENDA', helpChannelId: 'C0HELP', coordinationChannelId: 'G0COORD' },
  });
  const spaces = count(3500);
  await inBatches(
    Array.from({ length: spaces }, (_, i) => ({
      teamId: TEAM,
      name: `Tiers-lieu ${i}`,
      slug: `tiers-lieu-${i}`,
      town: `Commune ${i % 900}`,
    })),
    (data) => p.space.createMany({ data }),
  );
  const spaceIds = (await p.space.findMany({ where: { teamId: TEAM }, select: { id: true } })).map((s) => s.id);
  const members = Array.from({ length: count(10_000) }, (_, i) => `U${String(i).padStart(8, '0')}`);
  await inBatches(
    members.map((userId, i) => ({ teamId: TEAM, userId, displayName: `Membre ${i}`, role: i < 20 ? 'coordinateur' : 'animateur' })),
    (data) => p.member.createMany({ data }),
  );
  const formats = ['atelier', 'cafe_outils', 'formation', 'permanence', 'rencontre_reseau', 'portes_ouvertes'] as const;
  const start = Date.UTC(2027 - years, 0, 1);
  const span = Date.UTC(2027, 0, 1) - start;
  const events = history(200_000);
  for (let from = 0; from < events; from += 2000) {
    const created = await p.event.createManyAndReturn({
      data: Array.from({ length: Math.min(2000, events - from) }, (_, k) => {
        const startAt = new Date(start + Math.floor(random() * (span / 3600_000)) * 3600_000);
        const endAt = new Date(startAt.getTime() + (1 + Math.floor(random() * 3)) * 3600_000);
        // As the event-followups job did every morning: asked the day after, reminded three days later.
        const asked = new Date(endAt.getTime() + DAY);
        const reminded = new Date(asked.getTime() + 3 * DAY);
        return {
          teamId: TEAM,
          uid: `national-${from + k}@tiers-lieux`,
          title: `Atelier ${from + k}`,
          format: pick(formats),
          startAt,
          endAt,
          createdBy: pick(members),
          updatedBy: 'U0',
          ...(asked < NOW ? { attendanceRequestedAt: asked } : {}),
          ...(reminded < NOW ? { attendanceRemindedAt: reminded } : {}),
        };
      }),
      select: { id: true, endAt: true, createdBy: true },
    });
    const hosts = created.flatMap((e) => {
      const first = pick(spaceIds);
      const shared = random() < 0.1 ? [pick(spaceIds), pick(spaceIds)].slice(0, random() < 0.5 ? 1 : 2) : [];
      return [...new Set([first, ...shared])].map((spaceId) => ({ eventId: e.id, spaceId }));
    });
    await inBatches(hosts, (data) => p.eventSpace.createMany({ data }));
    await inBatches(
      created.map((e) => ({ eventId: e.id, userId: e.createdBy, isCreator: true })),
      (data) => p.eventOrganizer.createMany({ data }),
    );
    const reported = created.filter((e) => e.endAt < NOW && random() < 0.85);
    await inBatches(
      reported.map((e) => {
        const total = 3 + Math.floor(random() * 20);
        return {
          eventId: e.id,
          total,
          women: Math.floor(total / 2),
          men: total - Math.floor(total / 2),
          reportedBy: e.createdBy,
          sheetKept: true,
        };
      }),
      (data) => p.attendance.createMany({ data }),
    );
  }
  const requests = history(50_000);
  await inBatches(
    Array.from({ length: requests }, (_, i) => {
      const createdAt = new Date(start + random() * (NOW.getTime() - start));
      const resolved = random() >= 0.2;
      return {
        teamId: TEAM,
        requesterId: pick(members),
        question: `Question ${i}`,
        category: 'technique',
        urgency: pick(['today', 'week', 'whenever'] as const),
        skillsWanted: '[]',
        channelId: 'C0HELP',
        status: resolved ? 'resolved' : 'open',
        createdAt,
        lastActivityAt: createdAt,
        resolvedAt: resolved ? new Date(createdAt.getTime() + 86_400_000) : null,
        ...(resolved ? {} : { nudgedPeersAt: createdAt, nudgedCoordinatorsAt: createdAt, staleAskedAt: createdAt }),
      };
    }),
    (data) => p.helpRequest.createMany({ data }),
  );
  // Contracts in renewal chains of up to three one-year contracts, written one link at a time.
  const contracts = history(20_000);
  const chains = Math.ceil(contracts / 3);
  let links = Array.from({ length: chains }, (_, chain) => ({
    userId: members[chain % members.length] ?? 'U0',
    start: new Date(Date.UTC(2028 - years, 0, 1) + Math.floor(random() * (years - 1.5) * 365) * 86_400_000),
    previousId: undefined as number | undefined,
  }));
  let made = 0;
  for (let link = 0; link < 3 && made < contracts; link++) {
    links = links.slice(0, contracts - made);
    const rows = links.map((l) => {
      const end = new Date(l.start.getTime() + 364 * 86_400_000);
      return {
        teamId: TEAM,
        userId: l.userId,
        type: 'pec',
        startDate: l.start.toISOString().slice(0, 10),
        endDate: end.toISOString().slice(0, 10),
        prescriber: 'france_travail',
        createdBy: 'U0',
        ...(l.previousId !== undefined ? { previousId: l.previousId } : {}),
      };
    });
    const created: { id: number; endDate: string | null }[] = [];
    await inBatches(rows, async (data) => {
      created.push(...(await p.contract.createManyAndReturn({ data, select: { id: true, endDate: true } })));
    });
    made += created.length;
    // As the app did: the renewed contract is marked so, and contract-reminders recorded every
    // milestone whose day has passed (sent, or skipped when the decision dropped it).
    const renewed = links.flatMap((l) => (l.previousId === undefined ? [] : [l.previousId]));
    for (let i = 0; i < renewed.length; i += 500) {
      await p.contract.updateMany({ where: { id: { in: renewed.slice(i, i + 500) } }, data: { decision: 'renewed' } });
    }
    const today = NOW.toISOString().slice(0, 10);
    await inBatches(
      created.flatMap((c, i) =>
        milestonesFor({ startDate: isoDay(rows[i]?.startDate ?? ''), endDate: toIsoDate(c.endDate), leadTimeDays: 45 })
          .filter((m) => m.sendDate < today)
          .map((m) => ({ contractId: c.id, key: m.key, dueDate: m.sendDate, status: 'sent', sentAt: new Date(`${m.sendDate}T08:00:00Z`) })),
      ),
      (data) => p.contractMilestone.createMany({ data }),
    );
    links = created.map((c, i) => ({
      userId: links[i]?.userId ?? 'U0',
      start: new Date(new Date(`${c.endDate}T00:00:00Z`).getTime() + 86_400_000),
      previousId: c.id,
    }));
  }
  await seedEvidence(db);
}

/** The months of time sheets the national network has: the twelve before NOW's. */
const SHEET_MONTHS = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 12 + i, 1));
  return d.toISOString().slice(0, 7);
});

/** The first day of a month and each Monday after it, within the month. */
function weekStarts(month: string): string[] {
  const days: string[] = [];
  const first = new Date(`${month}-01T00:00:00Z`);
  for (let d = first; d.toISOString().slice(0, 7) === month; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getTime() === first.getTime() || d.getUTCDay() === 1) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Funders' evidence as a year of the app would leave it: each animator under contract has one
 * time sheet a month (countersigned, but for the last two months: some still waiting for the
 * animator or a coordinator, as the reminders find them), and an entry questionnaire each.
 */
async function seedEvidence(db: Database): Promise<void> {
  const p = db.prisma;
  const contracts = await p.contract.findMany({
    where: { teamId: TEAM },
    select: { id: true, userId: true, startDate: true, endDate: true },
    orderBy: { startDate: 'asc' },
  });
  const [october, november] = SHEET_MONTHS.slice(-2);
  for (const month of SHEET_MONTHS) {
    const first = `${month}-01`;
    const end = `${month}-31`;
    const latest = new Map<string, number>();
    for (const c of contracts) if (c.startDate <= end && (c.endDate === null || c.endDate >= first)) latest.set(c.userId, c.id);
    const asked = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1, 8));
    const after = (days: number) => new Date(asked.getTime() + days * 86_400_000);
    const rows = [...latest].map(([userId, contractId]) => {
      const r = random();
      // November's: 40 % not signed yet, 30 % waiting for a coordinator; October's: 10 % still waiting.
      let status = 'countersigned';
      if (month === november) status = r < 0.4 ? 'draft' : r < 0.7 ? 'signed' : 'countersigned';
      if (month === october && r < 0.1) status = 'signed';
      return {
        teamId: TEAM,
        userId,
        month,
        contractId,
        status,
        askedAt: asked,
        ...(status === 'signed' && month === october ? { managerRemindedAt: after(6) } : {}),
      };
    });
    const sheets: { id: number; userId: string; status: string }[] = [];
    await inBatches(rows, async (data) => {
      sheets.push(...(await p.timeSheet.createManyAndReturn({ data, select: { id: true, userId: true, status: true } })));
    });
    const weeks = weekStarts(month);
    await inBatches(
      sheets.flatMap((sheet) =>
        weeks.flatMap((weekStart) => [
          { sheetId: sheet.id, weekStart, kind: 'animation', hours: 12 },
          { sheetId: sheet.id, weekStart, kind: 'preparation', hours: 6.5 },
          { sheetId: sheet.id, weekStart, kind: 'accueil', hours: 4 },
        ]),
      ),
      (data) => p.timeSheetLine.createMany({ data }),
    );
    await inBatches(
      sheets.flatMap((sheet) => [
        ...(sheet.status === 'draft'
          ? []
          : [
              {
                sheetId: sheet.id,
                role: 'employee',
                userId: sheet.userId,
                name: `Membre ${sheet.userId}`,
                signedAt: after(1),
                fingerprint: 'seed',
              },
            ]),
        ...(sheet.status === 'countersigned'
          ? [{ sheetId: sheet.id, role: 'manager', userId: 'U00000000', name: 'Membre 0', signedAt: after(3), fingerprint: 'seed' }]
          : []),
      ]),
      (data) => p.timeSheetSignature.createMany({ data }),
    );
  }
  const seen = new Set<string>();
  const firstLinks = contracts.filter((c) => !seen.has(c.userId) && seen.add(c.userId));
  await inBatches(
    firstLinks.map((c, i) => ({
      teamId: TEAM,
      userId: c.userId,
      code: `P${String(i).padStart(6, '0')}`,
      gender: pick(['femme', 'homme', 'non_binaire', 'refus'] as const),
      ageBand: pick(['moins_25', '25_54', 'plus_54'] as const),
      employment: pick(['chomeur', 'chomeur_longue_duree', 'inactif'] as const),
      education: pick(['cite_1_2', 'cite_3_4', 'cite_5_8'] as const),
      disability: pick(['oui', 'non', 'non', 'refus'] as const),
      otherDisadvantage: pick(['oui', 'non', 'refus'] as const),
      entryUpdatedBy: 'U00000000',
      entryUpdatedAt: new Date(`${c.startDate}T09:00:00Z`),
      createdBy: 'U00000000',
    })),
    (data) => p.participant.createMany({ data }),
  );
}

/** A child process's wall time and peak RSS (from /usr/bin/time), and what it printed. */
function timed(command: string[], env: Record<string, string>): { ms: number; peakRssMb: number; stdout: string } {
  const t0 = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', ...command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (res.status !== 0) throw new Error(`${command.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  const kb = Number(/maxrss=(\d+)/.exec(res.stderr)?.[1] ?? 0);
  return { ms, peakRssMb: kb / 1024, stdout: res.stdout };
}

/** A step of bench/steps.ts in its own process. */
function step(url: string, name: string): Record<string, number> {
  const { stdout } = timed([process.execPath, ...productionFlags(), '--import', 'tsx', 'bench/steps.ts', '--db', url, '--step', name], {});
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

const rows: string[][] = [];
const duration = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);

function row(what: string, ms: number | undefined, peakRssMb: number | undefined, note = ''): void {
  const cells = [what, ms === undefined ? '' : duration(ms), peakRssMb === undefined ? '' : `${peakRssMb.toFixed(0)} MB`, note];
  rows.push(cells);
  console.log(`${cells[0]?.padEnd(46)} ${cells[1]?.padStart(9)} ${cells[2]?.padStart(8)}  ${cells[3]}`);
}

/** The table again, in Markdown, dated and with the commit measured (for the README). */
function markdown(provider: string): void {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\n${provider}, scale ${scale}, ${years} years, ${new Date().toISOString().slice(0, 10)}, commit ${commit}:\n`);
  console.log('| what | wall / CPU | peak RSS | |');
  console.log('| --- | ---: | ---: | --- |');
  for (const cells of rows) console.log(`| ${cells.join(' | ')} |`);
}

// The commands are measured as `npm start` runs them, from the built JavaScript: built now, so
// that a source edited since the last build is not measured as a build.
spawnSync(process.execPath, ['scripts/run-built.mjs'], { stdio: 'inherit' });
const target = await freshDatabase();
try {
  await applyMigrations(target.url);
  const database = await openDatabase(target.url);
  if (await database.prisma.workspace.findUnique({ where: { teamId: TEAM } })) {
    console.log(`measuring the ${database.provider} database seeded by an earlier run (--keep)`);
  } else {
    const t0 = performance.now();
    await seedNetwork(database);
    console.log(`seeded ${database.provider} at scale ${scale} over ${years} years in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // As a database that grew over years has: statistics for the query planner and, on
  // PostgreSQL, the visibility map that lets a query read an index alone (autovacuum keeps both
  // in time; a database just seeded has neither).
  await database.prisma.$executeRawUnsafe(database.provider === 'postgresql' ? 'VACUUM ANALYZE' : 'ANALYZE');
  await database.close();
  if (values['seed-only']) process.exit(0);
  console.log(`${'what'.padEnd(46)} ${'wall'.padStart(9)} ${'peak RSS'.padStart(8)}`);
  const digest = step(target.url, 'weekly-digest');
  row('weekly-digest (plan: figures and message)', digest.ms ?? 0, digest.peakRssMb);
  row(
    '  its figures in hand-written SQL (floor)',
    digest.floorMs ?? 0,
    undefined,
    `ratio ${((digest.ms ?? 0) / (digest.floorMs ?? 1)).toFixed(2)}`,
  );
  for (const [name, label] of [
    ['help-nudges', 'help-nudges (plan)'],
    ['contract-reminders', 'contract-reminders (plan)'],
    ['event-followups', 'event-followups (plan)'],
    ['timesheets', 'timesheets (plan)'],
    ['bilan', '/bilan figures for a year'],
    ['home', 'App Home of a coordinator'],
    ['chart', 'monthly chart counts (12 months)'],
    ['export', 'export of a year, in process'],
  ] as const) {
    const r = step(target.url, name);
    row(label, r.ms ?? 0, r.peakRssMb);
  }
  const pack = step(target.url, 'pack');
  row(`funders' pack of a year (${pack.files ?? 0} files, ${Math.round(pack.mb ?? 0)} MB)`, pack.ms ?? 0, pack.peakRssMb);
  const env = { DATABASE_URL: target.url, TIMEZONE: 'Europe/Paris', LOG_LEVEL: 'warn' };
  const out = mkdtempSync(join(tmpdir(), 'tl-national-export-'));
  const exported = timed(npmScript('export', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out), env);
  rmSync(out, { recursive: true, force: true });
  row('`npm run export` of a year (whole command)', exported.ms, exported.peakRssMb);
  const outbox = timed(npmScript('job', 'outbox'), { ...env, SLACK_BOT_TOKEN: 'xoxb-bench' });
  row('`npm run job -- outbox` (whole command)', outbox.ms, outbox.peakRssMb);
  const ack = JSON.parse(
    timed(
      [process.execPath, ...productionFlags(), '--import', 'tsx', 'bench/ack.ts', '--db', target.url, '--requests', '7500'],
      {},
    ).stdout.trim(),
  ) as { appMs: number; bareMs: number; bareOpenMs: number };
  row('`/evenement`: CPU per command (modal opened)', ack.appMs, undefined, `ratio ${(ack.appMs / ack.bareMs).toFixed(2)}`);
  row('  bare Bolt app, no-op listener, same run', ack.bareMs, undefined);
  row('  bare Bolt app opening the same modal', ack.bareOpenMs, undefined, `ratio ${(ack.bareOpenMs / ack.bareMs).toFixed(2)}`);
  // The jobs missed since the data set was seeded are caught up first, as a first start would.
  const caughtUp = step(target.url, 'catch-up');
  console.log(`caught up ${caughtUp.jobs ?? 0} missed job runs in ${Math.round(caughtUp.ms ?? 0)} ms before measuring the start`);
  const started = await startAndIdle(target.url);
  row('`npm start` until /healthz answers', started.readyMs, undefined);
  row('  the app process idle, 10 s later', undefined, started.idleRssMb, 'RSS');
  markdown(providerOf(target.url));
} finally {
  await target.drop();
}
