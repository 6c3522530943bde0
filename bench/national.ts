// npm run bench:national -- [--scale 0.01|0.1|1] [--db <file:path | postgresql://…/name>]
// Seeds a fresh database at the shape of a national network (at scale 1: 3,500 spaces, 10,000
// members, 200,000 events over four years — 10 % shared by 2–3 spaces, attendance on most past
// ones —, 50,000 help requests — a fifth never resolved — and 20,000 contracts in renewal chains),
// deterministically, through the project's own schema; then times the jobs, /bilan for a year
// and the export on it, with wall time and the process's peak RSS. Not a test: nothing is asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { type Database, openDatabase, providerOf } from '../src/db/client.ts';
import { applyMigrations, pgAdmin } from '../src/db/migrations.ts';
import { describePlan } from '../src/jobs/types.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import type { SlackGateway } from '../src/slack/gateway.ts';
import { isoDay } from '../src/time/calendar-date.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.01' }, db: { type: 'string' } } });
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale takes a number in (0, 1]');
const TEAM = 'T0NATIONAL';
const NOW = new Date('2026-12-07T08:00:00Z'); // a Monday, 09:00 in Paris

/** A small deterministic generator: the same data set every run. */
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const count = (n: number) => Math.max(1, Math.round(n * scale));

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
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
  const start = new Date('2023-01-01T00:00:00Z').getTime();
  const span = new Date('2027-01-01T00:00:00Z').getTime() - start;
  const events = count(200_000);
  for (let from = 0; from < events; from += 2000) {
    const created = await p.event.createManyAndReturn({
      data: Array.from({ length: Math.min(2000, events - from) }, (_, k) => {
        const startAt = new Date(start + Math.floor(random() * (span / 3600_000)) * 3600_000);
        return {
          teamId: TEAM,
          uid: `national-${from + k}@tiers-lieux`,
          title: `Atelier ${from + k}`,
          format: pick(formats),
          startAt,
          endAt: new Date(startAt.getTime() + (1 + Math.floor(random() * 3)) * 3600_000),
          createdBy: pick(members),
          updatedBy: 'U0',
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
  const requests = count(50_000);
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
  // Contracts in renewal chains of up to three one-year contracts.
  const contracts = count(20_000);
  let made = 0;
  for (let chain = 0; made < contracts; chain++) {
    const userId = members[chain % members.length] ?? 'U0';
    let previousId: number | undefined;
    let startDay = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 900) * 86_400_000);
    for (let link = 0; link < 3 && made < contracts; link++, made++) {
      const end = new Date(startDay.getTime() + 364 * 86_400_000);
      const row: { id: number } = await p.contract.create({
        data: {
          teamId: TEAM,
          userId,
          type: 'pec',
          startDate: startDay.toISOString().slice(0, 10),
          endDate: end.toISOString().slice(0, 10),
          prescriber: 'france_travail',
          createdBy: 'U0',
          ...(previousId !== undefined ? { previousId, decision: 'undecided' } : {}),
        },
        select: { id: true },
      });
      previousId = row.id;
      startDay = new Date(end.getTime() + 86_400_000);
    }
  }
}

const silentSlack: SlackGateway = {
  postMessage: async (channel) => ({ ts: `${Date.now() / 1000}`, channel }),
  updateMessage: async () => undefined,
  postEphemeral: async () => undefined,
  openDirectMessage: async (user) => `D${user}`,
  publishHome: async () => undefined,
  openView: async () => ({ viewId: 'V' }),
  pushView: async () => ({ viewId: 'V' }),
  updateView: async () => undefined,
  uploadFile: async () => undefined,
  uploadFiles: async () => undefined,
  userProfile: async (user) => ({ id: user, displayName: user, locale: 'fr-FR', isBot: false, deleted: false }),
  channelStatus: async () => 'ok',
  isPrivateChannel: async () => true,
};

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
sampler.unref();

async function measure(label: string, work: () => Promise<unknown>): Promise<void> {
  peak = process.memoryUsage().rss;
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(8)} ms ${String(Math.round(peak / 1e6)).padStart(7)} MB peak RSS`);
}

const target = await freshDatabase();
try {
  await applyMigrations(target.url);
  const database = await openDatabase(target.url);
  const t0 = performance.now();
  await seedNetwork(database);
  console.log(`seeded ${database.provider} at scale ${scale} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = parseConfig({ DATABASE_URL: target.url, SLACK_BOT_TOKEN: 'xoxb-bench', TIMEZONE: 'Europe/Paris', LOG_LEVEL: 'error' });
  const services = createServices({
    config,
    db: database.prisma,
    clock: new FixedClock(NOW),
    logger: createLogger('error'),
    slack: silentSlack,
  });
  const plan = (name: string) => async () => {
    const job = services.jobs.find((j) => j.name === name);
    if (!job) throw new Error(name);
    return describePlan(await job.plan({ slot: NOW, logger: services.logger }));
  };
  console.log(`${'what'.padEnd(44)} ${'wall'.padStart(11)} ${'peak'.padStart(15)}`);
  await measure('weekly-digest (plan: figures and message)', plan('weekly-digest'));
  await measure('help-nudges (plan)', plan('help-nudges'));
  await measure('contract-reminders (plan)', plan('contract-reminders'));
  await measure('event-followups (plan)', plan('event-followups'));
  await measure('/bilan figures for 2026', () => services.reports.figures(TEAM, { from: isoDay('2026-01-01'), to: isoDay('2026-12-31') }));
  await measure('monthly chart counts (12 months)', () => services.reports.monthlyCounts(TEAM, '2026-11', 'fr'));
  const out = mkdtempSync(join(tmpdir(), 'tl-national-export-'));
  await measure('export of 2026 (streamed to disk)', () =>
    services.reports.writeCsvFiles(TEAM, { from: isoDay('2026-01-01'), to: isoDay('2026-12-31') }, out),
  );
  rmSync(out, { recursive: true, force: true });
  await database.close();
} finally {
  await target.drop();
}
