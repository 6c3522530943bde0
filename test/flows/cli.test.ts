// The command-line entry points that work on the database, run as a user runs them, on
// SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, run, startMain } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';

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
    expect(res.stdout).toContain('would post to C0AGENDA (attempt 1): Café outils #13');
    const row = await db.database.prisma.outboxMessage.findFirst({ where: { channel: 'C0AGENDA' } });
    expect(row?.status).toBe('pending');
    expect(await db.database.prisma.jobRun.count()).toBe(0);
  });

  it('runs a slot once: the same --now twice does nothing the second time', async () => {
    const env = { DATABASE_URL: db.url, SLACK_BOT_TOKEN: 'xoxb-offline', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    const first = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:00+01:00'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('housekeeping @ 2026-12-07T02:17:00.000Z');
    const second = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:30+01:00'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already run for this slot');
    expect(await db.database.prisma.jobRun.count({ where: { jobName: 'housekeeping' } })).toBe(1);
  });
});
