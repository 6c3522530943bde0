// The command-line entry points, run as a user runs them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/migrations.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { FakeSocketMode } from '../support/fake-socket-mode.ts';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script from an empty folder (so no developer .env is read) with the given environment. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'tl-cli-'));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db.drop());

describe('npm start', () => {
  it('stops at once without Slack credentials, saying what is missing and how to create the app', async () => {
    const res = await run('src/main.ts', [], { DATABASE_URL: db.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SLACK_BOT_TOKEN');
    expect(res.stderr).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
    expect(res.stderr).toContain('manifest.yml');
  });

  it('exits with a clear message when the database cannot be reached', async () => {
    const res = await run('src/main.ts', [], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot open the database at postgresql://***@127.0.0.1:1/nowhere');
  });

  it('names every malformed setting', async () => {
    const res = await run('src/main.ts', [], { DATABASE_URL: db.url, PORT: 'abc', TIMEZONE: 'Mars/Olympus' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).toContain('TIMEZONE');
  });
});

interface RunningMain {
  port: number;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `npm start` (src/main.ts) from an empty folder and waits until /healthz answers. */
async function startMain(env: Record<string, string>): Promise<RunningMain> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const cwd = mkdtempSync(join(tmpdir(), 'tl-start-'));
  const child = spawn(TSX, [join(PROJECT_ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: db.url, PORT: String(port), ...env },
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (health?.status === 200) break;
  }
  return {
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}

describe('npm start in HTTP mode', () => {
  it('migrates, serves /healthz and Slack’s endpoint, then stops cleanly on SIGTERM', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const app = await startMain({
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

describe('npm start in Socket Mode', () => {
  it('connects to Slack over a WebSocket and still serves /healthz on PORT', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const socket = new FakeSocketMode();
    await socket.start();
    slack.respond('apps.connections.open', () => ({ url: socket.url }));
    const app = await startMain({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-abc', SLACK_API_URL: slack.apiUrl });
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      for (let i = 0; i < 50 && !app.output().includes('Socket Mode'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(app.output()).toContain('running in Socket Mode');
      expect(socket.connections).toBeGreaterThanOrEqual(1);
      expect(slack.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(1);
      expect(app.output()).not.toContain('xapp-1-A0APP');
    } finally {
      await app.stop();
      await socket.stop();
      await slack.stop();
    }
  });
});

describe('npm run job', () => {
  it('lists the known jobs when the name is unknown, and exits non-zero', async () => {
    const res = await run('src/cli/job.ts', ['no-such-job'], { DATABASE_URL: db.url });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Unknown job "no-such-job"');
    expect(res.stderr).toMatch(/Known jobs: .*outbox/);
  });

  it('refuses an instant that is not ISO-8601', async () => {
    const res = await run('src/cli/job.ts', ['outbox', '--now', 'lundi'], { DATABASE_URL: db.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--now');
  });

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
