// The command-line entry points that work on the database, run as a user runs them, on
// SQLite and on PostgreSQL.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, run, startMain } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { readZip } from '../support/zip.ts';

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db.drop());

describe('npm start in HTTP mode', () => {
  it('migrates, serves /healthz and Slack’s endpoint, then stops cleanly on SIGTERM', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const app = await startMain(db.url, {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      COORDINATOR_USER_IDS: 'U0BOSS',
    });
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      const unsigned = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
        method: 'POST',
        body: 'x=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(unsigned.status).toBe(401);
      expect(app.output()).toContain('listening on http://localhost');
      // The workspace and the configured coordinator were recorded at start-up.
      expect(await db.database.prisma.workspace.findUnique({ where: { teamId: 'T0TEST' } })).not.toBeNull();
      expect((await db.database.prisma.member.findFirst({ where: { userId: 'U0BOSS' } }))?.role).toBe('coordinateur');
    } finally {
      expect(await app.stop()).toBe(0);
      expect(app.output()).toContain('stopped');
      expect(app.output()).not.toContain('xoxb-1');
      await slack.stop();
    }
  });
});

describe('npm run job', () => {
  it('prints, with --dry-run, what would be posted, and posts nothing', async () => {
    await db.database.prisma.outboxMessage.create({
      data: {
        teamId: 'T0TEST',
        kind: 'post',
        channel: 'C0AGENDA',
        payload: JSON.stringify({ text: 'Café outils #13' }),
        nextAttemptAt: new Date('2026-01-01T00:00:00Z'),
      },
    });
    const res = await run('src/cli/job.ts', ['outbox', '--dry-run', '--now', '2026-12-07T09:00:00+01:00'], { DATABASE_URL: db.url });
    expect(res.code).toBe(0);
    // Said in the network's language (French by default), as what it would do.
    expect(res.stdout).toContain('publierait dans C0AGENDA (essai 1)\u00a0: Café outils #13');
    // At the network's local time, not in UTC.
    expect(res.stdout).toMatch(/outbox \(lundi 7\u00a0décembre 2026, 9\sh\s00 \(Europe\/Paris\)\)\u00a0: 1 message à envoyer/);
    const row = await db.database.prisma.outboxMessage.findFirst({ where: { channel: 'C0AGENDA' } });
    expect(row?.status).toBe('pending');
    expect(await db.database.prisma.jobRun.count()).toBe(0);
  });

  it('runs a slot once: the same --now twice does nothing the second time', async () => {
    const env = { DATABASE_URL: db.url, SLACK_BOT_TOKEN: 'xoxb-offline', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    const first = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:00+01:00'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/housekeeping \(lundi 7\u00a0décembre 2026, 3\sh\s17 \(Europe\/Paris\)\)\u00a0: 0 trace oubliée/);
    const second = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:30+01:00'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('déjà exécuté pour ce créneau');
    expect(await db.database.prisma.jobRun.count({ where: { jobName: 'housekeeping' } })).toBe(1);
  });
});

describe('the workspace the command line acts on', () => {
  let several: TestDatabase;
  beforeAll(async () => {
    several = await freshDatabase();
    await several.database.prisma.workspace.create({ data: { teamId: 'T0FIRST', name: 'Réseau Drôme' } });
    await several.database.prisma.workspace.create({ data: { teamId: 'T0SECOND', name: 'Réseau Ardèche' } });
  });
  afterAll(async () => several.drop());

  it('npm run demo fills a demonstration workspace of its own, which the jobs never send for', async () => {
    const res = await run('src/cli/demo.ts', [], { DATABASE_URL: several.url });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('T0DEMO');
    const prisma = several.database.prisma;
    expect(await prisma.member.count({ where: { teamId: { in: ['T0FIRST', 'T0SECOND'] } } })).toBe(0);
    expect(await prisma.event.count({ where: { teamId: { in: ['T0FIRST', 'T0SECOND'] } } })).toBe(0);
    expect(await prisma.event.count({ where: { teamId: 'T0DEMO' } })).toBeGreaterThan(100);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { teamId: 'T0DEMO' } })).demo).toBe(true);
    // The weekly digest, dry run, speaks of the two real workspaces only.
    for (const team of ['T0FIRST', 'T0SECOND']) {
      const digest = await run('src/cli/job.ts', ['weekly-digest', '--dry-run', '--team', team, '--now', '2026-12-07T09:00:00+01:00'], {
        DATABASE_URL: several.url,
      });
      expect(digest.code, digest.stderr).toBe(0);
      expect(digest.stdout).toContain(team);
      expect(digest.stdout).not.toContain('T0DEMO');
    }
  });

  it('npm run export asks which one when there are several, listing them, and says which it exports', async () => {
    const env = { DATABASE_URL: several.url };
    const unnamed = await run('src/cli/export.ts', ['--from', '2026-01-01', '--to', '2026-12-31'], env);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('--team');
    expect(unnamed.stderr).toContain('T0FIRST');
    expect(unnamed.stderr).toContain('Réseau Ardèche');
    expect(unnamed.stderr).toContain('T0DEMO');
    const unknown = await run('src/cli/export.ts', ['--from', '2026-01-01', '--team', 'T0NOWHERE'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('T0NOWHERE');
    const out = mkdtempSync(join(tmpdir(), 'tl-export-'));
    try {
      const named = await run('src/cli/export.ts', ['--from', '2026-01-01', '--to', '2026-12-31', '--team', 'T0DEMO', '--out', out], env);
      expect(named.code, named.stderr).toBe(0);
      expect(named.stdout).toContain('Réseau démo — réseau de démonstration (T0DEMO)');
      expect(readFileSync(join(out, 'evenements.csv'), 'utf8').split('\r\n').length).toBeGreaterThan(50);
      // The funders' pack of the demonstration network, at once: one ZIP that opens.
      const pack = await run(
        'src/cli/export.ts',
        ['--from', '2026-01-01', '--to', '2026-12-31', '--team', 'T0DEMO', '--out', out, '--pack'],
        env,
      );
      expect(pack.code, pack.stderr).toBe(0);
      expect(pack.stdout).toContain('Dossier financeurs écrit');
      const zip = await readZip(readFileSync(join(out, 'dossier-financeurs-2026-01-01_2026-12-31.zip')));
      expect([...zip.keys()]).toEqual(expect.arrayContaining(['temps_mensuel.csv', 'participants_fse.csv', 'a_completer.csv']));
      expect([...zip.keys()].filter((n) => n.endsWith('.pdf')).length).toBeGreaterThan(20);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('npm run job asks which one when there are several, and runs for the one named', async () => {
    const env = { DATABASE_URL: several.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    const unnamed = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-08T03:17:00+01:00'], env);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('T0FIRST');
    expect(unnamed.stderr).toContain('T0SECOND');
    const named = await run('src/cli/job.ts', ['housekeeping', '--team', 'T0SECOND', '--now', '2026-12-08T03:17:00+01:00'], env);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('Réseau Ardèche (T0SECOND)');
  });
});
